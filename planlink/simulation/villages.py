"""Synthetic villages (หมู่ที่ 1…N in every real tambon of a province) for demos and benchmarks.

No public list of village codes is in our data (``planlink/areas/data/SOURCES.md`` §1): a real
list is imported with ``planlink areas load-villages``; until then the simulation numbers
villages itself and marks every one ``synthetic=True``.
"""

from __future__ import annotations

import random

from django.db import transaction

from planlink.areas.models import Area
from planlink.core.commands import UserFacingError

# Thailand has about 75,000 villages in about 7,255 tambons: ~10 per tambon.
SYNTHETIC_VILLAGES_PER_TAMBON = (6, 15)


def generate_villages(province_code: str, *, seed: int = 2567) -> dict[str, int]:
    """Make numbered villages (หมู่ที่ 1…N) in every tambon of a province, marked synthetic.

    Bangkok has no villages (khwaeng have communities instead), so it is refused.
    A tambon that already has villages (real or generated) is left alone.
    """
    province = Area.objects.filter(level=Area.Level.PROVINCE, code=province_code).first()
    if province is None:
        raise UserFacingError(
            f"ไม่พบจังหวัดรหัส {province_code}", f"no province with code {province_code}"
        )
    if province_code == "10":
        raise UserFacingError(
            "กรุงเทพมหานครไม่มีหมู่บ้าน (มีชุมชนในแขวง)",
            "Bangkok has no villages (its khwaeng have communities)",
        )
    tambons = list(
        Area.objects.within(province_code)
        .filter(level=Area.Level.TAMBON)
        .values_list("code", flat=True)
    )
    has_villages = set(
        Area.objects.within(province_code)
        .filter(level=Area.Level.VILLAGE)
        .values_list("parent_id", flat=True)
        .distinct()
    )
    new = []
    for tambon in tambons:
        if tambon in has_villages:
            continue
        count = random.Random(f"{seed}:{tambon}").randint(*SYNTHETIC_VILLAGES_PER_TAMBON)
        for number in range(1, count + 1):
            new.append(
                Area(
                    code=f"{tambon}{number:02d}",
                    level=Area.Level.VILLAGE,
                    parent_id=tambon,
                    name_th=f"หมู่ที่ {number}",
                    name_en=f"Moo {number}",
                    kind="village",
                    synthetic=True,
                )
            )
    with transaction.atomic():
        Area.objects.bulk_create(new, batch_size=5000)
    return {"tambons": len(tambons), "villages_created": len(new)}
