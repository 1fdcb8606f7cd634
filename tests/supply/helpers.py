"""Real-style Thai funded-item rows, written for the tests (not copied from any file)."""

from __future__ import annotations

import csv
import io

HEADER_TH = ["ref", "รายการ", "จำนวนเงิน", "หน่วยรับงบประมาณ", "กระทรวง", "ปีงบประมาณ", "area_code"]

ROWS = [
    [
        "65-RID-0001",
        "ก่อสร้างฝายชะลอน้ำคลองสะเตง พร้อมอาคารประกอบ ตำบลสะเตง อำเภอเมืองยะลา จังหวัดยะลา",
        "12,000,000",
        "กรมชลประทาน",
        "กระทรวงเกษตรและสหกรณ์",
        "2565",
        "",
    ],
    [
        "65-DGR-0002",
        "ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร หมู่ที่ ๙ ตำบลท่าสาป อำเภอเมืองยะลา จังหวัดยะลา",
        "๑,๒๕๐,๐๐๐.-",
        "กรมทรัพยากรน้ำบาดาล",
        "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม",
        "๒๕๖๕",
        "",
    ],
    [
        "65-YRU-0003",
        "ปรับปรุงอาคารปฏิบัติการวิทยาศาสตร์ มหาวิทยาลัยราชภัฏยะลา ต.สะเตง อ.เมืองยะลา จ.ยะลา",
        "8,500,000.00",
        "มหาวิทยาลัยราชภัฏยะลา",
        "กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม",
        "2565",
        "",
    ],
    [
        "65-PWA-0004",
        "ขยายเขตระบบจำหน่ายน้ำประปา การประปาส่วนภูมิภาคสาขายะลา",
        "3,400,000 บาท",
        "การประปาส่วนภูมิภาค",
        "กระทรวงมหาดไทย",
        "2565",
        "9501",
    ],
]


def csv_bytes(rows=None, header=None, encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header or HEADER_TH)
    for row in ROWS if rows is None else rows:
        writer.writerow(row)
    return buffer.getvalue().encode(encoding)
