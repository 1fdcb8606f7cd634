"""``planlink synthetic …``: the simulation's synthetic villages and จปฐ. surveys, labelled so.

They moved out of ``planlink areas generate-villages`` and ``planlink evidence generate``
(issue 11): the domain apps no longer make synthetic data; those subcommands are gone.
"""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from planlink.areas.models import Area
from planlink.evidence.models import IndicatorAggregate, SurveyImport

pytestmark = pytest.mark.django_db


def _run(command: str, *arguments: str) -> str:
    output = StringIO()
    call_command(command, *arguments, stdout=output)
    return output.getvalue()


def test_survey_makes_a_labelled_synthetic_survey_for_a_province(reference_data) -> None:  # noqa: ANN001
    from planlink.evidence.services.indicators import load_default_indicators

    load_default_indicators()

    output = _run("synthetic", "survey", "--province", "75", "--year", "2567")

    survey_import = SurveyImport.objects.get()
    assert "ข้อมูลสังเคราะห์" in output
    assert survey_import.synthetic is True
    assert survey_import.province_codes == "75"
    assert not IndicatorAggregate.objects.filter(synthetic=False).exists()
    # the province had no villages: the survey made synthetic ones first
    villages = Area.objects.filter(level=Area.Level.VILLAGE, code__startswith="75")
    assert villages.exists()
    assert not villages.filter(synthetic=False).exists()
    body = json.loads(_run("evidence", "summary", "--area", "75", "--year", "2567", "--json"))
    assert body["synthetic"] is True
    assert all(0.0 <= row["share_failed"] <= 1.0 for row in body["indicators"])
    alcohol = next(row for row in body["indicators"] if row["code"] == "JPT60-24")
    assert alcohol["surveyed"] == survey_import.rows_read == survey_import.villages * 150


def test_villages_numbers_every_tambon_of_the_province_once(reference_data) -> None:  # noqa: ANN001
    output = _run("synthetic", "villages", "--province", "75")

    villages = Area.objects.filter(level=Area.Level.VILLAGE, code__startswith="75")
    tambons = Area.objects.filter(level=Area.Level.TAMBON, code__startswith="75")
    assert "หมู่บ้านสังเคราะห์" in output
    assert f"generated {villages.count()} synthetic villages" in output
    assert set(villages.values_list("parent_id", flat=True)) == set(
        tambons.values_list("code", flat=True)
    )
    assert not villages.filter(synthetic=False).exists()
    assert "generated 0 synthetic villages" in _run("synthetic", "villages", "--province", "75")


def test_bangkok_is_refused_in_thai(reference_data) -> None:  # noqa: ANN001
    with pytest.raises(CommandError, match="กรุงเทพมหานครไม่มีหมู่บ้าน"):
        _run("synthetic", "villages", "--province", "10")


@pytest.mark.parametrize(
    ("command", "subcommand"), [("areas", "generate-villages"), ("evidence", "generate")]
)
def test_the_domain_commands_no_longer_make_synthetic_data(command: str, subcommand: str) -> None:
    with pytest.raises(CommandError, match="invalid choice"):
        _run(command, subcommand, "--province", "75")
