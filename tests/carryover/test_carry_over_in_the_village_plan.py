"""Carry-over in the village's own plan (issue 18): the plan page labels each carried proposal
("ยกมาจากปี 2570 · รอมา 1 ปี") with the committee's decision; editing it through the ordinary
project form marks it edited; a village whose plan of the target year is already submitted is
skipped (not the whole run); two runs that collide give a Thai refusal or find the needs
already carried — never a 500 or a half-written carry-over. Synthetic data (tests/carryover)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from planlink.core.errors import ConflictError
from planlink.cycles.services import cycle_create
from planlink.plans import carryover
from planlink.plans.carryover import carry_confirm, carry_over
from planlink.plans.models import CarryOver, CarryStatus, Plan, PlanKind, Project
from planlink.plans.services import plan_return, plan_submit, project_update
from planlink.web.forms import ProjectForm
from tests.factories import area_plan, make_project, personas

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="th")
    client.force_login(user)
    return client


def _counts() -> tuple[int, int, int]:
    return Project.objects.count(), CarryOver.objects.count(), Plan.objects.count()


def test_the_plan_page_labels_carried_proposals_and_the_form_marks_them_edited(year_2570):
    people = personas()
    carry_over(from_year=2570, to_year=2571)
    road = CarryOver.objects.select_related("target").get(source=year_2570["road"])
    water = CarryOver.objects.select_related("target").get(source=year_2570["water"])
    carry_confirm(carry=road, actor=None)
    committee = _client(people["village"])

    page = committee.get(f"/plans/{road.target.plan_id}/").content.decode()
    assert page.count("ยกมาจากปี 2570 · รอมา 1 ปี") == 2
    assert "คณะกรรมการหมู่บ้านยืนยันแล้ว" in page  # the road
    assert "ยกมา รอคณะกรรมการหมู่บ้านยืนยัน" in page  # the canal, not yet decided
    english = Client()
    english.force_login(people["village"])
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page_en = english.get(f"/plans/{road.target.plan_id}/").content.decode()
    assert "Carried from 2570 · waiting 1 year(s)" in page_en

    # The ordinary project form (no carry-over page involved) edits the canal.
    data = {
        key: value
        for key, value in ProjectForm.initial_for(water.target).items()
        if value not in ("", None, [])
    }
    data["title"] = "ขุดลอกคลองส่งน้ำเพื่อการเกษตร ช่วงบ้านหน้าเมือง"
    response = committee.post(f"/projects/{water.target_id}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    water.refresh_from_db()
    assert water.status == CarryStatus.EDITED
    assert water.decided_by == people["village"]
    page = committee.get(f"/plans/{road.target.plan_id}/").content.decode()
    assert "คณะกรรมการหมู่บ้านแก้ไขแล้ว" in page

    # A save that changes nothing leaves a confirmed proposal confirmed.
    road.target.refresh_from_db()
    project_update(
        project=road.target,
        actor=people["village"],
        data={"title": road.target.title},
        expected_version=road.target.version,
    )
    road.refresh_from_db()
    assert road.status == CarryStatus.CONFIRMED


def test_a_village_whose_target_plan_was_submitted_is_skipped_not_the_whole_run(year_2570):
    cycle_create(fiscal_year=2571, synthetic=True)
    sent = area_plan(PlanKind.VILLAGE, "24010101", 2571, synthetic=True)
    make_project(sent, "ปรับปรุงถนนลูกรังสายหนองบัว หมู่ที่ 1")
    plan_submit(plan=sent, actor=None)

    result = carry_over(from_year=2570, to_year=2571)
    # road and canal of บ้านหน้าเมือง wait; the refused need of บ้านท่าไข่ is carried
    assert result.as_json() == {
        "from": 2570, "to": 2571, "carried": 1, "expired": 0, "already_carried": 0,
        "skipped": 2,
    }  # fmt: skip
    assert Project.objects.filter(plan=sent).count() == 1
    assert not CarryOver.objects.filter(source__in=[year_2570["road"], year_2570["water"]])

    people = personas()
    officer = _client(people["tambon"])
    response = officer.post("/carry-over/run/", {"area": "240101", "from": "2570", "to": "2571"})
    assert response.status_code == 302
    assert "skipped=2" in response["Location"]
    page = officer.get(response["Location"]).content.decode()
    assert "ข้าม 2 ความต้องการ เพราะแผนหมู่บ้านปีปลายทางส่งแล้ว" in page

    plan_return(plan=sent, actor=None, reason="ให้คณะกรรมการหมู่บ้านทบทวนความต้องการที่ยกมา")
    again = carry_over(from_year=2570, to_year=2571)
    assert (again.carried, again.already_carried, again.skipped) == (2, 1, 0)
    assert Project.objects.filter(plan=sent).count() == 3


def test_a_run_colliding_with_another_finds_the_needs_carried(year_2570, monkeypatch):
    first = carry_over(from_year=2570, to_year=2571)
    assert first.carried == 3
    before = _counts()
    real = carryover._done_sources
    calls = []

    def stale_once(need_ids, target_cycle):
        calls.append(1)  # the first look misses what another run just wrote
        return set() if len(calls) == 1 else real(need_ids, target_cycle)

    monkeypatch.setattr(carryover, "_done_sources", stale_once)
    second = carry_over(from_year=2570, to_year=2571)
    assert len(calls) == 2
    assert (second.carried, second.already_carried) == (0, 3)
    assert _counts() == before


def test_a_run_that_keeps_colliding_is_refused_in_thai_and_writes_nothing(year_2570, monkeypatch):
    carry_over(from_year=2570, to_year=2571)
    before = _counts()
    monkeypatch.setattr(carryover, "_done_sources", lambda need_ids, target_cycle: set())
    with pytest.raises(ConflictError, match="พร้อมกัน"):
        carry_over(from_year=2570, to_year=2571)
    assert _counts() == before

    officer = _client(personas()["tambon"])
    response = officer.post("/carry-over/run/", {"area": "240101", "from": "2570", "to": "2571"})
    assert response.status_code == 409
    assert "มีการยกความต้องการจากปี 2570 ไปปี 2571 พร้อมกันอยู่" in response.content.decode()
    assert _counts() == before


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_carry_each_need_once(year_2570):
    """Two officers press ยก at once, each on its own connection: one carries, the other waits
    and finds the needs carried; neither fails."""
    import threading

    from django.db import connection, connections

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "threads on SQLite's shared-cache in-memory test database get table locks instead "
            "of waiting; run on PostgreSQL (DATABASE_URL) for this test"
        )
    start = threading.Barrier(2)
    results: list[object] = []

    def run() -> None:
        try:
            start.wait()
            results.append(carry_over(from_year=2570, to_year=2571))
        except Exception as error:  # noqa: BLE001 - the test reports what a thread raised
            results.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(isinstance(result, carryover.CarryResult) for result in results), results
    assert sorted((r.carried, r.already_carried) for r in results) == [(0, 3), (3, 0)]
    assert CarryOver.objects.count() == 3
    assert Project.objects.filter(plan__cycle_id=2571).count() == 3
