"""A synthetic จปฐ. survey for one province (ข้อมูลสังเคราะห์ — demo and tests only).

It writes a synthetic household file and imports it through the real import
path, so the demo exercises the same checks and roll-up as a real file. The
import, its aggregates and every screen that shows them are marked synthetic.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from planlink.areas.models import Area
from planlink.core.errors import DomainError
from planlink.evidence.models import IndicatorSet, SurveyImport
from planlink.evidence.services.imports import check_year, survey_import_households, survey_set
from planlink.simulation.households import write_synthetic_households
from planlink.simulation.villages import generate_villages

if TYPE_CHECKING:
    from planlink.core.types import Actor

MEAN_HOUSEHOLDS_PER_VILLAGE = 150  # about 12 million households / 75,000 villages
AREA_SEED = 2560  # the same areas stay poorer or better off from one year to the next
YEARLY_IMPROVEMENT = 0.95  # invented: failure rates fall 5% a year


def survey_generate(
    *,
    province_code: str,
    year: int,
    indicator_set_code: str = "JPT60",
    households_per_village: int = MEAN_HOUSEHOLDS_PER_VILLAGE,
    user: Actor = None,
) -> SurveyImport:
    """Generate and import a synthetic household survey for every village of a province.

    A province without villages first gets synthetic ones (``simulation.villages``
    numbers หมู่ที่ 1…N per tambon). Re-running the same year replaces it.
    """
    check_year(year)
    survey_set(indicator_set_code, kind=IndicatorSet.Kind.JPT)
    if not Area.objects.filter(code=province_code, level=Area.Level.PROVINCE).exists():
        raise DomainError(f"ไม่พบจังหวัดรหัส {province_code}", f"no province {province_code}")
    villages = _village_codes(province_code)
    if not villages:
        generate_villages(province_code)
        villages = _village_codes(province_code)
    codes = survey_set(indicator_set_code, kind=IndicatorSet.Kind.JPT)[1]
    with tempfile.TemporaryDirectory(prefix="planlink-synthetic-") as scratch:
        path = Path(scratch) / f"synthetic_households_{province_code}_{year}.parquet"
        write_synthetic_households(
            path,
            households=len(villages) * households_per_village,
            village_codes=villages,
            indicator_codes=codes,
            seed=year,
            area_seed=AREA_SEED,
            rate_factor=YEARLY_IMPROVEMENT ** max(0, year - AREA_SEED),
        )
        return survey_import_households(
            path=path,
            year=year,
            indicator_set_code=indicator_set_code,
            user=user,
            synthetic=True,
        )


def _village_codes(province_code: str) -> list[str]:
    return list(
        Area.objects.within(province_code)
        .filter(level=Area.Level.VILLAGE)
        .order_by("code")
        .values_list("code", flat=True)
    )
