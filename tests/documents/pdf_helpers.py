"""Shared helpers for the PDF tests: rasterise a page and compare it tile by tile."""

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from PIL import Image, ImageChops

from planlink.documents.pdf_thai import render_pdf

# Thai with stacked vowels and tone marks, tall consonants and ones with tails below.
SHAPING_SAMPLE = "ผู้ใหญ่บ้านน้ำใจดี ที่ปรึกษาฯ ก็ได้ ญี่ปุ่น ฎีกา ฐาน ปั้นน้ำ ฤๅษี"
SAMPLE_PAGE_CSS = (
    "@page { size: 160mm 36mm; margin: 4mm; @bottom-center { content: none; } }"
    " p { font-size: 22pt; margin: 0; }"
)
RENDER_SCALE = 2
TILE = 16
TILE_TOLERANCE = 20.0  # worst 16×16 tile's mean grey difference (0–255) still called a match


def sample_html(extra_css: str = "") -> str:
    return (
        f"<html><head><style>{SAMPLE_PAGE_CSS} {extra_css}</style></head>"
        f"<body><p>{SHAPING_SAMPLE}</p></body></html>"
    )


def rasterise(pdf_bytes: bytes, page_index: int = 0) -> Image.Image:
    page = pdfium.PdfDocument(pdf_bytes)[page_index]
    return page.render(scale=RENDER_SCALE).to_pil().convert("L")


def render_sample(extra_css: str = "") -> Image.Image:
    return rasterise(render_pdf(sample_html(extra_css)))


def worst_tile_difference(image: Image.Image, reference: Image.Image) -> float:
    """Mean grey difference in the worst TILE×TILE square: a moved mark shows up locally."""
    if image.size != reference.size:
        return 255.0
    difference = ImageChops.difference(image, reference)
    width, height = difference.size
    worst = 0.0
    for left in range(0, width, TILE):
        for top in range(0, height, TILE):
            box = (left, top, min(left + TILE, width), min(top + TILE, height))
            histogram = difference.crop(box).histogram()
            pixels = sum(histogram)
            worst = max(worst, sum(level * count for level, count in enumerate(histogram)) / pixels)
    return worst


def page_fonts(pdf_bytes: bytes, page_index: int = 0) -> set[tuple[str, bool]]:
    """(base font name, embedded?) of every font the page's text objects use."""
    page = pdfium.PdfDocument(pdf_bytes)[page_index]
    fonts = set()
    for text_object in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_TEXT]):
        font = pdfium_raw.FPDFTextObj_GetFont(text_object.raw)
        length = pdfium_raw.FPDFFont_GetBaseFontName(font, None, 0)
        buffer = ctypes.create_string_buffer(length)
        pdfium_raw.FPDFFont_GetBaseFontName(font, buffer, length)
        fonts.add((buffer.value.decode("ascii"), bool(pdfium_raw.FPDFFont_GetIsEmbedded(font))))
    return fonts


def page_text(pdf_bytes: bytes, page_index: int = 0) -> str:
    return pdfium.PdfDocument(pdf_bytes)[page_index].get_textpage().get_text_bounded()
