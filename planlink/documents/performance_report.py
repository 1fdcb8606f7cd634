"""The district performance report (แบบรายงานผลการดำเนินงาน ปัญหา/อุปสรรค และข้อเสนอแนะ
การจัดทำและประสานแผนพัฒนาตำบล), laid out as the CDD form in ``docs/reference/seeds/001``.

Nothing is typed: counts (1)–(5) come from
``planlink.committees.selectors.performance_counts`` (their definitions are in
``planlink.committees.performance``); the problems (ปัญหา/อุปสรรค) list, for each count,
the tambons that fell short and the plan components they miss; the suggestions
(ข้อเสนอแนะ) name the step each of those tambons must take next, with the calendar's
deadline. The signature block is for the district community development officer
(พัฒนาการอำเภอ); the report is due by 31 March of the planning year (docs/reference/seeds/001, ข้อ ๗).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from planlink.areas.models import Area
from planlink.core.errors import DomainError
from planlink.core.thai import format_be_date, to_thai_digits
from planlink.cycles.models import PlanningCycle
from planlink.documents.book_parts import PORTRAIT_WIDTH_CM, spread
from planlink.documents.model import Document, Heading, Paragraph, Sheet, Signature, Table

__all__ = ["build_performance_report", "performance_data"]

SUGGESTIONS = {
    "appointed": "ออกคำสั่งแต่งตั้งหรือปรับปรุงคณะกรรมการบริหารงานตำบลแบบบูรณาการ (ก.บ.ต.) ให้เป็นปัจจุบัน",
    "met_to_make_plan": "จัดประชุม ก.บ.ต. เพื่อจัดทำแผนพัฒนาตำบล และบันทึกการประชุมในระบบ",
    "complete": "ทบทวนแผนพัฒนาตำบลให้ครบองค์ประกอบที่ขาด",
    "on_time": "จัดทำแผนพัฒนาตำบลให้แล้วเสร็จและส่งให้อำเภอและหน่วยงานที่เกี่ยวข้องตามปฏิทิน",
    "evaluated": "จัดประชุมประเมินผลแผนพัฒนาตำบลตามรูปแบบที่กำหนด",
}
MARK = {True: "✓", False: "-"}


def performance_data(district: Area, cycle: PlanningCycle) -> dict[str, Any]:
    """``performance_counts`` of ``planlink.committees`` for a district and cycle."""
    if district.level != Area.Level.DISTRICT:
        raise DomainError(
            "แบบรายงานผลการดำเนินงานออกได้เฉพาะระดับอำเภอ",
            "the performance report is made per district",
        )
    from planlink.committees.selectors import performance_counts

    return performance_counts(district.code, cycle)


def _numbered(number: int) -> str:
    return f"({to_thai_digits(number)})"


def build_performance_report(
    district: Area, cycle: PlanningCycle, *, as_of: datetime.date | None = None
) -> Document:
    data = performance_data(district, cycle)
    province = Area.objects.get(code=district.code[:2])
    report_year = cycle.planning_year_be
    labels = data["labels_th"]
    document = Document(
        title=f"แบบรายงานผลการดำเนินงาน {district.display_name} ปีงบประมาณ พ.ศ. {report_year}",
        file_stem=f"performance-{district.code}-{cycle.fiscal_year}",
    )
    document.add(
        Paragraph("แบบรายงานผลการดำเนินงาน ปัญหา/อุปสรรค และข้อเสนอแนะ", bold=True, align="center"),
        Paragraph(
            f"การจัดทำและประสานแผนพัฒนาตำบลประจำปีงบประมาณ พ.ศ. {report_year}",
            bold=True,
            align="center",
        ),
        Paragraph(f"(แผนพัฒนาตำบลสำหรับปีงบประมาณ พ.ศ. {cycle.fiscal_year})", align="center"),
        Paragraph(f"{district.display_name} {province.display_name}", bold=True, align="center"),
        Heading(
            f"๑. ผลการดำเนินงาน ตำบลเป้าหมาย ที่ได้รับจัดสรรงบประมาณ จำนวน {data['target_count']:,} ตำบล",
            2,
        ),
    )
    for number, (key, label) in enumerate(labels.items(), start=1):
        document.add(
            Paragraph(f"{_numbered(number)} {label}", indent_cm=1.0),
            Paragraph(f"จำนวน {data['counts'][key]:,} ตำบล", align="right"),
        )
    details = data["details"]
    keys = list(labels)
    rows = [
        [index, row["name_th"], *[MARK[bool(row[key])] for key in keys]]
        for index, row in enumerate(details, start=1)
    ]
    rows.append(["", "รวม", *[data["counts"][key] for key in keys]])
    document.add(
        Paragraph("รายละเอียดรายตำบล", bold=True),
        Table(
            ["ที่", "ตำบล", *[_numbered(number) for number in range(1, len(keys) + 1)]],
            rows,
            number_columns=frozenset({0}),
            bold_rows=frozenset({len(rows) - 1}),
            widths_cm=spread([1, 5, *[1.6] * len(keys)], PORTRAIT_WIDTH_CM),
        ),
    )
    problems, suggestions = _problems_and_suggestions(data)
    document.add(Heading("๒. ปัญหา/อุปสรรค (ปัญหาอุปสรรคจากการดำเนินงานตามข้อ ๑)", 2))
    document.add(*(Paragraph(line, indent_cm=1.0) for line in problems or ["- ไม่มี -"]))
    document.add(Heading("๓. ข้อเสนอแนะเพื่อพัฒนาและปรับปรุงงานการจัดทำและประสานแผนพัฒนาตำบล", 2))
    document.add(*(Paragraph(line, indent_cm=1.0) for line in suggestions or ["- ไม่มี -"]))
    document.add(
        Signature(
            name="." * 40,
            position=f"ตำแหน่ง พัฒนาการ{district.display_name}",
            signer_label="(ลงชื่อ) ผู้รายงาน",
        ),
        Paragraph(
            f"ส่งภายในวันที่ 31 มีนาคม {report_year}   "
            f"(ข้อมูล ณ วันที่ {format_be_date(as_of or timezone.localdate())})",
            align="right",
        ),
    )
    document.sheets = [
        Sheet(
            "ผลการดำเนินงาน",
            ["ข้อ", "ผลการดำเนินงาน", "จำนวนตำบล"],
            [
                ["๑", "ตำบลเป้าหมาย ที่ได้รับจัดสรรงบประมาณ", data["target_count"]],
                *[
                    [_numbered(number), label, data["counts"][key]]
                    for number, (key, label) in enumerate(labels.items(), start=1)
                ],
            ],
        ),
        Sheet(
            "รายตำบล",
            ["รหัสตำบล", "ตำบล", *labels.values(), "องค์ประกอบที่ขาด"],
            [
                [
                    row["code"],
                    row["name_th"],
                    *[bool(row[key]) for key in keys],
                    ", ".join(data["components_th"][c] for c in row["missing_components"]),
                ]
                for row in details
            ],
        ),
        Sheet(
            "ปัญหาและข้อเสนอแนะ",
            ["หัวข้อ", "รายละเอียด"],
            [["ปัญหา/อุปสรรค", line] for line in problems]
            + [["ข้อเสนอแนะ", line] for line in suggestions],
        ),  # fmt: skip
    ]
    return document


def _problems_and_suggestions(data: dict[str, Any]) -> tuple[list[str], list[str]]:
    details = data["details"]
    names = {row["code"]: row["name_th"] for row in details}
    problems: list[str] = []
    suggestions: list[str] = []
    for number, (key, label) in enumerate(data["labels_th"].items(), start=1):
        short = [names[row["code"]] for row in details if not row[key]]
        if not short:
            continue
        problems.append(
            f"{_numbered(number)} ตำบลที่ยังไม่ผ่านข้อนี้ ({label}) {len(short):,} ตำบล ได้แก่ "
            + ", ".join(short)
        )
        advice = SUGGESTIONS[key]
        if key == "on_time":
            advice += f" (กำหนดส่งภายในวันที่ {format_be_date(data['deadline'])})"
        suggestions.append(f"{_numbered(number)} {advice}: " + ", ".join(short))
    by_missing: dict[tuple[str, ...], list[str]] = {}
    for row in details:  # tambons with a plan that misses components, grouped by what
        if row["missing_components"] and row["plan_state"] != "missing":
            by_missing.setdefault(tuple(row["missing_components"]), []).append(row["name_th"])
    for missing, tambons in by_missing.items():
        components = ", ".join(data["components_th"][component] for component in missing)
        problems.append(f"แผนพัฒนาตำบลยังขาด {components}: " + ", ".join(tambons))
    return problems, suggestions
