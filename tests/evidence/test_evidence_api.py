"""``GET /api/v1/evidence/{area_code}?year=`` — the indicator table and unaddressed needs."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from planlink.accounts.tokens import token_create
from planlink.evidence.services.imports import survey_import_households
from tests.evidence.builders import write_households
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def headers(villages, tmp_path: Path) -> dict[str, str]:  # noqa: ANN001
    survey_import_households(path=write_households(tmp_path / "จปฐ.csv"), year=2567)
    token = token_create(user=UserFactory(), name="ทดสอบข้อมูล จปฐ.")[1]
    return {"Authorization": f"Bearer {token}"}


def test_the_tambon_table_lists_ranked_indicators_and_needs(client: Client, headers) -> None:  # noqa: ANN001
    response = client.get("/api/v1/evidence/240101?year=2567", headers=headers)

    assert response.status_code == 200
    body = response.json()
    assert (body["area"], body["area_name_th"], body["level"], body["year"]) == (
        "240101",
        "ตำบลหน้าเมือง",
        "tambon",
        2567,
    )
    assert body["indicators"][0]["code"] == "JPT60-24"
    assert (body["indicators"][0]["failed"], body["indicators"][0]["surveyed"]) == (4, 6)
    assert body["indicators"][0]["title_th"] == "คนในครัวเรือนไม่ดื่มสุรา"
    assert body["unaddressed"] == ["JPT60-24", "JPT60-01"]
    assert body["synthetic"] is False
    assert [v["code"] for v in body["worst_villages"]["JPT60-24"]] == ["24010101", "24010102"]


def test_the_latest_year_is_used_when_none_is_given(client: Client, headers) -> None:  # noqa: ANN001
    response = client.get("/api/v1/evidence/24", headers=headers)

    assert response.status_code == 200
    assert response.json()["year"] == 2567


def test_an_unknown_area_is_not_found(client: Client, headers) -> None:  # noqa: ANN001
    response = client.get("/api/v1/evidence/99?year=2567", headers=headers)

    assert response.status_code == 404
    assert response.json()["message_en"] == "area not found"


def test_a_year_without_figures_is_not_found(client: Client, headers) -> None:  # noqa: ANN001
    response = client.get("/api/v1/evidence/24?year=2560", headers=headers)

    assert response.status_code == 404


def test_a_christian_era_year_is_refused_as_invalid_input(client: Client, headers) -> None:  # noqa: ANN001
    response = client.get("/api/v1/evidence/24?year=2024", headers=headers)

    assert response.status_code == 422


def test_anonymous_callers_are_refused(client: Client, headers) -> None:  # noqa: ANN001
    response = client.get("/api/v1/evidence/24?year=2567")

    assert response.status_code == 401
