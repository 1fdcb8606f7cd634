"""Public tracker pages and JSON carry an ETag and Last-Modified from the roll-ups' version and
answer 304 to a conditional request; a refresh changes them; signed-in pages stay private."""

from __future__ import annotations

import pytest

from planlink.rollups.fill import refresh_province

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/tracker/24/", "/tracker/24/map.json", "/tracker/funnel.json"])
def test_a_conditional_request_gets_304_until_a_refresh(url, year, client):
    client.get(url)  # a first visit sets the CSRF cookie a page's ETag covers
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    refresh_province(year.pk, "24")  # any refresh bumps the version
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_json_may_be_shared_but_a_page_only_by_its_visitor(year, client):
    assert "public" in client.get("/tracker/24/map.json")["Cache-Control"]
    page = client.get("/tracker/24/")["Cache-Control"]
    assert "private" in page
    assert "public" not in page


def test_the_language_is_part_of_the_etag(year, client):
    thai = client.get("/tracker/24/", HTTP_ACCEPT_LANGUAGE="th")["ETag"]
    english = client.get("/tracker/24/", HTTP_ACCEPT_LANGUAGE="en")
    assert english["ETag"] != thai
    assert (
        client.get("/tracker/24/", HTTP_ACCEPT_LANGUAGE="en", HTTP_IF_NONE_MATCH=thai).status_code
        == 200
    )


def test_signed_in_pages_are_never_shared(year, people, signed_in):
    officer = signed_in(people["province"])
    for url in ("/province/24/", "/tracker/24/"):
        response = officer.get(url)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"], url
        assert "public" not in response["Cache-Control"], url
        assert not response.has_header("ETag"), url
