"""XML parts of files a unit sent: one guard before any parser sees a part, then a parse in bounded memory.

Spreadsheets never need a DTD, and a DTD is how XML bombs (entity expansion) and external entities
get in, so a part with one is refused. The check is made on the text the parser will read: a UTF-16
part is decoded first (stripping its NUL bytes instead would let U+2D2D pass for "-->" and end a
comment early) and the parser is given that same decoded text.

A part of few elements is parsed whole, which is fastest; a bigger one is streamed, each record (a
row, a shared string, a defined name) handed over complete and then dropped, so memory stays bounded
by the largest record whatever the part declares; one of too many elements is refused unparsed, which
bounds the time (building an element costs about a microsecond, whatever it holds).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import cast
from xml.etree import ElementTree as ET

from .errors import XlsxError

# Parts are measured in tags (a count of "<", which C counts in milliseconds), before any parsing:
WHOLE = 250_000  # up to this a part is parsed whole (fastest): 100 MB of tree at worst
MAX_TAGS = 1_000_000  # beyond this a part is refused: streaming 1,000,000 elements takes about 5 s
MAX_RECORD = 100_000  # elements in one record: a full row of 16,384 cells with formulas fits
# what may stand before a DOCTYPE or the root element: the XML declaration, PIs, comments, spaces
_PROLOG = re.compile(r"\ufeff?(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)
_PROLOG_BYTES = re.compile(rb"(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)
BIG = 1 << 20  # a part this long loses the spaces between its tags (see `checked`)
_BETWEEN_TAGS = re.compile(r">[ \t\r\n]{2,}(?=<)")
_BETWEEN_TAGS_BYTES = re.compile(rb">[ \t\r\n]{2,}(?=<)")
Path = tuple[str, ...]  # local names from below the root down to a record, e.g. ("sheetData", "row")


def checked(data: bytes, name: str) -> bytes | str:
    """The part as the parser must read it, refused if it has a DTD: bytes when its markup is ASCII
    (UTF-8 and the 8-bit encodings), the decoded text for UTF-16 (with a byte-order mark or without:
    a part starting "<\\0" is UTF-16 to the parser, declaration or not).

    In a big part, the spaces between tags are dropped: a parser keeps each line of them as a string of
    its own, so 60 MB of line breaks would take gigabytes."""
    text: bytes | str = data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:2]:
        encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else \
            "utf-16-be" if data[:1] == b"\x00" else "utf-16-le"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise XlsxError("bad_xml", f"{name}: {exc}") from None
        end = _PROLOG.match(text).end()  # type: ignore[union-attr]
        dtd = text.startswith("<!", end)
    else:
        end = _PROLOG_BYTES.match(data).end()  # type: ignore[union-attr]
        dtd = data.startswith(b"<!", end)
    if dtd:
        raise XlsxError("bad_xml", f"{name}: a DTD")
    if len(text) > BIG:
        text = _BETWEEN_TAGS.sub(">", text) if isinstance(text, str) else _BETWEEN_TAGS_BYTES.sub(b">", text)
    return text


def parse(data: bytes, name: str) -> ET.Element:
    """A small part whole (workbook properties, relationships); refused beyond WHOLE tags."""
    text = checked(data, name)
    if tags(text) > WHOLE:
        raise XlsxError("too_large", f"{name}: over {WHOLE} tags")
    return _fromstring(text, name)


def records(data: bytes, name: str, *paths: Path) -> Iterator[tuple[int, ET.Element]]:
    """Every element at one of `paths` below the root, in document order, with the path's index.

    A record is complete (its children parsed) when it is yielded; in a streamed part it is dropped
    as soon as the caller asks for the next one, so a caller keeps what it needs, not the element.
    """
    text = checked(data, name)
    if tags(text) <= WHOLE:
        root = _fromstring(text, name)
        for i, path in enumerate(paths):
            for el in _at(root, path):
                yield i, el
        return
    wanted = {path: i for i, path in enumerate(paths)}
    yield from _streamed(text, name, wanted.get)


def stream(data: bytes, name: str, record: Callable[[Path], int | None],
           mark: Callable[[Path], bool] | None = None) -> Iterator[tuple[int, ET.Element]]:
    """Records where `record(path)` gives their kind, always streamed; an element where `mark(path)` holds
    is also given, with kind -1, when it starts (its attributes only: its children are still to come)."""
    yield from _streamed(checked(data, name), name, record, mark)


def local(tag: str) -> str:
    """`{namespace}row` → `row`: strict OOXML, transitional and prefixed parts read alike."""
    return tag.rpartition("}")[2]


def tags(text: bytes | str) -> int:
    """How many elements a part may hold at most: its count of '<', counted in C without parsing."""
    return text.count(b"<") if isinstance(text, bytes) else text.count("<")


def _fromstring(text: bytes | str, name: str) -> ET.Element:
    try:
        return ET.fromstring(text)  # noqa: S314 — `guard` refused any DTD, the one way in for XML attacks
    except ET.ParseError as exc:
        raise XlsxError("bad_xml", f"{name}: {exc}") from None


def _at(root: ET.Element, path: Path) -> Iterator[ET.Element]:
    """The elements at `path` below `root`, in its namespace (as every part we read writes them)."""
    ns = root.tag[: root.tag.index("}") + 1] if root.tag[:1] == "{" else ""
    level = [root]
    for name in path:
        tag = ns + name
        level = [child for el in level for child in el if child.tag == tag]
    return iter(level)


def _streamed(text: bytes | str, name: str, record: Callable[[Path], int | None],
              mark: Callable[[Path], bool] | None = None) -> Iterator[tuple[int, ET.Element]]:
    if tags(text) > MAX_TAGS:
        raise XlsxError("too_large", f"{name}: over {MAX_TAGS} tags")
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    stack: list[ET.Element] = []  # the open elements outside any record, root first
    where: list[str] = []  # their local names below the root
    depth = inside = kept = 0  # of the element at hand; of the record being read (0: none); its elements
    kind: int | None = None
    step = 1 << 20
    try:
        for start in range(0, len(text), step):
            parser.feed(text[start:start + step])
            events = cast("Iterator[tuple[str, ET.Element]]", parser.read_events())  # start and end: elements
            for event, el in events:
                if event == "start":
                    depth += 1
                    if inside:  # within a record: kept whole until it ends
                        kept += 1
                        if kept > MAX_RECORD:
                            raise XlsxError("too_large", f"{name}: a record of over {MAX_RECORD} elements")
                        continue
                    if depth > 1:
                        where.append(local(el.tag))
                    stack.append(el)
                    path = tuple(where)
                    kind = record(path)
                    if kind is not None:
                        inside, kept = depth, 1
                    elif mark is not None and mark(path):
                        yield -1, el
                    continue
                depth -= 1
                if inside and depth >= inside:  # a descendant of the record ended
                    continue
                stack.pop()
                if depth:
                    where.pop()
                if inside:
                    inside = 0
                    assert kind is not None
                    yield kind, el
                if stack:  # nothing below the parent is needed any more
                    del stack[-1][:]
        parser.close()
    except ET.ParseError as exc:
        raise XlsxError("bad_xml", f"{name}: {exc}") from None
