"""The provincial strategic frame editor: the province's officer edits, others only read."""

from __future__ import annotations

import pytest

from planlink.audit.models import AuditEntry
from planlink.plans.models import Issue, Strategy

pytestmark = pytest.mark.django_db


def test_the_provincial_officer_adds_an_issue_under_a_strategy(people, signed_in):
    client = signed_in(people["province"])
    response = client.post(
        "/province/24/frame/",
        {
            "issue-code": "TOURISM",
            "issue-name_th": "การท่องเที่ยวเชิงวัฒนธรรมลุ่มน้ำบางปะกง",
            "issue-name_en": "Cultural tourism of the Bang Pakong basin",
            "issue-strategy_number": "1",
            "issue-order": "10",
        },
    )
    assert response.status_code == 302
    issue = Issue.objects.get(province_id="24", cycle_id=2570, code="TOURISM")
    assert (issue.name_th, issue.strategy.number) == ("การท่องเที่ยวเชิงวัฒนธรรมลุ่มน้ำบางปะกง", 1)
    assert AuditEntry.objects.filter(action="frame.issue_create", object_id=str(issue.pk)).exists()
    page = client.get("/province/24/frame/").content.decode()
    assert "การท่องเที่ยวเชิงวัฒนธรรมลุ่มน้ำบางปะกง" in page


def test_renaming_a_strategy_keeps_its_number(people, signed_in):
    signed_in(people["province"]).post(
        "/province/24/frame/",
        {"strategy-number": "2", "strategy-name_th": "โครงสร้างพื้นฐานและน้ำเพื่อการเกษตร"},
    )
    strategy = Strategy.objects.get(province_id="24", cycle_id=2570, number=2)
    assert strategy.name_th == "โครงสร้างพื้นฐานและน้ำเพื่อการเกษตร"


def test_an_issue_under_a_missing_strategy_is_refused(people, signed_in):
    response = signed_in(people["province"]).post(
        "/province/24/frame/",
        {
            "issue-code": "SPACE",
            "issue-name_th": "กิจการอวกาศ",
            "issue-strategy_number": "42",
            "issue-order": "0",
        },
    )
    assert "ไม่พบยุทธศาสตร์ที่ 42 ของจังหวัด" in response.content.decode()
    assert not Issue.objects.filter(code="SPACE").exists()


def test_the_district_reads_the_frame_but_cannot_change_it(people, signed_in):
    client = signed_in(people["district"])
    assert client.get("/province/24/frame/").status_code == 404  # not a province reader
    outsider = signed_in(people["outsider"])
    assert outsider.get("/province/24/").status_code == 404
    auditor = signed_in(people["auditor"])
    assert auditor.get("/province/24/frame/").status_code == 200
    refused = auditor.post(
        "/province/24/frame/",
        {"strategy-number": "1", "strategy-name_th": "ยุทธศาสตร์ที่ผู้ตรวจสอบเขียน"},
    )
    assert refused.status_code == 403
    assert Strategy.objects.get(province_id="24", cycle_id=2570, number=1).name_th == (
        "การพัฒนาเศรษฐกิจและการสร้างรายได้"
    )
