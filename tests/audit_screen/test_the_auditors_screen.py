"""``/audit/`` answers the auditor in Thai, filters the trail (htmx swaps the results),
pages it (no page over 100 rows), refuses everyone else; the auditor's home counts the
changes; plan and project pages carry their history for who may read it."""

from __future__ import annotations

import re

import pytest

from planlink.accounts.models import Role
from planlink.audit.models import AuditEntry
from planlink.plans.models import PlanKind
from planlink.plans.services import plan_submit, project_create, project_update
from tests.factories import area_plan, assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(people):
    village_user = people["village"]
    village_user.first_name, village_user.last_name = "สมศรี", "ใจดี"
    village_user.save()
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    project = project_create(
        plan=plan,
        actor=village_user,
        data={"title": "ธนาคารขยะชุมชน", "budget": "45000", "issue_code": "ENV", "mode": "support"},
    )
    project = project_update(
        project=project, actor=village_user, data={"budget": "60000"}, expected_version=1
    )
    plan_submit(plan=plan, actor=village_user)
    chiang_mai = area_plan(PlanKind.DISTRICT_NEEDS, "5001")
    project_create(
        plan=chiang_mai,
        actor=people["outsider"],
        data={"title": "ขุดลอกลำเหมืองสาธารณะ", "budget": "90000", "issue_code": "INFRA"},
    )
    return {"plan": plan, "project": project, "chiang_mai": chiang_mai}


