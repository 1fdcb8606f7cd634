"""Thai PDFs with WeasyPrint 70 and the vendored Sarabun TTF (SIL OFL-1.1).

Each Sarabun face is declared with its own ``@font-face`` pointing at the TTF file by an
absolute ``file://`` URL: the fontsource CSS split by ``unicode-range`` prints garbage in
WeasyPrint, and a family named "TH SarabunPSK" picks up a 0.66 fontconfig scale and
overlaps lines (``/work/shared/docs/STACK.md``). Stacked Thai marks (ผู้ใหญ่, ปั้นน้ำ) need a
line height of at least 1.5. Pages are A4 with the Thai government margins (top 2.5 cm,
left 3 cm, right 2 cm, bottom 2 cm) and a page number at the bottom centre.
"""

from __future__ import annotations

from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

__all__ = ["FONT_DIRECTORY", "FONT_FAMILY", "SARABUN_FACES", "base_stylesheet", "render_pdf"]

FONT_FAMILY = "Sarabun"
FONT_DIRECTORY = Path(__file__).resolve().parent.parent / "web/static/vendor/fonts/sarabun"
# (file, weight, style) — one @font-face per face
SARABUN_FACES: tuple[tuple[str, int, str], ...] = (
    ("Sarabun_400Regular.ttf", 400, "normal"),
    ("Sarabun_400Regular_Italic.ttf", 400, "italic"),
    ("Sarabun_500Medium.ttf", 500, "normal"),
    ("Sarabun_600SemiBold.ttf", 600, "normal"),
    ("Sarabun_700Bold.ttf", 700, "normal"),
    ("Sarabun_700Bold_Italic.ttf", 700, "italic"),
)
SYNTHETIC_NOTICE = "ข้อมูลสังเคราะห์ (synthetic) — ไม่ใช่ข้อมูลจริง"


def _font_faces() -> str:
    rules = []
    for file_name, weight, style in SARABUN_FACES:
        path = FONT_DIRECTORY / file_name
        if not path.is_file():
            raise FileNotFoundError(f"vendored Sarabun face missing: {path}")
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{path.as_uri()}") '
            f'format("truetype"); font-weight: {weight}; font-style: {style}; }}'
        )
    return "\n".join(rules)


def base_stylesheet(*, thai_digits: bool = False, synthetic: bool = False) -> str:
    """The CSS every PlanLink PDF starts from: Sarabun faces, A4 pages, page numbers, tables.

    It is given to WeasyPrint as a user stylesheet, so a document's own ``<style>`` wins.
    """
    page_counter = "counter(page, thai)" if thai_digits else "counter(page)"
    synthetic_rule = (
        f'@top-right {{ content: "{SYNTHETIC_NOTICE}"; font-size: 10pt; font-weight: 700; }}'
        if synthetic
        else ""
    )
    return f"""
{_font_faces()}
@page {{
  size: A4;
  margin: 2.5cm 2cm 2cm 3cm;
  @bottom-center {{ content: "- " {page_counter} " -"; font-family: "{FONT_FAMILY}"; font-size: 12pt; }}
  {synthetic_rule}
}}
@page :first {{ @bottom-center {{ content: none; }} }}
html {{ font-family: "{FONT_FAMILY}"; font-size: 14pt; line-height: 1.6; }}
h1, h2, h3 {{ line-height: 1.5; margin: 0.6em 0 0.3em; }}
h1 {{ font-size: 18pt; text-align: center; }}
h2 {{ font-size: 16pt; }}
h3 {{ font-size: 14pt; }}
p {{ margin: 0 0 0.4em; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 0.5pt solid #000; padding: 2pt 4pt; vertical-align: top; line-height: 1.5; }}
thead th {{ background: #e8e8e8; font-weight: 700; text-align: center; vertical-align: middle; }}
td.number, th.number {{ text-align: right; }}
tr {{ break-inside: avoid; }}
.signature {{ margin-left: 50%; text-align: center; margin-top: 2em; }}
"""


def render_pdf(
    html: str,
    base_url: str | None = None,
    *,
    thai_digits: bool = False,
    synthetic: bool = False,
    extra_css: str | None = None,
) -> bytes:
    """Render an HTML string to PDF bytes with the Sarabun faces and Thai page setup.

    ``thai_digits`` numbers pages in Thai numerals (๑, ๒ …); ``synthetic`` puts the
    "ข้อมูลสังเคราะห์" notice at the top of every page; ``extra_css`` is added after the
    base stylesheet (for instance a landscape ``@page``).
    """
    # @font-face rules only load when the stylesheet and the render share a FontConfiguration
    font_config = FontConfiguration()
    base = base_stylesheet(thai_digits=thai_digits, synthetic=synthetic)
    stylesheets = [CSS(string=base, font_config=font_config)]
    if extra_css:
        stylesheets.append(CSS(string=extra_css, font_config=font_config))
    document = HTML(string=html, base_url=base_url)
    from planlink.documents.pdf_text_layer import fix_text_layer

    # the text layer reads real Thai: "ตำบล", "น้ำ" are found by search (pdf_text_layer)
    pdf: bytes = document.write_pdf(
        stylesheets=stylesheets, font_config=font_config, finisher=fix_text_layer
    )
    return pdf
