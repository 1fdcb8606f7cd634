"""The audit trail as people read it: each change with its before and after, in Thai.

``trail_rows(entries)`` turns audit entries into rows for the auditor's screen and the
per-object history: the action and the field names as Thai labels (English through
``locale/en``), values readable — choice labels instead of codes, B.E. dates, baht, and the
names of the areas, plans, projects, issues, agencies and receivers an entry points at,
looked up in one query per kind for the whole page.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from planlink.areas.models import Agency, Area, LocalGovernment
from planlink.audit.models import AuditEntry
from planlink.audit.selectors import OBJECT_KINDS
from planlink.committees.models import Committee, CommitteeKind, MeetingPurpose
from planlink.plans.models import Issue, Plan, Project, Strategy
from planlink.referrals.models import FundingRequest, Referral
from planlink.web.labels import label
from planlink.web.templatetags.planlink_format import baht, be_date, be_datetime, number

# Field names the services record → Thai labels (message ids; English in locale/en).
FIELD_LABELS: dict[str, Any] = {
    "title": _("ชื่อ"),
    "state": _("สถานะ"),
    "kind": _("ประเภท"),
    "cycle": _("ปีงบประมาณ"),
    "fiscal_year": _("ปีงบประมาณ"),
    "returned_reason": _("เหตุผลที่ส่งคืน"),
    "rationale": _("ปัญหาและเหตุผล"),
    "objective": _("วัตถุประสงค์"),
    "target_quantity": _("เป้าหมาย (จำนวน)"),
    "target_unit": _("หน่วยนับของเป้าหมาย"),
    "budget": _("งบประมาณ (บาท)"),
    "duration_months": _("ระยะเวลา (เดือน)"),
    "issue": _("ประเด็นการพัฒนา"),
    "strategy": _("ยุทธศาสตร์"),
    "mode": _("วิธีดำเนินการ"),
    "capacity_level": _("ผู้มีศักยภาพดำเนินการ"),
    "priority": _("ลำดับความสำคัญ"),
    "kpi": _("ตัวชี้วัด (KPI)"),
    "expected_result": _("ผลที่คาดว่าจะได้รับ"),
    "responsible_unit": _("หน่วยงานรับผิดชอบหลัก"),
    "households": _("จำนวนครัวเรือน"),
    "villages_count": _("จำนวนหมู่บ้าน"),
    "suggested_agency": _("ส่วนราชการที่เสนอ"),
    "project": _("โครงการ"),
    "projects": _("โครงการ"),
    "target": _("ปลายทาง"),
    "decision": _("ผลการพิจารณา"),
    "reason": _("เหตุผล"),
    "status": _("สถานะคำขอ"),
    "source": _("แหล่งงบประมาณ"),
    "requested": _("งบประมาณที่ขอ (บาท)"),
    "approved": _("งบประมาณที่อนุมัติ (บาท)"),
    "amount": _("จำนวนเงิน (บาท)"),
    "number": _("ลำดับที่"),
    "name_th": _("ชื่อ (ภาษาไทย)"),
    "name_en": _("ชื่อ (ภาษาอังกฤษ)"),
    "code": _("รหัส"),
    "order_number": _("เลขที่คำสั่ง"),
    "order_date": _("วันที่ของคำสั่ง"),
    "member": _("กรรมการ"),
    "held_on": _("วันที่"),
    "purpose": _("วาระการประชุม"),
    "attendance": _("ผู้เข้าประชุม (คน)"),
    "participants": _("ผู้เข้าร่วม (คน)"),
    "note": _("หมายเหตุ"),
    "minutes": _("รายงานการประชุม"),
    "start": _("วันเริ่ม"),
    "deadline": _("วันครบกำหนด"),
    "from_referral": _("แยกจากการส่งต่อ"),
    "user": _("ผู้ใช้"),
    "name": _("ชื่อ"),
    "prefix": _("รหัสนำหน้า"),
    "year": _("ปี"),
    "rows": _("จำนวนแถว"),
    "created": _("สร้างใหม่"),
    "updated": _("ปรับปรุง"),
    "accepted": _("รับแล้ว"),
    "collected": _("รวบรวม"),
    # the counts a consolidation step records (``consolidation.steps``)
    "incoming": _("ความต้องการที่รับเข้ามา"),
    "duplicates_proposed": _("เสนอรวมรายการซ้ำ"),
    "shared_need_groups_proposed": _("เสนอรวมความต้องการร่วม (กลุ่ม)"),
    "shared_need_components_proposed": _("เสนอรวมความต้องการร่วม (แห่ง)"),
    "removed": _("นำออก"),
    "sent": _("ส่งต่อแล้ว"),
    "skipped": _("ข้าม"),
    "units": _("หน่วย"),
    "component": _("ส่วนของโครงการ"),
    "rows_read": _("จำนวนแถว"),
    "replaced": _("แทนที่ข้อมูลเดิม"),
    "indicator_set": _("ชุดตัวชี้วัด"),
}

# ``<level>_<what>`` counts of the later steps (e.g. ``cluster_funded``, ``pao_included``).
COUNT_LEVELS: dict[str, Any] = {
    "cluster": _("กลุ่มจังหวัด"),
    "province": _("จังหวัด"),
    "district": _("อำเภอ/เขต"),
    "tambon": _("ตำบล/แขวง"),
    "pao": _("อบจ."),
    "lao": _("อปท."),
    "agency": _("ส่วนราชการ"),
}
COUNT_WHATS: dict[str, Any] = {
    "projects_created": _("โครงการที่สร้าง"),
    "projects": _("โครงการ"),
    "action_projects": _("โครงการในแผนปฏิบัติการ"),
    "action_included": _("บรรจุในแผนปฏิบัติการ"),
    "included": _("บรรจุในแผน"),
    "funded": _("ได้รับงบประมาณ"),
    "sent_to_agencies": _("ส่งส่วนราชการ"),
    "agency_included": _("บรรจุในคำของบประมาณของส่วนราชการ"),
    "agency_funded": _("ส่วนราชการให้งบประมาณ"),
    "notices": _("แจ้งผลงบประมาณ"),
}

# Actions → Thai (``plan.submitted`` …); the decisions and funding results add their label.
ACTION_LABELS: dict[str, Any] = {
    "plan.create": _("เริ่มจัดทำแผน"),
    "plan.submitted": _("ส่งแผน"),
    "plan.accepted": _("รับแผน"),
    "plan.returned": _("ส่งคืนแผนให้แก้ไข"),
    "plan.choose_top": _("เลือกโครงการเสนอระดับที่สูงขึ้น"),
    "plan.import_template": _("นำเข้าโครงการจากแบบฟอร์ม Excel"),
    "project.create": _("เพิ่มโครงการ"),
    "project.update": _("แก้ไขโครงการ"),
    "project.delete": _("ลบโครงการ"),
    "project.rerank": _("จัดลำดับความสำคัญใหม่"),
    "proposal.split": _("แยกออกจากข้อเสนอรวม"),
    "referral.send": _("ส่งต่อโครงการ"),
    "funding.request": _("ยื่นคำขอรับงบประมาณ"),
    "cycle.create": _("สร้างรอบการวางแผน"),
    "milestone.update": _("แก้ไขปฏิทิน"),
    "strategy.create": _("เพิ่มยุทธศาสตร์"),
    "strategy.update": _("แก้ไขยุทธศาสตร์"),
    "frame.issue_create": _("เพิ่มประเด็นการพัฒนา"),
    "frame.issue_update": _("แก้ไขประเด็นการพัฒนา"),
    "committee.appoint": _("แต่งตั้งคณะกรรมการ"),
    "committee.update": _("แก้ไขคำสั่งแต่งตั้ง"),
    "committee.member_add": _("เพิ่มกรรมการ"),
    "committee.member_remove": _("ถอนกรรมการ"),
    "meeting.record": _("บันทึกการประชุม"),
    "meeting.update": _("แก้ไขการประชุม"),
    "forum.record": _("บันทึกเวทีประชาคม"),
    "forum.update": _("แก้ไขเวทีประชาคม"),
    "supply.import": _("นำเข้างบประมาณที่ได้รับจัดสรร"),
    "supply.confirm": _("ยืนยันการจับคู่งบประมาณ"),
    "supply.reject": _("ปฏิเสธการจับคู่งบประมาณ"),
    "token.create": _("ออกโทเค็น API"),
    "token.revoke": _("เพิกถอนโทเค็น API"),
    "evidence.indicator_set_loaded": _("โหลดชุดตัวชี้วัด"),
}

MONEY_FIELDS = {"budget", "requested", "approved", "amount"}
DATE_FIELDS = {"order_date", "held_on", "start", "deadline"}
YEAR_FIELDS = {"cycle", "fiscal_year"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
DASH = "–"
# Kinds whose one-object history has a page (``access_audit_object`` knows them).
HISTORY_KINDS = {
    "plans.plan",
    "plans.project",
    "referrals.referral",
    "referrals.fundingrequest",
    "cycles.planningcycle",
    "cycles.milestone",
}


def action_label(action: str) -> str:
    if action in ACTION_LABELS:
        return str(ACTION_LABELS[action])
    head, _dot, tail = action.partition(".")
    if head == "referral":
        return f"{gettext('พิจารณาการส่งต่อ')}: {label('decision', tail)}"
    if head == "funding":
        return f"{gettext('ผลคำขอรับงบประมาณ')}: {label('funding_status', tail)}"
    if head == "plan":
        return f"{gettext('เปลี่ยนสถานะแผน')}: {label('plan_state', tail)}"
    if head == "consolidation":
        return f"{gettext('รวมแผนระดับ')}{label('level', tail)}"
    if head == "evidence":
        return gettext("นำเข้าข้อมูลสำรวจ")
    return action


def object_kind_label(object_type: str) -> str:
    text = OBJECT_KINDS.get(object_type)
    return gettext(text) if text else object_type


def field_label(name: str) -> str:
    """The Thai label of a recorded field or count (the name itself when unknown)."""
    found = FIELD_LABELS.get(name)
    if found is not None:
        return str(found)
    if name.startswith("route_"):
        route = name[len("route_") :]
        shown = label("route", route)
        if shown == route and route in COUNT_LEVELS:
            shown = str(COUNT_LEVELS[route])
        return f"{gettext('เส้นทาง')}: {shown}"
    if name.startswith("forwarded_"):
        return f"{gettext('ส่งต่อ')}: {label('target_kind', name[len('forwarded_') :])}"
    if name in COUNT_WHATS:
        return str(COUNT_WHATS[name])
    level, _sep, what = name.partition("_")
    if level in COUNT_LEVELS and what in COUNT_WHATS:
        return f"{COUNT_LEVELS[level]} · {COUNT_WHATS[what]}"
    return name


@dataclass
class ChangeLine:
    field: str
    label: str
    before: str
    after: str
    single: bool = False  # a value recorded without a before (a count, a note)


@dataclass
class TrailRow:
    entry: AuditEntry
    action: str
    kind: str
    object_name: str
    object_url: str
    area: str
    actor: str
    lines: list[ChangeLine] = field(default_factory=list)
    history_url: str = ""  # the object's whole history (/audit/<kind>/<id>/)


@dataclass
class _Names:
    """The names an entry's ids and codes point at, fetched once per page."""

    areas: dict[str, str] = field(default_factory=dict)
    plans: dict[int, str] = field(default_factory=dict)
    projects: dict[int, str] = field(default_factory=dict)
    issues: dict[int, str] = field(default_factory=dict)
    strategies: dict[int, str] = field(default_factory=dict)
    agencies: dict[str, str] = field(default_factory=dict)
    laos: dict[str, str] = field(default_factory=dict)
    referrals: dict[int, tuple[int, str]] = field(default_factory=dict)  # → project id, title
    funding: dict[int, tuple[int, str]] = field(default_factory=dict)
    committees: dict[int, str] = field(default_factory=dict)


