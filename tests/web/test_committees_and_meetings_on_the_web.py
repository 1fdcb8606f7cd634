"""Committees and meetings entered on the web feed the district performance report's counts
(1) and (2), and the district page says which tambon lacks what (issue 15, build item 2)."""

from __future__ import annotations

import pytest

from planlink.committees.models import Committee, Meeting
from tests.api.conftest import snapshot

pytestmark = pytest.mark.django_db


def counts(client) -> dict[int, str]:
    page = client.get("/district/2401/").content.decode()
    section = page.split('id="performance"', 1)[1].split("</table>", 1)[0]
    rows = section.split("<tr><td>(")[1:]
    return {
        int(row.split(")", 1)[0]): row.split('class="numeric">', 1)[1].split("<", 1)[0]
        for row in rows
    }


def test_the_district_officer_enters_a_kbt_and_its_meeting_and_the_counts_follow(people, signed_in):
    district = signed_in(people["district"])
    before = counts(district)
    assert (before[1], before[2]) == ("0", "0")
    page = district.get("/district/2401/").content.decode()
    assert "ตำบลที่ยังขาด" in page
    assert 'href="/committees/240101/"' in page
    response = district.post(
        "/committees/240101/",
        {
            "action": "appoint",
            "kind": "tambon_integration",
            "order_number": "45/2568",
            "order_date": "2025-01-20",
        },
    )
    assert response.status_code == 302
    committee = Committee.objects.get(scope_code="240101", kind="tambon_integration")
    assert counts(district)[1] == "1"
    district.post(
        "/committees/240101/",
        {
            "action": "member",
            "committee": committee.pk,
            "full_name": "นายสมชาย ใจดี",
            "position": "chair",
            "organisation": "กำนันตำบลหน้าเมือง",
        },
    )
    district.post(
        "/committees/240101/",
        {
            "action": "meeting",
            "committee": committee.pk,
            "held_on": "2025-02-10",
            "purpose": "make_plan",
            "attendance": "25",
            "minutes_note": "ประชุมจัดทำแผนพัฒนาตำบล ปี 2570",
        },
    )
    assert Meeting.objects.filter(committee=committee, purpose="make_plan").count() == 1
    assert counts(district)[2] == "1"
    shown = district.get("/committees/240101/").content.decode()
    assert "นายสมชาย ใจดี" in shown
    assert "ประชุมจัดทำแผน" in shown


def test_bad_input_is_refused_in_thai_and_writes_nothing(people, signed_in):
    tambon = signed_in(people["tambon"])
    before = snapshot()
    page = tambon.post(
        "/committees/240101/",
        {
            "action": "appoint",
            "kind": "tambon_integration",
            "order_number": "",
            "order_date": "2025-01-20",
        },
        follow=True,
    ).content.decode()
    assert "ต้องระบุเลขที่คำสั่ง" in page
    page = tambon.post(
        "/committees/240101/",
        {
            "action": "appoint",
            "kind": "tambon_integration",
            "order_number": "1/2568",
            "order_date": "2599-01-01",
        },
        follow=True,
    ).content.decode()
    assert "ต้องไม่เป็นวันในอนาคต" in page
    assert snapshot() == before


def test_a_village_committee_reads_but_cannot_appoint(people, signed_in):
    village = signed_in(people["village"])
    assert village.get("/committees/240101/").status_code == 200
    before = snapshot()
    response = village.post(
        "/committees/240101/",
        {
            "action": "appoint",
            "kind": "tambon_integration",
            "order_number": "1/2568",
            "order_date": "2025-01-20",
        },
    )
    assert response.status_code == 403
    assert snapshot() == before


def test_every_tambon_of_the_district_is_listed_even_without_a_plan(people, signed_in):
    page = signed_in(people["district"]).get("/district/2401/").content.decode()
    table = page.split('id="tambons"', 1)[1].split("</table>", 1)[0]
    assert "ยังไม่มีแผน" in table
    assert "ตำบลหน้าเมือง" in table
    assert table.count("<tr>") > 5
