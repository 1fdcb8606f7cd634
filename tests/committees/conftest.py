import pytest

from tests.factories import personas


@pytest.fixture
def people(reference_data):
    """The shared personas (village 24010101, tambon 240101, district 2401, province 24, …)."""
    return personas()
