"""``planlink demo`` reports duplicates and shared needs apart, in its JSON and its printed
funnel (issue 12), and the funnel still shrinks."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from planlink.plans.models import PlanKind, ProjectComponent
from planlink.referrals.models import Referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def phuket(reference_data):
    out = StringIO()
    call_command("demo", province="83", json=True, stdout=out)
    return json.loads(out.getvalue())


def test_the_json_counts_duplicates_and_shared_needs_apart(phuket):
    assert phuket["shared_need_groups"] > 0
    assert phuket["shared_need_components"] >= 2 * phuket["shared_need_groups"]
    assert phuket["duplicates_merged"] >= 0
    # Every source either stands alone in its place, is a duplicate in a place, or is one
    # more place of a grouped project: together they account for the shrink at the tambon.
    folded = (
        phuket["duplicates_merged"]
        + phuket["shared_need_components"]
        - phuket["shared_need_groups"]
    )
    assert phuket["collected_by_tambons"] - folded == (
        Referral.objects.filter(
            project__plan__kind=PlanKind.VILLAGE,
            to_plan__kind=PlanKind.TAMBON,
            decision__in=["merged", "included"],
        )
        .values("result_project")
        .distinct()
        .count()
    )
    assert phuket["village_projects"] > phuket["tambon_projects"] > phuket["district_projects"]


def test_each_component_keeps_its_own_village(phuket):
    tambon_components = ProjectComponent.objects.filter(
        project__plan__kind=PlanKind.TAMBON, project__plan__scope_code__startswith="83"
    )
    assert tambon_components.exists()
    assert all(
        len(key.split("|")[0]) == 8 for key in tambon_components.values_list("key", flat=True)
    )
    assert not tambon_components.filter(area__isnull=True).exists()


def test_the_printed_funnel_has_a_shared_need_row(reference_data):
    out = StringIO()
    call_command("demo", province="83", stdout=out)
    text = out.getvalue()
    assert "รวมความต้องการซ้ำ (duplicates merged)" in text
    assert "ความต้องการร่วมหลายพื้นที่ (shared-need groups)" in text
