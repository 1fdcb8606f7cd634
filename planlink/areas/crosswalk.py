"""Map DOPA codes found in old files to the codes in force today.

Source: GeoThai ``abolished.json`` (CC BY 4.0), shipped as
``data/th_admin_abolished_codes.csv``. Example: Bangkok's 104701 บางนา was
split into 104702 and 104703 in 2022 — a file that still says 104701 cannot be
mapped to one successor, and the error says so.
"""

from __future__ import annotations

from collections.abc import Iterable

from planlink.areas.models import AbolishedCode, Area


class AreaCodeError(ValueError):
    """A code that is unknown, or abolished without a single successor."""

    def __init__(self, code: str, message_th: str, message_en: str) -> None:
        super().__init__(f"{message_th} / {message_en}")
        self.code = code
        self.message_th = message_th
        self.message_en = message_en


def _explain(code: str, abolished: AbolishedCode | None) -> AreaCodeError:
    if abolished is None:
        return AreaCodeError(code, f"ไม่พบรหัสพื้นที่ {code}", f"area code {code} does not exist")
    successors = abolished.successors
    if not successors:
        return AreaCodeError(
            code,
            f"รหัส {code} ({abolished.name_th}) ถูกยกเลิกแล้วและไม่มีรหัสใหม่ที่แทน",
            f"code {code} ({abolished.name_en or abolished.name_th}) was abolished with no successor",
        )
    joined = ", ".join(successors)
    return AreaCodeError(
        code,
        f"รหัส {code} ({abolished.name_th}) ถูกยกเลิกและแยกเป็นหลายรหัส ({joined}) โปรดระบุรหัสใหม่",
        f"code {code} was abolished and split into {joined}; give the current code",
    )


def resolve_codes(codes: Iterable[str]) -> tuple[dict[str, str], dict[str, AreaCodeError]]:
    """Resolve many codes in a few queries: ``({code: current_code}, {code: error})``.

    Village codes (8 digits) have no abolished list of their own; a village code
    whose tambon was abolished is mapped by replacing its tambon part.
    """
    wanted = {code.strip() for code in codes}
    current = set(Area.objects.filter(code__in=wanted).values_list("code", flat=True))
    resolved: dict[str, str] = {code: code for code in current}
    pending = wanted - current
    if not pending:
        return resolved, {}
    lookups = pending | {code[:6] for code in pending if len(code) == 8}
    abolished = {row.code: row for row in AbolishedCode.objects.filter(code__in=lookups)}
    candidates: dict[str, str] = {}
    errors: dict[str, AreaCodeError] = {}
    for code in pending:
        record = abolished.get(code)
        if record is None and len(code) == 8 and code[:6] in abolished:
            tambon = abolished[code[:6]]
            if len(tambon.successors) == 1:
                candidates[code] = tambon.successors[0] + code[6:]
                continue
            errors[code] = _explain(code[:6], tambon)
            continue
        if record is not None and len(record.successors) == 1:
            candidates[code] = record.successors[0]
        else:
            errors[code] = _explain(code, record)
    existing = set(Area.objects.filter(code__in=candidates.values()).values_list("code", flat=True))
    for code, successor in candidates.items():
        if successor in existing:
            resolved[code] = successor
        else:
            errors[code] = AreaCodeError(
                code,
                f"รหัส {code} ถูกยกเลิก รหัสใหม่ {successor} ยังไม่มีในระบบ",
                f"code {code} was abolished; its successor {successor} is not loaded",
            )
    return resolved, errors


def resolve_code(code: str) -> str:
    """The current code for ``code``; raises :class:`AreaCodeError` when there is none."""
    resolved, errors = resolve_codes([code])
    if code.strip() in errors:
        raise errors[code.strip()]
    return resolved[code.strip()]
