"""A budget what-if as an Excel workbook (issue 18): the figures, the envelopes, the needs
funded and left out, and the totals by issue and by tambon — TH SarabunPSK, baht as #,##0.00."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from planlink.consolidation.vocabulary import SYNTHETIC_LABEL
from planlink.consolidation.whatif import WhatIf, source_label
from planlink.documents.xlsx_thai import (
    BAHT_FORMAT,
    DEFAULT_FONT,
    INTEGER_FORMAT,
    first_sheet,
    write_table,
)

NEED_HEADERS = [
    "รหัสโครงการ",
    "โครงการ",
    "ตำบล (รหัส)",
    "ตำบล",
    "ประเด็น",
    "ลำดับในประเด็น",
    "คะแนนหลักฐาน",
    "หมู่บ้านที่เสนอ",
    "ครัวเรือน",
    "ครัวเรือนไม่ผ่าน จปฐ.",
    "งบประมาณ (บาท)",
    "แหล่งงบประมาณ",
    "เหตุผล",
]
GROUP_HEADERS = [
    "รหัส",
    "ชื่อ",
    "ได้รับงบ (โครงการ)",
    "ได้รับงบ (บาท)",
    "ไม่ได้รับ (โครงการ)",
    "ไม่ได้รับ (บาท)",
    "ครัวเรือนไม่ผ่าน จปฐ.",
    "ครัวเรือนไม่ผ่าน จปฐ. ที่ได้รับงบ",
]


def _need_rows(result: WhatIf, funded: bool) -> list[list[Any]]:
    rows = []
    for need in result.needs:
        if bool(need.funded_by) != funded:
            continue
        rows.append(
            [
                need.pk,
                need.title,
                need.tambon,
                result.tambons.get(need.tambon, ""),
                need.issue_name,
                need.rank if need.rank < 10_000 else None,
                round(need.evidence, 3),
                need.villages,
                need.households,
                need.failed,
                need.budget,
                source_label(need.funded_by) if need.funded_by else "",
                need.reason,
            ]
        )
    return rows


def _group_rows(groups: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [
            row["code"],
            row["name"],
            row["funded"],
            row["funded_baht"],
            row["left_out"],
            row["left_out_baht"],
            row["households_failing"],
            row["households_failing_funded"],
        ]
        for row in groups
    ]


def whatif_xlsx(result: WhatIf, *, title: str = "") -> bytes:
    """The workbook of one scenario (sheets: สรุป, ได้รับงบ, ไม่ได้รับงบ, ตามประเด็น, ตามตำบล)."""
    summary = result.summary()
    workbook = Workbook()
    sheet = first_sheet(workbook)
    sheet.title = "สรุป"
    heading = title or f"ถ้างบประมาณเท่านี้ — พื้นที่ {result.area_code} ปีงบประมาณ {result.cycle}"
    sheet["A1"] = heading
    sheet["A1"].font = Font(name=DEFAULT_FONT, size=18, bold=True)
    sheet["A2"] = "สถานการณ์จำลอง ไม่ใช่การตัดสินใจจัดสรรงบประมาณ (what-if, not a decision)"
    if result.synthetic:
        sheet["A3"] = SYNTHETIC_LABEL
    figures = [
        ["ได้รับงบ (โครงการ)", summary["funded"]],
        ["ได้รับงบ (บาท)", Decimal(summary["funded_baht"])],
        ["ไม่ได้รับงบ (โครงการ)", summary["left_out"]],
        ["ไม่ได้รับงบ (บาท)", Decimal(summary["left_out_baht"])],
        ["ตำบลที่มีความต้องการ", summary["tambons_with_needs"]],
        ["ตำบลที่ไม่มีโครงการได้รับงบ", summary["tambons_without_funded_need"]],
        ["ครัวเรือนไม่ผ่าน จปฐ. ที่โครงการได้รับงบครอบคลุม", summary["households_covered"]],
        ["ครัวเรือนไม่ผ่าน จปฐ. ที่ทุกความต้องการอ้างถึง", summary["households_failing"]],
    ]
    write_table(sheet, ["ตัวชี้วัด", "ค่า"], figures, {"ค่า": BAHT_FORMAT}, start_row=5)
    envelope_rows = [
        [
            use["label"],
            Decimal(use["amount"]),
            Decimal(use["used"]),
            Decimal(use["remaining"]),
            use["funded"],
            use["waiting"],
        ]
        for use in summary["envelopes"].values()
    ]
    envelope_formats: dict[str | int, str] = {
        1: BAHT_FORMAT, 2: BAHT_FORMAT, 3: BAHT_FORMAT, 4: INTEGER_FORMAT, 5: INTEGER_FORMAT
    }  # fmt: skip
    write_table(
        sheet,
        ["แหล่งงบประมาณ", "วงเงิน (บาท)", "ใช้ (บาท)", "คงเหลือ (บาท)", "ได้รับ", "รอ"],
        envelope_rows,
        envelope_formats,
        start_row=len(figures) + 8,
    )
    formats: dict[str | int, str] = {"งบประมาณ (บาท)": BAHT_FORMAT, "ครัวเรือน": INTEGER_FORMAT}
    for name, funded in (("ได้รับงบ", True), ("ไม่ได้รับงบ", False)):
        write_table(workbook.create_sheet(name), NEED_HEADERS, _need_rows(result, funded), formats)
    group_formats: dict[str | int, str] = {3: BAHT_FORMAT, 5: BAHT_FORMAT}
    write_table(
        workbook.create_sheet("ตามประเด็น"),
        GROUP_HEADERS,
        _group_rows(result.by_issue()),
        group_formats,
    )
    write_table(
        workbook.create_sheet("ตามตำบล"),
        GROUP_HEADERS,
        _group_rows(result.by_tambon()),
        group_formats,
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
