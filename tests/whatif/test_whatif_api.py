"""``GET /api/v1/whatif`` (issue 18): the documented keys, by issue and tambon, writes nothing."""

from __future__ import annotations

import pytest

from planlink.accounts.tokens import token_create
from planlink.consolidation.models import WhatIfScenario
from tests.api.conftest import Api
from tests.factories import personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(needs, client):
    people = personas()
    tokens = {name: token_create(user=people[name], name="ทดสอบ")[1] for name in ("province",)}
    return Api(client, tokens)


def test_the_what_if_answers_with_the_documented_keys(api, needs):
    response = api.get(
        "/whatif?area=24&cycle=2570&envelope=lao=700000&envelope=RID=1000000&needs=true",
        as_="province",
    )
    assert response.status_code == 200
    answer = response.json()
    assert {key: answer[key] for key in ("funded", "funded_baht", "left_out")} == {
        "funded": 3,
        "funded_baht": "1700000.00",
        "left_out": 4,
    }
    assert answer["households_covered"] == 40
    assert answer["tambons_without_funded_need"] == 0
    water = next(row for row in answer["by_issue"] if row["code"] == "WATER")
    assert (water["funded"], water["left_out"]) == (1, 1)
    canal = next(need for need in answer["needs"] if need["id"] == needs["canal"].pk)
    assert canal["source"] == "agency:RID"
    assert not WhatIfScenario.objects.exists()


def test_bad_envelopes_are_a_thai_400(api, needs):
    response = api.get("/whatif?area=24&cycle=2570&envelope=lao=-1", as_="province")
    assert response.status_code == 400
    assert "จำนวนเงิน" in response.json()["message_th"]
    assert api.get("/whatif?area=24&cycle=2570", as_="anonymous").status_code == 401
