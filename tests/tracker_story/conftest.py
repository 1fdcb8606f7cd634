"""Fixtures for the tracker's story: the personas in Chachoengsao, a cycle, signed-in clients."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import cycle, frame, personas


@pytest.fixture
def people(reference_data):
    """Village 24010101 and 24010102 (tambon 240101), tambon, LAO, district, province, agency,
    auditor; their passwords saved (the web signs people in with sessions)."""
    found = personas()
    for user in found.values():
        if hasattr(user, "password"):
            user.save(update_fields=["password"])
    cycle()
    frame("24")
    return found


@pytest.fixture
def signed_in():
    def make(user, language: str = "th") -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE=language)
        client.force_login(user)
        return client

    return make
