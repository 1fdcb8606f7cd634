"""Read an indicator-set CSV (one edition of จปฐ. or กชช.๒ค) without touching the database.

The format is the one of ``data/bmn_jpt_indicators_2560_2564.csv``:
``version,indicator_code,indicator_no,category_no,category_th,category_en,
indicator_th,indicator_en_gloss,pass_criterion_from_text,source``. Optional
columns ``set_code``, ``kind`` (``jpt``/``kchch2k``) and ``edition`` override
what is otherwise derived: the set code is the indicator code before its last
``-`` (``JPT60-01`` → ``JPT60``), the kind is กชช.๒ค when the version names it,
and the edition is the ``NNNN-NNNN`` range in the version.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from planlink.evidence.ingest.problems import (
    HEADER_ROW,
    Problem,
    ProblemKind,
    SurveyFileRejected,
    ValidationReport,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_INDICATOR_FILES = (
    DATA_DIR / "bmn_jpt_indicators_2560_2564.csv",
    DATA_DIR / "kchch2k_indicators_2560_2564.csv",
)
REQUIRED = (
    "version",
    "indicator_code",
    "indicator_no",
    "category_no",
    "category_th",
    "indicator_th",
)
OPTIONAL = (
    "category_en",
    "indicator_en_gloss",
    "pass_criterion_from_text",
    "source",
    "set_code",
    "kind",
    "edition",
    "set_source",
)
INDICATOR_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,15}-[0-9]{1,3}$")
EDITION = re.compile(r"(\d{4})\s*[-–]\s*(\d{4})")
KINDS = ("jpt", "kchch2k")


@dataclass(frozen=True)
class IndicatorRow:
    code: str
    number: int
    category_no: int
    category_th: str
    category_en: str
    title_th: str
    title_en: str
    criterion: str
    source: str


@dataclass
class IndicatorSetFile:
    """One edition read from a CSV: the set's fields and its indicators."""

    code: str
    kind: str
    name_th: str
    edition: str
    source: str
    indicators: list[IndicatorRow] = field(default_factory=list)


def _problem(row: int, column: str, message_th: str, message_en: str) -> Problem:
    return Problem(row, column, ProblemKind.INVALID_VALUE, message_th, message_en)


def read_indicator_file(path: Path) -> IndicatorSetFile:
    """Parse and check the file; raises :class:`SurveyFileRejected` listing every problem."""
    report = ValidationReport(file_name=path.name)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [name.strip() for name in reader.fieldnames or []]
            rows = [
                {(key or "").strip(): (value or "").strip() for key, value in row.items()}
                for row in reader
            ]
    except (OSError, UnicodeDecodeError) as error:
        report.add(
            [
                Problem(
                    None,
                    "",
                    ProblemKind.UNREADABLE_FILE,
                    "อ่านไฟล์ไม่ได้ (ต้องเป็น CSV UTF-8)",
                    f"cannot read the file as UTF-8 CSV ({error.__class__.__name__})",
                )
            ]
        )
        raise SurveyFileRejected(report) from error
    for name in REQUIRED:
        if name not in header:
            report.add(
                [
                    Problem(
                        HEADER_ROW,
                        name,
                        ProblemKind.MISSING_COLUMN,
                        f"ไม่มีคอลัมน์ '{name}'",
                        f"the header lacks the column '{name}'",
                    )
                ]
            )
    for name in header:
        if name not in REQUIRED and name not in OPTIONAL:
            report.add(
                [
                    Problem(
                        HEADER_ROW,
                        name,
                        ProblemKind.UNKNOWN_COLUMN,
                        f"ไม่รู้จักคอลัมน์ '{name}'",
                        f"unknown column '{name}'",
                    )
                ]
            )
    if not report.ok:
        raise SurveyFileRejected(report)
    if not rows:
        report.add(
            [
                Problem(
                    None, "", ProblemKind.EMPTY_FILE, "ไฟล์ไม่มีตัวชี้วัด", "the file lists no indicators"
                )
            ]
        )
        raise SurveyFileRejected(report)
    parsed = _parse_rows(rows, report)
    if not report.ok:
        raise SurveyFileRejected(report)
    return parsed


