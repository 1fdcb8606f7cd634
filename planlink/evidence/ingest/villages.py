"""Village codes in survey files: check the form, map old codes through the crosswalk.

The engine itself knows no database. It asks a ``VillageResolver`` about the
distinct well-formed codes of a file (tens of thousands at most, never one
call per row); the Django side answers from ``areas.Area`` and
``planlink.areas.crosswalk.resolve_codes``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from planlink.evidence.ingest.problems import ProblemKind

VILLAGE_CODE = re.compile(r"^[0-9]{8}$")

# (codes) -> ({code: current village code}, {code: (message_th, message_en)})
VillageResolver = Callable[[list[str]], tuple[dict[str, str], dict[str, tuple[str, str]]]]


@dataclass
class VillageCodeCheck:
    """Raw codes of a file sorted into usable (with their current code) and refused."""

    current: dict[str, str] = field(default_factory=dict)
    refused: dict[str, tuple[ProblemKind, str, str]] = field(default_factory=dict)

    @property
    def remapped(self) -> dict[str, str]:
        """Old codes that the crosswalk mapped to a different current code."""
        return {raw: code for raw, code in self.current.items() if raw.strip() != code}


def check_village_codes(raw_codes: Iterable[str], resolve: VillageResolver) -> VillageCodeCheck:
    """Sort the file's distinct (non-empty) village codes; one resolver call for all of them."""
    check = VillageCodeCheck()
    well_formed: dict[str, list[str]] = {}
    for raw in raw_codes:
        code = raw.strip()
        if VILLAGE_CODE.match(code):
            well_formed.setdefault(code, []).append(raw)
        else:
            check.refused[raw] = (
                ProblemKind.INVALID_VILLAGE_CODE,
                f"รหัสหมู่บ้าน '{raw}' ต้องเป็นตัวเลข 8 หลัก (จังหวัด อำเภอ ตำบล หมู่ที่)",
                f"village code '{raw}' must be 8 digits (province, district, tambon, village)",
            )
    resolved, errors = resolve(sorted(well_formed))
    for code, raws in well_formed.items():
        for raw in raws:
            if code in resolved:
                check.current[raw] = resolved[code]
            else:
                message_th, message_en = errors.get(
                    code, (f"ไม่พบหมู่บ้านรหัส {code}", f"no village with code {code}")
                )
                check.refused[raw] = (ProblemKind.UNKNOWN_VILLAGE_CODE, message_th, message_en)
    return check


def register_code_tables(connection: duckdb.DuckDBPyConnection, check: VillageCodeCheck) -> None:
    """Make ``code_map(raw_code, village_code)`` and ``bad_codes(raw_code, kind, th, en)``."""
    connection.register(
        "code_map_input",
        pa.table(
            {
                "raw_code": pa.array(list(check.current), pa.string()),
                "village_code": pa.array(list(check.current.values()), pa.string()),
            }
        ),
    )
    connection.execute("CREATE OR REPLACE TEMP TABLE code_map AS SELECT * FROM code_map_input")
    connection.unregister("code_map_input")
    refused = list(check.refused.items())
    connection.register(
        "bad_codes_input",
        pa.table(
            {
                "raw_code": pa.array([raw for raw, _ in refused], pa.string()),
                "kind": pa.array([str(reason[0]) for _, reason in refused], pa.string()),
                "message_th": pa.array([reason[1] for _, reason in refused], pa.string()),
                "message_en": pa.array([reason[2] for _, reason in refused], pa.string()),
            }
        ),
    )
    connection.execute("CREATE OR REPLACE TEMP TABLE bad_codes AS SELECT * FROM bad_codes_input")
    connection.unregister("bad_codes_input")
