"""Set-based writes of aggregates: PostgreSQL ``COPY``, elsewhere batched ``executemany``.

A national จปฐ. import stores about 2.5 million aggregate rows (75,000
villages × 31 indicators, plus tambons, districts and provinces); building
that many model instances for ``bulk_create`` would dominate the import, so
rows go from the Arrow table straight to the database driver.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from django.db import connection, models
from django.db.models import Q

from planlink.areas.models import prefix_range
from planlink.core.bulk import column_name
from planlink.evidence.models import IndicatorAggregate, VillageScore

BATCH_ROWS = 200_000
AGGREGATE_FIELDS = (
    "year",
    "indicator_id",
    "area_id",
    "level",
    "households_surveyed",
    "households_failed",
    "share_failed",
    "synthetic",
    "survey_import_id",
)
SCORE_FIELDS = ("year", "indicator_id", "area_id", "level", "synthetic", "survey_import_id")


def provinces_filter(field: str, province_codes: Iterable[str]) -> Q:
    """Rows whose area lies in any of ``province_codes`` (code-prefix ranges, index friendly)."""
    query = Q(pk__in=[])
    for code in province_codes:
        query |= prefix_range(field, code)
    return query


def _columns(model: type[models.Model], fields: tuple[str, ...]) -> tuple[str, list[str]]:
    meta = model._meta
    table = connection.ops.quote_name(meta.db_table)
    names = [connection.ops.quote_name(column_name(model, name)) for name in fields]
    return table, names


def aggregate_rows_table(
    aggregates: pa.Table, *, year: int, synthetic: bool, survey_import_id: int
) -> pa.Table:
    """The stored columns, in ``AGGREGATE_FIELDS`` order, computed in Arrow (no Python loop)."""
    rows = aggregates.num_rows
    surveyed = aggregates.column("households_surveyed")
    failed = aggregates.column("households_failed")
    share = pc.divide(pc.cast(failed, pa.float64()), pc.cast(surveyed, pa.float64()))
    return pa.table(
        {
            "year": pa.repeat(pa.scalar(year, pa.int32()), rows),
            "indicator_id": aggregates.column("indicator_code"),
            "area_id": aggregates.column("area_code"),
            "level": aggregates.column("level"),
            "households_surveyed": surveyed,
            "households_failed": failed,
            "share_failed": share,
            "synthetic": pa.repeat(pa.scalar(synthetic, pa.bool_()), rows),
            "survey_import_id": pa.repeat(pa.scalar(survey_import_id, pa.int64()), rows),
        }
    )


def insert_table(model: type, fields: tuple[str, ...], rows: pa.Table) -> int:
    """Insert every row of ``rows`` (columns named like ``fields``) into ``model``'s table."""
    table, names = _columns(model, fields)
    if rows.num_rows == 0:
        return 0
    if connection.vendor == "postgresql":
        _copy_postgresql(table, names, rows)
    else:
        placeholders = ", ".join(["%s"] * len(names))
        statement = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({placeholders})"
        with connection.cursor() as cursor:
            for batch in rows.to_batches(max_chunksize=BATCH_ROWS):
                columns = [batch.column(index).to_pylist() for index in range(len(fields))]
                cursor.executemany(statement, list(zip(*columns, strict=True)))
    return int(rows.num_rows)


def _copy_postgresql(table: str, names: list[str], rows: pa.Table) -> None:
    statement = f"COPY {table} ({', '.join(names)}) FROM STDIN WITH (FORMAT csv)"
    options = pa_csv.WriteOptions(include_header=False)
    with connection.cursor() as cursor:
        raw_cursor = cursor.cursor  # psycopg 3 cursor under Django's wrapper
        with raw_cursor.copy(statement) as copy:
            for batch in rows.to_batches(max_chunksize=BATCH_ROWS):
                buffer = io.BytesIO()
                pa_csv.write_csv(pa.Table.from_batches([batch]), buffer, options)
                copy.write(buffer.getvalue())


def insert_aggregates(
    aggregates: pa.Table, *, year: int, synthetic: bool, survey_import_id: int
) -> int:
    rows = aggregate_rows_table(
        aggregates, year=year, synthetic=synthetic, survey_import_id=survey_import_id
    )
    return insert_table(IndicatorAggregate, AGGREGATE_FIELDS, rows)


def insert_scores(scores: pa.Table, *, year: int, synthetic: bool, survey_import_id: int) -> int:
    count = scores.num_rows
    rows = pa.table(
        {
            "year": pa.repeat(pa.scalar(year, pa.int32()), count),
            "indicator_id": scores.column("indicator_code"),
            "area_id": scores.column("village_code"),
            "level": pc.cast(scores.column("level"), pa.int16()),
            "synthetic": pa.repeat(pa.scalar(synthetic, pa.bool_()), count),
            "survey_import_id": pa.repeat(pa.scalar(survey_import_id, pa.int64()), count),
        }
    )
    return insert_table(VillageScore, SCORE_FIELDS, rows)
