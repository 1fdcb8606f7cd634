"""Indicator-set CSV files: the shipped editions parse; a bad file lists its problems."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from planlink.evidence.indicator_files import DEFAULT_INDICATOR_FILES, read_indicator_file
from planlink.evidence.ingest.problems import ProblemKind, SurveyFileRejected
from tests.evidence.builders import write_csv

HEADER = [
    "version",
    "indicator_code",
    "indicator_no",
    "category_no",
    "category_th",
    "category_en",
    "indicator_th",
    "indicator_en_gloss",
    "pass_criterion_from_text",
    "source",
]


def test_the_shipped_jpt_edition_has_31_indicators_in_5_categories() -> None:
    parsed = read_indicator_file(DEFAULT_INDICATOR_FILES[0])

    assert (parsed.code, parsed.kind, parsed.edition) == ("JPT60", "jpt", "2560-2564")
    assert len(parsed.indicators) == 31
    assert Counter(row.category_no for row in parsed.indicators) == {1: 7, 2: 7, 3: 5, 4: 4, 5: 8}
    assert parsed.indicators[23].title_th == "คนในครัวเรือนไม่ดื่มสุรา"


def test_the_shipped_kchch2k_set_holds_the_village_development_level() -> None:
    parsed = read_indicator_file(DEFAULT_INDICATOR_FILES[1])

    assert (parsed.code, parsed.kind, parsed.edition) == ("KCH60", "kchch2k", "2560-2564")
    assert [row.code for row in parsed.indicators] == ["KCH60-00"]
    assert "ล้าหลัง" in parsed.indicators[0].title_th


def test_set_code_kind_and_edition_are_derived_from_the_rows(tmp_path: Path) -> None:
    # A made-up two-indicator edition, for the test only (the real 2566-2570 list is not sourced).
    path = write_csv(
        tmp_path / "jpt_2566_2570.csv",
        [
            [
                "จปฐ. 2566-2570",
                "JPT66-01",
                "1",
                "1",
                "หมวดที่ 1 สุขภาพ",
                "Health",
                "เด็กแรกเกิดมีน้ำหนัก 2,500 กรัม ขึ้นไป",
                "",
                "",
                "ทดสอบ",
            ],
            [
                "จปฐ. 2566-2570",
                "JPT66-02",
                "2",
                "1",
                "หมวดที่ 1 สุขภาพ",
                "Health",
                "เด็กแรกเกิดได้กินนมแม่อย่างเดียว",
                "",
                "",
                "ทดสอบ",
            ],
        ],  # fmt: skip
        HEADER,
    )

    parsed = read_indicator_file(path)

    assert (parsed.code, parsed.kind, parsed.edition, parsed.name_th) == (
        "JPT66",
        "jpt",
        "2566-2570",
        "จปฐ. 2566-2570",
    )
    assert [row.number for row in parsed.indicators] == [1, 2]


def test_bad_rows_are_listed_with_row_and_column(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "bad.csv",
        [
            ["จปฐ. 2566-2570", "JPT66-01", "1", "1", "สุขภาพ", "", "ตัวชี้วัดหนึ่ง", "", "", ""],
            ["จปฐ. 2566-2570", "JPT66-01", "2", "1", "สุขภาพ", "", "ตัวชี้วัดสอง", "", "", ""],
            ["จปฐ. 2566-2570", "JPT66-03", "สาม", "1", "สุขภาพ", "", "ตัวชี้วัดสาม", "", "", ""],
            ["จปฐ. 2566-2570", "KCH66-04", "4", "1", "สุขภาพ", "", "ตัวชี้วัดสี่", "", "", ""],
        ],
        HEADER,
    )

    with pytest.raises(SurveyFileRejected) as caught:
        read_indicator_file(path)

    assert [(p.row, p.column) for p in caught.value.report.problems] == [
        (3, "indicator_code"),
        (4, "indicator_no"),
        (5, "indicator_code"),
    ]


def test_a_file_without_the_required_columns_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bad.csv", [["JPT66-01", "ตัวชี้วัด"]], ["code", "title"])

    with pytest.raises(SurveyFileRejected) as caught:
        read_indicator_file(path)

    kinds = Counter(problem.kind for problem in caught.value.report.problems)
    assert kinds == {ProblemKind.MISSING_COLUMN: 6, ProblemKind.UNKNOWN_COLUMN: 2}
