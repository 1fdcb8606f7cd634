"""``planlink evidence …``: summary JSON, refusal report with exit status.

The synthetic survey (``planlink synthetic survey``) is tested in tests/simulation."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from planlink.evidence.models import IndicatorAggregate
from tests.evidence.builders import HEADER, household_rows, write_csv, write_households

pytestmark = pytest.mark.django_db


def _run(*arguments: str) -> str:
    output = StringIO()
    call_command("evidence", *arguments, stdout=output)
    return output.getvalue()


def test_summary_prints_the_documented_json(villages, tmp_path: Path) -> None:  # noqa: ANN001
    _run("import-households", str(write_households(tmp_path / "จปฐ.csv")), "--year", "2567")

    body = json.loads(_run("summary", "--area", "2401", "--year", "2567", "--json"))

    assert list(body) == ["area", "year", "indicators", "unaddressed"]
    assert (body["area"], body["year"]) == ("2401", 2567)
    assert body["indicators"][0] == {
        "code": "JPT60-24",
        "surveyed": 7,
        "failed": 4,
        "share_failed": 4 / 7,
    }
    assert len(body["indicators"]) == 31
    assert body["unaddressed"] == ["JPT60-24", "JPT60-01"]


def test_summary_works_for_a_village(villages, tmp_path: Path) -> None:  # noqa: ANN001
    _run("import-households", str(write_households(tmp_path / "จปฐ.csv")), "--year", "2567")

    body = json.loads(_run("summary", "--area", "24020101", "--json"))

    assert body["year"] == 2567
    assert body["indicators"][0] == {
        "code": "JPT60-24",
        "surveyed": 3,
        "failed": 2,
        "share_failed": 2 / 3,
    }


def test_a_bad_file_fails_the_command_with_row_and_column(villages, tmp_path: Path) -> None:  # noqa: ANN001
    rows = household_rows()
    rows[2][HEADER.index("JPT60-30")] = "ใช่"

    with pytest.raises(CommandError) as caught:
        _run("import-households", str(write_csv(tmp_path / "bad.csv", rows)), "--year", "2567")

    message = str(caught.value)
    assert "ไม่ได้นำเข้าไฟล์ bad.csv: พบปัญหา 1 รายการ" in message
    assert "bad.csv was not imported: 1 problem(s)" in message
    assert "row 4, column JPT60-30" in message
    assert IndicatorAggregate.objects.count() == 0


def test_an_unknown_indicator_set_is_explained(villages, tmp_path: Path) -> None:  # noqa: ANN001
    path = str(write_households(tmp_path / "จปฐ.csv"))

    with pytest.raises(CommandError, match="ไม่พบชุดตัวชี้วัด JPT99"):
        _run("import-households", path, "--year", "2567", "--indicators", "JPT99")


def test_a_christian_era_year_is_refused(villages, tmp_path: Path) -> None:  # noqa: ANN001
    path = str(write_households(tmp_path / "จปฐ.csv"))

    with pytest.raises(CommandError, match="ใช้ปีพุทธศักราช"):
        _run("import-households", path, "--year", "2024")
