"""The what-if page (issue 18): envelopes in, funded and left-out needs out, in Thai; saving,
comparing and Excel for the provincial officer; the auditor reads but never saves."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from planlink.consolidation.models import WhatIfScenario
from planlink.referrals.models import Referral
from tests.factories import personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(needs):
    return personas()


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="th")
    client.force_login(user)
    return client


QUESTION = {"area": "24", "cycle": "2570", "lao": "700,000", "agency_code_1": "RID",
            "agency_amount_1": "1000000"}  # fmt: skip


def test_the_provincial_officer_asks_saves_compares_and_exports(people, needs):
    officer = _client(people["province"])
    page = officer.get("/whatif/", QUESTION).content.decode()
    assert "ได้รับงบ" in page
    assert "ขุดลอกคลองส่งน้ำ" in page  # funded by the named agency's envelope
    assert "กรมชลประทาน" in page
    assert Referral.objects.count() == 0  # asking decides nothing

    workbook = officer.get("/whatif/", {**QUESTION, "format": "xlsx"})
    assert workbook["Content-Type"].startswith("application/vnd.openxmlformats")
    sheets = load_workbook(io.BytesIO(workbook.content)).sheetnames
    assert sheets[:3] == ["สรุป", "ได้รับงบ", "ไม่ได้รับงบ"]

    saved = officer.post("/whatif/save/", {**QUESTION, "name": "งบ อปท. 7 แสน"})
    assert saved.status_code == 302
    richer = officer.post("/whatif/save/", {**QUESTION, "lao": "900000", "name": "งบ อปท. 9 แสน"})
    first, second = WhatIfScenario.objects.order_by("pk")
    assert first.envelopes == {"lao": "700000.00", "agency:RID": "1000000.00"}
    assert richer["Location"] == f"/whatif/{second.pk}/"
    shown = officer.get(f"/whatif/{first.pk}/").content.decode()
    assert "งบ อปท. 7 แสน" in shown
    compared = officer.get("/whatif/compare/", {"a": first.pk, "b": second.pk}).content.decode()
    assert "ก่อสร้างรางระบายน้ำ หมู่ 2" in compared  # only the richer scenario funds it
    assert officer.get(f"/whatif/{first.pk}.xlsx").status_code == 200


def test_bad_amounts_are_refused_in_thai(people, needs):
    response = _client(people["province"]).get("/whatif/", {**QUESTION, "lao": "เจ็ดแสน"})
    assert response.status_code == 400
    assert "ไม่ใช่ตัวเลข" in response.content.decode()
    saved = _client(people["province"]).post(
        "/whatif/save/", {**QUESTION, "pao": "-5", "name": "ติดลบ"}
    )
    assert saved.status_code == 400
    assert not WhatIfScenario.objects.exists()


def test_the_auditor_reads_but_never_saves_and_others_see_nothing(people, needs):
    auditor = _client(people["auditor"])
    assert auditor.get("/whatif/", QUESTION).status_code == 200
    assert auditor.post("/whatif/save/", {**QUESTION, "name": "ผู้ตรวจ"}).status_code == 403
    assert not WhatIfScenario.objects.exists()
    for persona in ("district", "tambon", "outsider"):
        assert _client(people[persona]).get("/whatif/", QUESTION).status_code == 404


def test_the_pages_speak_english_too(people, needs):
    from django.conf import settings

    from tests.polish.test_every_string_in_both_languages import (
        catalogue,
        template_msgids,
        text_nodes,
    )

    officer = Client(HTTP_ACCEPT_LANGUAGE="en")
    officer.force_login(people["province"])
    officer.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    translated = catalogue()
    msgids = template_msgids()
    html = officer.get("/whatif/", QUESTION).content.decode()
    assert "Needs left out" in html
    untranslated = [n for n in text_nodes(html) if n in msgids and n not in translated]
    assert untranslated == []
    html = officer.get("/carry-over/?area=24&to=2571").content.decode()
    assert "Carry needs into the next year" in html
    untranslated = [n for n in text_nodes(html) if n in msgids and n not in translated]
    assert untranslated == []
