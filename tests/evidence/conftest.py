"""Villages of the hand-made file (under real Chachoengsao tambons) and the default sets."""

from __future__ import annotations

import pytest

from planlink.evidence.services.indicators import load_default_indicators
from tests.evidence.builders import VILLAGES
from tests.factories import village


@pytest.fixture
def villages(reference_data) -> list[str]:  # noqa: ANN001
    load_default_indicators()
    for code in VILLAGES:
        village(code)
    return VILLAGES
