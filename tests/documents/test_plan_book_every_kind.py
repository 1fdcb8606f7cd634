"""Every plan kind has a plan book, with its kind and owner on the cover."""

import datetime
from decimal import Decimal

import pytest

from planlink.areas.models import Agency, LocalGovernment, ProvincialCluster
from planlink.documents.plan_book import build_plan_book
from planlink.documents.render import to_docx
from planlink.plans.models import PlanKind
from planlink.plans.services import plan_create
from tests.factories import area_plan, cycle, frame, make_project, personas

from .docx_helpers import open_docx

pytestmark = pytest.mark.django_db

AREA_KINDS = {
    PlanKind.VILLAGE: ("24010101", "บ้านหน้าเมือง"),
    PlanKind.TAMBON: ("240101", "ตำบลหน้าเมือง"),
    PlanKind.DISTRICT_DEVELOPMENT: ("2401", "อำเภอเมืองฉะเชิงเทรา"),
    PlanKind.DISTRICT_NEEDS: ("2401", "อำเภอเมืองฉะเชิงเทรา"),
    PlanKind.DISTRICT_ACTION: ("2401", "อำเภอเมืองฉะเชิงเทรา"),
    PlanKind.PROVINCIAL_DEVELOPMENT: ("24", "จังหวัดฉะเชิงเทรา"),
    PlanKind.PROVINCIAL_ACTION: ("24", "จังหวัดฉะเชิงเทรา"),
}


def cover_lines(plan) -> list[str]:
    document = build_plan_book(plan, as_of=datetime.date(2026, 11, 25))
    return [p.text for p in open_docx(to_docx(document)).paragraphs if p.text][:4]


@pytest.mark.parametrize("kind", list(AREA_KINDS))
def test_an_area_plan_book_names_its_kind_and_owner(reference_data, kind):
    personas()
    code, owner = AREA_KINDS[kind]
    plan = area_plan(kind, code)
    make_project(plan, "ก่อสร้างถนนคอนกรีตเสริมเหล็ก", budget=Decimal("250000"))
    lines = cover_lines(plan)
    assert lines[0] == PlanKind(kind).label
    assert lines[2].startswith(owner)
    assert lines[3] == "25 พฤศจิกายน 2569"


def test_an_agency_request_book(reference_data):
    frame()
    rid = Agency.objects.get(code="RID")
    plan = plan_create(actor=None, kind=PlanKind.AGENCY_REQUEST, cycle=cycle(), owner_agency=rid)
    make_project(plan, "ขุดลอกคลองหนองบัว จ.ฉะเชิงเทรา", issue_code=None, areas=[])
    assert cover_lines(plan)[:3] == ["คำของบประมาณของส่วนราชการ", "ปีงบประมาณ พ.ศ. 2570", rid.name_th]


def test_a_cluster_plan_book(reference_data):
    cluster = ProvincialCluster.objects.order_by("number").first()
    plan = plan_create(actor=None, kind=PlanKind.CLUSTER, cycle=cycle(), owner_cluster=cluster)
    assert cover_lines(plan)[:3] == ["แผนพัฒนากลุ่มจังหวัด", "ปีงบประมาณ พ.ศ. 2570", cluster.name_th]


def test_a_local_development_plan_book_uses_the_dla_forms(reference_data):
    people = personas()
    lao = LocalGovernment.objects.get(code=people["lao_code"])
    plan = plan_create(
        actor=None, kind=PlanKind.LOCAL_DEVELOPMENT, cycle=cycle(), owner_lao=lao, span=(2570, 2574)
    )
    assert cover_lines(plan)[0] == "แผนพัฒนาท้องถิ่น (พ.ศ. 2570 - 2574)"
    text = [p.text for p in open_docx(to_docx(build_plan_book(plan))).paragraphs]
    assert {"แบบ ผ.01", "แบบ ผ.02", "แบบ ผ.02/1", "แบบ ผ.02/2"} <= set(text)