def _ints(values: Iterable[Any]) -> set[int]:
    found = set()
    for value in values:
        if isinstance(value, bool):
            continue
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            found.add(int(value))
    return found


def _values(entry: AuditEntry, name: str) -> list[Any]:
    raw = (entry.changes or {}).get(name)
    items = raw if isinstance(raw, list) else [raw]
    flat: list[Any] = []
    for item in items:
        flat.extend(item if isinstance(item, list) else [item])
    return [item for item in flat if item not in (None, "")]


def _names_for(entries: Sequence[AuditEntry]) -> _Names:
    wanted: dict[str, set[Any]] = defaultdict(set)
    for entry in entries:
        if entry.scope_code:
            wanted["areas"].add(entry.scope_code)
        wanted[entry.object_type].add(entry.object_id)
        wanted["plans.project"].update(str(v) for v in _values(entry, "project"))
        if entry.action == "plan.choose_top":
            wanted["plans.project"].update(str(v) for v in _values(entry, "projects"))
        wanted["issues"].update(_values(entry, "issue"))
        wanted["strategies"].update(_values(entry, "strategy"))
        wanted["agencies"].update(str(v) for v in _values(entry, "suggested_agency"))
        for key in _values(entry, "target"):
            kind, _sep, code = str(key).partition(":")
            if kind == "plan":
                wanted["plans.plan"].add(code)
            elif kind == "lao":
                wanted["laos"].add(code)
            elif kind == "agency":
                wanted["agencies"].add(code)
            elif code:
                wanted["areas"].add(code)
    names = _Names()
    names.areas = {
        area.code: area.display_name for area in Area.objects.filter(code__in=wanted["areas"])
    }
    names.plans = dict(
        Plan.objects.filter(pk__in=_ints(wanted["plans.plan"])).values_list("pk", "title")
    )
    names.projects = dict(
        Project.objects.filter(pk__in=_ints(wanted["plans.project"])).values_list("pk", "title")
    )
    names.issues = {
        issue.pk: f"{issue.code} {issue.name_th}"
        for issue in Issue.objects.filter(pk__in=_ints(wanted["issues"]))
    }
    names.strategies = {
        strategy.pk: f"{strategy.number}. {strategy.name_th}"
        for strategy in Strategy.objects.filter(pk__in=_ints(wanted["strategies"]))
    }
    names.agencies = dict(
        Agency.objects.filter(code__in=wanted["agencies"]).values_list("code", "name_th")
    )
    names.laos = dict(
        LocalGovernment.objects.filter(code__in=wanted["laos"]).values_list("code", "full_name_th")
    )
    names.referrals = {
        pk: (project_id, title)
        for pk, project_id, title in Referral.objects.filter(
            pk__in=_ints(wanted["referrals.referral"])
        ).values_list("pk", "project_id", "project__title")
    }
    names.funding = {
        pk: (project_id, title)
        for pk, project_id, title in FundingRequest.objects.filter(
            pk__in=_ints(wanted["referrals.fundingrequest"])
        ).values_list("pk", "project_id", "project__title")
    }
    names.committees = dict(
        Committee.objects.filter(pk__in=_ints(wanted["committees.committee"])).values_list(
            "pk", "name_th"
        )
    )
    return names


