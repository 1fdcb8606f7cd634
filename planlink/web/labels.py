"""Display labels for the domain's choices, Thai message ids with English in ``locale/en``.

The domain's ``TextChoices`` carry Thai labels; the web shows the same words through
``gettext`` so that the English switch translates them. Keys are the choice values.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

ROLE_LABELS: dict[str, Any] = {
    "village_committee": _("คณะกรรมการหมู่บ้าน (กม.)"),
    "tambon_officer": _("ศอช.ต./พัฒนาการอำเภอ"),
    "lao_planner": _("นักวิเคราะห์นโยบายและแผน อปท."),
    "district_officer": _("เจ้าหน้าที่อำเภอ"),
    "provincial_officer": _("เจ้าหน้าที่จังหวัด"),
    "cluster_officer": _("เจ้าหน้าที่กลุ่มจังหวัด (จังหวัดหัวหน้ากลุ่มจังหวัด)"),
    "agency_officer": _("เจ้าหน้าที่ส่วนราชการ"),
    "auditor": _("ผู้ตรวจสอบ (อ่านอย่างเดียว)"),
    "administrator": _("ผู้ดูแลระบบ"),
}

PLAN_KIND_LABELS: dict[str, Any] = {
    "village": _("แผนชุมชน/แผนพัฒนาหมู่บ้าน"),
    "tambon": _("แผนพัฒนาตำบล (แผนชุมชนระดับตำบล)"),
    "local_development": _("แผนพัฒนาท้องถิ่น"),
    "district_development": _("แผนพัฒนาอำเภอ"),
    "district_needs": _("แผนความต้องการระดับอำเภอ"),
    "district_action": _("แผนปฏิบัติการประจำปีของอำเภอ"),
    "provincial_development": _("แผนพัฒนาจังหวัด"),
    "provincial_action": _("แผนปฏิบัติราชการประจำปีของจังหวัด"),
    "cluster": _("แผนพัฒนากลุ่มจังหวัด"),
    "cluster_action": _("แผนปฏิบัติราชการประจำปีของกลุ่มจังหวัด"),
    "agency_request": _("คำของบประมาณของส่วนราชการ"),
}

PLAN_STATE_LABELS: dict[str, Any] = {
    "draft": _("ร่าง"),
    "submitted": _("ส่งแล้ว"),
    "accepted": _("รับแล้ว"),
    "returned": _("ส่งคืนแก้ไข"),
}

DECISION_LABELS: dict[str, Any] = {
    "pending": _("รอพิจารณา"),
    "included": _("บรรจุในแผน"),
    "merged": _("รวมกับโครงการอื่น"),
    "returned": _("ส่งคืนแล้ว"),
    "forwarded": _("ส่งต่อ"),
    "funded": _("ได้รับงบประมาณ"),
    "not_funded": _("ไม่ได้รับงบ"),
}

# Decision → state badge colour (components/state_badge.html).
DECISION_BADGE: dict[str, str] = {
    "pending": "submitted",
    "included": "accepted",
    "merged": "accepted",
    "returned": "returned",
    "forwarded": "submitted",
    "funded": "funded",
    "not_funded": "not_funded",
}

FATE_LABELS: dict[str, Any] = {
    "funded": _("ได้รับงบประมาณ"),
    "in_progress": _("อยู่ระหว่างดำเนินการ"),
    "not_funded": _("ไม่ได้รับงบประมาณ/ส่งคืน"),
    "self": _("หมู่บ้านดำเนินการเอง"),
    "not_sent": _("ยังไม่ได้ส่งต่อ"),
}

FATE_BADGE: dict[str, str] = {
    "funded": "funded",
    "in_progress": "submitted",
    "not_funded": "not_funded",
    "self": "accepted",
    "not_sent": "draft",
}

MODE_LABELS: dict[str, Any] = {
    "self": _("ทำเอง"),
    "joint": _("ทำร่วม"),
    "support": _("ขอรับการสนับสนุน"),
}

CAPACITY_LABELS: dict[str, Any] = {
    "community": _("ชุมชน/หมู่บ้าน"),
    "lao": _("อปท."),
    "pao": _("อบจ."),
    "district": _("อำเภอ"),
    "province": _("จังหวัด"),
    "agency": _("ส่วนราชการ"),
}

TARGET_KIND_LABELS: dict[str, Any] = {
    "plan": _("แผนของพื้นที่"),
    "lao": _("อปท. (บัญชีประสานโครงการ)"),
    "district_lao_committee": _("คณะกรรมการประสานแผนพัฒนาท้องถิ่นระดับอำเภอ"),
    "provincial_lao_committee": _("คณะกรรมการประสานแผนพัฒนาท้องถิ่นระดับจังหวัด"),
    "pao": _("องค์การบริหารส่วนจังหวัด"),
    "agency": _("ส่วนราชการ"),
}

LEVEL_LABELS: dict[str, Any] = {
    "province": _("จังหวัด"),
    "district": _("อำเภอ/เขต"),
    "tambon": _("ตำบล/แขวง"),
    "village": _("หมู่บ้าน"),
    "lao": _("องค์กรปกครองส่วนท้องถิ่น"),
    "cluster": _("กลุ่มจังหวัด"),
    "agency": _("ส่วนราชการ"),
}

FUNDING_STATUS_LABELS: dict[str, Any] = {
    "open": _("ยื่นขอแล้ว"),
    "approved": _("อนุมัติ"),
    "rejected": _("ไม่อนุมัติ"),
    "withdrawn": _("ถอนคำขอ"),
}

ROUTE_LABELS: dict[str, Any] = {
    "village": _("หมู่บ้านดำเนินการเอง"),
    "tambon": _("เก็บไว้ในแผนตำบล"),
    "lao": _("บัญชีประสานโครงการ อปท."),
    "up": _("เสนอระดับที่สูงขึ้น"),
    "pao": _("เกินศักยภาพ อปท. (อบจ.)"),
    "province": _("จังหวัดดำเนินการ"),
    "cluster": _("แผนกลุ่มจังหวัด"),
    "agency": _("ส่งส่วนราชการ"),
}

CARRY_LABELS: dict[str, Any] = {  # plans.models.CarryStatus (issue 18)
    "proposed": _("ยกมา รอคณะกรรมการหมู่บ้านยืนยัน"),
    "confirmed": _("คณะกรรมการหมู่บ้านยืนยันแล้ว"),
    "edited": _("คณะกรรมการหมู่บ้านแก้ไขแล้ว"),
    "dropped": _("คณะกรรมการหมู่บ้านไม่เสนอต่อ"),
    "expired": _("หมดอายุ (รอนานเกินกำหนด)"),
}

GROUPS: dict[str, dict[str, Any]] = {
    "carry": CARRY_LABELS,
    "route": ROUTE_LABELS,
    "role": ROLE_LABELS,
    "plan_kind": PLAN_KIND_LABELS,
    "plan_state": PLAN_STATE_LABELS,
    "decision": DECISION_LABELS,
    "fate": FATE_LABELS,
    "mode": MODE_LABELS,
    "capacity": CAPACITY_LABELS,
    "target_kind": TARGET_KIND_LABELS,
    "level": LEVEL_LABELS,
    "funding_status": FUNDING_STATUS_LABELS,
}


def label(group: str, value: str) -> str:
    """The translated label of ``value`` in ``group`` (the value itself when unknown)."""
    found = GROUPS.get(group, {}).get(value)
    return str(found) if found is not None else str(value)
