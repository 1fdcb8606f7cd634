"""A road linking two provinces of one cluster (กลุ่มจังหวัดภาคตะวันออก 1, cluster 14).

Synthetic (the cycle is synthetic, the villages are generated): village หมู่ 1 of ตำบล
หน้าเมือง, Chachoengsao (24010101) and village หมู่ 1 of ตำบลบางปลาสร้อย, Chonburi (20010101)
each raise the same road, which runs from one village to the other: each need is located at
both villages. Each province's tambon, district and province steps run (the engine's
automatic acceptance, synthetic cycles only), then the cluster's.
"""

from __future__ import annotations

from decimal import Decimal

from planlink.areas.models import Area, ProvincialCluster
from planlink.consolidation.services import consolidate, consolidate_cluster
from planlink.plans.cluster_frame import cluster_frame_ensure_default
from planlink.plans.models import Plan, PlanKind, Project
from planlink.plans.services import plan_submit
from planlink.referrals.models import Decision, Referral, TargetKind
from planlink.referrals.services import referral_decide
from planlink.simulation.guard import synthetic_cycle
from tests.factories import Role, area_plan, assign, make_project, village

YEAR = 2570
CLUSTER = 14  # ฉะเชิงเทรา ชลบุรี ระยอง
ROAD_24 = "ก่อสร้างถนนลาดยางเชื่อมระหว่างจังหวัดฉะเชิงเทรากับจังหวัดชลบุรี"
ROAD_20 = "โครงการก่อสร้างถนนลาดยางเชื่อมระหว่างจังหวัดฉะเชิงเทรากับจังหวัดชลบุรี"
# The road as the agency's funded-items file names it (``tests.supply.helpers.HEADER_TH``).
ROAD_ITEM = [
    "70-DRR-0001",
    "โครงการก่อสร้างถนนลาดยางเชื่อมระหว่างจังหวัดฉะเชิงเทรากับจังหวัดชลบุรี",
    "30,000,000",
    "กรมทางหลวงชนบท",
    "กระทรวงคมนาคม",
    "2570",
    "24",
]


def road_need(village_code: str, title: str) -> Project:
    plan = area_plan(PlanKind.VILLAGE, village_code, synthetic=True)
    need = make_project(
        plan,
        title,
        issue_code="INFRA",
        capacity_level="agency",
        mode="support",
        priority=1,
        households=240,
        budget=Decimal("18500000"),
        areas=[village("24010101", "บ้านหน้าเมือง"), village("20010101", "บ้านบางปลาสร้อย")],
    )
    plan_submit(plan=plan, actor=None)
    return need


def two_province_road() -> dict[str, Project]:
    cycle = synthetic_cycle(YEAR)
    cluster_frame_ensure_default(cluster=ProvincialCluster.objects.get(number=CLUSTER), cycle=cycle)
    return {"24": road_need("24010101", ROAD_24), "20": road_need("20010101", ROAD_20)}


def run_provinces(*codes: str) -> None:
    cycle = synthetic_cycle(YEAR)
    for code in codes:
        for level in ("tambon", "district", "province"):
            consolidate(level=level, area_code=code, cycle=cycle, auto_accept=True)


def run_cluster(*, auto_accept: bool = True) -> Plan:
    consolidate_cluster(
        cluster_number=CLUSTER, cycle=synthetic_cycle(YEAR), auto_accept=auto_accept
    )
    return Plan.objects.get(kind=PlanKind.CLUSTER, owner_cluster__number=CLUSTER, cycle_id=YEAR)


def member_codes() -> list[str]:
    return list(
        Area.objects.filter(level="province", cluster__number=CLUSTER)
        .order_by("code")
        .values_list("code", flat=True)
    )


def agency_funds_the_cluster_project(plan: Plan) -> Referral:
    """The line agency (กรมทางหลวงชนบท, DRR) funds the cluster project's request, as its
    officer decides it."""
    officer = assign(Role.AGENCY_OFFICER, agency="DRR", username="drr")
    referral = Referral.objects.get(project__plan=plan, target_kind=TargetKind.AGENCY)
    return referral_decide(
        referral=referral,
        actor=officer,
        decision=Decision.FUNDED,
        amount=Decimal("30000000"),
        fiscal_year=YEAR,
        funding_source="กรมทางหลวงชนบท",
        reason="ได้รับจัดสรรตาม พ.ร.บ. งบประมาณ พ.ศ. 2570",
    )
