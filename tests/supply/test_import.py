"""Importing funded items: formats, encodings, new budgetary units, all-or-nothing, idempotent."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from planlink.areas.models import Agency
from planlink.cycles.models import PlanningCycle
from planlink.supply.imports import import_supply
from planlink.supply.models import ImportedAgency, SupplyItem
from planlink.supply.reading import ImportRefused, parse_amount
from tests.factories import village
from tests.supply.helpers import HEADER_TH, ROWS, csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _villages(reference_data):
    village("95010809", "บ้านท่าสาปใต้")


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("12,000,000", "12000000.00"),
        ("12,000,000.00", "12000000.00"),
        ("12,000,000.-", "12000000.00"),
        ("12,000,000 บาท", "12000000.00"),
        ("๑๒,๐๐๐,๐๐๐", "12000000.00"),
        ("๔๕๐,๕๐๐.๕๐", "450500.50"),
        (12000000, "12000000.00"),
    ],
)
def test_amount_formats(written, amount):
    assert parse_amount(written) == Decimal(amount)


@pytest.mark.parametrize("written", ["สิบสองล้าน", "12,000,000.999", "-5,000", "", "1.2.3"])
def test_amounts_that_are_not_numbers(written):
    assert parse_amount(written) is None


def test_import_thai_headers_locates_and_creates_the_cycle():
    assert not PlanningCycle.objects.filter(pk=2565).exists()
    report = import_supply(csv_bytes(), cycle_year=2565, file_name="พรบ2565.csv")
    assert report["created"] == 4
    assert report["unchanged"] == 0
    assert PlanningCycle.objects.filter(pk=2565).exists()
    items = {item.ref: item for item in SupplyItem.objects.all()}
    assert items["65-RID-0001"].area_code == "950101"
    assert items["65-RID-0001"].location_level == "tambon"
    assert "ตำบลสะเตง" in items["65-RID-0001"].location_text
    assert items["65-DGR-0002"].area_code == "95010809"
    assert items["65-DGR-0002"].amount == Decimal("1250000.00")
    assert items["65-PWA-0004"].area_code == "9501"
    assert items["65-PWA-0004"].location_via == "code"
    assert items["65-RID-0001"].agency_id == "RID"
    assert items["65-RID-0001"].state == "unmatched"


def test_unknown_budgetary_unit_is_added_for_review_never_refused():
    report = import_supply(csv_bytes(), cycle_year=2565)
    assert "มหาวิทยาลัยราชภัฏยะลา" in report["agencies_added"]
    item = SupplyItem.objects.get(ref="65-YRU-0003")
    assert item.agency.name_th == "มหาวิทยาลัยราชภัฏยะลา"
    assert item.agency.ministry_th.startswith("กระทรวงการอุดมศึกษา")
    review = ImportedAgency.objects.get(agency=item.agency)
    assert not review.reviewed
    assert review.written_as == "มหาวิทยาลัยราชภัฏยะลา"


def test_english_headers_and_default_fiscal_year():
    header = ["ref", "item_description", "amount", "budgetary_unit", "ministry", "area_code"]
    rows = [["X-1", "ก่อสร้างถนนลาดยาง ต.ยุโป อ.เมืองยะลา จ.ยะลา", "2,000,000", "กรมทางหลวงชนบท",
             "กระทรวงคมนาคม", ""]]  # fmt: skip
    report = import_supply(csv_bytes(rows, header, "utf-8"), cycle_year=2566)
    assert report["fiscal_years"] == [2566]
    item = SupplyItem.objects.get(ref="X-1")
    assert (item.cycle_id, item.area_code, item.agency_id) == (2566, "950103", "DRR")


def test_cp874_file():
    data = csv_bytes(encoding="cp874")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    report = import_supply(data, cycle_year=2565, file_name="tis620.csv")
    assert report["encoding"] == "cp874"
    assert SupplyItem.objects.get(ref="65-RID-0001").title.startswith("ก่อสร้างฝายชะลอน้ำ")


def test_xlsx_file():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["พระราชบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2565 (จังหวัดยะลา)"])
    sheet.append(HEADER_TH)
    for row in ROWS:
        sheet.append(row)
    sheet.append(["65-X", "จัดซื้อรถบรรทุกน้ำ อ.เบตง จ.ยะลา", 2500000, "กรมป้องกันและบรรเทาสาธารณภัย",
                  "กระทรวงมหาดไทย", 2565, None])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = import_supply(buffer.getvalue(), cycle_year=2565, file_name="งบ.xlsx")
    assert report["created"] == 5
    assert report["encoding"] == "xlsx"
    assert SupplyItem.objects.get(ref="65-X").area_code == "9502"


def test_reimport_changes_nothing():
    first = import_supply(csv_bytes(), cycle_year=2565)
    before = list(SupplyItem.objects.values_list("pk", "key", "state", "area_code"))
    agencies = Agency.objects.count()
    second = import_supply(csv_bytes(), cycle_year=2565)
    assert first["created"] == 4
    assert (second["created"], second["unchanged"]) == (0, 4)
    assert list(SupplyItem.objects.values_list("pk", "key", "state", "area_code")) == before
    assert Agency.objects.count() == agencies


def test_reimport_without_ref_keys_on_content():
    rows = [[""] + row[1:] for row in ROWS] + [[""] + ROWS[1][1:]]  # a repeated line is 2 items
    import_supply(csv_bytes(rows), cycle_year=2565)
    assert SupplyItem.objects.count() == 5
    again = import_supply(csv_bytes(rows), cycle_year=2565)
    assert (again["created"], SupplyItem.objects.count()) == (0, 5)


def test_dry_run_writes_nothing():
    report = import_supply(csv_bytes(), cycle_year=2565, dry_run=True)
    assert report["would_create"] == 4
    assert report["located"]["tambon"] == 2
    assert not SupplyItem.objects.exists()
    assert not PlanningCycle.objects.filter(pk=2565).exists()


BAD_ROWS = [
    ("missing title", 1, ["R-1", "", "500,000", "กรมชลประทาน", "", "2565", ""], "รายการ"),
    ("amount not a number", 2, ["R-2", "ขุดลอกคลอง", "ห้าแสน", "กรมชลประทาน", "", "2565", ""],
     "จำนวนเงิน"),
    ("missing unit", 0, ["R-3", "ขุดลอกคลอง", "500000", "", "", "2565", ""], "หน่วยรับงบประมาณ"),
    ("year not B.E.", 3, ["R-4", "ขุดลอกคลอง", "500000", "กรมชลประทาน", "", "2022", ""],
     "ปีงบประมาณ"),
    ("area code that does not exist", 1, ["R-5", "ขุดลอกคลอง", "500000", "กรมชลประทาน", "", "2565",
                                          "959999"], "area_code"),
    ("area code of the wrong shape", 2, ["R-6", "ขุดลอกคลอง", "500000", "กรมชลประทาน", "", "2565",
                                         "95-0"], "area_code"),
    ("repeated ref", 1, ["65-RID-0001", "ขุดลอกคลอง", "500000", "กรมชลประทาน", "", "2565", ""],
     "ref"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "position", "bad", "column"), BAD_ROWS, ids=[c[0] for c in BAD_ROWS]
)
def test_each_bad_row_refuses_the_whole_file(case, position, bad, column):
    rows = list(ROWS)
    rows.insert(position, bad)
    with pytest.raises(ImportRefused) as refused:
        import_supply(csv_bytes(rows), cycle_year=2565)
    problems = refused.value.problems
    assert [p["column"] for p in problems] == [column]
    assert problems[0]["row"] == position + 2  # the header is row 1
    assert problems[0]["problem"]
    assert problems[0]["problem_en"]
    assert not SupplyItem.objects.exists()
    assert not PlanningCycle.objects.filter(pk=2565).exists()
    assert not ImportedAgency.objects.exists()


def test_lao_code_must_exist():
    header = HEADER_TH + ["lao_code"]
    rows = [ROWS[0] + ["9999999"]]
    with pytest.raises(ImportRefused) as refused:
        import_supply(csv_bytes(rows, header), cycle_year=2565)
    assert refused.value.problems[0]["column"] == "lao_code"


def test_missing_required_column_is_refused():
    header = ["ref", "รายการ", "หน่วยรับงบประมาณ"]
    with pytest.raises(ImportRefused) as refused:
        import_supply(csv_bytes([r[:2] + [r[3]] for r in ROWS], header), cycle_year=2565)
    assert refused.value.problems[0]["column"] == "จำนวนเงิน"


def test_report_shows_first_hundred_and_counts_all():
    rows = [[f"B-{n}", "", "x", "", "", "2565", ""] for n in range(80)]
    with pytest.raises(ImportRefused) as refused:
        import_supply(csv_bytes(rows), cycle_year=2565)
    body = refused.value.as_dict()["details"]
    assert body["problems_total"] == 240
    assert len(body["problems"]) == 100


def test_command_imports_lists_and_refuses(tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes())
    out = io.StringIO()
    call_command("supply", "import", str(good), "--cycle", "2565", "--json", stdout=out)
    assert '"created": 4' in out.getvalue()
    listing = io.StringIO()
    call_command("supply", "list", "--cycle", "2565", "--area", "95", "--json", stdout=listing)
    import json

    items = json.loads(listing.getvalue())["items"]
    assert {i["ref"] for i in items} == {"65-RID-0001", "65-DGR-0002", "65-YRU-0003", "65-PWA-0004"}
    assert set(items[0]) >= {"ref", "title", "amount", "agency", "area_code", "location_level",
                             "location_text", "matched_project", "match_score", "match_reason",
                             "state"}  # fmt: skip
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([["R-1", "", "ห้าแสน", "กรมชลประทาน", "", "2565", ""]]))
    with pytest.raises(CommandError) as refused:
        call_command("supply", "import", str(bad), "--cycle", "2565")
    message = str(refused.value)
    assert "ไม่ได้นำเข้า" in message
    assert "nothing was imported" in message
    assert "row 2" in message
    assert "amount" in message.lower()


def test_a_province_code_is_refined_by_the_text_inside_it():
    header = ["ref", "รายการ", "จำนวนเงิน", "หน่วยรับงบประมาณ", "ปีงบประมาณ", "area_code"]
    rows = [
        ["P-1", "ก่อสร้างลานกีฬา ตำบลท่าสาป", "900,000", "กรมพลศึกษา", "2565", "95"],
        ["P-2", "ก่อสร้างลานกีฬา ตำบลท่าสาป", "900,000", "กรมพลศึกษา", "2565", "24"],
    ]
    import_supply(csv_bytes(rows, header), cycle_year=2565)
    refined = SupplyItem.objects.get(ref="P-1")
    assert (refined.area_code, refined.location_level, refined.location_via) == (
        "950108",
        "tambon",
        "text",
    )
    # ท่าสาป is not in ฉะเชิงเทรา: the given code stands, nothing outside it is guessed
    assert SupplyItem.objects.get(ref="P-2").area_code == "24"
