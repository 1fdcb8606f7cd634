"""Issue 17, access: a cluster's plans (scope ``C14``) are read by its cluster officer (the
lead province, role ``cluster_officer``) and the officers of its member provinces — never by a
province officer of another cluster, on the API or the web. The frame is the cluster officer's.
"""

from __future__ import annotations

import pytest
from django.test import Client

from planlink.accounts.models import Assignment, Role
from planlink.accounts.tokens import token_create
from planlink.areas.models import ProvincialCluster
from planlink.plans.models import ClusterIssue, PlanKind
from tests.cluster.world import CLUSTER, run_cluster, run_provinces, two_province_road
from tests.factories import UserFactory, assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(reference_data):
    """The cluster's plan as the engine proposed it (nobody decided yet: a draft)."""
    two_province_road()
    run_provinces("24", "20")
    plan = run_cluster(auto_accept=False)
    assert plan.state == "draft"
    lead = UserFactory(username="cluster14")
    Assignment.objects.create(
        user=lead, role=Role.CLUSTER_OFFICER, cluster=ProvincialCluster.objects.get(number=CLUSTER)
    )
    return plan, {
        "cluster": lead,
        "member": assign(Role.PROVINCIAL_OFFICER, area="20", username="chonburi"),
        "outsider": assign(Role.PROVINCIAL_OFFICER, area="50", username="chiangmai"),
        "district": assign(Role.DISTRICT_OFFICER, area="2401", username="district2401"),
    }


def _api(user, path):
    _, token = token_create(user=user)
    return Client().get(f"/api/v1{path}", headers={"Authorization": f"Bearer {token}"})


def _web(user, path, method="get", **data):
    client = Client()
    client.force_login(user)
    return getattr(client, method)(path, data)


def test_a_province_officer_of_another_cluster_cannot_read_the_clusters_draft(draft):
    plan, people = draft
    assert _api(people["outsider"], f"/plans/{plan.pk}").status_code == 404
    assert _api(people["outsider"], "/plans?level=cluster").json()["count"] == 0
    assert _web(people["outsider"], f"/plans/{plan.pk}/").status_code == 404
    assert _web(people["outsider"], f"/clusters/{CLUSTER}/").status_code == 404
    project = plan.projects.get()
    assert _api(people["outsider"], f"/projects/{project.pk}").status_code == 404
    # a district officer inside a member province reads only its district
    assert _api(people["district"], f"/plans/{plan.pk}").status_code == 404


