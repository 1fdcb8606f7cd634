"""A new edition is added from a CSV file without code changes; loading is idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest

from planlink.core.errors import DomainError
from planlink.evidence.models import Indicator, IndicatorSet
from planlink.evidence.services.imports import survey_import_households
from planlink.evidence.services.indicators import indicator_set_load, load_default_indicators
from tests.evidence.builders import write_csv
from tests.factories import village

pytestmark = pytest.mark.django_db

HEADER = ["version", "indicator_code", "indicator_no", "category_no", "category_th", "indicator_th"]
# A made-up two-indicator edition, for the test only (the real 2566-2570 list is not sourced).
EDITION_2566 = [
    ["จปฐ. 2566-2570", "JPT66-01", "1", "1", "หมวดที่ 1 สุขภาพ", "คนในครัวเรือนมีสุขภาพดี"],
    ["จปฐ. 2566-2570", "JPT66-02", "2", "2", "หมวดที่ 2 รายได้", "ครัวเรือนมีการเก็บออมเงิน"],
]


def test_the_default_sets_load_once(reference_data) -> None:  # noqa: ANN001
    load_default_indicators()

    again = load_default_indicators()

    assert again == {"sets": ["JPT60", "KCH60"], "created": 0, "updated": 0}
    assert Indicator.objects.filter(indicator_set_id="JPT60").count() == 31
    assert IndicatorSet.objects.get(code="KCH60").kind == IndicatorSet.Kind.KCHCH2K


def test_a_new_edition_is_loaded_and_usable_for_an_import(reference_data, tmp_path: Path) -> None:  # noqa: ANN001
    result = indicator_set_load(path=write_csv(tmp_path / "jpt66.csv", EDITION_2566, HEADER))
    village("24010101")
    households = tmp_path / "households_2568.csv"
    write_csv(
        households,
        [["24010101", "2401010100011", "3", "1", "0"]],
        ["village_code", "household_id", "members", "JPT66-01", "JPT66-02"],
    )

    survey_import = survey_import_households(path=households, year=2568, indicator_set_code="JPT66")

    assert result == {"set": "JPT66", "created": 2, "updated": 0, "unchanged": 0}
    assert IndicatorSet.objects.get(code="JPT66").edition == "2566-2570"
    assert survey_import.aggregates_stored == 4 * 2


def test_a_changed_title_updates_the_indicator(reference_data, tmp_path: Path) -> None:  # noqa: ANN001
    indicator_set_load(path=write_csv(tmp_path / "first.csv", EDITION_2566, HEADER))
    changed = [EDITION_2566[0][:5] + ["คนในครัวเรือนมีสุขภาพแข็งแรง"], EDITION_2566[1]]

    result = indicator_set_load(path=write_csv(tmp_path / "second.csv", changed, HEADER))

    assert (result["updated"], result["unchanged"]) == (1, 1)
    assert Indicator.objects.get(code="JPT66-01").title_th == "คนในครัวเรือนมีสุขภาพแข็งแรง"


def test_a_number_taken_by_another_indicator_is_refused(reference_data, tmp_path: Path) -> None:  # noqa: ANN001
    indicator_set_load(path=write_csv(tmp_path / "first.csv", EDITION_2566, HEADER))
    clash = [["จปฐ. 2566-2570", "JPT66-03", "1", "1", "หมวดที่ 1 สุขภาพ", "ตัวชี้วัดใหม่"]]

    with pytest.raises(DomainError, match="JPT66-01"):
        indicator_set_load(path=write_csv(tmp_path / "clash.csv", clash, HEADER))

    assert not Indicator.objects.filter(code="JPT66-03").exists()
