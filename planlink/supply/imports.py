"""Import funded items: check every row, locate each, write all or nothing, propose matches.

``import_supply`` is the one road for the command (``planlink supply import``), the web
upload page and ``POST /api/v1/supply/imports`` (issue 13, build 1):

* any bad row refuses the whole file (:class:`~planlink.supply.reading.ImportRefused`,
  first 100 problems shown, all counted) and writes nothing;
* a fiscal year without plans is fine (its cycle is created);
* a budgetary unit missing from the agency registry is added, marked for review, never refused;
* an item already imported (same source and ``ref``, or the same row content) is left as it
  is, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import hashlib
import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction

from planlink.areas.crosswalk import resolve_codes
from planlink.areas.locate import Gazetteer, Location, level_of, located_code
from planlink.areas.models import Agency, LocalGovernment
from planlink.audit.services import audit_record
from planlink.core.bulk import insert_dicts
from planlink.core.errors import DomainError
from planlink.core.types import acting_user
from planlink.cycles.models import PlanningCycle
from planlink.cycles.services import cycle_create
from planlink.supply.models import ImportedAgency, ItemState, Source, SupplyImport, SupplyItem
from planlink.supply.reading import (
    COLUMN_TH,
    ImportRefused,
    Table,
    parse_amount,
    parse_code,
    parse_year,
    problem,
    read_rows,
    row_hash,
    text_of,
)

if TYPE_CHECKING:
    from planlink.core.types import Actor


@dataclass
class PendingItem:
    """What the matcher reads of an item not yet written (``pk`` None)."""

    key: str
    title: str
    cycle_id: int
    area_code: str
    agency_id: str | None
    location_text: str
    pk: int | None = None
    rejected_projects: tuple[int, ...] = ()


@dataclass
class CleanRow:
    row: int
    key: str
    ref: str
    title: str
    amount: Decimal
    unit: str
    ministry: str
    fiscal_year: int
    area_code: str
    lao_code: str
    project: str
    output: str
    budget_plan: str
    location: Location = field(default_factory=Location)
    area_via: str = ""


def _norm_name(name: str) -> str:
    name = unicodedata.normalize("NFC", name or "").replace("\u0e4d\u0e32", "\u0e33")
    return re.sub(r"[\s.()]", "", name).casefold()


class AgencyIndex:
    """The agency registry by code and by name (Thai or English, spaces ignored)."""

    def __init__(self) -> None:
        self.by_key: dict[str, str] = {}
        for code, name_th, name_en in Agency.objects.values_list("code", "name_th", "name_en"):
            for key in (code, name_th, name_en):
                if key:
                    self.by_key.setdefault(_norm_name(key), code)

    def find(self, written: str) -> str | None:
        return self.by_key.get(_norm_name(written))

    @staticmethod
    def new_code(written: str) -> str:
        digest = hashlib.sha1(_norm_name(written).encode("utf-8")).hexdigest()[:10].upper()
        return f"IMP-{digest}"


def _clean(
    table: Table, cycle_year: int, lao_areas: dict[str, str]
) -> tuple[list[CleanRow], list[Any]]:
    problems: list[dict[str, Any]] = []
    rows: list[CleanRow] = []
    seen_refs: dict[str, int] = {}
    occurrences: Counter[str] = Counter()
    for offset, values in enumerate(table.rows):
        number = table.first_row + offset
        if not any(text_of(value) for value in values.values()):
            continue  # a blank line
        title = text_of(values.get("item_description"))
        unit = text_of(values.get("budgetary_unit"))
        raw_amount = values.get("amount")
        amount = parse_amount(raw_amount)
        before = len(problems)
        if not title:
            problems.append(problem(number, COLUMN_TH["item_description"], "ไม่มีชื่อรายการ",
                                    "the item description is empty"))  # fmt: skip
        if not text_of(raw_amount):
            problems.append(
                problem(number, COLUMN_TH["amount"], "ไม่มีจำนวนเงิน", "the amount is empty")
            )
        elif amount is None:
            problems.append(
                problem(number, COLUMN_TH["amount"],
                        f"จำนวนเงิน '{text_of(raw_amount)}' ไม่ใช่ตัวเลขจำนวนเงินบาท",
                        f"amount '{text_of(raw_amount)}' is not a number of baht")
            )  # fmt: skip
        if not unit:
            problems.append(problem(number, COLUMN_TH["budgetary_unit"], "ไม่มีหน่วยรับงบประมาณ",
                                    "the budgetary unit is empty"))  # fmt: skip
        year = cycle_year
        if text_of(values.get("fiscal_year")):
            parsed = parse_year(values.get("fiscal_year"))
            if parsed is None:
                problems.append(
                    problem(number, COLUMN_TH["fiscal_year"],
                            f"ปีงบประมาณ '{text_of(values.get('fiscal_year'))}' ต้องเป็น พ.ศ. 4 หลัก (เช่น 2570)",
                            "the fiscal year must be a B.E. year such as 2570")
                )  # fmt: skip
            else:
                year = parsed
        area_code = ""
        if text_of(values.get("area_code")):
            area_code = parse_code(values.get("area_code"), (2, 4, 6, 8)) or ""
            if not area_code:
                problems.append(
                    problem(number, "area_code",
                            f"รหัสพื้นที่ '{text_of(values.get('area_code'))}' ต้องเป็นตัวเลข 2, 4, 6 หรือ 8 หลัก",
                            "the area code must have 2, 4, 6 or 8 digits")
                )  # fmt: skip
        lao_code = ""
        if text_of(values.get("lao_code")):
            lao_code = text_of(values.get("lao_code")).replace(" ", "")
            if lao_code not in lao_areas:
                problems.append(
                    problem(number, "lao_code", f"ไม่พบ อปท. รหัส '{lao_code}'",
                            f"no local government with code '{lao_code}'")
                )  # fmt: skip
        ref = text_of(values.get("ref"))[:110]
        if ref:
            if ref in seen_refs:
                problems.append(
                    problem(number, "ref", f"ref '{ref}' ซ้ำกับแถว {seen_refs[ref]}",
                            f"ref '{ref}' repeats row {seen_refs[ref]}")
                )  # fmt: skip
            seen_refs.setdefault(ref, number)
        if len(problems) > before:
            continue
        if ref:
            key = f"{year}:ref:{ref}"
        else:
            content = {**{k: text_of(v) for k, v in values.items()}, "fiscal_year": year}
            digest = row_hash(content, 0)
            occurrences[digest] += 1
            key = f"{year}:hash:{row_hash(content, occurrences[digest])}"
        rows.append(
            CleanRow(
                row=number, key=key, ref=ref, title=title[:4000], amount=amount or Decimal(0),
                unit=unit[:250], ministry=text_of(values.get("ministry"))[:250],
                fiscal_year=year, area_code=area_code, lao_code=lao_code,
                project=text_of(values.get("project"))[:500],
                output=text_of(values.get("output"))[:500],
                budget_plan=text_of(values.get("budget_plan"))[:500],
            )
        )  # fmt: skip
    return rows, problems


def _resolve_areas(rows: list[CleanRow], problems: list[dict[str, Any]]) -> None:
    codes = {row.area_code for row in rows if row.area_code}
    if not codes:
        return
    resolved, errors = resolve_codes(codes)
    for row in rows:
        if not row.area_code:
            continue
        if row.area_code in errors:
            error = errors[row.area_code]
            problems.append(problem(row.row, "area_code", error.message_th, error.message_en))
        else:
            current = resolved[row.area_code]
            row.area_via = "code" if current == row.area_code else "crosswalk"
            row.area_code = current


def _locate(rows: list[CleanRow], lao_areas: dict[str, str], gazetteer: Gazetteer | None) -> None:
    for row in rows:
        if row.area_code and len(row.area_code) < 8:  # a coarse code: the text may say more
            gazetteer = gazetteer or Gazetteer()
            refined = gazetteer.locate(row.title, row.area_code)
            if len(refined.code) > len(row.area_code) and refined.code.startswith(row.area_code):
                row.location = refined
                continue
        if row.area_code:
            location = located_code(row.area_code)
            if row.area_via == "crosswalk":
                location = Location(
                    code=row.area_code, level=level_of(row.area_code),
                    text=f"รหัสพื้นที่ (แทนรหัสที่ยกเลิก) {row.area_code}", via="crosswalk",
                )  # fmt: skip
            row.location = location
            continue
        hint = lao_areas.get(row.lao_code, "") if row.lao_code else ""
        gazetteer = gazetteer or Gazetteer()
        row.location = gazetteer.locate(row.title, hint)


def check_file(
    data: bytes,
    *,
    file_name: str = "",
    cycle_year: int,
    gazetteer: Gazetteer | None = None,
    locate: bool = True,
) -> tuple[Table, list[CleanRow]]:
    """Read and check every row (and locate each); refuse the whole file on any problem."""
    if not 2500 <= int(cycle_year) <= 2700:
        raise DomainError(
            f"ปีงบประมาณ {cycle_year} ต้องเป็น พ.ศ. (เช่น 2570)",
            f"fiscal year {cycle_year} must be B.E. (e.g. 2570)",
        )
    table = read_rows(data, file_name)
    wanted = {text_of(row.get("lao_code")).replace(" ", "") for row in table.rows}
    wanted.discard("")
    lao_areas = _lao_areas(wanted) if wanted else {}
    rows, problems = _clean(table, int(cycle_year), lao_areas)
    _resolve_areas(rows, problems)
    if problems:
        problems.sort(key=lambda p: p["row"] or 0)
        raise ImportRefused(problems)
    if not rows:
        raise ImportRefused([problem(None, "", "ไฟล์ไม่มีรายการ", "the file has no items")])
    if locate:
        _locate(rows, lao_areas, gazetteer)
    return table, rows


def _lao_areas(codes: set[str]) -> dict[str, str]:
    return {
        code: district or province
        for code, district, province in LocalGovernment.objects.filter(code__in=codes).values_list(
            "code", "district_id", "province_id"
        )
    }


def import_supply(
    data: bytes,
    *,
    cycle_year: int,
    source: str = Source.BUDGET_ACT,
    file_name: str = "",
    dry_run: bool = False,
    actor: Actor = None,
    synthetic: bool = False,
    propose: bool = True,
    gazetteer: Gazetteer | None = None,
) -> dict[str, Any]:
    """Import one file of funded items; returns the report (also for ``dry_run``)."""
    if source not in Source.values:
        raise DomainError(
            f"ไม่รู้จักแหล่งข้อมูล '{source}' (ใช้ได้: {', '.join(Source.values)})",
            f"unknown source '{source}' (one of {', '.join(Source.values)})",
        )
    clock = {"start": time.perf_counter()}
    table, rows = check_file(
        data, file_name=file_name, cycle_year=cycle_year, gazetteer=gazetteer, locate=False
    )
    clock["read"] = time.perf_counter()
    content_hash = hashlib.sha256(data).hexdigest()
    existing: set[str] = set()
    keys = [row.key for row in rows]
    for start in range(0, len(keys), 500):
        existing.update(
            SupplyItem.objects.filter(source=source, key__in=keys[start : start + 500]).values_list(
                "key", flat=True
            )
        )
    new_rows = [row for row in rows if row.key not in existing]
    lao_units = {row.lao_code for row in new_rows if row.lao_code}
    _locate(new_rows, _lao_areas(lao_units), gazetteer)  # only what is new: a re-import is cheap
    clock["locate"] = time.perf_counter()
    agencies = AgencyIndex()
    unknown_units = sorted(
        {row.unit for row in new_rows if not row.lao_code and agencies.find(row.unit) is None}
    )
    report: dict[str, Any] = {
        "file": file_name,
        "source": source,
        "cycle": int(cycle_year),
        "encoding": table.encoding,
        "rows": len(rows),
        "created": 0 if dry_run else len(new_rows),
        "would_create": len(new_rows) if dry_run else None,
        "unchanged": len(rows) - len(new_rows),
        "agencies_added": unknown_units,
        "ignored_columns": table.ignored_columns,
        "located": dict(Counter(row.location.level for row in new_rows)),
        "fiscal_years": sorted({row.fiscal_year for row in rows}),
        "dry_run": dry_run,
        "proposed": 0,
        "unmatched": 0,
    }
    if dry_run or not new_rows:
        return report
    with transaction.atomic():
        for year in sorted({row.fiscal_year for row in new_rows}):
            if not PlanningCycle.objects.filter(pk=year).exists():
                cycle_create(fiscal_year=year, actor=actor, synthetic=synthetic)
        batch = SupplyImport.objects.create(
            source=source,
            cycle_id=int(cycle_year),
            file_name=file_name[:255],
            content_hash=content_hash,
            encoding=table.encoding,
            rows=len(rows),
            created=len(new_rows),
            synthetic=synthetic,
            created_by=acting_user(actor),
        )
        codes = _add_agencies(unknown_units, rows=new_rows, batch=batch, agencies=agencies)
        lao_provinces = dict(
            LocalGovernment.objects.filter(code__in=lao_units).values_list("code", "province_id")
        )
        items = [
            PendingItem(
                key=row.key, title=row.title, cycle_id=row.fiscal_year, area_code=row.location.code,
                agency_id=None if row.lao_code else codes.get(row.unit) or agencies.find(row.unit),
                location_text=row.location.text[:500],
            )
            for row in new_rows
        ]  # fmt: skip
        proposals = {}
        if propose:
            from planlink.supply.match import find_proposals

            proposals = find_proposals(items)
        clock["match"] = time.perf_counter()
        fields = []
        for index, (row, item) in enumerate(zip(new_rows, items, strict=True)):
            proposal = proposals.get(index)
            fields.append(
                {
                    "source": source, "key": row.key, "ref": row.ref, "batch_id": batch.pk,
                    "row_number": row.row, "cycle_id": row.fiscal_year, "title": row.title,
                    "amount": row.amount, "agency_id": item.agency_id,
                    "lao_id": row.lao_code or None, "unit_name": row.unit,
                    "ministry": row.ministry, "project_name": row.project,
                    "output_name": row.output, "budget_plan": row.budget_plan,
                    "area_code": row.location.code,
                    "province_code": (row.location.code or lao_provinces.get(row.lao_code, ""))[:2],
                    "location_level": row.location.level,
                    "location_text": row.location.text[:500],
                    "location_via": row.location.via,
                    "location_notes": "; ".join(row.location.notes)[:500],
                    "state": ItemState.PROPOSED if proposal else ItemState.UNMATCHED,
                    "matched_project_id": proposal.project_id if proposal else None,
                    "matched_component_id": proposal.component_id if proposal else None,
                    "match_score": proposal.score if proposal else None,
                    "match_reason": proposal.reason if proposal else "",
                    "synthetic": synthetic,
                }
            )  # fmt: skip
        insert_dicts(SupplyItem, fields)
        audit_record(
            actor=actor,
            action="supply.import",
            obj=batch,
            changes={"source": source, "rows": len(rows), "created": len(new_rows)},
        )
    clock["write"] = time.perf_counter()
    report["seconds"] = {
        "read": round(clock["read"] - clock["start"], 2),
        "locate": round(clock["locate"] - clock["read"], 2),
        "match": round(clock["match"] - clock["locate"], 2),
        "write": round(clock["write"] - clock["match"], 2),
    }
    report["proposed"] = len(proposals)
    report["unmatched"] = len(new_rows) - len(proposals)
    report["import_id"] = batch.pk
    return report


def _add_agencies(
    names: list[str], *, rows: list[CleanRow], batch: SupplyImport, agencies: AgencyIndex
) -> dict[str, str]:
    """Add each unknown budgetary unit to the registry, marked as imported for review."""
    ministries = {row.unit: row.ministry for row in rows}
    codes: dict[str, str] = {}
    for name in names:
        code = agencies.new_code(name)
        agency, created = Agency.objects.get_or_create(
            code=code, defaults={"name_th": name[:250], "ministry_th": ministries.get(name, "")}
        )
        if created:
            ImportedAgency.objects.create(agency=agency, written_as=name[:250], first_import=batch)
        codes[name] = agency.code
    return codes
