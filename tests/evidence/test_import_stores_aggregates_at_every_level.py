"""Acceptance: stored aggregates equal the shares computed by hand, at every level."""

from __future__ import annotations

from pathlib import Path

import pytest

from planlink.audit.models import AuditEntry
from planlink.evidence.models import IndicatorAggregate, SurveyImport
from planlink.evidence.services.imports import survey_import_households
from tests.evidence.builders import EXPECTED, write_households

pytestmark = pytest.mark.django_db


def test_stored_shares_match_the_hand_made_file_at_every_level(villages, tmp_path: Path) -> None:
    survey_import_households(path=write_households(tmp_path / "จปฐ_2567.csv"), year=2567)

    for indicator, expected in EXPECTED.items():
        stored = {
            row.area_id: (row.households_failed, row.households_surveyed, row.share_failed)
            for row in IndicatorAggregate.objects.filter(year=2567, indicator_id=indicator)
        }
        assert stored == {
            area: (failed, surveyed, failed / surveyed)
            for area, (failed, surveyed) in expected.items()
        }, indicator


def test_each_level_is_stored_with_its_area(villages, tmp_path: Path) -> None:
    survey_import_households(path=write_households(tmp_path / "จปฐ_2567.csv"), year=2567)

    levels = dict(
        IndicatorAggregate.objects.filter(year=2567, indicator_id="JPT60-24").values_list(
            "area_id", "level"
        )
    )
    assert levels == {
        "24010101": "village",
        "24010102": "village",
        "24010201": "village",
        "24020101": "village",
        "240101": "tambon",
        "240102": "tambon",
        "240201": "tambon",
        "2401": "district",
        "2402": "district",
        "24": "province",
    }


def test_the_import_is_recorded_and_audited(villages, tmp_path: Path) -> None:
    survey_import = survey_import_households(
        path=write_households(tmp_path / "จปฐ_2567.csv"), year=2567
    )

    assert (
        survey_import.rows_read,
        survey_import.villages,
        survey_import.province_codes,
        survey_import.kind,
        survey_import.synthetic,
        survey_import.source_name,
    ) == (10, 4, "24", SurveyImport.Kind.HOUSEHOLDS, False, "จปฐ_2567.csv")
    assert survey_import.aggregates_stored == IndicatorAggregate.objects.count()
    entry = AuditEntry.objects.get(
        object_type="evidence.surveyimport", object_id=str(survey_import.pk)
    )
    assert entry.action == "evidence.survey_imported.households"
    assert entry.changes["rows_read"] == 10


def test_an_old_village_code_is_stored_under_the_current_village(reference_data, tmp_path) -> None:  # noqa: ANN001
    # Tambon 570306 ม่วงยาย was abolished in 2006; its successor is 571301.
    from planlink.evidence.services.indicators import load_default_indicators
    from tests.factories import village

    load_default_indicators()
    village("57130101")
    households = [("57030601", "5703060100011", {"JPT60-24": "0"})]
    survey_import = survey_import_households(
        path=write_households(tmp_path / "old_codes.csv", households), year=2567
    )

    assert survey_import.remapped_codes == {"57030601": "57130101"}
    stored = IndicatorAggregate.objects.get(year=2567, indicator_id="JPT60-24", area_id="57130101")
    assert (stored.households_failed, stored.households_surveyed) == (1, 1)
