"""The Content-Security-Policy (issue 14) allows scripts from this site only: an inline
``<script>`` block, an ``onclick=``-style handler, a ``javascript:`` URL or ``hx-on`` (htmx
evaluates it) would be blocked in the browser — the page would silently stop working. Every
template is read here so a new one cannot bring them back; page data goes in ``data-``
attributes or ``json_script`` (a JSON block the policy does not run)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2] / "planlink"
TEMPLATES = sorted(ROOT.rglob("templates/**/*.html"))

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
HANDLER = re.compile(r"<[a-zA-Z][^>]*?\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
JAVASCRIPT_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)
HX_EVAL = re.compile(r"""\shx-on[:\-]|\shx-vals\s*=\s*["']\s*js:|hx-trigger="[^"]*\[""")


def without_comments(text: str) -> str:
    text = re.sub(r"\{#.*?#\}", "", text, flags=re.DOTALL)
    text = re.sub(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", "", text, flags=re.DOTALL)
    return re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)


def test_there_are_templates_to_check():
    assert len(TEMPLATES) > 20


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_inline_script_handler_or_eval(template: Path):
    text = without_comments(template.read_text(encoding="utf-8"))
    for attributes in SCRIPT_TAG.findall(text):
        assert "src=" in attributes, f"{template}: an inline <script> block"
    assert not HANDLER.search(text), f"{template}: an on…= event handler"
    assert not JAVASCRIPT_URL.search(text), f"{template}: a javascript: URL"
    assert not HX_EVAL.search(text), f"{template}: htmx code evaluated in the page"


def test_the_policy_has_no_unsafe_script_source():
    scripts = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"]
    assert "'unsafe-inline'" not in scripts
    assert "'unsafe-eval'" not in scripts


def test_the_checks_catch_what_they_look_for():
    """The patterns themselves: each forbidden form is found, the allowed ones are not."""
    forbidden = [
        '<button onclick="go()">ไป</button>',
        "<script>window.x = 1</script>",
        '<a href="javascript:void(0)">ลิงก์</a>',
        '<form hx-on::after-request="this.reset()"></form>',
        "<div hx-trigger=\"keyup[key=='Enter']\"></div>",
    ]
    allowed = [
        '<script defer src="/static/js/planlink.js"></script>',
        '<div data-chart="bar" hx-trigger="change" hx-post="/x/">ข้อมูล</div>',
        "{# <script>ไม่ถูกใช้</script> #}",
    ]

    def flagged(text: str) -> bool:
        text = without_comments(text)
        inline = any("src=" not in attributes for attributes in SCRIPT_TAG.findall(text))
        return bool(
            inline or HANDLER.search(text) or JAVASCRIPT_URL.search(text) or HX_EVAL.search(text)
        )

    assert all(flagged(text) for text in forbidden)
    assert not any(flagged(text) for text in allowed)
