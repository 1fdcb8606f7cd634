"""Fixtures for the job-queue tests: test tasks, a worker id, a throw-away data dir."""

from __future__ import annotations

import pytest

from tests.jobs import tasks_for_tests


@pytest.fixture(autouse=True)
def _reset_test_tasks():
    tasks_for_tests.reset()
    yield
    tasks_for_tests.reset()


@pytest.fixture
def data_dir(settings, tmp_path):
    """``settings.DATA_DIR`` pointed at an empty temporary directory."""
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    return settings.DATA_DIR


@pytest.fixture
def worker_id() -> str:
    return "test-host:4242:aaaa1111"


@pytest.fixture
def make_user(django_user_model):
    def make(username: str, *, superuser: bool = False):
        if superuser:
            return django_user_model.objects.create_superuser(username=username, password="x")
        return django_user_model.objects.create_user(username=username, password="x")

    return make
