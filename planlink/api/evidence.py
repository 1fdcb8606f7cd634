"""``/evidence`` — จปฐ. figures of an area: the indicator table and the unaddressed needs.

Mounted by ``planlink.api.api`` (with the API's authentication). The figures
are aggregates per area, never household data.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from planlink.api.schemas import ERRORS
from planlink.areas.models import Area
from planlink.core.errors import NotFound
from planlink.evidence.selectors import (
    UNADDRESSED_THRESHOLD,
    evidence_table,
    latest_survey_year,
    worst_villages,
)

router = Router()


class IndicatorOut(Schema):
    code: str = Field(description="e.g. JPT60-24")
    number: int
    title_th: str
    title_en: str = Field(description="unofficial English gloss")
    category_no: int
    category_th: str
    surveyed: int = Field(description="households surveyed (indicator applicable)")
    failed: int = Field(description="households failing")
    share_failed: float = Field(description="failed / surveyed, 0.0–1.0 (0.0 when none surveyed)")
    rank: int = Field(description="1 = highest share failing")
    previous_share_failed: float | None = None
    change: float | None = Field(None, description="share now minus share in previous_year")


class VillageOut(Schema):
    code: str
    name_th: str
    surveyed: int
    failed: int
    share_failed: float
    synthetic: bool


class EvidenceOut(Schema):
    area: str
    area_name_th: str
    level: str
    year: int
    previous_year: int | None
    synthetic: bool = Field(description="true when the figures are synthetic (ข้อมูลสังเคราะห์)")
    indicators: list[IndicatorOut]
    unaddressed: list[str] = Field(
        description="indicators failing above the threshold that no project in the area cites"
    )
    threshold: float
    worst_villages: dict[str, list[VillageOut]] = Field(
        description="per indicator, the villages with the highest share failing (area above village)"
    )


class EvidenceQuery(Schema):
    year: int | None = Field(
        None, ge=2500, le=2700, description="survey year B.E. (default: the latest for this area)"
    )
    threshold: float = Field(UNADDRESSED_THRESHOLD, ge=0.0, le=1.0)
    villages: int = Field(3, ge=0, le=20, description="worst villages listed per indicator")


@router.get(
    "/{area_code}",
    response={200: EvidenceOut, **ERRORS},
    summary="Indicator table and unaddressed needs of an area",
)
def evidence_for_area(
    request: HttpRequest, area_code: str, filters: Query[EvidenceQuery]
) -> EvidenceOut:
    area = Area.objects.filter(code=area_code).first()
    if area is None:
        raise NotFound("พื้นที่", "area")
    year = filters.year or latest_survey_year(area_code=area_code)
    if year is None:
        raise NotFound("ข้อมูล จปฐ. ของพื้นที่นี้", "survey figures for this area")
    table = evidence_table(area_code=area_code, year=year, threshold=filters.threshold)
    if not table.indicators:
        raise NotFound(f"ข้อมูล จปฐ. ปี {year} ของพื้นที่นี้", f"survey figures for {year}")
    villages = {}
    if filters.villages and area.level != Area.Level.VILLAGE:
        villages = worst_villages(area_code=area_code, year=year, limit=filters.villages)
    return EvidenceOut(
        area=area.code,
        area_name_th=area.display_name,
        level=area.level,
        year=year,
        previous_year=table.previous_year,
        synthetic=table.synthetic,
        indicators=[
            IndicatorOut(
                **{
                    **figure.as_dict(),
                    "share_failed": figure.share_failed if figure.share_failed is not None else 0.0,
                }
            )
            for figure in table.indicators
        ],
        unaddressed=table.unaddressed,
        threshold=filters.threshold,
        worst_villages={
            code: [VillageOut(**vars(village)) for village in rows]
            for code, rows in villages.items()
        },
    )
