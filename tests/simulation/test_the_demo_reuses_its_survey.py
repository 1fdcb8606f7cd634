"""The demo generates the synthetic household survey once and reuses it afterwards.

Before issue 11 the demo asked ``hasattr(SurveyImport, "scope_code")`` — always false —
so every run generated and imported the province's survey again.
"""

from __future__ import annotations

import pytest

from planlink.evidence.models import SurveyImport
from planlink.simulation.demo import demo_province, has_survey

pytestmark = pytest.mark.django_db

SURVEY_LINE = "สร้างข้อมูล จปฐ. สังเคราะห์ ปี 2567"


def test_the_second_run_reuses_the_survey_of_the_first(reference_data):
    said: list[str] = []
    demo_province("83", 2570, run=False, progress=said.append)
    assert any(line.startswith(SURVEY_LINE) for line in said)
    first = list(SurveyImport.objects.values_list("pk", "year", "province_codes", "synthetic"))
    assert [row[1:] for row in first] == [(2567, "83", True)]

    said.clear()
    demo_province("83", 2570, run=False, progress=said.append)
    assert not any(line.startswith(SURVEY_LINE) for line in said)
    assert list(SurveyImport.objects.values_list("pk", "year", "province_codes", "synthetic")) == (
        first
    )
    # A survey covers the provinces it names, that year, and no other.
    assert has_survey("83", 2567)
    assert not has_survey("8", 2567)
    assert not has_survey("85", 2567)
    assert not has_survey("83", 2566)
