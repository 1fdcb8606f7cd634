"""Fixtures for the web tests: the personas in Chachoengsao, a cycle with its frame, clients."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import cycle, frame, personas


@pytest.fixture
def people(reference_data):
    """Village 24010101 and 24010102 (tambon 240101), tambon, LAO, district, province, agency.

    ``UserFactory`` sets the password without saving it (``skip_postgeneration_save``);
    the web signs people in with sessions, which check the stored hash, so save it here.
    """
    found = personas()
    for user in found.values():
        if hasattr(user, "password"):
            user.save(update_fields=["password"])
    cycle()
    frame("24")
    return found


@pytest.fixture
def signed_in():
    """``signed_in(user)`` → a test client with that user signed in (Thai by default)."""

    def make(user, language: str = "th") -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE=language)
        client.force_login(user)
        return client

    return make


@pytest.fixture
def inline_jobs(settings):
    """Background jobs run in the request (the worker is not running in tests)."""
    settings.PLANLINK_JOBS_INLINE = True


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The dashboards cache their numbers for a few minutes; tests start empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
