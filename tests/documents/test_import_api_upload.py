"""POST /api/v1/documents/imports/plans: a multipart upload, all rows or none."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from planlink.documents.plan_template import HEADER_ROW, build_plan_template
from planlink.plans.models import PlanKind, Project
from tests.factories import area_plan, make_project, personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def village(reference_data):
    people = personas()
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    make_project(plan, "ซ่อมแซมถนนดินลูกรัง", issue_code="INFRA", budget=Decimal("120000"))
    return people, plan


def filled(plan, budget) -> io.BytesIO:
    workbook = openpyxl.load_workbook(io.BytesIO(build_plan_template(plan)))
    sheet = workbook["โครงการ"]
    sheet[f"B{HEADER_ROW + 2}"] = "ขุดลอกคลองหนองบัว หมู่ที่ 1"
    sheet[f"E{HEADER_ROW + 2}"] = "แหล่งน้ำและการบริหารจัดการน้ำ"
    sheet[f"K{HEADER_ROW + 2}"] = budget
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "แบบฟอร์ม.xlsx"
    return buffer


def post(user, upload, **form):
    client = Client()
    client.force_login(get_user_model().objects.get(pk=user.pk))  # re-read: session hash
    return client.post("/api/v1/documents/imports/plans", {"file": upload, **form})


def test_a_bad_row_is_reported_with_row_column_and_problem_and_nothing_is_imported(village):
    people, plan = village
    response = post(people["village"], filled(plan, -1))
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "template_invalid"
    assert body["message_th"] == "แบบฟอร์มมีข้อผิดพลาด 1 รายการ ยังไม่ได้นำเข้าข้อมูลใด ๆ"
    assert body["details"]["problems"] == [
        {"row": 6, "column": "K", "header": "งบประมาณ (บาท)", "problem": "งบประมาณต้องไม่ติดลบ"}
    ]
    assert Project.objects.filter(plan=plan).count() == 1


def test_a_good_upload_imports_and_a_second_one_changes_nothing(village):
    people, plan = village
    first = post(people["village"], filled(plan, 450000), plan=str(plan.pk))
    assert first.status_code == 200
    assert (first.json()["created"], first.json()["unchanged"]) == (1, 1)
    versions = list(Project.objects.filter(plan=plan).values_list("pk", "version"))
    second = post(people["village"], filled(plan, 450000))
    assert (second.json()["created"], second.json()["updated"], second.json()["unchanged"]) == (
        0,
        0,
        2,
    )
    assert second.json()["message_th"] == "นำเข้าแล้ว: เพิ่มโครงการใหม่ 0 แก้ไข 0 ไม่เปลี่ยนแปลง 2 โครงการ"
    assert list(Project.objects.filter(plan=plan).values_list("pk", "version")) == versions


def test_another_village_s_committee_cannot_upload_this_template(village):
    people, plan = village
    response = post(people["other_village"], filled(plan, 450000))
    assert response.status_code == 404
    assert Project.objects.filter(plan=plan).count() == 1


def test_an_anonymous_upload_is_refused(village):
    _, plan = village
    response = Client().post("/api/v1/documents/imports/plans", {"file": filled(plan, 1)})
    assert response.status_code == 401