def _by_id(table: dict[int, str], value: Any) -> str:
    try:
        return table.get(int(value), "") or f"#{value}"
    except (TypeError, ValueError):
        return str(value)


def _target_name(key: str, names: _Names) -> str:
    kind, _sep, code = key.partition(":")
    if kind == "plan":
        return _by_id(names.plans, code)
    if kind == "lao":
        return names.laos.get(code, key)
    if kind == "agency":
        return names.agencies.get(code, key)
    if kind in ("district_lao_committee", "provincial_lao_committee"):
        return f"{label('target_kind', kind)} {names.areas.get(code, code)}"
    return key


def _choice(entry: AuditEntry, name: str, value: str) -> str | None:
    """The label of a choice value, or ``None`` when ``name`` is not a choice here."""
    if name == "state":
        return label("plan_state", value)
    if name == "decision":
        return label("decision", value)
    if name == "status":
        return label("funding_status", value)
    if name == "mode":
        return label("mode", value)
    if name == "capacity_level":
        return label("capacity", value)
    if name == "kind" and entry.object_type == "plans.plan":
        return label("plan_kind", value)
    if name == "kind" and entry.object_type == "committees.committee":
        return gettext(CommitteeKind(value).label) if value in CommitteeKind.values else value
    if name == "purpose" and value in MeetingPurpose.values:
        return gettext(MeetingPurpose(value).label)
    return None


