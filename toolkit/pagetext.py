"""A published report's text, whatever it was published as: its lines, a table's row as one line of cells.

A saved web page (.html/.htm/.shtml, any encoding, GBK included; .mhtml as a browser saves it), Word (.docx),
PDF with a text layer, or plain text (.txt, what a clerk copies from a page) comes out as `Page`: the lines in
reading order, each a tuple of cells. A row of an HTML or Word table is one line of its cells, an empty cell
kept as "" (a blank published cell stays blank); a paragraph is a line of one cell; in text, tabs and `|`
separate cells. Nothing is interpreted here (see `published`); everything is bounded (`MAX_BYTES`, the
zip limits of workbooks for .docx, the XML guard of `safexml`).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from xml.etree.ElementTree import Element

from .errors import XlsxError, file_reason
from .files import read_bounded
from .messages import Msg
from .safexml import local, parse
from .xlsx import open_zip

MAX_BYTES = 32 << 20  # a published report is some hundreds of KB; a PDF with its fonts a few MB
KINDS = {".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html", ".mhtml": "mhtml", ".mht": "mhtml",
         ".docx": "docx", ".doc": "doc", ".pdf": "pdf", ".txt": "text"}
Line = tuple[str, ...]


@dataclass(frozen=True)
class Page:
    kind: str  # html, mhtml, docx, pdf, text
    lines: tuple[Line, ...]


class PageError(Exception):
    """The file cannot be read as a published report; `key` names the message (`import.*`)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key, self.params = key, params


def kind_of(path: Path) -> str | None:
    return KINDS.get(path.suffix.lower())


def read(path: Path) -> Page:
    kind = kind_of(path)
    if kind is None:
        raise PageError("import.unknown_kind", suffix=path.suffix or "-")
    data = read_bounded(path, MAX_BYTES)
    if not data.strip():
        raise PageError("import.empty")
    if kind == "doc":  # many sites serve a web page saved as .doc; an old Word file is binary (OLE)
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise PageError("import.doc")
        kind = "html" if _CHARSET.search(data[:4096]) or b"<html" in data[:4096].lower() else "text"
    try:
        lines = _READERS[kind](data)
    except XlsxError as exc:  # a zip bomb is said as one; anything else is a broken file of its kind
        reason = file_reason(exc) if exc.kind == "too_large" else Msg("import.not_whole")
        raise PageError("import.broken", kind=kind, reason=reason) from exc
    except (zipfile.BadZipFile, KeyError) as exc:
        raise PageError("import.broken", kind=kind, reason=Msg("import.not_whole")) from exc
    # NFKC: PDF text layers give Kangxi radicals for common characters (⼆ for 二, ⾏ for 行), pages give
    # full-width digits; the reader compares everything in this one form
    return Page(kind, tuple(tuple(unicodedata.normalize("NFKC", cell) for cell in line) for line in lines
                            if any(cell.strip() for cell in line)))


# ---------------------------------------------------------------- text


_CELL_SEPARATORS = re.compile(r"\t|\s*[|｜]\s*")


def text_lines(text: str) -> list[Line]:
    """Lines of text, cells split at tabs and bars (a blank between two is an empty cell)."""
    return [tuple(cell.strip() for cell in _CELL_SEPARATORS.split(line)) for line in text.splitlines()]


