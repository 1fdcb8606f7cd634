"""``GET /api/v1/cycles/{year}/late``: who is late is read only inside an area the caller reads.

Before issue 11 ``?area=2`` passed the check (every code of the caller's province
starts with "2") and listed the late villages of every province whose code starts
with 2 — Prachin Buri's among them for a Chachoengsao officer.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import village

pytestmark = pytest.mark.django_db

URL = "/api/v1/cycles/2570/late?milestone=village_plan&area={area}"


@pytest.fixture
def villages(people):
    village("25010101", "บ้านเมืองปราจีน")  # Prachin Buri, another province
    village("24020101", "บ้านคลองบางคล้า")  # another district of Chachoengsao
    return people


def _late(user, area: str):
    client = Client()
    client.force_login(user)
    return client.get(URL.format(area=area))


@pytest.mark.parametrize("area", ["2", "25", "250101", "5", "50", ""])
def test_an_area_outside_the_callers_own_is_refused(villages, area):
    response = _late(villages["province"], area)
    assert response.status_code in (403, 404), area
    assert "25010101" not in response.content.decode()


def test_the_province_reads_its_own_villages_only(villages):
    response = _late(villages["province"], "24")
    assert response.status_code == 200
    codes = {row["code"] for row in response.json()}
    assert {"24010101", "24010102", "24020101"} <= codes
    assert all(code.startswith("24") for code in codes)


@pytest.mark.parametrize("persona", ["village", "other_village", "tambon", "lao", "agency"])
def test_someone_below_the_district_cannot_read_the_districts_list(villages, persona):
    assert _late(villages[persona], "2401").status_code == 404


def test_the_district_reads_its_district_but_not_the_province(villages):
    response = _late(villages["district"], "2401")
    assert response.status_code == 200
    assert {row["code"] for row in response.json()} == {"24010101", "24010102"}
    assert _late(villages["district"], "24").status_code == 404
    assert _late(villages["outsider"], "2401").status_code == 404


def test_a_national_auditor_reads_any_area(villages):
    response = _late(villages["auditor"], "25")
    assert response.status_code == 200
    assert "25010101" in {row["code"] for row in response.json()}
