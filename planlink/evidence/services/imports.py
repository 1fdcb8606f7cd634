"""Import survey files: check with the engine, then replace the stored figures atomically.

Re-importing a year replaces it: inside one transaction the figures of that
year and indicator set in every province the new file covers are deleted and
the new ones inserted, so readers see either the old figures or the new, never
a mixture. Provinces the file does not cover keep their figures (provincial
CDD offices send their own files).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction

from planlink.areas.crosswalk import resolve_codes
from planlink.audit.services import audit_record
from planlink.core.errors import DomainError
from planlink.core.types import acting_user
from planlink.evidence.ingest.households import SurveyAggregation, aggregate_household_file
from planlink.evidence.ingest.village_files import aggregate_village_file, read_score_file
from planlink.evidence.models import IndicatorAggregate, IndicatorSet, SurveyImport, VillageScore
from planlink.evidence.storage import insert_aggregates, insert_scores, provinces_filter
from planlink.evidence.synthetic import is_synthetic_parquet

if TYPE_CHECKING:
    from planlink.core.types import Actor

RESOLVE_CHUNK = 5_000
# DuckDB spills to disk past this, keeping a national import well under the 4 GB target.
DEFAULT_MEMORY_LIMIT = "2GB"
FIRST_YEAR, LAST_YEAR = 2500, 2700  # B.E.; 2024 would be an A.D. year typed by mistake


def village_resolver(codes: list[str]) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """The engine's ``VillageResolver`` backed by ``areas``: current code, or why not."""
    resolved: dict[str, str] = {}
    refused: dict[str, tuple[str, str]] = {}
    for start in range(0, len(codes), RESOLVE_CHUNK):
        found, errors = resolve_codes(codes[start : start + RESOLVE_CHUNK])
        resolved.update(found)
        refused.update(
            {code: (error.message_th, error.message_en) for code, error in errors.items()}
        )
    return resolved, refused


def survey_set(code: str, *, kind: str) -> tuple[IndicatorSet, list[str]]:
    """The indicator set and its indicator codes (by number); refuses a set of the wrong kind."""
    indicator_set = IndicatorSet.objects.filter(code=code).first()
    if indicator_set is None:
        known = ", ".join(IndicatorSet.objects.values_list("code", flat=True)) or "-"
        raise DomainError(
            f"ไม่พบชุดตัวชี้วัด {code} (ที่มี: {known}; โหลดด้วย planlink evidence load-indicators)",
            f"no indicator set {code} (known: {known}; add one with planlink evidence load-indicators)",
        )
    if indicator_set.kind != kind:
        raise DomainError(
            f"ชุดตัวชี้วัด {code} เป็น {indicator_set.get_kind_display()} ใช้กับไฟล์นี้ไม่ได้",
            f"indicator set {code} is of kind {indicator_set.kind}, not {kind}",
        )
    codes = list(indicator_set.indicators.order_by("number").values_list("code", flat=True))
    if not codes:
        raise DomainError(f"ชุดตัวชี้วัด {code} ยังไม่มีตัวชี้วัด", f"indicator set {code} has no indicators")
    return indicator_set, codes


def check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError(
            f"ปี {year} ไม่ถูกต้อง: ใช้ปีพุทธศักราช เช่น 2567",
            f"year {year} is not valid: use the Buddhist Era year, e.g. 2567",
        )


def survey_import_households(
    *,
    path: Path,
    year: int,
    indicator_set_code: str = "JPT60",
    user: Actor = None,
    synthetic: bool | None = None,
    memory_limit: str | None = None,
    threads: int | None = None,
) -> SurveyImport:
    """Import a household-level จปฐ. file (CSV, Excel, Parquet); stores aggregates only.

    ``synthetic=None`` marks the import synthetic when the Parquet file says so.
    Raises ``SurveyFileRejected`` (nothing stored) or ``DomainError``.
    """
    check_year(year)
    indicator_set, codes = survey_set(indicator_set_code, kind=IndicatorSet.Kind.JPT)
    started = time.monotonic()
    aggregation = aggregate_household_file(
        path,
        indicator_codes=codes,
        resolve_villages=village_resolver,
        memory_limit=memory_limit or DEFAULT_MEMORY_LIMIT,
        threads=threads,
    )
    return survey_store_aggregation(
        kind=SurveyImport.Kind.HOUSEHOLDS,
        path=path,
        year=year,
        indicator_set=indicator_set,
        codes=codes,
        aggregation=aggregation,
        user=user,
        synthetic=is_synthetic_parquet(path) if synthetic is None else synthetic,
        started=started,
    )


