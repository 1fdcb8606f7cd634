"""The auditor's filters (planlink.audit.selectors): area by DOPA prefix, person, kind of
object and whole days typed in B.E. (stored Gregorian, days in Bangkok time)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from planlink.accounts.models import Role
from planlink.audit.models import AuditEntry
from planlink.audit.selectors import TrailFilters, filter_trail, parse_be_date, trail_summary
from planlink.core.errors import DomainError
from tests.factories import assign

pytestmark = pytest.mark.django_db

BANGKOK = ZoneInfo("Asia/Bangkok")


def entry(at: dt.datetime, *, scope: str, actor=None, kind: str = "plans.project", oid="1"):
    made = AuditEntry.objects.create(
        actor=actor,
        actor_label=actor.get_username() if actor else "ระบบ (system)",
        action="project.update",
        object_type=kind,
        object_id=oid,
        scope_code=scope,
        changes={"title": ["ถนนเดิม", "ถนนใหม่"]},
    )
    AuditEntry.objects.filter(pk=made.pk).update(at=at)  # ``at`` is auto_now_add
    return made


@pytest.fixture
def trail(reference_data):
    somsri = assign(Role.VILLAGE_COMMITTEE, area="240101", username="somsri")
    somsri.first_name, somsri.last_name = "สมศรี", "ใจดี"
    somsri.save()
    prasit = assign(Role.DISTRICT_OFFICER, area="5001", username="prasit")
    return {
        # 30 Nov 2569 late evening and 1 Dec 2569 just after midnight, Bangkok time
        "late": entry(
            dt.datetime(2026, 11, 30, 23, 30, tzinfo=BANGKOK), scope="24010101", actor=somsri
        ),
        "midnight": entry(
            dt.datetime(2026, 12, 1, 0, 10, tzinfo=BANGKOK),
            scope="240101",
            actor=somsri,
            kind="plans.plan",
        ),
        "chiangmai": entry(
            dt.datetime(2026, 12, 2, 9, 0, tzinfo=BANGKOK), scope="50010101", actor=prasit
        ),
        "system": entry(dt.datetime(2026, 12, 3, 9, 0, tzinfo=BANGKOK), scope="2402"),
    }


def found(filters: TrailFilters) -> set[int]:
    return set(filter_trail(AuditEntry.objects.all(), filters).values_list("pk", flat=True))


def ids(trail, *names: str) -> set[int]:
    return {trail[name].pk for name in names}


def test_the_area_is_a_dopa_prefix(trail):
    assert found(TrailFilters(area="24")) == ids(trail, "late", "midnight", "system")
    assert found(TrailFilters(area="2401")) == ids(trail, "late", "midnight")
    assert found(TrailFilters(area="24010101")) == ids(trail, "late")
    assert found(TrailFilters(area="50")) == ids(trail, "chiangmai")
    assert found(TrailFilters(area="2403")) == set()


def test_the_person_is_the_sign_in_name_or_the_thai_name(trail):
    assert found(TrailFilters(person="somsri")) == ids(trail, "late", "midnight")
    assert found(TrailFilters(person="สมศรี")) == ids(trail, "late", "midnight")
    assert found(TrailFilters(person="ใจดี")) == ids(trail, "late", "midnight")
    assert found(TrailFilters(person="prasit")) == ids(trail, "chiangmai")
    assert found(TrailFilters(person="ระบบ")) == ids(trail, "system")


def test_the_kind_of_object(trail):
    assert found(TrailFilters(object_type="plans.plan")) == ids(trail, "midnight")
    assert found(TrailFilters(object_type="plans.project", area="24")) == ids(
        trail, "late", "system"
    )


def test_dates_are_whole_days_in_bangkok_both_ends_included(trail):
    first_december = parse_be_date("1/12/2569")
    assert first_december == dt.date(2026, 12, 1)
    # 00:10 on 1 Dec in Bangkok is still 30 Nov in UTC: it belongs to 1 Dec
    assert found(TrailFilters(date_from=first_december, date_to=first_december)) == ids(
        trail, "midnight"
    )
    assert found(TrailFilters(date_to=parse_be_date("30/11/2569"))) == ids(trail, "late")
    assert found(TrailFilters(date_from=parse_be_date("2/12/2569"))) == ids(
        trail, "chiangmai", "system"
    )
    assert found(
        TrailFilters(
            area="24", person="สมศรี", date_from=dt.date(2026, 11, 30), date_to=dt.date(2026, 11, 30)
        )
    ) == ids(trail, "late")


def test_dates_are_read_in_be_thai_digits_or_iso():
    assert parse_be_date("๑/๑๒/๒๕๖๙") == dt.date(2026, 12, 1)
    assert parse_be_date(" 01.12.2569 ") == dt.date(2026, 12, 1)
    assert parse_be_date("2026-12-01") == dt.date(2026, 12, 1)
    assert parse_be_date("2569-12-01") == dt.date(2026, 12, 1)
    assert parse_be_date("") is None


@pytest.mark.parametrize(
    ("text", "thai"),
    [
        ("31/2/2569", "ไม่มีวันที่นี้ในปฏิทิน"),
        ("เมื่อวาน", "วันที่ต้องอยู่ในรูป วัน/เดือน/ปี พ.ศ. เช่น 1/12/2569"),
    ],
)
def test_a_bad_date_is_refused_in_thai(text, thai):
    with pytest.raises(DomainError) as refused:
        parse_be_date(text)
    assert refused.value.message_th == thai


def test_bad_filters_are_refused_in_thai():
    with pytest.raises(DomainError, match="รหัสพื้นที่ต้องเป็นตัวเลข"):
        TrailFilters(area="ฉะเชิงเทรา")
    with pytest.raises(DomainError, match="ไม่รู้จักประเภทรายการ"):
        TrailFilters(object_type="auth.user")
    with pytest.raises(DomainError, match="วันเริ่มต้องไม่หลังวันสิ้นสุด"):
        TrailFilters(date_from=dt.date(2026, 12, 2), date_to=dt.date(2026, 12, 1))


def test_the_summary_counts_today_the_week_and_the_busiest_provinces(trail):
    now = dt.datetime(2026, 12, 3, 12, 0, tzinfo=BANGKOK)
    summary = trail_summary(AuditEntry.objects.all(), now=now)
    assert summary.today == 1  # the system's entry of 3 Dec
    assert summary.week == 4
    assert summary.busiest_provinces == [("24", 3), ("50", 1)]
    scoped = trail_summary(filter_trail(AuditEntry.objects.all(), TrailFilters(area="50")), now=now)
    assert (scoped.today, scoped.week, scoped.busiest_provinces) == (0, 1, [("50", 1)])
