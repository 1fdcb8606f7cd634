"""The roll-ups equal a recount from the ledger at every level after a year of the engine."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from planlink.areas.models import Area
from planlink.consolidation.selectors import funnel as ledger_funnel
from planlink.rollups.models import AreaCount
from planlink.rollups.selectors import funnel
from planlink.rollups.services import rollups_rebuild
from planlink.rollups.verify import rollups_verify
from tests.rollups.world import AREAS, a_year


@pytest.mark.django_db
def test_every_level_of_a_year_matches_the_ledger(reference_data):
    year = a_year()
    rollups_rebuild(cycle_id=year.pk)
    for code in AREAS:
        assert rollups_verify(area_code=code, cycle_id=year.pk) == [], code
    cluster = Area.objects.get(code="83").cluster.number
    assert rollups_verify(area_code=f"C{cluster:02d}", cycle_id=year.pk) == []
    nation = funnel("", year.pk)
    assert nation["village_projects"] == 10
    assert nation["shared_need_groups"] >= 1


@pytest.mark.django_db
def test_the_funnel_read_from_one_row_is_the_ledgers_funnel(reference_data):
    year = a_year()
    rollups_rebuild(cycle_id=year.pk)
    for code in ("", "83", "8301", "830101"):
        from_ledger = ledger_funnel(code, year.pk)
        from_rollups = funnel(code, year.pk)
        assert from_rollups.keys() >= from_ledger.keys()
        assert _numbers(from_rollups) == _numbers(from_ledger), code


def _numbers(figures: dict) -> dict:
    """Baht as Decimal (SQLite sums print ``4100000``, PostgreSQL ``4100000.00``)."""
    plain = {}
    for key, value in figures.items():
        if key == "funded_by_source":
            value = {s: (v["projects"], Decimal(v["baht"])) for s, v in value.items()}
        elif key.endswith("baht"):
            value = Decimal(value)
        plain[key] = value
    return {
        key: plain[key]
        for key in plain
        if key not in ("funded_items", "funded_items_answering_need")
    }


@pytest.mark.django_db
def test_a_rebuild_again_gives_the_same_table(reference_data):
    year = a_year()
    rollups_rebuild(cycle_id=year.pk)
    first = sorted(
        AreaCount.objects.values_list(
            "level", "area_code", "issue_code", "needs_raised", "duplicates_merged", "needs_budget"
        )
    )
    rollups_rebuild(cycle_id=year.pk, resume=False)
    assert (
        sorted(
            AreaCount.objects.values_list(
                "level",
                "area_code",
                "issue_code",
                "needs_raised",
                "duplicates_merged",
                "needs_budget",
            )
        )
        == first
    )


@pytest.mark.django_db
def test_verify_reports_a_difference_and_fails(reference_data, capsys):
    year = a_year()
    rollups_rebuild(cycle_id=year.pk)
    call_command("rollups", "verify", "--area", "8301", "--cycle", str(year.pk))
    assert "ตรงกับทะเบียน" in capsys.readouterr().out
    AreaCount.objects.filter(level="district", area_code="8301", issue_code="*").update(
        needs_raised=999
    )
    with pytest.raises((CommandError, SystemExit)):
        call_command("rollups", "verify", "--area", "8301", "--cycle", str(year.pk))
    assert "needs_raised" in capsys.readouterr().out


@pytest.mark.django_db
def test_a_demo_year_of_a_province_matches_the_ledger(reference_data):
    from planlink.simulation.demo import demo_province

    demo_province("85", 2570, survey=False)
    figures = funnel("85", 2570)
    assert figures["village_projects"] > 1000
    assert figures["sent_to_agencies"] > 0
    assert figures["funded_projects"] > 0
    for code in ("", "85", "8501", "850101", "85010101"):
        assert rollups_verify(area_code=code, cycle_id=2570) == [], code
