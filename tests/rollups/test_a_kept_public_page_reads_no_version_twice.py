"""A server process keeps the public pages' year and roll-up version for
``PLANLINK_VERSION_SECONDS`` (production: 1 s): a kept public page then answers without a
database round trip; a refresh in the same process shows at once, and another process's
refresh once the time has passed (issue 16's load target on PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planlink.rollups import selectors
from planlink.rollups.fill import refresh_province
from planlink.rollups.models import CycleVersion

pytestmark = pytest.mark.django_db

URL = "/tracker/24/"


@pytest.fixture
def kept_versions(settings, page_cache):
    settings.PLANLINK_VERSION_SECONDS = 1
    selectors.forget_kept_versions()
    yield
    selectors.forget_kept_versions()


def test_a_kept_page_asks_the_database_nothing_within_the_second(year, client, kept_versions):
    assert client.get(URL).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        again = client.get(URL)
    assert again.status_code == 200
    assert len(queries) == 0
    assert again.content


def test_a_refresh_in_this_process_shows_at_once(year, client, kept_versions):
    client.get(URL)  # a first visit sets the CSRF cookie a page's ETag covers
    etag = client.get(URL)["ETag"]
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304
    refresh_province(year.pk, "24")
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_another_process_refresh_shows_once_the_second_has_passed(
    year, client, kept_versions, monkeypatch
):
    client.get(URL)  # the CSRF cookie
    etag = client.get(URL)["ETag"]
    # Another process's refresh: the version row moves, this process is not told.
    CycleVersion.objects.filter(cycle_id=year.pk).update(version=999)
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304
    later = selectors.time.monotonic() + 1.5
    monkeypatch.setattr(selectors.time, "monotonic", lambda: later)
    changed = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_off_by_default_outside_production(year, client, settings):
    assert settings.PLANLINK_VERSION_SECONDS == 0
    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        client.get(URL)
    assert len(queries) >= 1