def decoded(data: bytes, declared: str | None = None) -> str:
    """Text in whatever encoding it was saved in: a byte-order mark, the encoding the page declares, UTF-8,
    else GB 18030 (which reads GBK and GB 2312, what Chinese Windows and many government sites use)."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    candidates = [c for c in (declared, "utf-8", "gb18030") if c]
    for encoding in candidates:
        try:
            return data.decode(_codec(encoding))
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("gb18030", errors="replace")


def _codec(name: str) -> str:
    name = name.strip().lower()
    return "gb18030" if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936") else name


def _text(data: bytes) -> list[Line]:
    return text_lines(decoded(data))


# ---------------------------------------------------------------- web pages


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_SKIPPED = {"script", "style", "head", "title", "noscript", "template"}
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "tr", "table",
           "blockquote", "pre", "ul", "ol", "dd", "dt", "header", "footer"}


class _Reader(HTMLParser):
    """Paragraphs as lines and table rows as lines of cells; what is inside a cell is one cell's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.paragraph: list[str] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.skipping = 0
        self.title: list[str] = []

    def handle_starttag(self, tag: str, _attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in ("tr", "td", "th"):
            if self.row is None or tag == "tr":
                self._end_row()
                self._end_paragraph()
                self.row = []
            if tag != "tr":
                self._end_cell()
                self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")
        elif tag in _BLOCKS and self.cell is None:
            self._end_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag in ("tr", "table"):
            self._end_row()
        elif tag in _BLOCKS and self.cell is None:
            self._end_paragraph()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            if self.lasttag == "title":
                self.title.append(data)
        elif self.cell is not None:
            self.cell.append(data)
        else:
            self.paragraph.append(data)

    def _end_cell(self) -> None:
        if self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()))
        self.cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self.row:
            self.lines.append(tuple(self.row))
        self.row = None

    def _end_paragraph(self) -> None:
        said = " ".join("".join(self.paragraph).split())
        if said:
            self.lines.extend(text_lines(said) if "|" in said or "\t" in said else [(said,)])
        self.paragraph = []

    def finish(self) -> list[Line]:
        self.close()
        self._end_row()
        self._end_paragraph()
        title = " ".join("".join(self.title).split())
        return [(title,), *self.lines] if title else self.lines


def _html(data: bytes) -> list[Line]:
    declared = _CHARSET.search(data[:4096])
    reader = _Reader()
    reader.feed(decoded(data, declared.group(1).decode("ascii") if declared else None))
    return reader.finish()


def _mhtml(data: bytes) -> list[Line]:
    """The page of a web archive as a browser saves it (a mail of parts): its first HTML part."""
    import email.policy  # a tenth of the start-up: only for a web archive

    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = part.get_content_charset()
                return _html(payload if not charset else
                             f'<meta charset="{charset}">'.encode() + payload)
    raise PageError("import.no_page")


# ---------------------------------------------------------------- Word


def _docx(data: bytes) -> list[Line]:
    """Word's body in order: paragraphs as lines, a table's rows as lines of cells (a merged cell once)."""
    with open_zip(data) as z:
        root = parse(z.read("word/document.xml"), "word/document.xml")
    body = next((e for e in root if local(e.tag) == "body"), root)
    return list(_blocks(body))


def _blocks(element: Element) -> Iterator[Line]:
    for block in element:
        name = local(block.tag)
        if name == "p":
            said = _words(block)
            if said:
                yield (said,)
        elif name == "tbl":
            for row in block.iter():
                if local(row.tag) == "tr":
                    yield tuple(_words(cell) for cell in row if local(cell.tag) == "tc")
        elif name in ("sdt", "sdtContent", "customXml"):  # content controls hold paragraphs and tables too
            yield from _blocks(block)


def _words(element: Element) -> str:
    return " ".join("".join(t.text or "" for t in element.iter() if local(t.tag) == "t").split())


# ---------------------------------------------------------------- PDF


def _pdf(data: bytes) -> list[Line]:
    """The text layer, a page after another (pypdf). A scanned PDF has none: said so."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings of a damaged file are said as one reason
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise PageError("import.encrypted")
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, PyPdfError, ValueError, OSError) as exc:
        raise PageError("import.broken", kind="PDF", reason=Msg("import.not_whole")) from exc
    if not text.strip():
        raise PageError("import.no_text")
    return text_lines(text)


_READERS = {"html": _html, "mhtml": _mhtml, "docx": _docx, "pdf": _pdf, "text": _text}

