"""Fixtures for the access tests: the personas of Chachoengsao and an outsider of Chiang Mai."""

from __future__ import annotations

import pytest

from tests.factories import cycle, frame, personas


@pytest.fixture
def people(reference_data):
    """village (24010101), other_village, tambon (240101), lao, district (2401), province (24),
    agency (RID), auditor (national) and outsider (district officer of 5001)."""
    found = personas()
    cycle()
    frame("24")
    return found


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
