"""One neutral description of a document, rendered to Word, PDF and Excel alike.

Every PlanLink document — plan books (เล่มแผน), the DLA forms ผ.01/ผ.02, tambon Forms 1–3,
the district performance report — is built once as a :class:`Document` (cover, contents,
headings, paragraphs, tables, signature) from the database, then written out by
``render_docx``, ``render_pdf`` (HTML → WeasyPrint) or ``render_xlsx``. The three files
therefore carry the same content and the same numbers.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from planlink.documents.docx_thai import HeaderGroup

__all__ = [
    "Cover",
    "Document",
    "Heading",
    "HeaderGroup",
    "PageBreak",
    "Paragraph",
    "Section",
    "Sheet",
    "Signature",
    "Table",
    "flat_headers",
]


@dataclass(frozen=True)
class Cover:
    """ปก: title, subtitle, owning office and the B.E. date the document was produced."""

    title: str
    subtitle: str = ""
    owner: str = ""
    date: datetime.date | None = None


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    align: str = "left"
    size_pt: float | None = None
    indent_cm: float | None = None


@dataclass(frozen=True)
class Table:
    """A table: ``headers`` are labels or ``HeaderGroup`` (a label over per-year columns).

    ``number_columns`` are 0-based bottom-level column indexes written right-aligned;
    ``bold_rows`` are 0-based body rows written bold (totals, รวม). ``font_size_pt`` is
    the TH SarabunPSK size in Word (e.g. 14 for a 13-column form); the PDF's Sarabun is
    set at two thirds of it, which looks the same size.
    """

    headers: Sequence[str | HeaderGroup]
    rows: Sequence[Sequence[object]]
    number_columns: frozenset[int] = frozenset()
    bold_rows: frozenset[int] = frozenset()
    widths_cm: Sequence[float] | None = None
    font_size_pt: float | None = None  # Word size for a dense table (the PDF scales it)


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Section:
    """Start a new page, in landscape (wide project tables) or portrait."""

    landscape: bool = False


@dataclass(frozen=True)
class Signature:
    """ส่วนลงนาม: the name may be left as a dotted line for the signer to write in."""

    name: str
    position: str
    date: datetime.date | None = None
    signer_label: str = "(ลงชื่อ)"


Block = Heading | Paragraph | Table | PageBreak | Section | Signature


@dataclass(frozen=True)
class Sheet:
    """One Excel sheet of a document: a flat header and rows (numbers stay numbers)."""

    name: str
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]
    number_formats: dict[str | int, str] = field(default_factory=dict)


@dataclass
class Document:
    """A whole document. ``sheets`` is what the .xlsx holds; when empty, one sheet per table."""

    title: str
    file_stem: str
    cover: Cover | None = None
    contents: bool = False
    landscape: bool = False
    synthetic: bool = False
    blocks: list[Block] = field(default_factory=list)
    sheets: list[Sheet] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    @property
    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]


def flat_headers(headers: Sequence[str | HeaderGroup]) -> list[str]:
    """Bottom-level column labels, a group's label joined to each child: "งบประมาณ 2570 (บาท)"."""
    labels: list[str] = []
    for header in headers:
        if isinstance(header, HeaderGroup):
            labels.extend(f"{header.label} {child}".replace("\n", " ") for child in header.children)
        else:
            labels.append(str(header).replace("\n", " "))
    return labels
