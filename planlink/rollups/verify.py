"""Compare an area's roll-up rows with a recount from the ledger."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from planlink.rollups.ledger import recount
from planlink.rollups.models import MEASURES, AreaCount
from planlink.rollups.selectors import empty_measures, level_of

CENT = Decimal("0.01")


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal | float):
        return Decimal(value).quantize(CENT)
    return value


def rollups_verify(*, area_code: str, cycle_id: int) -> list[dict[str, Any]]:
    """Every (issue, measure) whose roll-up differs from the ledger; ``[]`` when all agree.
    A cluster (``C05``) is checked as the sum of its provinces' recounts and of its own
    plans' (scope ``C05``, issue 17)."""
    if area_code.startswith("C"):
        from planlink.areas.models import Area

        expected: dict[str, dict[str, Any]] = {}
        provinces = Area.objects.filter(
            level=Area.Level.PROVINCE, cluster__number=int(area_code[1:])
        ).values_list("code", flat=True)
        for scope in [*provinces, area_code]:
            for issue, values in recount(scope, cycle_id).items():
                row = expected.setdefault(issue, empty_measures())
                for name in MEASURES:
                    row[name] += values[name]
    else:
        expected = recount(area_code, cycle_id)
    stored = {
        row["issue_code"]: row
        for row in AreaCount.objects.filter(
            cycle_id=cycle_id, level=level_of(area_code), area_code=area_code
        ).values("issue_code", *MEASURES)
    }
    differences = []
    for issue in sorted(set(expected) | set(stored)):
        want = expected.get(issue) or empty_measures()
        have = stored.get(issue) or empty_measures()
        for name in MEASURES:
            if _plain(want[name] or 0) != _plain(have[name] or 0):
                differences.append(
                    {
                        "issue": issue,
                        "measure": name,
                        "rollup": str(_plain(have[name] or 0)),
                        "ledger": str(_plain(want[name] or 0)),
                    }
                )
    return differences