def survey_import_villages(
    *,
    path: Path,
    year: int,
    indicator_set_code: str = "JPT60",
    user: Actor = None,
    synthetic: bool = False,
) -> SurveyImport:
    """Import จปฐ. figures already aggregated per village, rolled up to every level."""
    check_year(year)
    indicator_set, codes = survey_set(indicator_set_code, kind=IndicatorSet.Kind.JPT)
    started = time.monotonic()
    aggregation = aggregate_village_file(
        path, indicator_codes=codes, resolve_villages=village_resolver
    )
    return survey_store_aggregation(
        kind=SurveyImport.Kind.VILLAGES,
        path=path,
        year=year,
        indicator_set=indicator_set,
        codes=codes,
        aggregation=aggregation,
        user=user,
        synthetic=synthetic,
        started=started,
    )


def survey_store_aggregation(
    *,
    kind: str,
    path: Path,
    year: int,
    indicator_set: IndicatorSet,
    codes: Sequence[str],
    aggregation: SurveyAggregation,
    user: Actor,
    synthetic: bool,
    started: float,
) -> SurveyImport:
    """Replace the year's figures in the provinces the aggregation covers (one transaction).

    ``started`` is the ``time.monotonic()`` of the start of the import (for the record).
    """
    with transaction.atomic():
        IndicatorSet.objects.select_for_update().filter(pk=indicator_set.pk).first()
        survey_import = SurveyImport.objects.create(
            year=year,
            indicator_set=indicator_set,
            kind=kind,
            source_name=path.name[:255],
            rows_read=aggregation.rows_read,
            villages=aggregation.villages,
            province_codes=",".join(aggregation.province_codes),
            remapped_codes=aggregation.remapped_codes,
            synthetic=synthetic,
            imported_by=acting_user(user),
        )
        replaced, _ = (
            IndicatorAggregate.objects.filter(year=year, indicator_id__in=codes)
            .filter(provinces_filter("area_id", aggregation.province_codes))
            .delete()
        )
        stored = insert_aggregates(
            aggregation.aggregates,
            year=year,
            synthetic=synthetic,
            survey_import_id=survey_import.pk,
        )
        survey_import.aggregates_stored = stored
        survey_import.seconds = round(time.monotonic() - started, 3)
        survey_import.save(update_fields=["aggregates_stored", "seconds"])
        _audit(user, survey_import, replaced=replaced, stored=stored)
    return survey_import


def survey_import_scores(
    *,
    path: Path,
    year: int,
    indicator_set_code: str = "KCH60",
    user: Actor = None,
    synthetic: bool = False,
) -> SurveyImport:
    """Import กชช.๒ค village scores (1–3); replaces that year's scores in the provinces covered."""
    check_year(year)
    indicator_set, codes = survey_set(indicator_set_code, kind=IndicatorSet.Kind.KCHCH2K)
    started = time.monotonic()
    table = read_score_file(path, indicator_codes=codes, resolve_villages=village_resolver)
    with transaction.atomic():
        IndicatorSet.objects.select_for_update().filter(pk=indicator_set.pk).first()
        survey_import = SurveyImport.objects.create(
            year=year,
            indicator_set=indicator_set,
            kind=SurveyImport.Kind.SCORES,
            source_name=path.name[:255],
            rows_read=table.rows_read,
            villages=table.villages,
            province_codes=",".join(table.province_codes),
            remapped_codes=table.remapped_codes,
            synthetic=synthetic,
            imported_by=acting_user(user),
        )
        replaced, _ = (
            VillageScore.objects.filter(year=year, indicator_id__in=codes)
            .filter(provinces_filter("area_id", table.province_codes))
            .delete()
        )
        stored = insert_scores(
            table.scores, year=year, synthetic=synthetic, survey_import_id=survey_import.pk
        )
        survey_import.aggregates_stored = stored
        survey_import.seconds = round(time.monotonic() - started, 3)
        survey_import.save(update_fields=["aggregates_stored", "seconds"])
        _audit(user, survey_import, replaced=replaced, stored=stored)
    return survey_import


def _audit(user: Actor, survey_import: SurveyImport, *, replaced: int, stored: int) -> None:
    audit_record(
        actor=user,
        action=f"evidence.survey_imported.{survey_import.kind}",
        obj=survey_import,
        changes={
            "year": survey_import.year,
            "indicator_set": survey_import.indicator_set_id,
            "rows_read": survey_import.rows_read,
            "replaced": replaced,
            "stored": stored,
            "synthetic": survey_import.synthetic,
        },
        scope_code=survey_import.province_codes[:8]
        if "," not in survey_import.province_codes
        else "",
        message=f"{survey_import.source_name} ({survey_import.year})",
    )
