"""``planlink demo --json`` and ``planlink cycle`` on a small real province (Phuket, 17 tambons)."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from planlink.plans.models import Plan

pytestmark = pytest.mark.django_db

REQUIRED = [
    "cycle",
    "province",
    "villages",
    "village_projects",
    "duplicates_merged",
    "tambon_projects",
    "lao_coordination_items",
    "district_projects",
    "province_projects",
    "agency_requests",
    "funded_projects",
    "funded_baht",
]


@pytest.fixture
def phuket_demo(reference_data):
    out = StringIO()
    call_command("demo", province="83", json=True, stdout=out)
    return json.loads(out.getvalue())


def test_the_demo_prints_a_funnel_that_shrinks_level_by_level(phuket_demo):
    report = phuket_demo
    assert [key for key in REQUIRED if key not in report] == []
    assert report["areas"]["tambons"] == 7436
    assert (report["cycle"], report["province"], report["synthetic"]) == (2570, "83", True)
    assert report["villages"] > 0
    assert report["village_projects"] > report["tambon_projects"] > report["district_projects"] > 0
    assert report["district_projects"] >= report["province_projects"] > 0
    assert report["duplicates_merged"] > 0
    assert report["funded_projects"] > 0
    assert float(report["funded_baht"]) > 0
    assert report["sent_to_agencies"] >= report["agency_requests"] >= report["agency_funded"]


def test_everything_the_demo_made_is_labelled_synthetic(phuket_demo):
    assert not Plan.objects.filter(scope_code__startswith="83", synthetic=False).exists()


def test_the_demo_runs_again_without_doubling_anything(phuket_demo):
    out = StringIO()
    call_command("demo", province="83", json=True, stdout=out)
    again = json.loads(out.getvalue())
    assert again == phuket_demo


def test_the_demo_refuses_bangkok_and_unknown_provinces(reference_data):
    with pytest.raises(CommandError, match="กรุงเทพมหานครไม่มีหมู่บ้าน"):
        call_command("demo", province="10")
    with pytest.raises(CommandError, match="ไม่พบจังหวัดรหัส 99"):
        call_command("demo", province="99")
