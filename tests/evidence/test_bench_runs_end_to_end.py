"""The benchmark runs end to end on a small file and reports every figure it promises."""

from __future__ import annotations

from pathlib import Path

import pytest

from planlink.evidence.models import IndicatorAggregate
from planlink.simulation.survey_bench import BENCH_YEAR, format_results, run

pytestmark = pytest.mark.django_db


def test_a_small_benchmark_stores_all_four_levels(reference_data, tmp_path: Path) -> None:  # noqa: ANN001
    results = run(3_200, tmp_path, isolate=False)

    assert (results["households"], results["villages"]) == (3_200, 20)
    for name in ("parquet", "csv"):
        figures = results["formats"][name]
        assert figures["rows_read"] == 3_200
        assert set(figures["aggregates_by_level"]) == {"village", "tambon", "district", "province"}
        assert figures["aggregates_stored"] == sum(figures["aggregates_by_level"].values())
        assert figures["scan_floor_seconds"] >= 0  # a figure, not a timing assertion
        assert figures["peak_megabytes"] > 0
    stored = IndicatorAggregate.objects.filter(year=BENCH_YEAR)
    assert stored.count() == results["formats"]["csv"]["aggregates_stored"]
    assert not stored.filter(synthetic=False).exists()
    assert "synthetic" in format_results(results)
