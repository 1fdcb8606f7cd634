"""Download endpoints under /api/v1/documents, with the same access rules as the API."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from planlink.plans.models import PlanKind
from tests.factories import area_plan, make_project, personas

from .docx_helpers import open_docx

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def world(reference_data):
    people = personas()
    village = area_plan(PlanKind.VILLAGE, "24010101")
    make_project(village, "ขุดลอกคลองหนองบัว หมู่ที่ 1", issue_code="WATER", budget=Decimal("450000"))
    tambon = area_plan(PlanKind.TAMBON, "240101")
    make_project(tambon, "ก่อสร้างฝายชะลอน้ำ", issue_code="WATER", budget=Decimal("800000"))
    return people, village, tambon


def as_user(user) -> Client:
    """A signed-in browser session (the user re-read, so its session hash matches)."""
    client = Client()
    if user is not None:
        client.force_login(get_user_model().objects.get(pk=user.pk))
    return client


def test_the_plan_book_downloads_as_word_for_the_plan_s_owner(world):
    people, village, _ = world
    response = as_user(people["village"]).get(f"/api/v1/documents/plans/{village.pk}.docx")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == f'attachment; filename="plan-{village.pk}.docx"'
    text = [
        cell.text
        for table in open_docx(response.content).tables
        for row in table.rows
        for cell in row.cells
    ]
    assert "ขุดลอกคลองหนองบัว หมู่ที่ 1" in text


def test_the_plan_book_in_pdf_and_excel(world):
    people, _, tambon = world
    client = as_user(people["district"])
    pdf = client.get(f"/api/v1/documents/plans/{tambon.pk}.pdf")
    assert (pdf.status_code, pdf["Content-Type"], pdf.content[:5]) == (
        200,
        "application/pdf",
        b"%PDF-",
    )
    xlsx = client.get(f"/api/v1/documents/plans/{tambon.pk}.xlsx?thai_digits=true")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content))["โครงการ"]
    assert sheet["E2"].value == "ก่อสร้างฝายชะลอน้ำ"


@pytest.mark.parametrize(("persona", "status"), [
    ("village", 200), ("other_village", 404), ("tambon", 200), ("district", 200),
    ("auditor", 200), ("outsider", 404), ("agency", 404), (None, 401),
])  # fmt: skip
def test_who_may_download_a_village_plan_book(world, persona, status):
    people, village, _ = world
    user = people[persona] if persona else None
    response = as_user(user).get(f"/api/v1/documents/plans/{village.pk}.docx")
    assert response.status_code == status
    if status != 200:
        assert response["Content-Type"].startswith("application/json")


def test_an_unknown_format_is_refused(world):
    people, village, _ = world
    response = as_user(people["village"]).get(f"/api/v1/documents/plans/{village.pk}.odt")
    assert response.status_code == 422


def test_reports_download_for_the_district_and_not_for_an_outsider(world):
    people, _, _ = world
    url = "/api/v1/documents/reports/form2?area=2401&cycle=2570&format=xlsx"
    response = as_user(people["district"]).get(url)
    assert (response.status_code, response["Content-Type"]) == (200, XLSX)
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames == ["เอกสาร", "แบบ 2"]
    refused = as_user(people["outsider"]).get(url)
    assert refused.status_code == 404
    assert refused.json()["message_th"] == "ไม่พบพื้นที่"


def test_the_project_list_export_takes_the_filters_of_the_projects_endpoint(world):
    people, _, _ = world
    client = as_user(people["district"])
    listed = client.get("/api/v1/projects?level=tambon&area=2401").json()
    response = client.get("/api/v1/documents/projects.xlsx?level=tambon&area=2401")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["โครงการ"]
    exported = [row[0].value for row in sheet.iter_rows(min_row=2)]
    listed_ids = [item["id"] for item in (listed["items"] if isinstance(listed, dict) else listed)]
    assert sorted(exported) == sorted(listed_ids)
    assert len(exported) == 1


def test_the_template_is_for_those_who_may_change_the_plan(world):
    people, village, _ = world
    url = f"/api/v1/documents/templates/plans/{village.pk}.xlsx"
    response = as_user(people["village"]).get(url)
    assert (response.status_code, response["Content-Type"]) == (200, XLSX)
    assert "_planlink" in openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames
    assert as_user(people["tambon"]).get(url).status_code == 403
    assert as_user(people["other_village"]).get(url).status_code == 404
