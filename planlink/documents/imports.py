"""Import a filled plan template (นำเข้าแบบฟอร์มโครงการ): all rows or nothing.

1. The hidden stamp names the plan; the user must be allowed to change that plan
   (``access_plan(..., for_write=True)``), it must still be a draft or returned for changes,
   and — when the upload is made into a given plan — be that plan. A template for another
   village, or for a submitted plan, is refused.
2. Every row is checked: the template's own rules (drop-down values, project ids of this
   plan, no title twice) and the shared project validation
   ``planlink.plans.services.clean_project_fields`` field by field, so each problem is
   reported with its row, column and a Thai message. Any problem → nothing is imported.
3. Otherwise, in one transaction, each row updates the project it matches — by the hidden
   project id, else by the same title in this plan (the stable key) — or creates a new one,
   through ``project_create``/``project_update`` (audited). A row equal to its project is
   left alone, so uploading the same file twice changes nothing. Projects missing from the
   file are kept.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from django.db import transaction
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from planlink.accounts.access import access_plan
from planlink.audit.services import audit_record
from planlink.core.errors import DomainError, NotFound, StateError
from planlink.core.thai import to_arabic_digits
from planlink.documents.book_data import CAPACITY_TH, MODE_TH, load_plan, plan_years
from planlink.documents.plan_template import (
    DATA_SHEET,
    TEMPLATE_VERSION,
    TemplateColumn,
    issue_choices,
    template_columns,
)
from planlink.documents.xlsx_thai import StampError, TemplateHeaderError, read_rows, read_stamp
from planlink.plans.models import Plan, PlanState, Project
from planlink.plans.services import (
    clean_project_fields,
    project_create,
    project_update,
    require_plan_editable,
)

if TYPE_CHECKING:
    from planlink.core.types import Actor

__all__ = ["ImportProblem", "ImportResult", "TemplateImportError", "import_plan_template"]

MAX_ROWS = 5000
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class ImportProblem:
    row: int
    column: str
    header: str
    problem: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "problem": self.problem,
        }

    @property
    def line(self) -> str:
        """ "แถวที่ 7 คอลัมน์ L (งบประมาณ (บาท)): งบประมาณต้องไม่ติดลบ"."""
        where = f"แถวที่ {self.row}" if self.row else "แบบฟอร์ม"
        if self.column:
            where += f" คอลัมน์ {self.column} ({self.header})"
        return f"{where}: {self.problem}"


class TemplateImportError(DomainError):
    """The file was refused; ``problems`` says where and why. Nothing was imported."""

    code = "template_invalid"
    status = 422

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = problems
        summary_th = f"แบบฟอร์มมีข้อผิดพลาด {len(problems):,} รายการ ยังไม่ได้นำเข้าข้อมูลใด ๆ"
        super().__init__(
            summary_th,
            f"the template has {len(problems):,} problem(s); nothing was imported",
            problems=[problem.as_dict() for problem in problems],
        )

    @property
    def report_th(self) -> str:
        return "\n".join([self.message_th, *(f"  - {p.line}" for p in self.problems)])


@dataclass
class ImportResult:
    plan_id: int
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "plan_id": self.plan_id,
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "project_ids": self.created + self.updated + self.unchanged,
        }

    @property
    def summary_th(self) -> str:
        return (
            f"นำเข้าแล้ว: เพิ่มโครงการใหม่ {len(self.created):,} แก้ไข {len(self.updated):,} "
            f"ไม่เปลี่ยนแปลง {len(self.unchanged):,} โครงการ"
        )


def title_key(title: object) -> str:
    """The stable key of a project in its plan: its title normalised as the matcher reads it
    (NFC, Thai digits, decomposed sara am ํา → ำ, เเ → แ, zero-width characters, spaces),
    so a re-upload typed with ``จํานวน`` finds the project written ``จำนวน`` (issue 12)."""
    from planlink.areas.places import clean_place_text

    return _SPACES.sub(" ", clean_place_text(to_arabic_digits(str(title or "")))).strip().casefold()


def _refuse(problem: str, english: str = "") -> TemplateImportError:
    error = TemplateImportError([ImportProblem(0, "", "", problem)])
    error.message_en = english or error.message_en
    return error


# ------------------------------------------------------------------------------ the file


def _open_stamp(source: IO[bytes]) -> dict[str, Any]:
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise _refuse("ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) ที่อ่านได้", "not a readable .xlsx file") from error
    try:
        payload = read_stamp(workbook)
    except StampError as error:
        raise _refuse(str(error), "the template's stamp is damaged or was altered") from error
    finally:
        workbook.close()
    if payload is None or payload.get("template_version") != TEMPLATE_VERSION:
        raise _refuse(
            "ไฟล์นี้ไม่ใช่แบบฟอร์มนำเข้าโครงการของ PlanLink โปรดดาวน์โหลดแบบฟอร์มจากระบบ",
            "this is not a PlanLink plan template; download one from PlanLink",
        )
    return payload


def _plan_for(user: Actor, payload: dict[str, Any], plan_id: int | None, system: bool) -> Plan:
    if plan_id is not None and int(payload.get("plan_id") or 0) != int(plan_id):
        raise _refuse(
            f"แบบฟอร์มนี้ออกให้แผนของ{payload.get('owner_name', 'หน่วยอื่น')} "
            "ไม่ใช่แผนที่กำลังนำเข้า โปรดดาวน์โหลดแบบฟอร์มของแผนนี้",
            "this template belongs to another plan",
        )
    try:
        if system:
            plan = Plan.objects.filter(pk=int(payload.get("plan_id") or 0)).first()
            if plan is None:
                raise NotFound("แผน", "plan")
        else:
            plan = access_plan(user, int(payload.get("plan_id") or 0), for_write=True)
    except NotFound as error:
        raise NotFound(
            f"แผนของแบบฟอร์มนี้ ({payload.get('owner_name', '')}) หรือคุณไม่มีสิทธิ์แก้ไขแผนนั้น",
            "the template's plan (or you may not change it)",
        ) from error
    owner_code = (
        plan.owner_area_id or plan.owner_lao_id or plan.owner_agency_id or plan.owner_cluster_id
    )
    if str(owner_code) != str(payload.get("owner_code")) or plan.kind != payload.get("kind"):
        raise _refuse(
            "แบบฟอร์มนี้ไม่ตรงกับเจ้าของแผน โปรดดาวน์โหลดแบบฟอร์มของแผนนี้ใหม่",
            "the template does not match the plan's owner",
        )
    if plan.state == PlanState.ACCEPTED:
        require_plan_editable(plan)  # accepted: changes go through a revision (docs/revisions.md)
    if not plan.is_editable:
        raise StateError(
            f"แผนอยู่ในสถานะ '{PlanState(plan.state).label}' นำเข้าแบบฟอร์มไม่ได้",
            f"the plan is {plan.state}; templates can only be imported into a draft or returned plan",
        )
    if list(payload.get("years") or []) != plan_years(plan):
        raise _refuse(
            "ช่วงปีของแผนเปลี่ยนไปหลังออกแบบฟอร์ม โปรดดาวน์โหลดแบบฟอร์มใหม่",
            "the plan's years changed since the template was issued; download it again",
        )
    return plan


# ------------------------------------------------------------------------------ checking


@dataclass
class _Row:
    number: int
    project_id: int | None
    data: dict[str, Any]
    budget_years: dict[int, Decimal] | None
    key: str


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(int(value))
    if isinstance(value, Decimal):
        return str(value)
    return value


def _check_row(
    plan: Plan,
    row: Any,
    columns: list[TemplateColumn],
    choices: dict[str, dict[str, str]],
    plan_project_ids: set[int],
    problems: list[ImportProblem],
) -> _Row | None:
    count_before = len(problems)

    def problem(column: TemplateColumn, message: str) -> None:
        problems.append(
            ImportProblem(row.row_number, row[column.header].column, column.header, message)
        )

    data: dict[str, Any] = {}
    years: dict[int, Decimal] = {}
    project_id: int | None = None
    for column in columns:
        cell = row[column.header]
        value = cell.value
        if cell.error:
            problem(column, f"ต้องเป็นตัวเลข (พบ “{value}”)")
            continue
        if column.field == "id":
            if value is not None:
                if value != value.to_integral_value() or int(value) not in plan_project_ids:
                    problem(column, f"รหัสโครงการ {value} ไม่ใช่โครงการของแผนนี้ (ห้ามแก้ไขคอลัมน์นี้)")
                else:
                    project_id = int(value)
            continue
        if column.kind == "choice":
            if value is None:
                data[column.field] = None if column.field == "issue_code" else ""
                continue
            text = str(value).strip()
            options = choices[column.field]
            code = options.get(text) or (text if text in options.values() else None)
            if code is None:
                problem(column, f"“{text}” ไม่อยู่ในรายการ ให้เลือก: " + ", ".join(options))
                continue
            value = code
        if column.kind == "year":
            try:
                checked = clean_project_fields(plan, {"budget": _plain(value)}, partial=True)
            except DomainError as error:
                problem(column, error.message_th.replace("งบประมาณ", f"งบประมาณปี {column.year}", 1))
                continue
            if value is not None and column.year is not None:
                years[column.year] = checked["budget"]
            continue
        try:
            clean_project_fields(plan, {column.field: _plain(value)}, partial=True)
        except DomainError as error:
            problem(column, error.message_th)
            continue
        data[column.field] = _plain(value)
    if len(problems) > count_before:
        return None
    title_column = next(column for column in columns if column.field == "title")
    try:
        clean_project_fields(plan, data, partial=False)
    except DomainError as error:  # a rule across fields: point at the row's title
        problem(title_column, error.message_th)
        return None
    has_years = any(column.kind == "year" for column in columns)
    return _Row(
        row.row_number, project_id, data, years if has_years else None, title_key(data["title"])
    )


def _check_rows(plan: Plan, rows: list[Any], columns: list[TemplateColumn]) -> list[_Row]:
    problems: list[ImportProblem] = []
    if not rows:
        raise _refuse("แบบฟอร์มไม่มีโครงการ (ไม่มีแถวข้อมูลใต้หัวตาราง)", "the template has no rows")
    if len(rows) > MAX_ROWS:
        raise _refuse(f"แบบฟอร์มมีเกิน {MAX_ROWS:,} แถว", f"more than {MAX_ROWS:,} rows")
    choices = {
        "issue_code": issue_choices(plan),
        "mode": {label: value for value, label in MODE_TH.items()},
        "capacity_level": {label: value for value, label in CAPACITY_TH.items()},
    }
    plan_project_ids = set(plan.projects.values_list("pk", flat=True))
    checked = [_check_row(plan, row, columns, choices, plan_project_ids, problems) for row in rows]
    title_column = next(column for column in columns if column.field == "title")
    id_column = columns[0]
    seen_ids: dict[int, int] = {}
    seen_keys: dict[str, int] = {}
    for row, result in zip(rows, checked, strict=True):
        if result is None:
            continue
        if result.project_id is not None:
            if result.project_id in seen_ids:
                problems.append(ImportProblem(row.row_number, row[id_column.header].column,
                                              id_column.header,
                                              f"รหัสโครงการซ้ำกับแถวที่ {seen_ids[result.project_id]}"))  # fmt: skip
            seen_ids.setdefault(result.project_id, row.row_number)
        if result.key in seen_keys:
            problems.append(ImportProblem(row.row_number, row[title_column.header].column,
                                          title_column.header,
                                          f"ชื่อโครงการซ้ำกับแถวที่ {seen_keys[result.key]}"))  # fmt: skip
        seen_keys.setdefault(result.key, row.row_number)
    if problems:
        raise TemplateImportError(sorted(problems, key=lambda p: (p.row, p.column)))
    return [result for result in checked if result is not None]


# ------------------------------------------------------------------------------ writing


def _changes(project: Project, cleaned: dict[str, Any]) -> dict[str, Any]:
    changed = {}
    for name, value in cleaned.items():
        current = project.issue if name == "issue" else getattr(project, name)
        if current != value:
            changed[name] = value
    return changed


def _write(plan: Plan, user: Actor, rows: Iterable[_Row]) -> ImportResult:
    result = ImportResult(plan.pk)
    facts = {item.project.pk: item for item in load_plan(plan).projects}
    by_key: dict[str, list[int]] = {}
    for pk, item in facts.items():
        by_key.setdefault(title_key(item.project.title), []).append(pk)
    matched: set[int] = set()
    rows = list(rows)
    for row in rows:  # ids first, so a title match never takes a project a row names by id
        if row.project_id is not None:
            matched.add(row.project_id)
    for row in rows:
        project_id = row.project_id
        if project_id is None:
            candidates = [pk for pk in by_key.get(row.key, []) if pk not in matched]
            project_id = candidates[0] if candidates else None
            if project_id is not None:
                matched.add(project_id)
        if project_id is None:
            project = project_create(
                plan=plan, actor=user, data=row.data, budget_years=row.budget_years
            )
            result.created.append(project.pk)
            continue
        item = facts[project_id]
        project = item.project
        changed = _changes(project, clean_project_fields(plan, row.data, partial=True))
        years_changed = row.budget_years is not None and row.budget_years != {
            year: amount for year, amount in item.years.items() if amount is not None
        }
        if not changed and not years_changed:
            result.unchanged.append(project.pk)
            continue
        renamed = {"issue": "issue_code"}  # cleaned field → template field
        data = {renamed.get(name, name): row.data[renamed.get(name, name)] for name in changed}
        project_update(
            project=project,
            actor=user,
            data=data,
            expected_version=project.version,
            budget_years=row.budget_years if years_changed else None,
        )
        result.updated.append(project.pk)
    return result


def import_plan_template(
    *, user: Actor, source: IO[bytes], plan_id: int | None = None, system: bool = False
) -> ImportResult:
    """Check a filled template and, if every row is right, write it in one transaction.

    ``plan_id`` is the plan the upload is made into (the UI's plan page); the command and
    the API take the plan from the template's stamp; ``system=True`` (the operator's command
    line without ``--user``) skips the access check, not the state check. Raises ``TemplateImportError`` (with
    ``problems``), ``NotFound``, ``PermissionDenied`` or ``StateError``; then nothing changed.
    """
    payload = _open_stamp(source)
    plan = _plan_for(user, payload, plan_id, system)
    columns = template_columns(plan)
    source.seek(0)
    try:
        read = read_rows(
            source,
            [column.header for column in columns],
            sheet_name=DATA_SHEET,
            number_columns=[column.header for column in columns if column.is_number],
        )
    except TemplateHeaderError as error:
        raise _refuse(
            str(error), "the header row of the template is missing or was changed"
        ) from error
    except KeyError as error:
        raise _refuse(
            f"ไม่พบแผ่นงาน “{DATA_SHEET}” ในไฟล์", f"sheet {DATA_SHEET} is missing"
        ) from error
    rows = _check_rows(plan, read, columns)
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if not plan.is_editable:
            raise StateError("แผนถูกส่งไปแล้วระหว่างการนำเข้า", "the plan was submitted meanwhile")
        result = _write(plan, user, rows)
        if not (result.created or result.updated):
            return result
        audit_record(
            actor=user,
            action="plan.import_template",
            obj=plan,
            scope_code=plan.scope_code,
            changes={key: value for key, value in result.as_dict().items() if key != "project_ids"},
        )
    return result
