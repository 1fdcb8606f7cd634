"""A public page or JSON served from the server's copy carries the same validators and cache
headers as a rendered one: the version's ETag and Last-Modified, 304 to a conditional request,
``private, no-cache`` for a page and ``public, max-age=60`` for JSON; Thai and English are kept
apart."""

from __future__ import annotations

import pytest
from django.test import Client

from planlink.rollups.fill import refresh_province

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "control"),
    [
        ("/tracker/24/", {"private", "no-cache"}),
        ("/tracker/", {"private", "no-cache"}),
        ("/tracker/24/map.json", {"public", "max-age=60"}),
        ("/tracker/funnel.json", {"public", "max-age=60"}),
    ],
)
def test_a_kept_copy_has_the_rendered_ones_headers(url, control, year, page_cache, client):
    client.get(url)  # a first visit sets the CSRF cookie a page's ETag covers
    rendered = client.get(url)
    kept = client.get(url)
    assert rendered.status_code == kept.status_code == 200
    assert kept.templates == []
    for response in (rendered, kept):
        assert set(response["Cache-Control"].split(", ")) == control
        assert "Cookie" in response["Vary"] or url.endswith(".json")
        assert "Accept-Language" in response["Vary"]
    assert kept["ETag"] == rendered["ETag"]
    assert kept["Last-Modified"] == rendered["Last-Modified"]
    assert kept["Content-Type"] == rendered["Content-Type"]
    again = client.get(url, HTTP_IF_NONE_MATCH=kept["ETag"])
    assert again.status_code == 304
    refresh_province(year.pk, "24")
    changed = client.get(url, HTTP_IF_NONE_MATCH=kept["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != kept["ETag"]


def test_thai_and_english_copies_are_kept_apart(year, page_cache):
    thai = Client(HTTP_ACCEPT_LANGUAGE="th").get("/tracker/24/")
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get("/tracker/24/")
    assert english.templates, "the English page is rendered, not the Thai copy"
    assert Client(HTTP_ACCEPT_LANGUAGE="th").get("/tracker/24/").templates == []
    kept_english = Client(HTTP_ACCEPT_LANGUAGE="en").get("/tracker/24/")
    assert kept_english.templates == []
    assert 'lang="th"' in thai.content.decode()
    assert "ติดตามความต้องการ" in thai.content.decode()
    assert 'lang="en"' in kept_english.content.decode()
    assert kept_english["Content-Language"] == "en"


def test_an_unknown_area_is_still_not_found(year, page_cache):
    assert Client().get("/tracker/9999/").status_code == 404
    assert Client().get("/tracker/9999/").status_code == 404
    assert Client().get("/tracker/9999/map.json").status_code == 404


@pytest.mark.parametrize("query", ["", "?cycle=2570", "?cycle=2999", "?cycle=123456"])
def test_the_year_asked_or_the_newest_is_kept(query, year, page_cache):
    """``?cycle=`` names the year; a year with no cycle (or no year at all) shows the newest,
    as the rendered page does — the kept copy is that year's."""
    first = Client().get(f"/tracker/24/{query}")
    assert first.status_code == 200
    assert first.context["cycle"].fiscal_year == year.pk
    kept = Client().get(f"/tracker/24/{query}")
    assert kept.templates == []
    assert "ปีงบประมาณ พ.ศ. 2570" in kept.content.decode()
    assert kept["ETag"] == first["ETag"]  # two first visits: no CSRF cookie in either ETag
