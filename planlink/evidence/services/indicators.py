"""Load indicator sets (editions) from CSV files: idempotent, audited, no code changes needed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction

from planlink.audit.services import audit_record
from planlink.core.errors import DomainError
from planlink.evidence.indicator_files import (
    DEFAULT_INDICATOR_FILES,
    IndicatorSetFile,
    read_indicator_file,
)
from planlink.evidence.models import Indicator, IndicatorSet

if TYPE_CHECKING:
    from planlink.core.types import Actor


def indicator_set_load(*, path: Path, user: Actor = None) -> dict[str, Any]:
    """Add or update the edition described by ``path``; refuses a file with any bad row.

    Returns ``{"set": code, "created": n, "updated": n, "unchanged": n}``.
    Indicators already stored but absent from the file are kept (aggregates may cite them).
    """
    parsed = read_indicator_file(path)
    with transaction.atomic():
        result = _apply(parsed)
        if result["created"] or result["updated"]:
            audit_record(
                actor=user,
                action="evidence.indicator_set_loaded",
                obj=IndicatorSet.objects.get(pk=parsed.code),
                changes={key: result[key] for key in ("created", "updated")},
                message=f"{path.name}: {parsed.name_th}",
            )
    return result


def load_default_indicators() -> dict[str, Any]:
    """Load the shipped sets (จปฐ. 2560-2564 ``JPT60``, กชช.๒ค ``KCH60``); safe to call again."""
    results = [indicator_set_load(path=path) for path in DEFAULT_INDICATOR_FILES]
    return {
        "sets": [result["set"] for result in results],
        "created": sum(result["created"] for result in results),
        "updated": sum(result["updated"] for result in results),
    }


def _apply(parsed: IndicatorSetFile) -> dict[str, Any]:
    existing_set = IndicatorSet.objects.select_for_update().filter(code=parsed.code).first()
    if existing_set is not None and existing_set.kind != parsed.kind:
        raise DomainError(
            f"ชุดตัวชี้วัด {parsed.code} มีอยู่แล้วเป็นชนิด {existing_set.kind} ไม่ใช่ {parsed.kind}",
            f"indicator set {parsed.code} already exists as {existing_set.kind}, not {parsed.kind}",
        )
    codes = [row.code for row in parsed.indicators]
    elsewhere = sorted(
        Indicator.objects.filter(code__in=codes)
        .exclude(indicator_set_id=parsed.code)
        .values_list("code", flat=True)
    )
    if elsewhere:
        raise DomainError(
            f"รหัสตัวชี้วัด {', '.join(elsewhere)} เป็นของชุดอื่นแล้ว",
            f"indicator code(s) {', '.join(elsewhere)} belong to another set",
        )
    set_values = {
        "kind": parsed.kind,
        "name_th": parsed.name_th,
        "edition": parsed.edition,
        "source": parsed.source,
    }
    created = updated = unchanged = 0
    if existing_set is None:
        IndicatorSet.objects.create(code=parsed.code, **set_values)
    elif any(getattr(existing_set, key) != value for key, value in set_values.items()):
        IndicatorSet.objects.filter(pk=parsed.code).update(**set_values)
    stored = {indicator.code: indicator for indicator in Indicator.objects.filter(code__in=codes)}
    numbers = dict(
        Indicator.objects.filter(indicator_set_id=parsed.code).values_list("number", "code")
    )
    for row in parsed.indicators:
        holder = numbers.get(row.number)
        if holder is not None and holder != row.code:
            raise DomainError(
                f"ลำดับที่ {row.number} ของชุด {parsed.code} เป็นของ {holder} อยู่แล้ว",
                f"number {row.number} of set {parsed.code} already belongs to {holder}",
            )
        values = {
            "indicator_set_id": parsed.code,
            "number": row.number,
            "category_no": row.category_no,
            "category_th": row.category_th,
            "category_en": row.category_en,
            "title_th": row.title_th,
            "title_en": row.title_en,
            "criterion": row.criterion,
            "source": row.source,
        }
        current = stored.get(row.code)
        if current is None:
            Indicator.objects.create(code=row.code, **values)
            created += 1
        elif any(getattr(current, key) != value for key, value in values.items()):
            Indicator.objects.filter(pk=row.code).update(**values)
            updated += 1
        else:
            unchanged += 1
    return {"set": parsed.code, "created": created, "updated": updated, "unchanged": unchanged}
