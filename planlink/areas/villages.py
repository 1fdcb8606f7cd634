"""Villages (หมู่บ้าน, 8-digit DOPA codes) and LAO coverage imports.

No public list of village codes is in our data (``data/SOURCES.md`` §1), so a
real list is imported from a CSV; the demo's numbered villages, marked ``synthetic=True``,
are made by the simulation (``planlink.simulation.villages``).
"""

from __future__ import annotations

import re
from pathlib import Path

from django.db import transaction

from planlink.areas.crosswalk import resolve_codes
from planlink.areas.loaders import read_csv, sync_rows
from planlink.areas.models import Area, LocalGovernment, LocalGovernmentCoverage
from planlink.core.commands import UserFacingError

VILLAGE_CODE = re.compile(r"^[0-9]{8}$")


def _require_columns(path: Path, fieldnames: list[str] | None, required: list[str]) -> None:
    missing = [name for name in required if name not in (fieldnames or [])]
    if missing:
        raise UserFacingError(
            f"ไฟล์ {path.name} ขาดคอลัมน์ {', '.join(missing)} (ต้องมี {', '.join(required)})",
            f"{path.name} lacks the column(s) {', '.join(missing)}; required: {', '.join(required)}",
        )


def load_villages(path: Path) -> dict[str, int]:
    """Import ``village_code,name_th``; any bad row refuses the whole file."""
    rows = list(read_csv(path))
    with path.open(encoding="utf-8-sig") as handle:
        header = handle.readline().strip().split(",")
    _require_columns(path, header, ["village_code", "name_th"])
    problems: list[dict[str, object]] = []
    seen: dict[str, int] = {}
    tambon_codes = {row["village_code"].strip()[:6] for row in rows}
    resolved, _errors = resolve_codes(tambon_codes)
    tambons = set(
        Area.objects.filter(level=Area.Level.TAMBON, code__in=set(resolved.values())).values_list(
            "code", flat=True
        )
    )
    wanted = []
    for number, row in enumerate(rows, start=2):
        code = (row.get("village_code") or "").strip()
        name = (row.get("name_th") or "").strip()
        if not VILLAGE_CODE.match(code):
            problems.append(
                {
                    "row": number,
                    "column": "village_code",
                    "problem": f"รหัสหมู่บ้าน '{code}' ต้องเป็นตัวเลข 8 หลัก / must be 8 digits",
                }
            )
            continue
        tambon = resolved.get(code[:6])
        if tambon not in tambons:
            problems.append(
                {
                    "row": number,
                    "column": "village_code",
                    "problem": f"ไม่พบตำบลรหัส {code[:6]} ของหมู่บ้าน {code} / unknown tambon {code[:6]}",
                }
            )
            continue
        if code[6:] == "00":
            problems.append(
                {
                    "row": number,
                    "column": "village_code",
                    "problem": f"เลขหมู่ที่ 00 ไม่ถูกต้อง ({code}) / village number 00 is invalid",
                }
            )
            continue
        if not name:
            problems.append(
                {"row": number, "column": "name_th", "problem": "ไม่มีชื่อหมู่บ้าน / name_th is empty"}
            )
            continue
        if len(name) > 200:
            problems.append(
                {
                    "row": number,
                    "column": "name_th",
                    "problem": "ชื่อยาวเกิน 200 ตัวอักษร / longer than 200 characters",
                }
            )
            continue
        current = tambon + code[6:]
        if current in seen:
            problems.append(
                {
                    "row": number,
                    "column": "village_code",
                    "problem": f"รหัส {code} ซ้ำกับแถวที่ {seen[current]} / duplicate of row {seen[current]}",
                }
            )
            continue
        seen[current] = number
        wanted.append(
            {
                "pk": current,
                "level": Area.Level.VILLAGE,
                "parent_id": tambon,
                "name_th": name,
                "kind": "village",
                "synthetic": False,
            }
        )
    if problems:
        raise UserFacingError(
            f"ไม่ได้นำเข้าไฟล์ {path.name}: พบปัญหา {len(problems)} แถว (ไม่มีข้อมูลใดถูกบันทึก)",
            f"{path.name} was not imported: {len(problems)} problem(s); nothing was saved",
            problems,
        )
    with transaction.atomic():
        created, updated = sync_rows(Area, wanted)
    return {"rows": len(wanted), "created": created, "updated": updated}


def load_lao_coverage(path: Path) -> dict[str, int]:
    """Import ``lao_code,tambon_code`` rows; replaces inferred coverage of the tambons named."""
    rows = list(read_csv(path))
    with path.open(encoding="utf-8-sig") as handle:
        header = handle.readline().strip().split(",")
    _require_columns(path, header, ["lao_code", "tambon_code"])
    laos = set(LocalGovernment.objects.values_list("code", flat=True))
    resolved, errors = resolve_codes({(row.get("tambon_code") or "").strip() for row in rows})
    problems: list[dict[str, object]] = []
    pairs: set[tuple[str, str]] = set()
    for number, row in enumerate(rows, start=2):
        lao = (row.get("lao_code") or "").strip()
        tambon = (row.get("tambon_code") or "").strip()
        if lao not in laos:
            problems.append(
                {
                    "row": number,
                    "column": "lao_code",
                    "problem": f"ไม่พบ อปท. รหัส {lao} / unknown LAO code",
                }
            )
        elif tambon in errors or len(resolved.get(tambon, "")) != 6:
            problems.append(
                {
                    "row": number,
                    "column": "tambon_code",
                    "problem": f"รหัสตำบล {tambon} ไม่ถูกต้อง / invalid tambon code",
                }
            )
        else:
            pairs.add((lao, resolved[tambon]))
    if problems:
        raise UserFacingError(
            f"ไม่ได้นำเข้าไฟล์ {path.name}: พบปัญหา {len(problems)} แถว",
            f"{path.name} was not imported: {len(problems)} problem(s)",
            problems,
        )
    tambons = {tambon for _, tambon in pairs}
    with transaction.atomic():
        removed, _ = LocalGovernmentCoverage.objects.filter(
            tambon_id__in=tambons, inferred=True
        ).delete()
        existing = set(
            LocalGovernmentCoverage.objects.filter(tambon_id__in=tambons).values_list(
                "local_government_id", "tambon_id"
            )
        )
        new = [
            LocalGovernmentCoverage(local_government_id=lao, tambon_id=tambon, inferred=False)
            for lao, tambon in sorted(pairs - existing)
        ]
        LocalGovernmentCoverage.objects.bulk_create(new, batch_size=5000)
    return {"rows": len(rows), "created": len(new), "inferred_removed": removed}
