"""The report of a refused survey file: row, column and problem, in Thai and English.

Rows are numbered the way a spreadsheet shows them: the header is row 1 and
the first household is row 2. At most ``REPORT_LIMIT`` problems are listed;
``total`` counts them all. A file with any problem is refused whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

REPORT_LIMIT = 100
HEADER_ROW = 1


class ProblemKind(StrEnum):
    UNREADABLE_FILE = "unreadable_file"
    MALFORMED_ROW = "malformed_row"
    MISSING_COLUMN = "missing_column"
    UNKNOWN_COLUMN = "unknown_column"
    DUPLICATE_COLUMN = "duplicate_column"
    EMPTY_FILE = "empty_file"
    MISSING_VILLAGE_CODE = "missing_village_code"
    INVALID_VILLAGE_CODE = "invalid_village_code"
    UNKNOWN_VILLAGE_CODE = "unknown_village_code"
    MISSING_HOUSEHOLD_ID = "missing_household_id"
    DUPLICATE_HOUSEHOLD_ID = "duplicate_household_id"
    INVALID_VALUE = "invalid_value"
    INVALID_MEMBERS = "invalid_members"
    UNKNOWN_INDICATOR = "unknown_indicator"
    INVALID_COUNT = "invalid_count"
    FAILED_EXCEEDS_SURVEYED = "failed_exceeds_surveyed"
    DUPLICATE_ROW = "duplicate_row"
    INVALID_LEVEL = "invalid_level"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a file; ``row`` is ``None`` for problems of the whole file."""

    row: int | None
    column: str
    kind: ProblemKind = field(compare=False)
    message_th: str = field(compare=False)
    message_en: str = field(compare=False)
    value: str | None = field(default=None, compare=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "kind": str(self.kind),
            "value": self.value,
            "problem": f"{self.message_th} / {self.message_en}",
            "message_th": self.message_th,
            "message_en": self.message_en,
        }


@dataclass
class ValidationReport:
    """Problems found in one file: the first ``REPORT_LIMIT`` (by row, column) and the total."""

    file_name: str
    problems: list[Problem] = field(default_factory=list)
    total: int = 0
    rows_read: int = 0

    @property
    def ok(self) -> bool:
        return self.total == 0

    def add(self, problems: list[Problem], total: int | None = None) -> None:
        """Add a batch of problems; ``total`` is the batch's full count when more exist."""
        self.total += len(problems) if total is None else total
        merged = sorted([*self.problems, *problems], key=_sort_key)
        self.problems = merged[:REPORT_LIMIT]

    def summary_th(self) -> str:
        return (
            f"ไม่ได้นำเข้าไฟล์ {self.file_name}: พบปัญหา {self.total:,} รายการ"
            f" (แสดง {len(self.problems):,} รายการแรก) ไม่มีข้อมูลใดถูกบันทึก"
        )

    def summary_en(self) -> str:
        return (
            f"{self.file_name} was not imported: {self.total:,} problem(s)"
            f" (first {len(self.problems):,} shown); nothing was saved"
        )

    def as_text(self) -> str:
        """The report for a terminal: summary in Thai and English, then one line per problem."""
        lines = [self.summary_th(), self.summary_en()]
        for problem in self.problems:
            where = f"แถว (row) {problem.row}" if problem.row is not None else "ทั้งไฟล์ (file)"
            column = f", คอลัมน์ (column) {problem.column}" if problem.column else ""
            lines.append(f"  - {where}{column}: {problem.message_th} / {problem.message_en}")
        hidden = self.total - len(self.problems)
        if hidden > 0:
            lines.append(f"  … และอีก {hidden:,} รายการ / and {hidden:,} more")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file_name,
            "total": self.total,
            "rows_read": self.rows_read,
            "problems": [problem.as_dict() for problem in self.problems],
        }


def _sort_key(problem: Problem) -> tuple[int, int, str]:
    if problem.row is None:
        return (0, 0, problem.column)
    return (1, problem.row, problem.column)


class SurveyFileRejected(Exception):
    """A survey file was refused whole; ``report`` says where and why."""

    def __init__(self, report: ValidationReport) -> None:
        super().__init__(f"{report.summary_th()} / {report.summary_en()}")
        self.report = report
