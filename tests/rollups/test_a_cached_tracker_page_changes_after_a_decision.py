"""The server keeps a rendered public tracker page (and its JSON) per roll-up version: a second
visitor gets the kept copy, rendered nothing; an officer's decision bumps the version once it
commits — or the next reader refreshes the stale province first — and the page is rendered anew
with the new numbers."""

from __future__ import annotations

import pytest
from django.test import Client

from planlink.consolidation.review import proposal_accept
from planlink.consolidation.services import consolidate_tambon
from planlink.plans.models import Plan, PlanKind
from planlink.rollups.models import StaleProvince
from tests.consolidation.engine_world import three_villages
from tests.factories import UserFactory, cycle

pytestmark = pytest.mark.django_db

PAGES = ["/tracker/24/", "/tracker/2401/", "/tracker/240101/"]


@pytest.fixture
def reviewed(reference_data, django_capture_on_commit_callbacks):
    """Three villages of ตำบลหน้าเมือง with the same dredging need, the engine's merge waiting
    for the tambon officer; committed work (its after-commit refreshes ran)."""
    with django_capture_on_commit_callbacks(execute=True):
        three_villages()
        year = cycle()
        consolidate_tambon(tambon_code="240101", cycle=year)
    plan = Plan.objects.get(kind=PlanKind.TAMBON, owner_area_id="240101")
    return plan, UserFactory(username="tambon_officer")


def collected(response) -> int:
    return response.context["story"].stages["collected"]


def summary(count: int) -> str:
    return f"รวบรวมเข้าแผนตำบล {count:,} ได้รับงบประมาณ"


@pytest.mark.parametrize("url", PAGES)
def test_a_kept_page_is_rendered_anew_after_a_committed_decision(
    url, reviewed, page_cache, django_capture_on_commit_callbacks
):
    plan, officer = reviewed
    first = Client().get(url)
    assert first.status_code == 200
    assert first.templates, "the first visitor's page is rendered"
    before = collected(first)
    assert summary(before) in first.content.decode()

    second = Client().get(url)
    assert second.status_code == 200
    assert second.templates == [], "a second visitor gets the server's copy"
    assert summary(before) in second.content.decode()

    dredging = plan.projects.get(issue__code="WATER")
    with django_capture_on_commit_callbacks(execute=True):
        assert proposal_accept(tambon_project=dredging, actor=officer) == 3
    assert not StaleProvince.objects.exists()

    after = Client().get(url)
    assert after.templates, "the new version is rendered, not the kept copy"
    assert collected(after) == before + 3
    assert summary(before + 3) in after.content.decode()
    assert summary(before) not in after.content.decode()


def test_a_reader_refreshes_a_stale_province_before_using_a_kept_page(reviewed, page_cache, client):
    """No refresh ran after the decision (nothing commits in this test): the stale marker
    makes the version read refresh the province, so the kept copy is not served."""
    plan, officer = reviewed
    before = collected(client.get("/tracker/24/"))
    assert Client().get("/tracker/24/").templates == []
    proposal_accept(tambon_project=plan.projects.get(issue__code="WATER"), actor=officer)
    assert StaleProvince.objects.exists()
    after = Client().get("/tracker/24/")
    assert after.templates
    assert collected(after) == before + 3
    assert not StaleProvince.objects.exists()


def test_the_kept_funnel_json_follows_the_decision(
    reviewed, page_cache, django_capture_on_commit_callbacks
):
    plan, officer = reviewed

    def stages() -> list[int]:
        data = Client().get("/tracker/240101/funnel.json").json()["data"]
        assert data[1]["name"] == "รวบรวมเข้าแผนตำบล"
        return [row["value"] for row in data]

    before = stages()
    assert stages() == before  # the kept copy
    with django_capture_on_commit_callbacks(execute=True):
        proposal_accept(tambon_project=plan.projects.get(issue__code="WATER"), actor=officer)
    after = stages()
    assert after[1] == before[1] + 3
    assert after[0] == before[0]  # the needs raised did not change
