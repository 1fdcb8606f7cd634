"""PostgreSQL's planner statistics, taken again when a table changed a lot since its last
``ANALYZE`` (autovacuum may be off, or not have caught up after a large write).

A year's run grows the project, referral and funding-request tables many times over in
minutes. With statistics taken when a table was nearly empty, the planner believes a lookup
matches a handful of rows and picks a plan that compares every row with every other: the
roll-ups' funded roots after the district step's first approved funding requests took
10–24 s for one province instead of ~1 s (docs/benchmarks.md).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

# A table is stale when the rows changed since its last ANALYZE exceed this share of the rows
# it had then (at least 1,000 rows: small tables are not worth it).
STALE_SHARE = 0.5


def analyze_stale(tables: Iterable[str], *, stale_share: float | None = STALE_SHARE) -> list[str]:
    """``ANALYZE`` those of ``tables`` changed by more than ``stale_share`` since their last
    one (every table when ``stale_share`` is ``None``); a cheap look at
    ``pg_stat_user_tables`` first. Nothing on SQLite. Returns the tables analysed."""
    if connection.vendor != "postgresql":
        return []
    names = list(tables)
    with connection.cursor() as cursor:
        if stale_share is not None:
            # PostgreSQL keeps the statistics views' values for the rest of a transaction
            # once read (``stats_fetch_consistency``): a second check in one transaction
            # (a roll-up refresh checks for its province, then for its cluster) would see
            # the tables as stale still and analyse them again.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT relname FROM pg_stat_user_tables WHERE relname = ANY(%s) "
                "AND n_mod_since_analyze > %s * GREATEST(n_live_tup - n_mod_since_analyze, 1000)",
                [names, stale_share],
            )
            names = [row[0] for row in cursor.fetchall()]
        for table in names:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
    return names
