"""Shared fixtures: the real reference data is loaded once per test database."""

from __future__ import annotations

import pytest

from planlink.areas.loaders import load_reference_data
from planlink.areas.models import Area


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # noqa: PT004
    """Create the test database, then load the national reference data into it once."""
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture
def reference_data(db):
    """The areas, LAOs and agencies; reloaded when a transactional test flushed them."""
    if not Area.objects.filter(code="24").exists():
        load_reference_data()


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """PBKDF2 is slow on purpose; tests create many users."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle and lockout counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
