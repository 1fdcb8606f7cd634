"""One rule edits the provincial frame, whichever door it comes in by (page or API).

A name longer than the column is refused with a Thai message and nothing is written
(the frame editor page used to cut it short while the API refused it).
"""

from __future__ import annotations

import pytest

from planlink.areas.models import Area
from planlink.audit.models import AuditEntry
from planlink.core.errors import DomainError
from planlink.cycles.models import PlanningCycle
from planlink.plans.models import Issue, Strategy
from planlink.plans.strategies import issue_save, strategy_save

pytestmark = pytest.mark.django_db

TOO_LONG = "การพัฒนาเศรษฐกิจฐานรากและการท่องเที่ยวเชิงวัฒนธรรมลุ่มน้ำบางปะกง" * 6


@pytest.fixture
def province(people):
    return Area.objects.get(code="24")


@pytest.fixture
def cycle_2570(people):
    return PlanningCycle.objects.get(pk=2570)


def test_saving_a_new_number_adds_the_strategy_and_audits_it(people, province, cycle_2570):
    strategy = strategy_save(
        province=province,
        cycle=cycle_2570,
        number=6,
        name_th="การท่องเที่ยวเชิงเกษตร",
        actor=people["province"],
    )
    assert (strategy.number, strategy.name_th) == (6, "การท่องเที่ยวเชิงเกษตร")
    assert AuditEntry.objects.filter(action="strategy.create", object_id=str(strategy.pk)).exists()


def test_saving_a_taken_number_renames_it(people, province, cycle_2570):
    strategy_save(
        province=province,
        cycle=cycle_2570,
        number=1,
        name_th="เศรษฐกิจฐานราก",
        actor=people["province"],
    )
    renamed = Strategy.objects.get(province=province, cycle=cycle_2570, number=1)
    assert renamed.name_th == "เศรษฐกิจฐานราก"
    entry = AuditEntry.objects.get(action="strategy.update", object_id=str(renamed.pk))
    assert entry.changes["name_th"] == ["การพัฒนาเศรษฐกิจและการสร้างรายได้", "เศรษฐกิจฐานราก"]


def test_a_long_strategy_name_is_refused_not_cut(people, province, cycle_2570):
    with pytest.raises(DomainError) as refused:
        strategy_save(
            province=province,
            cycle=cycle_2570,
            number=7,
            name_th=TOO_LONG,
            actor=people["province"],
        )
    assert refused.value.message_th == "ชื่อยุทธศาสตร์ยาวเกิน 300 ตัวอักษร"
    assert not Strategy.objects.filter(province=province, number=7).exists()


def test_a_long_issue_name_is_refused_not_cut(people, province, cycle_2570):
    with pytest.raises(DomainError) as refused:
        issue_save(
            province=province,
            cycle=cycle_2570,
            code="TOURISM",
            name_th=TOO_LONG,
            strategy_number=1,
            actor=people["province"],
        )
    assert refused.value.message_th == "ชื่อประเด็นยาวเกิน 300 ตัวอักษร"
    assert not Issue.objects.filter(code="TOURISM").exists()


@pytest.mark.parametrize("code", ["water", "W", "น้ำ", "WATER-1", "A" * 21])
def test_an_issue_code_that_is_not_capitals_is_refused(people, province, cycle_2570, code):
    with pytest.raises(DomainError, match="รหัสประเด็นต้องเป็นตัวอักษรภาษาอังกฤษพิมพ์ใหญ่"):
        issue_save(
            province=province,
            cycle=cycle_2570,
            code=code,
            name_th="แหล่งน้ำ",
            strategy_number=2,
            actor=people["province"],
        )
    assert Issue.objects.filter(province=province, cycle=cycle_2570).count() == 9


def test_the_frame_page_refuses_a_long_name_and_writes_nothing(people, signed_in):
    before = AuditEntry.objects.count()
    response = signed_in(people["province"]).post(
        "/province/24/frame/",
        {"strategy-number": "1", "strategy-name_th": TOO_LONG},
    )
    assert response.status_code == 200
    assert Strategy.objects.get(province_id="24", cycle_id=2570, number=1).name_th == (
        "การพัฒนาเศรษฐกิจและการสร้างรายได้"
    )
    assert AuditEntry.objects.count() == before


def test_the_page_and_the_domain_give_the_same_refusal_for_a_province_without_the_strategy(
    people, province, cycle_2570, signed_in
):
    with pytest.raises(DomainError) as refused:
        issue_save(
            province=province,
            cycle=cycle_2570,
            code="SPACE",
            name_th="กิจการอวกาศ",
            strategy_number=42,
            actor=people["province"],
        )
    page = signed_in(people["province"]).post(
        "/province/24/frame/",
        {
            "issue-code": "SPACE",
            "issue-name_th": "กิจการอวกาศ",
            "issue-strategy_number": "42",
            "issue-order": "0",
        },
    )
    assert refused.value.message_th in page.content.decode()
    assert not Issue.objects.filter(code="SPACE").exists()
