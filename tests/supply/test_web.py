"""The web pages: upload a funded-items file, see the list, confirm a proposal in the review queue."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from planlink.accounts.models import Role
from planlink.plans.models import PlanKind
from planlink.referrals.models import FundingRequest
from planlink.supply.models import ItemState, SupplyItem
from tests.factories import area_plan, assign, make_project, village
from tests.supply.helpers import ROWS, csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client, reference_data):
    village("95010809", "บ้านท่าสาปใต้")
    user = assign(Role.PROVINCIAL_OFFICER, area="95")
    client.force_login(user)
    return user


def test_upload_lists_and_refuses_whole(client, officer):
    page = client.get("/supply/?cycle=2565")
    assert page.status_code == 200
    assert "นำเข้าไฟล์รายการที่ได้รับงบ" in page.content.decode()
    bad = csv_bytes([*ROWS, ["R-9", "", "500000", "กรมชลประทาน", "", "2565", ""]])
    refused = client.post(
        "/supply/upload/", {"file": SimpleUploadedFile("bad.csv", bad), "cycle": "2565"}
    )
    assert refused.status_code == 422
    assert "แถว 6" in refused.content.decode()
    assert not SupplyItem.objects.exists()
    done = client.post(
        "/supply/upload/", {"file": SimpleUploadedFile("good.csv", csv_bytes()), "cycle": "2565"}
    )
    assert done.status_code == 200
    body = done.content.decode()
    assert "นำเข้าแล้ว 4 แถว" in body
    assert "ก่อสร้างฝายชะลอน้ำคลองสะเตง" in body
    assert "ได้รับงบโดยไม่มีคำขอที่บันทึกไว้" in body


def test_review_queue_confirms(client, officer):
    client.post(
        "/supply/upload/", {"file": SimpleUploadedFile("good.csv", csv_bytes()), "cycle": "2565"}
    )
    need = make_project(
        area_plan(PlanKind.TAMBON, "950101", 2565), "ก่อสร้างฝายชะลอน้ำคลองสะเตง ตำบลสะเตง"
    )
    item = SupplyItem.objects.get(ref="65-RID-0001")
    SupplyItem.objects.filter(pk=item.pk).update(
        state=ItemState.PROPOSED, matched_project=need, match_score=0.9, match_reason="ทดสอบ"
    )
    queue = client.get("/supply/review/?cycle=2565")
    assert "ก่อสร้างฝายชะลอน้ำคลองสะเตง ตำบลสะเตง" in queue.content.decode()
    response = client.post(f"/supply/{item.pk}/decide/", {"action": "confirm"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == ItemState.CONFIRMED
    assert FundingRequest.objects.get(project=need).status == "approved"


def test_other_province_cannot_decide(client, reference_data):
    village("95010809", "บ้านท่าสาปใต้")
    admin = assign(Role.ADMINISTRATOR, national=True)
    client.force_login(admin)
    client.post(
        "/supply/upload/", {"file": SimpleUploadedFile("good.csv", csv_bytes()), "cycle": "2565"}
    )
    item = SupplyItem.objects.get(ref="65-RID-0001")
    client.force_login(assign(Role.PROVINCIAL_OFFICER, area="24"))
    assert client.post(f"/supply/{item.pk}/decide/", {"action": "reject"}).status_code == 404


def test_the_menu_leads_provincial_officers_to_the_funded_items(client, officer):
    body = client.get("/supply/").content.decode()
    assert 'href="/supply/"' in body
    client.force_login(assign(Role.DISTRICT_OFFICER, area="9501"))
    assert 'href="/supply/"' not in client.get("/inbox/").content.decode()
