"""กชช.๒ค village scores: stored per village, counted per level, replaced per year."""

from __future__ import annotations

from pathlib import Path

import pytest

from planlink.core.errors import DomainError
from planlink.evidence.models import VillageScore
from planlink.evidence.selectors import village_score_counts
from planlink.evidence.services.imports import survey_import_scores
from tests.evidence.builders import write_csv

pytestmark = pytest.mark.django_db

HEADER = ["village_code", "indicator_code", "level"]


def test_scores_are_stored_and_counted_per_level(villages, tmp_path: Path) -> None:  # noqa: ANN001
    path = write_csv(
        tmp_path / "kchch2k_2566.csv",
        [
            ["24010101", "KCH60-00", "1"],
            ["24010102", "KCH60-00", "1"],
            ["24010201", "KCH60-00", "3"],
            ["24020101", "KCH60-00", "2"],
        ],
        HEADER,
    )

    survey_import = survey_import_scores(path=path, year=2566)

    assert survey_import.aggregates_stored == 4
    assert village_score_counts(area_code="2401", year=2566) == {"KCH60-00": {1: 2, 2: 0, 3: 1}}
    assert village_score_counts(area_code="24", year=2566) == {"KCH60-00": {1: 2, 2: 1, 3: 1}}


def test_a_second_file_for_the_year_replaces_the_scores(villages, tmp_path: Path) -> None:  # noqa: ANN001
    first = write_csv(tmp_path / "first.csv", [["24010101", "KCH60-00", "1"]], HEADER)
    second = write_csv(tmp_path / "second.csv", [["24010101", "KCH60-00", "2"]], HEADER)
    survey_import_scores(path=first, year=2566)

    survey_import_scores(path=second, year=2566)

    assert list(VillageScore.objects.values_list("area_id", "level")) == [("24010101", 2)]


def test_a_jpt_set_cannot_take_village_scores(villages, tmp_path: Path) -> None:  # noqa: ANN001
    path = write_csv(tmp_path / "scores.csv", [["24010101", "JPT60-01", "1"]], HEADER)

    with pytest.raises(DomainError, match="kind jpt, not kchch2k"):
        survey_import_scores(path=path, year=2566, indicator_set_code="JPT60")

    assert VillageScore.objects.count() == 0
