"""Roll village figures up to tambon, district and province (DOPA code prefixes).

A child's DOPA code starts with its parent's (village CCAATTMM → tambon CCAATT →
district CCAA → province CC), so the roll-up is a GROUP BY on code prefixes and
needs no area table. Households belong to exactly one village, so the sums are
exact at every level.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

LEVEL_PREFIX = (("village", 8), ("tambon", 6), ("district", 4), ("province", 2))

AGGREGATE_SCHEMA = pa.schema(
    [
        ("area_code", pa.string()),
        ("level", pa.string()),
        ("indicator_code", pa.string()),
        ("households_surveyed", pa.int64()),
        ("households_failed", pa.int64()),
    ]
)


def rollup_village_table(connection: duckdb.DuckDBPyConnection, table: str) -> pa.Table:
    """All four levels from ``table(village_code, indicator_code, surveyed, failed)``.

    Rows where no household was surveyed (every household "not applicable") are
    left out; readers treat a missing row as zero surveyed.
    """
    selects = [
        f"SELECT substr(village_code, 1, {length}) AS area_code, '{level}' AS level, "
        f"indicator_code, sum(surveyed)::BIGINT AS households_surveyed, "
        f"sum(failed)::BIGINT AS households_failed FROM {table} GROUP BY 1, 3"
        for level, length in LEVEL_PREFIX
    ]
    query = "SELECT * FROM (" + " UNION ALL ".join(selects) + ") WHERE households_surveyed > 0"
    return connection.sql(query).to_arrow_table().cast(AGGREGATE_SCHEMA)