def _parse_rows(rows: list[dict[str, str]], report: ValidationReport) -> IndicatorSetFile:
    first = rows[0]
    set_code = first.get("set_code") or first["indicator_code"].rpartition("-")[0]
    version = first["version"]
    kind = first.get("kind") or ("kchch2k" if "กชช" in version else "jpt")
    edition_match = EDITION.search(first.get("edition") or version)
    result = IndicatorSetFile(
        code=set_code,
        kind=kind,
        name_th=version,
        edition=f"{edition_match.group(1)}-{edition_match.group(2)}" if edition_match else "",
        source=first.get("set_source") or first.get("source", ""),
    )
    if kind not in KINDS:
        report.add([_problem(2, "kind", f"ชนิด '{kind}' ไม่ถูกต้อง", f"kind must be {KINDS}")])
    if not edition_match:
        report.add(
            [
                _problem(
                    2, "version", "ไม่พบปีของฉบับ (เช่น 2566-2570)", "no edition years (e.g. 2566-2570)"
                )
            ]
        )
    seen_codes: dict[str, int] = {}
    seen_numbers: dict[int, int] = {}
    for row_number, row in enumerate(rows, start=2):
        problems: list[Problem] = []
        code = row["indicator_code"]
        if not INDICATOR_CODE.match(code):
            problems.append(
                _problem(
                    row_number,
                    "indicator_code",
                    f"รหัสตัวชี้วัด '{code}' ต้องเป็นแบบ ชุด-เลข เช่น JPT66-01",
                    f"indicator code '{code}' must look like SET-NN, e.g. JPT66-01",
                )
            )
        elif (row.get("set_code") or code.rpartition("-")[0]) != set_code:
            problems.append(
                _problem(
                    row_number,
                    "indicator_code",
                    f"ตัวชี้วัด {code} ไม่อยู่ในชุด {set_code} (หนึ่งไฟล์ต่อหนึ่งชุด)",
                    f"{code} is not in set {set_code}; one file holds one set",
                )
            )
        elif code in seen_codes:
            problems.append(
                _problem(
                    row_number,
                    "indicator_code",
                    f"รหัส {code} ซ้ำกับแถวที่ {seen_codes[code]}",
                    f"{code} repeats row {seen_codes[code]}",
                )
            )
        numbers = []
        for column in ("indicator_no", "category_no"):
            text = row.get(column, "")
            if not text.isdigit():
                problems.append(
                    _problem(
                        row_number,
                        column,
                        f"'{text}' ต้องเป็นจำนวนเต็ม",
                        f"'{text}' must be a whole number",
                    )
                )
            numbers.append(int(text) if text.isdigit() else 0)
        if numbers[0] in seen_numbers and row.get("indicator_no", "").isdigit():
            problems.append(
                _problem(
                    row_number,
                    "indicator_no",
                    f"ลำดับที่ {numbers[0]} ซ้ำกับแถวที่ {seen_numbers[numbers[0]]}",
                    f"number {numbers[0]} repeats row {seen_numbers[numbers[0]]}",
                )
            )
        for column in ("indicator_th", "category_th"):
            if not row.get(column):
                problems.append(_problem(row_number, column, "ต้องไม่ว่าง", "must not be empty"))
        if row["version"] != version:
            problems.append(
                _problem(
                    row_number,
                    "version",
                    f"ฉบับ '{row['version']}' ต่างจากแถวแรก '{version}'",
                    "every row must name the same version",
                )
            )
        if problems:
            report.add(problems)
            continue
        seen_codes[code] = row_number
        seen_numbers[numbers[0]] = row_number
        result.indicators.append(
            IndicatorRow(
                code=code,
                number=numbers[0],
                category_no=numbers[1],
                category_th=row["category_th"],
                category_en=row.get("category_en", ""),
                title_th=row["indicator_th"],
                title_en=row.get("indicator_en_gloss", ""),
                criterion=row.get("pass_criterion_from_text", ""),
                source=row.get("source", ""),
            )
        )
    return result