def show_value(entry: AuditEntry, name: str, value: Any, names: _Names) -> str:
    """One recorded value as a person reads it (``–`` for nothing)."""
    if value is None or value == "" or value == []:
        return DASH
    if isinstance(value, bool):
        return gettext("ใช่") if value else gettext("ไม่ใช่")
    if isinstance(value, list):
        return ", ".join(show_value(entry, name, item, names) for item in value)
    text = str(value)
    choice = _choice(entry, name, text)
    if choice is not None:
        return choice
    if name in MONEY_FIELDS:
        return baht(text) or text
    if name in YEAR_FIELDS and text.isdigit():
        return f"{gettext('พ.ศ.')} {text}"
    if name == "issue":
        return _by_id(names.issues, value)
    if name == "strategy":
        return _by_id(names.strategies, value)
    if name in ("project", "projects"):
        return _by_id(names.projects, value) if isinstance(value, int) or text.isdigit() else text
    if name == "suggested_agency":
        return names.agencies.get(text, text)
    if name == "target":
        return _target_name(text, names)
    if name in DATE_FIELDS or _ISO_DATE.match(text):
        try:
            return be_date(dt.date.fromisoformat(text[:10]))
        except ValueError:
            return text
    if _ISO_DATETIME.match(text):
        try:
            return be_datetime(dt.datetime.fromisoformat(text))
        except ValueError:
            return text
    if isinstance(value, int | float):
        return number(value)
    return text


