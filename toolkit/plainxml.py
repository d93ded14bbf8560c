"""A worksheet's cells as the usual writers store them, read without building a tree: the fast path.

Excel, WPS, LibreOffice, openpyxl and xlsxwriter all write <sheetData> plainly: rows of cells such as
`<c r="D6" s="12" t="n"><v>3</v></c>`, attributes in the schema's order, nothing else inside. Such a part
is held against that grammar in one regular-expression match, in C, which proves it well-formed and says
exactly what each cell holds; a second pattern then cuts every cell out (`findall`), with no element
built: about twice as fast as an ElementTree. A part that strays from the grammar in any way, or that a
parser could read differently (another encoding, a DTD, a comment, a character reference, a CR, a
duplicate attribute), gives None and is read by the tolerant parser (`safexml`), which stays the reference:
both read the same cells from any part this one takes (tests/test_plainxml.py holds them to it, on every
committed workbook and on random and damaged sheets).
"""

from __future__ import annotations

import re
from xml.parsers import expat

from . import safexml

# A cell as `_CELL` cuts it out: (reference, ` t="…"`, <f>…</f>, ` t="…"` of <f>, ` si="…"`, <f>'s text,
# <v>…</v>, <v>'s text, <is>…</is>, <t>'s text), "" for what it lacks; texts with their entities (`text`)
Groups = tuple[str, str, str, str, str, str, str, str, str, str]

_BAD = "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\r\\ufffe\\uffff"  # characters XML forbids, and CR, which it rewrites
_TEXT = f"[^<&{_BAD}]*+(?:&(?:amp|lt|gt|quot|apos);[^<&{_BAD}]*+)*+"
_VALUE = f'"[^"<>&\\t\\n{_BAD}]*+"'


def _attributes(*names: str) -> str:
    """Each of `names` at most once, in this order (the schema's, which every writer keeps): no duplicates."""
    return "".join(f"(?: {name}={_VALUE})?+" for name in names)


_ROW_NUMBER = "(?:[1-9][0-9]{0,5}|10[0-3][0-9]{4}|104[0-7][0-9]{3}|1048[0-4][0-9]{2}|10485[0-6][0-9]|104857[0-6])"
_F_ATTRIBUTES = _attributes("t", "aca", "ref", "dt2D", "dtr", "del1", "del2", "r1", "r2", "ca", "si", "bx")
_F = f"<f{_F_ATTRIBUTES} ?(?:/>|>{_TEXT}</f>)"
_V = f"<v ?(?:/>|>{_TEXT}</v>)"
_IS = f'<is><t(?: xml:space="preserve")? ?(?:/>|>{_TEXT}</t>)</is>'
_C_ATTRIBUTES = _attributes("s", "t", "cm", "vm", "ph")
_C = f'<c r="[A-Z]{{1,3}}[0-9]{{1,7}}"{_C_ATTRIBUTES} ?(?:/>|>(?:{_F})?+(?:{_V})?+(?:{_IS})?+</c>)'
_ROW_ATTRIBUTES = _attributes("spans", "s", "customFormat", "ht", "hidden", "customHeight", "outlineLevel",
                              "collapsed", "thickTop", "thickBot", "ph", "x14ac:dyDescent")
_SHEET_DATA = re.compile(f'(?:<row r="{_ROW_NUMBER}"{_ROW_ATTRIBUTES} ?(?:/>|>(?:{_C})*+</row>))*+')
# a cell of such sheet data, its parts in groups: a group that matched nothing is "", so an element that may be
# empty (<v/>) is told from one that is absent by a group around it
_CELL = re.compile(  # possessive throughout: no state kept for backtracking, a tenth faster
    '<c r="([A-Z]++[0-9]++)"(?: s="[^"]*+")?+( t="[^"]*+")?+(?: [a-z]++="[^"]*+")*+ ?+(?:/>|>'
    '(<f( t="[^"]*+")?+(?: (?:aca|ref|dt2D|dtr|del1|del2|r1|r2|ca)="[^"]*+")*+( si="[^"]*+")?+(?: bx="[^"]*+")?+ ?+'
    "(?:/>|>([^<]*+)</f>))?+"
    "(<v ?+(?:/>|>([^<]*+)</v>))?+"
    "(<is><t[^>/]*+(?:/>|>([^<]*+)</t>)</is>)?+</c>)")
_DECLARATION = re.compile(rb'<\?xml[^>]*?encoding\s*=\s*["\']([^"\']*)["\']')
_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*)[\s>/]")  # the root's start tag, unprefixed


def cells(head: bytes) -> list[Groups] | None:
    """The cells with something in them of a worksheet's part cut after </sheetData> (`xlsx._head`), in
    document order; None when the part is not plainly written. The caller sees that the part is one the tolerant
    reader would parse whole (at most `safexml.WHOLE` tags): it counts them anyway, for the file's budget."""
    start = head.find(b"<sheetData>")
    end = head.rfind(b"</sheetData>")
    if start < 0 or end < start or len(head) > safexml.BIG:
        return None
    if b"<!" in head or b"<?" in head[6:] or b"]]>" in head:  # a DTD, comment, CDATA, or PI after the declaration
        return None
    declared = _DECLARATION.match(head.removeprefix(b"\xef\xbb\xbf"))
    if declared and declared[1].lower() not in (b"utf-8", b"utf8"):
        return None
    root = _ROOT.search(head, 0, start)
    if root is None or not _well_formed(head[:start] + b"</" + root[1] + b">"):
        return None  # <sheetData> must stand right inside an unprefixed root, whose namespace it shares
    try:
        data = head[start + len(b"<sheetData>"):end].decode("utf-8")
    except UnicodeDecodeError:
        return None
    if ("x14ac:" in data and b"xmlns:x14ac=" not in head[:start]) or not _SHEET_DATA.fullmatch(data):
        return None
    return _cut(data)


def _well_formed(xml: bytes) -> bool:
    try:
        expat.ParserCreate().Parse(xml, True)
    except expat.ExpatError:
        return False
    return True


def _cut(data: str) -> list[Groups] | None:
    """The cells of sheet data that matched the grammar, which a looser pattern can then cut out; None if
    any cell escaped it (it cannot: the grammar allows less; but a miscount must never lose a cell)."""
    found: list[Groups] = _CELL.findall(data)
    if len(found) != data.count('<c r="'):
        return None
    return [g for g in found if g[2] or g[6] or g[8]]


def text(text: str) -> str:
    """Text as it was meant: the five entities XML defines replaced (no other reaches here), `&amp;` last so
    that `&amp;lt;` stays the text `&lt;`."""
    if "&" not in text:
        return text
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'") \
        .replace("&amp;", "&")
