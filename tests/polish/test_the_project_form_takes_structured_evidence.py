"""The project form takes structured evidence: the households affected and the จปฐ./กชช.๒ค
indicators the project addresses, picked from the evidence app's indicator sets (each showing
the village's share of households failing it when a survey exists), not free text only."""

from __future__ import annotations

import re

import pytest

from planlink.evidence.models import Indicator
from planlink.plans.models import PlanKind, Project
from tests.factories import area_plan

pytestmark = pytest.mark.django_db

FORM = {
    "title": "ขุดเจาะบ่อบาดาลเพื่อน้ำดื่มสะอาด",
    "issue_code": "WATER",
    "mode": "support",
    "capacity_level": "lao",
    "priority": "1",
    "budget": "180,000",
    "rationale": "น้ำดื่มไม่สะอาดในฤดูแล้ง",
}


@pytest.fixture
def plan(people):
    return area_plan(PlanKind.VILLAGE, "24010101")


def _codes(kind: str) -> list[str]:
    return list(
        Indicator.objects.filter(indicator_set__kind=kind)
        .order_by("indicator_set", "number")
        .values_list("code", flat=True)
    )


def test_the_form_offers_both_indicator_sets_and_households(plan, people, signed_in):
    page = signed_in(people["village"]).get(f"/plans/{plan.pk}/projects/new/").content.decode()
    jpt, kchch = _codes("jpt"), _codes("kchch2k")
    assert jpt
    assert kchch
    assert 'name="households"' in page
    assert "เลือกตัวชี้วัด จปฐ." in page
    assert "เลือกตัวชี้วัด กชช.๒ค" in page
    assert f'name="jpt_indicators" value="{jpt[0]}"' in page
    assert f'name="kchch_indicators" value="{kchch[0]}"' in page
    first = Indicator.objects.get(code=jpt[0])
    assert first.title_th in page


def test_the_evidence_is_saved_and_shown_again_for_editing(plan, people, signed_in):
    client = signed_in(people["village"])
    jpt, kchch = _codes("jpt"), _codes("kchch2k")
    response = client.post(
        f"/plans/{plan.pk}/projects/new/",
        {
            **FORM,
            "households": "85",
            "jpt_indicators": [jpt[2], jpt[5]],
            "kchch_indicators": [kchch[0]],
        },
    )
    assert response.status_code == 302
    project = Project.objects.get(plan=plan, title=FORM["title"])
    assert project.households == 85
    assert sorted(project.indicators.values_list("code", flat=True)) == sorted(
        [jpt[2], jpt[5], kchch[0]]
    )
    edit = client.get(f"/projects/{project.pk}/edit/").content.decode()
    assert 'name="households" value="85"' in edit
    boxes = {
        match.group(1): "checked" in match.group(0)
        for match in re.finditer(
            r'<input type="checkbox" name="\w+_indicators" value="([^"]+)"[^>]*>', edit
        )
    }
    assert boxes[jpt[2]]
    assert boxes[kchch[0]]
    assert not boxes[jpt[0]]
    client.post(
        f"/projects/{project.pk}/edit/",
        {**FORM, "households": "90", "jpt_indicators": [jpt[2]], "version": str(project.version)},
    )
    project.refresh_from_db()
    assert project.households == 90
    assert list(project.indicators.values_list("code", flat=True)) == [jpt[2]]


def test_bad_evidence_is_refused_in_thai_and_nothing_is_saved(plan, people, signed_in):
    client = signed_in(people["village"])
    response = client.post(f"/plans/{plan.pk}/projects/new/", {**FORM, "households": "หลายครัวเรือน"})
    assert "จำนวนครัวเรือนต้องเป็นตัวเลข" in response.content.decode()
    response = client.post(
        f"/plans/{plan.pk}/projects/new/", {**FORM, "jpt_indicators": ["NOT-AN-INDICATOR"]}
    )
    assert response.status_code == 200
    assert not Project.objects.filter(plan=plan).exists()
