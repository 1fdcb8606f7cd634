"""The Excel import's row key reads a title as the matcher does (issue 12, item 5): a
re-upload typed with a decomposed sara am (ํา) or Thai digits finds the same project."""

from __future__ import annotations

import pytest

from planlink.documents.imports import title_key
from planlink.documents.plan_template import build_plan_template
from planlink.plans.models import Project
from tests.documents.test_import_plan_template import fill, upload, village  # noqa: F401

pytestmark = pytest.mark.django_db

ROW = {
    "ชื่อโครงการ": "ติดตั้งไฟฟ้าส่องสว่าง จำนวน 12 จุด หมู่ที่ 1",
    "ประเด็น": "ความมั่นคง ยาเสพติด และความปลอดภัย",
    "วิธีดำเนินการ": "ขอรับการสนับสนุน",
    "ระดับขีดความสามารถ": "อปท.",
    "งบประมาณ (บาท)": 150000,
}
DECOMPOSED = "ติดตั้งไฟฟ้าส่องสว่าง จ\u0e4d\u0e32นวน ๑๒  จุด หมู่ที่ ๑"


def test_the_key_folds_sara_am_digits_and_spaces():
    assert "\u0e4d\u0e32" in DECOMPOSED
    assert title_key(DECOMPOSED) == title_key(ROW["ชื่อโครงการ"])
    assert title_key("ซ่อมแซมถนน") != title_key("ก่อสร้างถนน")


def test_a_re_upload_with_a_decomposed_sara_am_creates_no_second_project(village):  # noqa: F811
    people, plan, _existing = village
    blank = build_plan_template(plan)  # no hidden project id on the new row
    first = upload(people["village"], fill(blank, [ROW]))
    assert len(first.created) == 1
    count = Project.objects.filter(plan=plan).count()
    again = upload(people["village"], fill(blank, [{**ROW, "ชื่อโครงการ": DECOMPOSED}]))
    assert again.created == []
    assert Project.objects.filter(plan=plan).count() == count
