"""PostgreSQL's planner statistics are taken again for tables that changed a lot (the engine's
steps and the roll-ups' fill depend on them; docs/benchmarks.md). SQLite has none."""

from __future__ import annotations

import pytest
from django.db import connection

from planlink.core.statistics import analyze_stale
from planlink.rollups.fill import FILL_TABLES

pytestmark = pytest.mark.django_db


def test_every_named_table_is_analysed_when_asked_for_all():
    done = analyze_stale(FILL_TABLES, stale_share=None)
    if connection.vendor == "postgresql":
        assert done == list(FILL_TABLES)
        assert "referrals_fundingrequest" in done
        assert "plans_plan" in done
    else:
        assert done == []


def test_a_table_that_barely_changed_is_left_alone():
    if connection.vendor != "postgresql":
        pytest.skip("statistics are PostgreSQL's")
    analyze_stale(["plans_plan"], stale_share=None)
    # Nothing written since: far below half of the (at least 1,000) rows it counts.
    assert analyze_stale(["plans_plan"]) == []
