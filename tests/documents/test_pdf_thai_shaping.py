"""Thai marks sit where they belong in PDFs: the sample matches a reference inspected by eye.

The reference ``reference/thai_shaping.png`` was rendered here (WeasyPrint 70, Debian's
pango/harfbuzz, pypdfium2 5.15.2) and inspected at 4× zoom: below-vowels sit under their
consonants (ผู้, ปุ่น), tone marks sit above upper vowels (ที่, ญี่, ปั้น) or drop down when
there is none (ใหญ่, บ้าน), น้ำ puts the tone above the nikhahit, ฎ ฐ keep their tails, and the
two lines do not touch. If a library upgrade moves glyphs by a sub-pixel everywhere, inspect
a new rendering and regenerate with ``.venv/bin/python -m tests.documents.test_pdf_thai_shaping``.
"""

from pathlib import Path

import pytest
from PIL import Image
from weasyprint import HTML

from .pdf_helpers import (
    TILE_TOLERANCE,
    rasterise,
    render_sample,
    sample_html,
    worst_tile_difference,
)

REFERENCE = Path(__file__).parent / "reference" / "thai_shaping.png"


@pytest.fixture(scope="module")
def reference() -> Image.Image:
    return Image.open(REFERENCE).convert("L")


def test_the_thai_sample_matches_the_inspected_reference(reference):
    assert worst_tile_difference(render_sample(), reference) <= TILE_TOLERANCE


def test_marks_placed_without_the_fonts_positioning_rules_do_not_match(reference):
    unpositioned = render_sample('p { font-feature-settings: "mark" 0, "mkmk" 0; }')
    assert worst_tile_difference(unpositioned, reference) > TILE_TOLERANCE


def test_a_different_sarabun_weight_does_not_match(reference):
    assert worst_tile_difference(render_sample("p { font-weight: 500; }"), reference) > 100


def test_without_the_vendored_faces_thai_prints_as_boxes_and_does_not_match(reference):
    bare = HTML(string=sample_html("p { line-height: 1.6; }")).write_pdf()
    assert worst_tile_difference(rasterise(bare), reference) > 100


if __name__ == "__main__":
    REFERENCE.parent.mkdir(exist_ok=True)
    render_sample().save(REFERENCE, optimize=True)
    print(f"wrote {REFERENCE} — open it and check the marks before committing")
