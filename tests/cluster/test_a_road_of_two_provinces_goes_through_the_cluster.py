"""Issue 17: a need that only makes sense across provinces goes through the provincial cluster.

A road linking Chachoengsao and Chonburi, raised by a village of each (synthetic), reaches the
cluster's development plan once with both provinces' sources; the cluster sends it to the line
agency; the agency's funding shows on the village needs of both provinces.
"""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from planlink.consolidation.models import ConsolidationRun
from planlink.plans.models import Plan, PlanKind, Project, Route
from planlink.referrals.lineage import trace
from planlink.referrals.models import Decision, Referral, TargetKind
from planlink.referrals.routing import targets_for
from planlink.rollups.selectors import area_measures
from planlink.rollups.verify import rollups_verify
from tests.cluster.world import (
    CLUSTER,
    YEAR,
    agency_funds_the_cluster_project,
    run_cluster,
    run_provinces,
    two_province_road,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def road(reference_data):
    needs = two_province_road()
    run_provinces("24", "20")
    return needs, run_cluster()


def test_each_province_routes_the_road_to_its_cluster_because_it_lies_in_two_provinces(road):
    for code in ("24", "20"):
        plan = Plan.objects.get(kind=PlanKind.PROVINCIAL_DEVELOPMENT, owner_area_id=code)
        project = plan.projects.get()
        assert project.proposed_route == Route.CLUSTER
        assert "ตั้งอยู่ใน 2 จังหวัดของกลุ่มจังหวัด" in project.engine_note
        sent = Referral.objects.get(project=project)
        assert sent.to_plan is not None
        assert sent.to_plan.kind == PlanKind.CLUSTER
        assert sent.scope_code == f"C{CLUSTER:02d}"


def test_the_road_reaches_the_cluster_plan_once_with_both_provinces_sources(road):
    needs, plan = road
    assert plan.scope_code == "C14"
    assert plan.owner_cluster.number == CLUSTER
    project = plan.projects.get()  # one project, not two
    sources = Referral.objects.filter(result_project=project)
    assert sorted(sources.values_list("project__plan__owner_area_id", flat=True)) == ["20", "24"]
    assert set(sources.values_list("decision", flat=True)) == {Decision.MERGED}
    assert set(sources.values_list("project__plan__kind", flat=True)) == {
        PlanKind.PROVINCIAL_DEVELOPMENT
    }
    assert project.villages_count == 2
    assert {code[:2] for code in project.areas.values_list("code", flat=True)} == {"20", "24"}
    # beyond the cluster's capacity: sent to the line agency that builds rural roads
    out = Referral.objects.get(project=project)
    assert (out.target_kind, out.to_agency_id) == (TargetKind.AGENCY, "DRR")
    assert "เกินศักยภาพกลุ่มจังหวัด" in project.engine_note
    run = ConsolidationRun.objects.get(level="cluster")
    assert (run.area_code, run.state, run.counts["incoming"]) == ("C14", "done", 2)


def test_running_the_cluster_step_again_changes_nothing(road):
    _, plan = road
    before = sorted(Referral.objects.values_list("pk", "decision", "result_project_id"))
    run_cluster()
    assert plan.projects.count() == 1
    assert sorted(Referral.objects.values_list("pk", "decision", "result_project_id")) == before


def test_an_agencys_funding_of_the_cluster_project_shows_on_both_provinces_village_needs(road):
    needs, plan = road
    agency_funds_the_cluster_project(plan)
    client = Client()
    for code, need in needs.items():
        traced = trace(need)
        assert traced["outcome"]["status"] == "funded", code
        assert traced["outcome"]["sources"] == ["กรมทางหลวงชนบท"]
        kinds = [node["plan"]["kind"] for node in traced["descendants"]]
        assert PlanKind.CLUSTER in kinds, code
        page = client.get(f"/tracker/needs/{need.pk}/")
        assert page.status_code == 200
        text = page.content.decode()
        assert "แผนพัฒนากลุ่มจังหวัด" in text
        assert "กรมทางหลวงชนบท" in text


def test_the_cluster_plan_offers_its_action_plan_and_the_agencies_as_routes(road):
    _, plan = road
    names = [route.name for route in targets_for(plan)]
    assert names[0] == f"cluster_action:{CLUSTER}"
    assert "agency:DRR" in names
    province_plan = Plan.objects.get(kind=PlanKind.PROVINCIAL_DEVELOPMENT, owner_area_id="24")
    assert f"cluster:{CLUSTER}" in [route.name for route in targets_for(province_plan)]


def test_the_rollups_count_the_cluster_level_and_match_the_ledger(road):
    cluster = area_measures("C14", YEAR)
    assert cluster["cluster_projects"] == 1
    assert cluster["province_projects"] == 2
    assert cluster["sent_to_agencies"] == 1  # the cluster's, counted in the cluster
    nation = area_measures("", YEAR)
    assert nation["cluster_projects"] == 1
    for code in ("24", "20", "C14", ""):
        assert rollups_verify(area_code=code, cycle_id=YEAR) == [], code


def test_the_consolidate_command_runs_the_cluster_step(reference_data):
    two_province_road()
    run_provinces("24", "20")
    out = StringIO()
    call_command("consolidate", level="cluster", cluster=CLUSTER, cycle=YEAR, json=True, stdout=out)
    result = json.loads(out.getvalue())
    assert (result["level"], result["area"], result["incoming"]) == ("cluster", "C14", 2)
    # without automatic acceptance the engine only proposes: the ก.บ.ก. decides
    assert result["cluster_projects_created"] == 1
    pending = Referral.objects.filter(to_plan__kind=PlanKind.CLUSTER)
    assert set(pending.values_list("decision", flat=True)) == {Decision.PENDING}
    assert len(set(pending.values_list("proposed_result_project", flat=True))) == 1
    assert Project.objects.filter(plan__kind=PlanKind.CLUSTER).count() == 1
