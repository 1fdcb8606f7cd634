"""The acceptance of issue 18 on a simulated year: after a province's synthetic demo year,
``planlink carry-over --from 2570 --to 2571 --json`` carries more than zero needs into a
synthetic 2571 and a second run carries none; the what-if on the same year answers within its
envelopes and writes nothing."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command

from planlink.cycles.models import PlanningCycle
from planlink.plans.models import CarryOver, PlanKind, Project

pytestmark = pytest.mark.django_db


def _run(*arguments: str) -> dict:
    out = io.StringIO()
    call_command(*arguments, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_a_demo_year_carries_over_once_and_the_what_if_stays_within_its_envelopes(
    reference_data,
):
    from planlink.simulation.demo import demo_province

    demo_province("85", 2570, survey=False)  # Ranong, synthetic

    counts = {model._meta.label: model.objects.count() for model in apps.get_models()}
    answer = _run(
        "whatif", "--area", "85", "--cycle", "2570", "--envelope", "lao=20000000",
        "--envelope", "agency=30000000", "--envelope", "province=5000000",
    )  # fmt: skip
    assert {model._meta.label: model.objects.count() for model in apps.get_models()} == counts
    assert answer["funded"] > 0
    assert answer["left_out"] > 0
    assert Decimal(answer["funded_baht"]) <= Decimal("55000000")
    for use in answer["envelopes"].values():
        assert Decimal(use["used"]) <= Decimal(use["amount"])

    first = _run("carry-over", "--from", "2570", "--to", "2571")
    assert first["carried"] > 0
    assert set(first) == {"from", "to", "carried", "expired", "already_carried", "skipped"}
    assert PlanningCycle.objects.get(pk=2571).synthetic
    carried = Project.objects.filter(plan__kind=PlanKind.VILLAGE, plan__cycle_id=2571)
    assert carried.count() == first["carried"]
    assert not carried.filter(plan__synthetic=False).exists()
    second = _run("carry-over", "--from", "2570", "--to", "2571")
    assert second == {
        "from": 2570, "to": 2571, "carried": 0, "expired": 0,
        "already_carried": first["carried"], "skipped": 0,
    }  # fmt: skip
    assert CarryOver.objects.count() == first["carried"]
