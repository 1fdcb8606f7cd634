"""The province's frame editor edits and deletes existing strategy and issue rows; each refusal
says what is wrong (a lowercase code, a strategy that still holds issues, an issue projects use)
and writes nothing."""

from __future__ import annotations

import pytest

from planlink.audit.models import AuditEntry
from planlink.core.errors import DomainError
from planlink.plans.models import Issue, PlanKind, Strategy
from planlink.plans.strategies import issue_delete, issue_save, strategy_delete
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db

FRAME = "/province/24/frame/"


def _issue(code: str) -> Issue:
    return Issue.objects.get(province_id="24", cycle_id=2570, code=code)


def test_a_lowercase_code_gets_a_specific_message(people, signed_in):
    response = signed_in(people["province"]).post(
        FRAME,
        {
            "issue-code": "tourism",
            "issue-name_th": "การท่องเที่ยวเชิงวัฒนธรรม",
            "issue-strategy_number": "1",
            "issue-order": "0",
        },
    )
    text = response.content.decode()
    assert "รหัสประเด็นต้องเป็นตัวอักษรภาษาอังกฤษพิมพ์ใหญ่: ใช้ TOURISM แทน tourism" in text
    assert not Issue.objects.filter(code__iexact="tourism").exists()


def test_the_service_says_the_same_in_english():
    from planlink.areas.models import Area

    with pytest.raises(DomainError) as caught:
        issue_save(
            province=Area(code="24", level=Area.Level.PROVINCE),
            cycle=None,
            code="water",
            name_th="น้ำ",
            strategy_number=1,
            actor=None,
        )
    assert caught.value.message_en == "the issue code is written in capitals: WATER, not water"


def test_each_row_has_edit_and_delete(people, signed_in):
    page = signed_in(people["province"]).get(FRAME).content.decode()
    assert 'name="delete_strategy" value="1"' in page
    assert 'name="delete_issue" value="WATER"' in page
    assert "edit_issue=WATER#issue-form" in page
    assert "edit_strategy=1#strategy-form" in page


def test_edit_prefills_the_form_and_saves_the_row(people, signed_in):
    client = signed_in(people["province"])
    water = _issue("WATER")
    page = client.get(FRAME, {"edit_issue": "WATER"}).content.decode()
    assert 'name="issue-code" value="WATER"' in page
    assert f'value="{water.name_th}"' in page
    client.post(
        FRAME,
        {
            "issue-code": "WATER",
            "issue-name_th": "น้ำเพื่อการเกษตรและการอุปโภคบริโภค",
            "issue-strategy_number": "2",
            "issue-order": str(water.order),
        },
    )
    water.refresh_from_db()
    assert water.name_th == "น้ำเพื่อการเกษตรและการอุปโภคบริโภค"
    assert water.strategy.number == 2
    strategy = Strategy.objects.get(province_id="24", cycle_id=2570, number=1)
    page = client.get(FRAME, {"edit_strategy": "1"}).content.decode()
    assert f'value="{strategy.name_th}"' in page


def test_an_unused_issue_is_deleted_with_its_audit_row(people, signed_in):
    client = signed_in(people["province"])
    client.post(
        FRAME,
        {
            "issue-code": "TOURISM",
            "issue-name_th": "การท่องเที่ยวเชิงวัฒนธรรม",
            "issue-strategy_number": "1",
            "issue-order": "0",
        },
    )
    response = client.post(FRAME, {"delete_issue": "TOURISM"}, follow=True)
    assert "ลบประเด็น TOURISM แล้ว" in response.content.decode()
    assert not Issue.objects.filter(province_id="24", code="TOURISM").exists()
    assert AuditEntry.objects.filter(action="frame.issue_delete").count() == 1


def test_an_issue_projects_use_is_not_deleted(people, signed_in):
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    make_project(plan, "ขุดลอกคลองส่งน้ำ", issue_code="WATER")
    response = signed_in(people["province"]).post(FRAME, {"delete_issue": "WATER"})
    assert "ลบประเด็น WATER ไม่ได้: มีโครงการใช้ประเด็นนี้ 1 โครงการ" in response.content.decode()
    assert Issue.objects.filter(province_id="24", code="WATER").exists()
    assert not AuditEntry.objects.filter(action="frame.issue_delete").exists()


def test_a_strategy_with_issues_is_not_deleted_then_is_once_empty(people, signed_in):
    client = signed_in(people["province"])
    strategy = Strategy.objects.get(province_id="24", cycle_id=2570, number=1)
    codes = list(strategy.issues.order_by("order", "code").values_list("code", flat=True))
    assert codes
    response = client.post(FRAME, {"delete_strategy": "1"})
    text = response.content.decode()
    assert f"ลบยุทธศาสตร์ที่ 1 ไม่ได้: ยังมีประเด็น {', '.join(codes)}" in text
    assert Strategy.objects.filter(pk=strategy.pk).exists()
    for code in codes:
        issue_delete(issue=_issue(code), actor=None)
    strategy_delete(strategy=strategy, actor=None)
    assert not Strategy.objects.filter(pk=strategy.pk).exists()


def test_only_the_province_deletes(people, signed_in):
    response = signed_in(people["district"]).post(FRAME, {"delete_issue": "WATER"})
    assert response.status_code in (403, 404)
    assert Issue.objects.filter(province_id="24", code="WATER").exists()
