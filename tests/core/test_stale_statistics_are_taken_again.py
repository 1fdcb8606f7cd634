"""PostgreSQL's planner statistics are taken again for tables that changed a lot (the engine's
steps and the roll-ups' fill depend on them; docs/benchmarks.md). SQLite has none."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

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


@pytest.mark.django_db(transaction=True)
def test_a_table_analysed_in_a_transaction_is_not_analysed_again_in_it():
    """A roll-up refresh checks its province's tables, then its cluster's, in one transaction:
    the second check sees the first one's ``ANALYZE`` (PostgreSQL keeps the statistics views'
    values for the rest of a transaction once read)."""
    if connection.vendor != "postgresql" or connection.pg_version < 150000:
        pytest.skip("statistics are PostgreSQL's (15 and later flush them on demand)")
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE pl_test_stale (id integer)")
    try:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO pl_test_stale SELECT generate_series(1, 5000)")
            cursor.execute("SELECT pg_stat_force_next_flush()")
        with transaction.atomic():
            assert analyze_stale(["pl_test_stale"]) == ["pl_test_stale"]
            assert analyze_stale(["pl_test_stale"]) == []
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE pl_test_stale")
