"""A real Thai text layer for WeasyPrint PDFs: searching "ตำบล" or "น้ำ" finds them.

HarfBuzz draws SARA AM (ำ) as two glyphs, NIKHAHIT (or Sarabun's NIKHAHIT-with-tone ligature)
and SARA AA, and WeasyPrint maps each glyph to text once, first come: the NIKHAHIT got an
empty string (PDFium then shows the glyph id, U+02F8) and SARA AA got "ำ", so every later
"า" read as "ำ" too ("บาง" → "บำง"). Before the PDF is written (WeasyPrint's ``finisher``)
this module

* maps SARA AA to "า" and each NIKHAHIT glyph to its tone mark and "ำ" in the ToUnicode
  maps, and
* wraps every NIKHAHIT…SARA AA pair of the page content in a marked-content span whose
  ``/ActualText`` is the text it stands for (ISO 32000-1 §14.9.4), so that extraction, search
  and copying read "ำ" (or "้ำ") once. The glyphs drawn and their positions do not change: a
  TJ array is only split into consecutive TJ operators around the span.

Glyph ids are the vendored Sarabun's (``pdf_thai.SARABUN_FACES``; every face has the same
glyph order, checked at import).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import pydyf

from planlink.documents.pdf_thai import FONT_DIRECTORY, SARABUN_FACES

__all__ = ["fix_text_layer", "glyphs"]

SARA_AM = "\u0e33"
SARA_AA = "\u0e32"
_TOKEN = re.compile(rb"<([0-9a-fA-F]*)>|(-?[0-9.]+)")
_BFCHAR = re.compile(rb"<([0-9a-fA-F]{4})> <([0-9a-fA-F]*)>$")


@lru_cache(maxsize=1)
def glyphs() -> tuple[int, dict[int, str]]:
    """(SARA AA's glyph id, {NIKHAHIT glyph id: the text it and SARA AA stand for})."""
    from fontTools.ttLib import TTFont

    orders = []
    for file_name, _weight, _style in SARABUN_FACES:
        with TTFont(FONT_DIRECTORY / file_name, lazy=True) as font:
            orders.append(font.getGlyphOrder())
    order = orders[0]
    if any(other != order for other in orders[1:]):  # pragma: no cover - vendored files
        raise ValueError("the Sarabun faces do not share one glyph order")
    nikhahit: dict[int, str] = {}
    for index, name in enumerate(order):
        if name.startswith("uni0E4D"):
            tone = name.split(".")[0][len("uni0E4D") :]
            nikhahit[index] = (chr(int(tone, 16)) if tone else "") + SARA_AM
    return order.index("uni0E32"), nikhahit


def _actual_text(text: str) -> bytes:
    return b"<" + ("\ufeff" + text).encode("utf-16-be").hex().encode() + b">"


def _items(body: bytes) -> list[tuple[str, Any]]:
    """A TJ array's elements: ("g", glyph id), ("e", None) for ``<>``, ("n", adjustment)."""
    items: list[tuple[str, Any]] = []
    for match in _TOKEN.finditer(body):
        if match.group(1) is not None:
            hexes = match.group(1)
            if not hexes:
                items.append(("e", None))
            items.extend(("g", int(hexes[i : i + 4], 16)) for i in range(0, len(hexes), 4))
        else:
            items.append(("n", match.group(2)))
    return items


def _array(items: list[tuple[str, Any]]) -> bytes:
    parts = []
    for kind, value in items:
        if kind == "g":
            parts.append(b"<%04x>" % value)
        elif kind == "e":
            parts.append(b"<>")
        else:
            parts.append(value)
    return b"[" + b"".join(parts) + b"] TJ"


def split_show(line: bytes) -> list[bytes]:
    """One ``[…] TJ`` line, with each NIKHAHIT…SARA AA pair in an ActualText span."""
    if not (line.startswith(b"[") and line.endswith(b"] TJ")):
        return [line]
    aa, nikhahit = glyphs()
    items = _items(line[1:-4])
    positions = [index for index, (kind, _) in enumerate(items) if kind == "g"]
    spans: list[tuple[int, int, str]] = []
    for here, there in zip(positions, positions[1:], strict=False):
        if items[here][1] in nikhahit and items[there][1] == aa:
            if not spans or spans[-1][1] < here:
                spans.append((here, there, nikhahit[items[here][1]]))
    if not spans:
        return [line]
    lines: list[bytes] = []
    start = 0
    for first, last, text in spans:
        if first > start:
            lines.append(_array(items[start:first]))
        lines.append(b"/Span << /ActualText " + _actual_text(text) + b" >> BDC")
        lines.append(_array(items[first : last + 1]))
        lines.append(b"EMC")
        start = last + 1
    if start < len(items):
        lines.append(_array(items[start:]))
    return lines


def _to_unicode_line(line: bytes) -> bytes:
    match = _BFCHAR.match(line)
    if match is None:
        return line
    aa, nikhahit = glyphs()
    glyph = int(match.group(1), 16)
    if glyph == aa:
        return b"<%04x> <%s>" % (glyph, SARA_AA.encode("utf-16-be").hex().encode())
    if glyph in nikhahit:
        return b"<%04x> <%s>" % (glyph, nikhahit[glyph].encode("utf-16-be").hex().encode())
    return line


def fix_text_layer(document: Any, pdf: pydyf.PDF) -> None:
    """WeasyPrint ``finisher``: fix the ToUnicode maps and mark SARA AM in the page content."""
    for obj in pdf.objects:
        if not isinstance(obj, pydyf.Stream):
            continue
        lines = obj.stream
        if any(isinstance(line, bytes) and b"beginbfchar" in line for line in lines):
            lines[:] = [
                _to_unicode_line(line) if isinstance(line, bytes) else line for line in lines
            ]
        elif any(isinstance(line, bytes) and line.endswith(b"] TJ") for line in lines):
            fixed: list[Any] = []
            for line in lines:
                fixed.extend(split_show(line) if isinstance(line, bytes) else [line])
            lines[:] = fixed
