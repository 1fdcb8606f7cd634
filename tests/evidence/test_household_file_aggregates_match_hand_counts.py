"""The engine's roll-up equals the counts made by hand, at every level (no database)."""

from __future__ import annotations

from pathlib import Path

from planlink.evidence.ingest.households import aggregate_household_file
from tests.evidence.builders import EXPECTED, JPT, VILLAGES, dict_resolver, write_households


def _figures(table) -> dict[tuple[str, str], tuple[int, int]]:  # noqa: ANN001
    return {
        (row["indicator_code"], row["area_code"]): (
            row["households_failed"],
            row["households_surveyed"],
        )
        for row in table.to_pylist()
    }


def test_every_level_matches_the_hand_counted_households(tmp_path: Path) -> None:
    path = write_households(tmp_path / "จปฐ_ฉะเชิงเทรา_2567.csv")

    result = aggregate_household_file(
        path, indicator_codes=JPT, resolve_villages=dict_resolver(VILLAGES)
    )

    figures = _figures(result.aggregates)
    for indicator, expected in EXPECTED.items():
        stored = {area: value for (code, area), value in figures.items() if code == indicator}
        assert stored == expected, indicator


def test_levels_are_named_by_code_length(tmp_path: Path) -> None:
    path = write_households(tmp_path / "households.csv")

    result = aggregate_household_file(
        path, indicator_codes=JPT, resolve_villages=dict_resolver(VILLAGES)
    )

    levels = {(row["area_code"], row["level"]) for row in result.aggregates.to_pylist()}
    assert ("24010101", "village") in levels
    assert ("240101", "tambon") in levels
    assert ("2401", "district") in levels
    assert ("24", "province") in levels
    assert {level for _, level in levels} == {"village", "tambon", "district", "province"}


def test_an_indicator_nobody_answered_in_a_village_is_not_stored(tmp_path: Path) -> None:
    path = write_households(tmp_path / "households.csv")

    result = aggregate_household_file(
        path, indicator_codes=JPT, resolve_villages=dict_resolver(VILLAGES)
    )

    figures = _figures(result.aggregates)
    assert ("JPT60-01", "24010102") not in figures
    assert ("JPT60-01", "2402") not in figures


def test_rows_villages_and_provinces_are_reported(tmp_path: Path) -> None:
    path = write_households(tmp_path / "households.csv")

    result = aggregate_household_file(
        path, indicator_codes=JPT, resolve_villages=dict_resolver(VILLAGES)
    )

    assert result.rows_read == 10
    assert result.villages == 4
    assert result.province_codes == ["24"]
    assert result.remapped_codes == {}


def test_an_old_village_code_is_counted_under_its_current_code(tmp_path: Path) -> None:
    path = write_households(tmp_path / "households.csv")
    resolver = dict_resolver(
        [code for code in VILLAGES if code != "24020101"], renamed={"24020101": "24020199"}
    )

    result = aggregate_household_file(path, indicator_codes=JPT, resolve_villages=resolver)

    figures = _figures(result.aggregates)
    assert figures[("JPT60-24", "24020199")] == (2, 3)
    assert ("JPT60-24", "24020101") not in figures
    assert result.remapped_codes == {"24020101": "24020199"}