def test_the_cluster_officer_and_the_member_provinces_read_it(draft):
    plan, people = draft
    for who in ("cluster", "member"):
        response = _api(people[who], f"/plans/{plan.pk}")
        assert response.status_code == 200, who
        assert response.json()["owner"] == {
            "type": "cluster",
            "code": str(CLUSTER),
            "name": "กลุ่มจังหวัดภาคตะวันออก 1",
        }
        listed = _api(people[who], "/plans?level=cluster").json()["items"]
        assert [row["id"] for row in listed] == [plan.pk], who
    page = _web(people["member"], f"/clusters/{CLUSTER}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "กลุ่มจังหวัดภาคตะวันออก 1" in text
    assert "แผนพัฒนากลุ่มจังหวัด" in text
    assert "จังหวัดชลบุรี" in text
    assert "จังหวัดระยอง" in text


def test_the_cluster_officer_owns_the_plan_and_reviews_what_the_provinces_sent(draft):
    plan, people = draft
    page = _web(people["cluster"], f"/clusters/{CLUSTER}/")
    assert "ตรวจสอบการรวมแผนและส่งส่วนราชการ (ก.บ.ก.)" in page.content.decode()
    assert _web(people["cluster"], f"/plans/{plan.pk}/consolidation/").status_code == 200
    member = _web(people["member"], f"/clusters/{CLUSTER}/").content.decode()
    assert "ตรวจสอบการรวมแผนและส่งส่วนราชการ (ก.บ.ก.)" not in member


def test_only_the_cluster_officer_marks_an_issue_cluster_wide(draft):
    plan, people = draft
    water = ClusterIssue.objects.get(cluster__number=CLUSTER, cycle=plan.cycle, code="WATER")
    assert not water.cluster_wide
    data = {"issue": water.pk, "cluster_wide": "on", "name_th": "การบริหารจัดการน้ำลุ่มน้ำบางปะกง"}
    refused = _web(people["member"], f"/clusters/{CLUSTER}/frame/", "post", **data)
    assert refused.status_code == 403
    water.refresh_from_db()
    assert not water.cluster_wide
    assert (
        _web(people["outsider"], f"/clusters/{CLUSTER}/frame/", "post", **data).status_code == 404
    )
    done = _web(people["cluster"], f"/clusters/{CLUSTER}/frame/", "post", **data)
    assert done.status_code == 302
    water.refresh_from_db()
    assert water.cluster_wide
    assert water.name_th == "การบริหารจัดการน้ำลุ่มน้ำบางปะกง"


def test_the_cluster_plan_book_is_the_official_plan_book(draft):
    plan, people = draft
    response = _web(people["cluster"], f"/plans/{plan.pk}/book.docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert _web(people["outsider"], f"/plans/{plan.pk}/book.docx").status_code == 404
    assert plan.kind == PlanKind.CLUSTER


def test_the_lead_province_records_the_kbk_like_other_committees(draft):
    import datetime as dt

    from planlink.areas.models import Area
    from planlink.committees.models import CommitteeKind
    from planlink.committees.services import committee_appoint
    from planlink.core.errors import PermissionDenied

    plan, people = draft
    lead = assign(Role.PROVINCIAL_OFFICER, area="24", username="chachoengsao")
    committee_appoint(
        actor=lead,
        kind=CommitteeKind.CLUSTER_BOARD,
        area=Area.objects.get(code="24"),
        order_number="12/2569",
        order_date=dt.date(2025, 11, 3),
    )
    page = _web(people["member"], f"/clusters/{CLUSTER}/").content.decode()
    assert "คณะกรรมการบริหารงานกลุ่มจังหวัดแบบบูรณาการ (ก.บ.ก.)" in page
    assert "12/2569" in page
    # only the lead province's officer records it; another cluster's officer never sees it
    with pytest.raises(PermissionDenied):
        committee_appoint(
            actor=people["member"],
            kind=CommitteeKind.CLUSTER_BOARD,
            area=Area.objects.get(code="24"),
            order_number="13/2569",
            order_date=dt.date(2025, 11, 4),
        )
    assert "12/2569" not in _web(people["outsider"], "/clusters/1/").content.decode()


def test_the_cluster_map_shows_its_provinces_only(draft):
    _, people = draft
    response = _web(people["member"], f"/clusters/{CLUSTER}/map.json?cycle=2570")
    assert response.status_code == 200
    values = response.json()
    assert sorted(values["needs"]) == ["20", "21", "24"]
    assert values["needs"]["24"] == 1
    assert values["province_projects"]["20"] == 1
    assert _web(people["outsider"], f"/clusters/{CLUSTER}/map.json").status_code == 404
    page = _web(people["member"], f"/clusters/{CLUSTER}/?cycle=2570").content.decode()
    assert "data-choropleth" in page
    assert f"/clusters/{CLUSTER}/map.json?cycle=2570" in page


def test_the_cluster_officer_runs_the_cluster_step_as_a_job(reference_data):
    from planlink.jobs.models import Job
    from planlink.jobs.runner import run_next_job
    from planlink.plans.models import Plan

    two_province_road()
    run_provinces("24", "20")
    lead = UserFactory(username="cluster14-run")
    Assignment.objects.create(
        user=lead, role=Role.CLUSTER_OFFICER, cluster=ProvincialCluster.objects.get(number=CLUSTER)
    )
    member = assign(Role.PROVINCIAL_OFFICER, area="20", username="chonburi-run")
    outsider = assign(Role.PROVINCIAL_OFFICER, area="50", username="chiangmai-run")
    assert _web(member, f"/clusters/{CLUSTER}/run/?cycle=2570", "post").status_code == 403
    response = _web(lead, f"/clusters/{CLUSTER}/run/?cycle=2570", "post")
    assert response.status_code == 302
    job = Job.objects.get(kind="consolidate.cluster")
    assert response["Location"].endswith(f"/work/jobs/{job.pk}/")
    run_next_job(worker_id="test", heartbeat_seconds=None)
    job.refresh_from_db()
    assert job.state == "succeeded"
    assert job.result["incoming"] == 2
    plan = Plan.objects.get(kind=PlanKind.CLUSTER, owner_cluster__number=CLUSTER)
    assert plan.projects.count() == 1
    assert _web(member, f"/work/jobs/{job.pk}/").status_code == 200
    assert _web(outsider, f"/work/jobs/{job.pk}/").status_code == 404


def test_the_kbk_accepts_the_merge_and_sends_the_road_to_the_agency_on_the_review_screen(draft):
    from planlink.referrals.models import Decision, Referral, TargetKind

    plan, people = draft
    project = plan.projects.get()
    base = f"/plans/{plan.pk}/consolidation/act/"
    member = _web(people["member"], base, "post", action="accept", project=project.pk)
    assert member.status_code in (403, 404)
    assert set(Referral.objects.filter(to_plan=plan).values_list("decision", flat=True)) == {
        Decision.PENDING
    }
    accepted = _web(people["cluster"], base, "post", action="accept", project=project.pk)
    assert accepted.status_code in (200, 302)
    assert set(Referral.objects.filter(to_plan=plan).values_list("decision", flat=True)) == {
        Decision.MERGED
    }
    sent = _web(people["cluster"], base, "post", action="submit", confirm="1")
    assert sent.status_code == 302
    plan.refresh_from_db()
    assert plan.state == "submitted"
    out = Referral.objects.get(project=project)
    assert (out.target_kind, out.to_agency_id, out.decision) == (
        TargetKind.AGENCY,
        "DRR",
        Decision.PENDING,
    )
