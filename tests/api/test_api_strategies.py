"""``/strategies``: the provincial frame, read by everyone signed in, edited by the province."""

import pytest

from planlink.audit.models import AuditEntry
from planlink.plans.models import Strategy

pytestmark = pytest.mark.django_db


def test_the_frame_lists_strategies_with_their_issues(world, api):
    body = api.get("/strategies?province=24&cycle=2570", as_="lao").json()
    assert body["count"] == 5
    second = body["items"][1]
    assert (second["number"], second["name_th"]) == (
        2,
        "การพัฒนาโครงสร้างพื้นฐานและการบริหารจัดการน้ำ",
    )
    assert [issue["code"] for issue in second["issues"]] == ["INFRA", "WATER"]


def test_the_province_adds_a_strategy(world, api):
    response = api.post(
        "/strategies",
        {
            "province": "24",
            "cycle": 2570,
            "number": 6,
            "name_th": "การท่องเที่ยวเชิงเกษตร",
            "name_en": "Agro-tourism",
        },
        as_="province",
    )
    assert response.status_code == 201
    assert response.json()["issues"] == []
    created = Strategy.objects.get(province_id="24", cycle_id=2570, number=6)
    assert created.name_en == "Agro-tourism"
    assert AuditEntry.objects.filter(action="strategy.create", scope_code="24").count() == 1


def test_a_taken_number_is_refused(world, api):
    response = api.post(
        "/strategies",
        {"province": "24", "cycle": 2570, "number": 1, "name_th": "ซ้ำ"},
        as_="province",
    )
    assert response.status_code == 400
    assert response.json()["message_th"] == "จังหวัดนี้มียุทธศาสตร์ที่ 1 ในปีนี้แล้ว"
    assert Strategy.objects.filter(province_id="24", cycle_id=2570).count() == 5


def test_another_province_cannot_edit_this_frame(world, api):
    from planlink.accounts.models import Role
    from planlink.accounts.tokens import token_create
    from tests.factories import assign

    chiang_mai = assign(Role.PROVINCIAL_OFFICER, area="50")
    api.tokens["chiang_mai"] = token_create(user=chiang_mai)[1]
    response = api.patch(
        f"/strategies/{world.strategy.pk}", {"name_th": "แก้ไขข้ามจังหวัด"}, as_="chiang_mai"
    )
    assert response.status_code == 403
    assert Strategy.objects.get(pk=world.strategy.pk).name_th == "การพัฒนาเศรษฐกิจและการสร้างรายได้"


def test_a_rename_is_audited_with_the_old_and_new_names(world, api):
    api.patch(f"/strategies/{world.strategy.pk}", {"name_th": "เศรษฐกิจฐานราก"}, as_="province")
    entry = AuditEntry.objects.get(action="strategy.update")
    assert entry.changes == {"name_th": ["การพัฒนาเศรษฐกิจและการสร้างรายได้", "เศรษฐกิจฐานราก"]}
