"""A template carries a JSON stamp in a veryHidden sheet that survives a save and reload."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from planlink.documents.xlsx_thai import STAMP_SHEET, StampError, read_stamp, stamp

PAYLOAD = {
    "plan_id": 12,
    "owner_code": "520801",
    "owner_name": "องค์การบริหารส่วนตำบลบ้านเป้า",
    "level": "tambon",
    "template_version": "2570.1",
}


def _round_trip(workbook: Workbook) -> Workbook:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue()))


def test_the_stamp_round_trips_with_thai_text():
    workbook = Workbook()
    workbook.active.title = "แบบ ๓"
    stamp(workbook, PAYLOAD)
    assert read_stamp(_round_trip(workbook)) == PAYLOAD


def test_the_stamp_sheet_is_very_hidden_and_not_active():
    workbook = Workbook()
    stamp(workbook, PAYLOAD)
    reopened = _round_trip(workbook)
    assert reopened[STAMP_SHEET].sheet_state == "veryHidden"
    assert reopened.active.title == "Sheet"


def test_a_workbook_without_a_stamp_reads_as_none():
    assert read_stamp(Workbook()) is None


def test_stamping_again_replaces_the_payload():
    workbook = Workbook()
    stamp(workbook, PAYLOAD)
    stamp(workbook, {**PAYLOAD, "template_version": "2570.2"})
    assert read_stamp(workbook)["template_version"] == "2570.2"
    assert workbook.sheetnames.count(STAMP_SHEET) == 1


def test_an_edited_stamp_is_detected_by_its_checksum():
    workbook = Workbook()
    stamp(workbook, PAYLOAD)
    workbook[STAMP_SHEET]["A2"] = workbook[STAMP_SHEET]["A2"].value.replace("520801", "520802")
    with pytest.raises(StampError, match="checksum"):
        read_stamp(workbook)


def test_a_foreign_sheet_named_like_the_stamp_is_refused():
    workbook = Workbook()
    workbook.create_sheet(STAMP_SHEET)["A1"] = "บันทึกของผู้ใช้"
    with pytest.raises(StampError):
        read_stamp(workbook)


def test_the_returned_digest_is_the_sha256_of_the_stored_json():
    import hashlib

    workbook = Workbook()
    digest = stamp(workbook, PAYLOAD)
    stored = workbook[STAMP_SHEET]["A2"].value
    assert digest == hashlib.sha256(stored.encode("utf-8")).hexdigest()
    assert workbook[STAMP_SHEET]["A3"].value == digest