def test_the_auditor_reads_the_trail_in_thai(trail, people, signed_in):
    response = signed_in(people["auditor"]).get("/audit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="th"' in html
    assert "บันทึกการเปลี่ยนแปลง" in html
    assert "แก้ไขโครงการ" in html
    assert "ส่งแผน" in html
    assert "45,000.00" in html
    assert "60,000.00" in html
    assert "สมศรี ใจดี (village1)" in html
    assert "ขุดลอกลำเหมืองสาธารณะ" in html  # a national auditor sees every province
    assert 'href="/audit/"' in html  # the menu names the screen


def test_filters_narrow_the_trail_and_echo_be_dates(trail, people, signed_in):
    client = signed_in(people["auditor"])
    html = client.get("/audit/", {"area": "2401", "person": "สมศรี"}).content.decode()
    assert "ธนาคารขยะชุมชน" in html
    assert "ขุดลอกลำเหมืองสาธารณะ" not in html
    assert "อำเภอเมืองฉะเชิงเทรา" in html  # the area filter named
    html = client.get("/audit/", {"area": "50", "kind": "plans.project"}).content.decode()
    assert "ขุดลอกลำเหมืองสาธารณะ" in html
    assert "ธนาคารขยะชุมชน" not in html
    html = client.get(
        "/audit/", {"date_from": "1/1/2500", "date_to": "31/12/2500"}
    ).content.decode()
    assert "ไม่พบการเปลี่ยนแปลงตามเงื่อนไขนี้" in html
    assert 'value="1/1/2500"' in html


def test_a_bad_filter_is_explained_in_thai(trail, people, signed_in):
    response = signed_in(people["auditor"]).get("/audit/", {"date_from": "31/2/2569"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "ไม่มีวันที่เริ่มนี้ในปฏิทิน" in html
    assert "ธนาคารขยะชุมชน" not in html  # nothing shown rather than everything


def test_htmx_gets_only_the_results(trail, people, signed_in):
    response = signed_in(people["auditor"]).get("/audit/", {"area": "24"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="audit-results"')
    assert "<html" not in html
    assert "ธนาคารขยะชุมชน" in html
    assert "private" in response["Cache-Control"]


def test_the_trail_is_paged_under_100_rows(people, signed_in):
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor_label="synthetic",
            action="project.update",
            object_type="plans.plan",
            object_id=str(plan.pk),
            scope_code="24010101",
            changes={"title": [f"ชื่อเดิม {n}", f"ชื่อใหม่ {n}"]},
        )
        for n in range(130)
    )
    client = signed_in(people["auditor"])
    first = client.get("/audit/").content.decode()
    rows = len(re.findall(r'<tr id="audit-', first))
    assert 0 < rows <= 100
    assert "หน้า 1 จาก" in first
    total = AuditEntry.objects.count()
    pages = -(-total // rows)
    assert f"หน้า 1 จาก {pages}" in first
    last = client.get("/audit/", {"page": str(pages)}).content.decode()
    assert len(re.findall(r'<tr id="audit-', last)) == total - rows * (pages - 1)


@pytest.mark.parametrize(
    "persona", ["village", "tambon", "district", "province", "agency", "outsider"]
)
def test_others_are_refused(trail, people, signed_in, persona):
    response = signed_in(people[persona]).get("/audit/")
    assert response.status_code == 403
    assert "ผู้ตรวจสอบ" in response.content.decode()


def test_anonymous_visitors_sign_in_first(client):
    response = client.get("/audit/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_auditor_of_one_province_sees_only_it(trail, people, signed_in):
    chachoengsao = assign(Role.AUDITOR, area="24", username="auditor24")
    html = signed_in(chachoengsao).get("/audit/").content.decode()
    assert "ธนาคารขยะชุมชน" in html
    assert "ขุดลอกลำเหมืองสาธารณะ" not in html
    html = signed_in(chachoengsao).get("/audit/", {"area": "50"}).content.decode()
    assert "ขุดลอกลำเหมืองสาธารณะ" not in html


def test_the_auditors_home_counts_and_links(trail, people, signed_in):
    html = signed_in(people["auditor"]).get("/").content.decode()
    assert "การเปลี่ยนแปลงวันนี้" in html
    assert "การเปลี่ยนแปลง 7 วันล่าสุด" in html
    week = AuditEntry.objects.count()
    assert re.search(rf'stat__value">{week:,}<', html)
    assert "จังหวัดที่มีการเปลี่ยนแปลงมากที่สุดใน 7 วัน" in html
    assert "?area=24&amp;date_from=" in html
    assert 'href="/audit/?kind=plans.plan"' in html
    assert "แผนของหน่วยงาน" not in html  # an auditor owns no plan and decides nothing
    assert "เรื่องที่ส่งมาให้พิจารณา" not in html
    village_home = signed_in(people["village"]).get("/").content.decode()
    assert "แผนของหน่วยงาน" in village_home
    assert "การเปลี่ยนแปลงวันนี้" not in village_home
    assert 'href="/audit/"' not in village_home


def test_plan_and_project_pages_show_their_history_to_who_may_read_it(trail, people, signed_in):
    plan, project = trail["plan"], trail["project"]
    for persona in ("auditor", "village"):  # its auditor and its owner
        client = signed_in(people[persona])
        html = client.get(f"/plans/{plan.pk}/").content.decode()
        assert "ประวัติการแก้ไข" in html
        assert "ส่งแผน" in html
        html = client.get(f"/projects/{project.pk}/").content.decode()
        assert "ประวัติการแก้ไข" in html
        assert "60,000.00" in html
    tambon = signed_in(people["tambon"])  # reads the plan, neither audits nor owns it
    html = tambon.get(f"/plans/{plan.pk}/").content.decode()
    assert "ประวัติการแก้ไข" not in html
    assert tambon.get(f"/audit/plans.plan/{plan.pk}/").status_code == 403


def test_one_objects_whole_history(trail, people, signed_in):
    project = trail["project"]
    response = signed_in(people["auditor"]).get(f"/audit/plans.project/{project.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "ประวัติการแก้ไข" in html
    assert "เพิ่มโครงการ" in html
    assert "แก้ไขโครงการ" in html
    assert f'href="/projects/{project.pk}/"' in html
    assert (
        signed_in(people["outsider"]).get(f"/audit/plans.project/{project.pk}/").status_code == 404
    )
    assert signed_in(people["auditor"]).get("/audit/auth.user/1/").status_code == 404


def test_english_switch(trail, people, signed_in):
    html = signed_in(people["auditor"], language="en").get("/audit/").content.decode()
    assert "Audit trail" in html
    assert "Kind of record" in html
    assert "Edit the project" in html
