"""The needs of two tambons under which every what-if test asks its question."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planlink.cycles.services import cycle_create
from planlink.evidence.models import Indicator, IndicatorAggregate, SurveyImport
from planlink.plans.models import PlanKind
from tests.factories import area_plan, make_project, village


@pytest.fixture
def needs(reference_data):
    """Two tambons of เมืองฉะเชิงเทรา with ranked needs of every capacity (synthetic 2570)."""
    cycle_create(fiscal_year=2570, synthetic=True)
    village("24010101", "บ้านหน้าเมือง")
    first = area_plan(PlanKind.TAMBON, "240101", synthetic=True)
    second = area_plan(PlanKind.TAMBON, "240102", synthetic=True)

    def need(plan, key, title, issue, capacity, rank, baht, evidence, **extra):
        return key, make_project(
            plan, title, issue_code=issue, capacity_level=capacity, priority=rank,
            budget=Decimal(baht), evidence_score=evidence, **extra,
        )  # fmt: skip

    made = dict(
        [
            need(first, "road", "ก่อสร้างถนน คสล. หมู่ 1", "INFRA", "lao", 1, "300000", 50.0,
                 areas=[village("24010101")]),
            need(first, "drain", "ก่อสร้างรางระบายน้ำ หมู่ 2", "INFRA", "lao", 2, "200000", 30.0),
            need(first, "canal", "ขุดลอกคลองส่งน้ำ", "WATER", "agency", 1, "1000000", 40.0,
                 suggested_agency_id="RID"),
            need(first, "weir", "ก่อสร้างฝายชะลอน้ำ", "WATER", "agency", 3, "500000", 20.0,
                 suggested_agency_id="RID"),
            need(first, "clean", "รณรงค์ทำความสะอาดหมู่บ้าน", "HEALTH", "community", 1, "10000",
                 10.0),
            need(first, "market", "ตลาดชุมชน", "ECON", "province", 1, "100000", 25.0),
            need(second, "bridge", "ก่อสร้างสะพานข้ามคลอง", "INFRA", "lao", 1, "400000", 45.0),
            need(second, "hall", "อาคารอเนกประสงค์", "GOV", "pao", 1, "2000000", 35.0),
        ]
    )  # fmt: skip
    indicator = Indicator.objects.get(code="JPT60-01")
    survey = SurveyImport.objects.create(
        year=2567, indicator_set=indicator.indicator_set, kind="villages",
        source_name="ข้อมูลสังเคราะห์ทดสอบ", synthetic=True,
    )  # fmt: skip
    IndicatorAggregate.objects.create(
        year=2567, indicator=indicator, area_id="24010101", level="village",
        households_surveyed=100, households_failed=40, share_failed=0.4, synthetic=True,
        survey_import=survey,
    )  # fmt: skip
    made["road"].indicators.set([indicator])
    return made
