"""The web tests' personas and clients, for the pages that read the roll-ups; and the server's
cache of rendered public pages, on for the tests that ask for it (``page_cache``)."""

import pytest
from django.core.cache import caches

from planlink.rollups.fill import refresh_province
from tests.factories import cycle
from tests.web.conftest import people, signed_in  # noqa: F401


@pytest.fixture
def year(people):  # noqa: F811 - the web tests' fixture, imported above
    """A cycle with province 24's roll-ups filled (modules that need more define their own)."""
    found = cycle()
    refresh_province(found.pk, "24")
    return found


@pytest.fixture
def page_cache(settings):
    """Public pages and dashboard figures kept by the server as in production, empty at the
    start and the end of the test."""
    settings.PLANLINK_PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()
