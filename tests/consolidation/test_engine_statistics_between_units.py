"""A step takes the planner's statistics again between its units when a table changed a lot
(PostgreSQL): the foreign-key checks' plans are made once per connection, and made while the
project components table was still empty they scanned it whole for every referral naming a
component (docs/benchmarks.md). Never inside a unit's transaction, where an ``ANALYZE`` would
hold its lock until the unit commits."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import connection

from planlink.consolidation import steps
from planlink.consolidation.services import consolidate
from planlink.core.statistics import STALE_SHARE
from planlink.cycles.services import cycle_create
from tests.consolidation.engine_world import village_plan
from tests.consolidation.test_engine_parallel_provinces import NEEDS

pytestmark = pytest.mark.django_db


def test_statistics_are_looked_at_after_every_unit_outside_its_transaction(reference_data):
    year = cycle_create(fiscal_year=2570, synthetic=True)
    for code, needs in NEEDS.items():
        if code.startswith("83"):
            village_plan(code, needs)
    depth = connection.in_atomic_block and len(connection.savepoint_ids)
    seen: list[tuple[tuple[str, ...], float | None, int]] = []

    def recorded(tables, *, stale_share=None):  # noqa: ANN001, ANN202
        seen.append((tuple(tables), stale_share, len(connection.savepoint_ids)))
        return []

    with mock.patch.object(steps, "analyze_stale", recorded):
        result = consolidate(level="tambon", area_code="83", cycle=year, auto_accept=True)

    assert result.units >= 2
    between_units = [entry for entry in seen if entry[1] == STALE_SHARE]
    assert len(between_units) == result.units
    for tables, _, savepoints in between_units:
        assert "plans_projectcomponent" in tables
        assert "referrals_referral" in tables
        assert savepoints == depth  # no unit's transaction (savepoint in a test) is open
