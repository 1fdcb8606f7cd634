"""Load the administrative hierarchy and registries from the data shipped in ``data/``.

Every loader is idempotent: it reads the file, compares with what is stored and
writes only what differs, so a second run reports zero changes. See
``data/SOURCES.md`` for provenance and licences (GeoThai data is CC BY 4.0).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import models, transaction

from planlink.areas.agencies import SEED_AGENCIES
from planlink.areas.models import (
    AbolishedCode,
    Agency,
    Area,
    LocalGovernment,
    LocalGovernmentCoverage,
    ProvincialCluster,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
BMA_CODE = "BMA"


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, created: int, updated: int) -> None:
        self.created[name] = self.created.get(name, 0) + created
        self.updated[name] = self.updated.get(name, 0) + updated

    @property
    def changed(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())

    def as_dict(self) -> dict[str, Any]:
        return {"created": self.created, "updated": self.updated, "changed": self.changed}


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


def _decimal(value: str, places: int = 6) -> Decimal | None:
    if not value:
        return None
    try:
        return Decimal(value).quantize(Decimal(1).scaleb(-places))
    except InvalidOperation:
        return None


def sync_rows(
    model: type[models.Model], rows: Iterable[dict[str, Any]], key: str = "pk"
) -> tuple[int, int]:
    """Create missing rows and update changed ones; return ``(created, updated)``."""
    wanted = {row[key]: row for row in rows}
    fields = sorted({name for row in wanted.values() for name in row if name != key})
    lookup = "pk" if key == "pk" else key
    existing = {
        getattr(obj, "pk" if key == "pk" else key): obj
        for obj in model._default_manager.filter(**{f"{lookup}__in": list(wanted)})
    }
    to_create, to_update = [], []
    for identity, row in wanted.items():
        obj = existing.get(identity)
        if obj is None:
            to_create.append(
                model(
                    **({"pk": identity} if key == "pk" else {key: identity}),
                    **{name: value for name, value in row.items() if name != key},
                )
            )
            continue
        changed = False
        for name in fields:
            if name in row and getattr(obj, name) != row[name]:
                setattr(obj, name, row[name])
                changed = True
        if changed:
            to_update.append(obj)
    model._default_manager.bulk_create(to_create, batch_size=2000)
    if to_update:
        model._default_manager.bulk_update(to_update, fields, batch_size=1000)
    return len(to_create), len(to_update)


def _cluster_rows() -> tuple[list[dict[str, Any]], dict[str, int]]:
    clusters: dict[int, dict[str, Any]] = {}
    province_cluster: dict[str, int] = {}
    for row in read_csv(DATA_DIR / "th_provincial_clusters.csv"):
        number = int(row["cluster_no"])
        clusters[number] = {
            "number": number,
            "name_th": row["cluster_name_th"],
            "name_en": row["cluster_name_en"],
            "macro_region_th": row["macro_region_th"],
            "macro_region_en": row["macro_region_en"],
        }
        province_cluster[row["province_code"]] = number
    return list(clusters.values()), province_cluster


def _area_rows(cluster_ids: dict[str, int]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for row in read_csv(DATA_DIR / "th_provinces.csv"):
        rows.append(
            {
                "pk": row["province_code"],
                "level": Area.Level.PROVINCE,
                "parent_id": None,
                "name_th": row["name_th"],
                "name_en": row["name_en"],
                "kind": "province",
                "cluster_id": cluster_ids.get(row["province_code"]),
                "region_th": row["region6_th"],
                "region_en": row["region6_en"],
            }
        )
    for row in read_csv(DATA_DIR / "th_districts.csv"):
        rows.append(
            {
                "pk": row["district_code"],
                "level": Area.Level.DISTRICT,
                "parent_id": row["province_code"],
                "name_th": row["name_th"],
                "name_en": row["name_en"],
                "name_en_alt": row["name_en_alt"],
                "kind": row["kind"],
            }
        )
    for row in read_csv(DATA_DIR / "th_subdistricts.csv"):
        rows.append(
            {
                "pk": row["subdistrict_code"],
                "level": Area.Level.TAMBON,
                "parent_id": row["district_code"],
                "name_th": row["name_th"],
                "name_en": row["name_en"],
                "name_en_alt": row["name_en_alt"],
                "kind": row["kind"],
                "postal_codes": row["postal_codes"],
                "latitude": _decimal(row["lat"]),
                "longitude": _decimal(row["lon"]),
            }
        )
    return rows


def _abolished_rows() -> list[dict[str, Any]]:
    return [
        {
            "pk": row["code"],
            "level": row["level"],
            "parent_code": row["parent_code"],
            "name_th": row["name_th"],
            "name_en": row["name_en"],
            "abolished_on": dt.date.fromisoformat(row["abolished_on"])
            if row["abolished_on"]
            else None,
            "successor_codes": row["successor_codes"],
            "successors_basis": row["successors_basis"],
        }
        for row in read_csv(DATA_DIR / "th_admin_abolished_codes.csv")
    ]


def _lao_rows() -> list[dict[str, Any]]:
    rows = [
        {
            "pk": row["lao_code"],
            "name_th": row["name_th"],
            "full_name_th": row["full_name_th"],
            "kind": row["type"],
            "province_id": row["province_code"],
            "district_id": row["district_code"] or None,
            "latitude": _decimal(row["lat"]),
            "longitude": _decimal(row["lon"]),
        }
        for row in read_csv(DATA_DIR / "th_local_authorities_dla.csv")
    ]
    # Bangkok Metropolitan Administration is not in DLA's registry (SOURCES.md §2).
    rows.append(
        {
            "pk": BMA_CODE,
            "name_th": "กรุงเทพมหานคร",
            "full_name_th": "กรุงเทพมหานคร",
            "kind": LocalGovernment.Kind.BMA,
            "province_id": "10",
            "district_id": None,
            "latitude": None,
            "longitude": None,
        }
    )
    return rows


def _agency_rows() -> list[dict[str, Any]]:
    return [
        {"pk": code, "name_th": th, "name_en": en, "ministry_th": mth, "ministry_en": men}
        for code, th, en, mth, men in SEED_AGENCIES
    ]


@transaction.atomic
def load_reference_data() -> LoadReport:
    """Load clusters, areas, abolished codes, LAOs, inferred LAO coverage and agencies."""
    report = LoadReport()
    cluster_rows, province_cluster = _cluster_rows()
    report.add("clusters", *sync_rows(ProvincialCluster, cluster_rows, key="number"))
    cluster_ids = {
        code: ProvincialCluster.objects.values_list("pk", flat=True).get(number=number)
        for code, number in province_cluster.items()
    }
    areas = _area_rows(cluster_ids)
    # Parents first so foreign keys hold on PostgreSQL's immediate checks.
    for level in (Area.Level.PROVINCE, Area.Level.DISTRICT, Area.Level.TAMBON):
        report.add("areas", *sync_rows(Area, [row for row in areas if row["level"] == level]))
    report.add("abolished_codes", *sync_rows(AbolishedCode, _abolished_rows()))
    report.add("local_governments", *sync_rows(LocalGovernment, _lao_rows()))
    report.add("lao_coverage", infer_lao_coverage(), 0)
    existing_agencies = set(Agency.objects.values_list("pk", flat=True))
    report.add(
        "agencies",
        *sync_rows(Agency, [row for row in _agency_rows() if row["pk"] not in existing_agencies]),
    )
    return report


def infer_lao_coverage() -> int:
    """Give every tambon with no coverage one LAO of its district (marked ``inferred``).

    The real LAO→tambon table (DLA ``re01_9112566tambon.csv``) is not in our
    data; ``planlink areas load-lao-coverage`` imports it when available and
    replaces inferred rows. Municipalities and อบต. of a district are assigned
    to its tambons in code order, round-robin; Bangkok's khwaeng go to the BMA.
    Returns the number of rows created.
    """
    covered = set(LocalGovernmentCoverage.objects.values_list("tambon_id", flat=True))
    laos_by_district: dict[str, list[str]] = {}
    for code, district in (
        LocalGovernment.objects.exclude(kind=LocalGovernment.Kind.PAO)
        .exclude(district=None)
        .order_by("code")
        .values_list("code", "district_id")
    ):
        laos_by_district.setdefault(district, []).append(code)
    new_rows = []
    position: dict[str, int] = {}
    for tambon, district in (
        Area.objects.filter(level=Area.Level.TAMBON)
        .order_by("code")
        .values_list("code", "parent_id")
    ):
        if tambon in covered:
            continue
        if tambon.startswith("10"):
            lao = BMA_CODE
        else:
            candidates = laos_by_district.get(district)
            if not candidates:
                continue
            index = position.get(district, 0)
            position[district] = index + 1
            lao = candidates[index % len(candidates)]
        new_rows.append(
            LocalGovernmentCoverage(local_government_id=lao, tambon_id=tambon, inferred=True)
        )
    LocalGovernmentCoverage.objects.bulk_create(new_rows, batch_size=2000)
    return len(new_rows)
