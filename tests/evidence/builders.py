"""Hand-made survey files for the evidence tests (small enough to count on paper).

Villages are in Chachoengsao (24): 240101 หน้าเมือง and 240102 ท่าไข่ in
district 2401 เมืองฉะเชิงเทรา, and 240201 บางคล้า in district 2402.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

JPT = [f"JPT60-{number:02d}" for number in range(1, 32)]
HEADER = ["village_code", "household_id", "members", *JPT]

# Households: (village, household id, {indicator: value}); every other indicator passes ("1").
# JPT60-24 (no alcohol): failed by 3 of 4 in 24010101, 1 of 2 in 24010102, 0 of 1 in 24010201,
# 2 of 3 in 24020101. JPT60-01 (newborn weight) applies to 3 households only, 1 fails.
HOUSEHOLDS: list[tuple[str, str, dict[str, str]]] = [
    ("24010101", "2401010100011", {"JPT60-24": "0", "JPT60-01": "0"}),
    ("24010101", "2401010100028", {"JPT60-24": "0", "JPT60-01": ""}),
    ("24010101", "2401010100035", {"JPT60-24": "0", "JPT60-01": "1"}),
    ("24010101", "2401010100042", {"JPT60-24": "1", "JPT60-01": ""}),
    ("24010102", "2401010200019", {"JPT60-24": "0", "JPT60-01": ""}),
    ("24010102", "2401010200026", {"JPT60-24": "1", "JPT60-01": ""}),
    ("24010201", "2401020100017", {"JPT60-24": "1", "JPT60-01": "1"}),
    ("24020101", "2402010100015", {"JPT60-24": "0", "JPT60-01": ""}),
    ("24020101", "2402010100022", {"JPT60-24": "0", "JPT60-01": ""}),
    ("24020101", "2402010100039", {"JPT60-24": "1", "JPT60-01": ""}),
]
VILLAGES = sorted({village for village, _, _ in HOUSEHOLDS})

# (failed, surveyed) for JPT60-24 and JPT60-01, counted by hand from HOUSEHOLDS.
EXPECTED = {
    "JPT60-24": {
        "24010101": (3, 4),
        "24010102": (1, 2),
        "24010201": (0, 1),
        "24020101": (2, 3),
        "240101": (4, 6),
        "240102": (0, 1),
        "240201": (2, 3),
        "2401": (4, 7),
        "2402": (2, 3),
        "24": (6, 10),
    },
    "JPT60-01": {
        "24010101": (1, 2),
        "24010201": (0, 1),
        "240101": (1, 2),
        "240102": (0, 1),
        "2401": (1, 3),
        "24": (1, 3),
    },
}


def household_rows(
    households: Iterable[tuple[str, str, dict[str, str]]] = HOUSEHOLDS,
    codes: Sequence[str] = JPT,
) -> list[list[str]]:
    rows = []
    for village, household, values in households:
        rows.append([village, household, "4", *[values.get(code, "1") for code in codes]])
    return rows


def write_csv(path: Path, rows: Iterable[Sequence[object]], header: Sequence[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_households(path: Path, households=HOUSEHOLDS) -> Path:  # noqa: ANN001
    return write_csv(path, household_rows(households))


def dict_resolver(known: Iterable[str], renamed: dict[str, str] | None = None):  # noqa: ANN201
    """A ``VillageResolver`` without a database: ``known`` codes are current."""
    current = set(known)
    renamed = renamed or {}

    def resolve(codes: list[str]) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
        resolved, refused = {}, {}
        for code in codes:
            if code in current:
                resolved[code] = code
            elif code in renamed:
                resolved[code] = renamed[code]
            else:
                refused[code] = (f"ไม่พบรหัสพื้นที่ {code}", f"area code {code} does not exist")
        return resolved, refused

    return resolve
