"""Reading .ods through calamine, with what it cannot tell found in content.xml."""

from __future__ import annotations

import io
import zipfile

import pytest

from toolkit.values_book import ValuesBook
from toolkit.xlsx import Cell, XlsxError

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"')


MANIFEST = ('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            '</manifest:manifest>')


def ods(rows: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", MANIFEST)
        z.writestr("content.xml", f'<office:document-content {NS}><office:body><office:spreadsheet>'
                                  f'<table:table table:name="S">{rows}</table:table>'
                                  '</office:spreadsheet></office:body></office:document-content>')
    return out.getvalue()


def test_numbers_errors_and_booleans_at_their_places():
    book = ValuesBook(ods(
        '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/>'
        '</table:table-row>'
        '<table:table-row><table:covered-table-cell/>'
        '<table:table-cell office:value-type="float" office:value="12"><text:p>12</text:p></table:table-cell>'
        '<table:table-cell office:value-type="string" calcext:value-type="error"><text:p>#REF!</text:p>'
        '</table:table-cell>'
        '<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p>'
        '</table:table-cell></table:table-row>'), "ods")
    assert book.cells("S") == {(2, 1): Cell(12, None), (2, 2): Cell("#REF!", None, error=True),
                               (2, 3): Cell(True, None)}


def test_repeats_that_would_expand_past_the_limit_are_refused_before_calamine():
    row = ('<table:table-row table:number-rows-repeated="200000"><table:table-cell office:value-type="string" '
           'calcext:value-type="error" table:number-columns-repeated="100"><text:p>#N/A</text:p>'
           '</table:table-cell></table:table-row>')
    with pytest.raises(XlsxError) as refused:
        ValuesBook(ods(row), "ods")
    assert refused.value.kind == "too_large"
