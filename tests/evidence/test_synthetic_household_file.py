"""The synthetic household writer: deterministic, labelled, realistic and varied by area."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from planlink.evidence.ingest.households import aggregate_household_file
from planlink.evidence.synthetic import is_synthetic_parquet
from planlink.simulation.households import write_synthetic_households
from tests.evidence.builders import JPT, dict_resolver

VILLAGES = [f"{tambon}{number:02d}" for tambon in ("240101", "240102", "570101") for number in
            range(1, 11)]  # fmt: skip


def test_the_file_has_the_households_asked_for_over_the_given_villages(tmp_path: Path) -> None:
    path = tmp_path / "synthetic_households.parquet"
    written = write_synthetic_households(
        path, households=4_500, village_codes=VILLAGES, indicator_codes=JPT
    )

    rows, distinct_ids, villages, bad_values = duckdb.sql(
        f"SELECT count(*), count(DISTINCT household_id), list(DISTINCT village_code), "
        f"count_if(\"JPT60-24\" NOT IN (0, 1)) FROM read_parquet('{path}')"
    ).fetchall()[0]
    assert written == {"path": str(path), "format": "parquet", "households": 4_500, "villages": 30}
    assert (rows, distinct_ids, bad_values) == (4_500, 4_500, 0)
    assert sorted(villages) == VILLAGES


def test_parquet_files_carry_the_synthetic_label(tmp_path: Path) -> None:
    path = tmp_path / "synthetic_households.parquet"
    write_synthetic_households(path, households=100, village_codes=VILLAGES, indicator_codes=JPT)
    plain = tmp_path / "plain.parquet"
    duckdb.sql(f"COPY (SELECT 1 AS a) TO '{plain}' (FORMAT parquet)")

    assert is_synthetic_parquet(path) is True
    assert is_synthetic_parquet(plain) is False


def test_the_same_arguments_give_the_same_csv(tmp_path: Path) -> None:
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    for path in (first, second):
        write_synthetic_households(
            path, households=600, village_codes=VILLAGES, indicator_codes=JPT
        )

    assert first.read_bytes() == second.read_bytes()
    with first.open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header == ["village_code", "household_id", "members", *JPT]


def test_the_generated_file_passes_the_importer(tmp_path: Path) -> None:
    path = tmp_path / "synthetic_households.csv"
    write_synthetic_households(path, households=3_000, village_codes=VILLAGES, indicator_codes=JPT)

    result = aggregate_household_file(
        path, indicator_codes=JPT, resolve_villages=dict_resolver(VILLAGES)
    )

    assert result.rows_read == 3_000
    assert result.villages == 30
    assert result.province_codes == ["24", "57"]


def test_failure_rates_are_plausible_and_differ_between_areas(tmp_path: Path) -> None:
    path = tmp_path / "synthetic_households.parquet"
    villages = [f"{tambon}{number:02d}" for tambon in range(240101, 240141) for number in (1, 2, 3)]
    write_synthetic_households(path, households=60_000, village_codes=villages, indicator_codes=JPT)

    national, tambon_low, tambon_high, water = duckdb.sql(
        "WITH t AS (SELECT substr(village_code, 1, 6) AS tambon, "
        f"1 - avg(\"JPT60-24\") AS alcohol FROM read_parquet('{path}') GROUP BY 1) "
        f"SELECT (SELECT 1 - avg(\"JPT60-24\") FROM read_parquet('{path}')), "
        "min(alcohol), max(alcohol), "
        f"(SELECT 1 - avg(\"JPT60-09\") FROM read_parquet('{path}')) FROM t"
    ).fetchall()[0]
    assert 0.05 < national < 0.35
    assert tambon_high > 2 * tambon_low
    assert water < national


def test_a_bad_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        write_synthetic_households(
            tmp_path / "x.json",
            households=1,
            village_codes=VILLAGES,
            indicator_codes=JPT,
            file_format="json",
        )