def change_lines(entry: AuditEntry, names: _Names | None = None) -> list[ChangeLine]:
    """Each recorded field of ``entry`` with its label, before and after."""
    names = names if names is not None else _names_for([entry])
    lines = []
    for name, recorded in (entry.changes or {}).items():
        # a pair [before, after]; choose_top's "projects" is a list of ids, not a pair
        pair = isinstance(recorded, list) and len(recorded) == 2 and name != "projects"
        if pair:
            before, after = recorded
            if before in (None, "") and after in (None, ""):
                continue  # recorded but nothing changed (a reason cleared that was empty)
            lines.append(
                ChangeLine(
                    name,
                    field_label(name),
                    show_value(entry, name, before, names),
                    show_value(entry, name, after, names),
                )
            )
        else:
            lines.append(
                ChangeLine(
                    name, field_label(name), DASH, show_value(entry, name, recorded, names), True
                )
            )
    return lines


def _object(entry: AuditEntry, names: _Names) -> tuple[str, str]:
    """The object's name and page (empty when it has none or is gone)."""
    kind, object_id = entry.object_type, entry.object_id
    number_id = int(object_id) if object_id.isdigit() else None
    if kind == "plans.plan" and number_id in names.plans:
        return names.plans[number_id], reverse("plan", args=[number_id])
    if kind == "plans.project":
        if number_id in names.projects:
            return names.projects[number_id], reverse("project", args=[number_id])
        deleted = (entry.changes or {}).get("title")
        if isinstance(deleted, list) and deleted and deleted[0]:
            return str(deleted[0]), ""
    via = names.referrals if kind == "referrals.referral" else names.funding
    if kind in ("referrals.referral", "referrals.fundingrequest") and number_id in via:
        project_id, title = via[number_id]
        return title, reverse("project", args=[project_id])
    if kind == "committees.committee" and number_id in names.committees:
        return names.committees[number_id], ""
    return f"#{object_id}", ""


def trail_rows(entries: Sequence[AuditEntry]) -> list[TrailRow]:
    """The rows of one page of the trail (entries with ``actor`` selected)."""
    names = _names_for(entries)
    rows = []
    for entry in entries:
        name, url = _object(entry, names)
        user = entry.actor
        full = user.get_full_name() if user is not None else ""
        actor = f"{full} ({entry.actor_label})" if full else entry.actor_label
        rows.append(
            TrailRow(
                entry=entry,
                action=action_label(entry.action),
                kind=object_kind_label(entry.object_type),
                object_name=name,
                object_url=url,
                area=names.areas.get(entry.scope_code, entry.scope_code),
                actor=actor or gettext("ระบบ"),
                lines=change_lines(entry, names),
                history_url=(
                    reverse("audit_object", args=[entry.object_type, entry.object_id])
                    if entry.object_type in HISTORY_KINDS
                    and (url or entry.object_type[:6] == "cycles")
                    else ""
                ),
            )
        )
    return rows
