"""Reads of survey evidence for the API, the web pages, the CLI and the consolidation engine.

Every selector reads the stored aggregates (one row per year, area and
indicator at every level), never household data, and works for an area of
any level: village, tambon, district or province.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from planlink.areas.models import Area, prefix_range
from planlink.evidence.models import Indicator, IndicatorAggregate, VillageScore
from planlink.plans.models import Project

# PlanLink's default, not a figure from the circulars: an indicator is a need worth a
# project when more than 10% of the area's surveyed households fail it.
UNADDRESSED_THRESHOLD = 0.10
QUERY_CHUNK = 10_000


@dataclass(frozen=True)
class IndicatorFigure:
    """One indicator in one area and year, with the change since the previous survey."""

    code: str
    number: int
    title_th: str
    title_en: str
    category_no: int
    category_th: str
    surveyed: int
    failed: int
    share_failed: float | None
    rank: int
    previous_share_failed: float | None = None
    change: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class VillageFigure:
    code: str
    name_th: str
    surveyed: int
    failed: int
    share_failed: float
    synthetic: bool


@dataclass(frozen=True)
class EvidenceTable:
    """The indicator table of an area for a year (what the API and the CLI print)."""

    area_code: str
    year: int
    indicators: list[IndicatorFigure]
    previous_year: int | None
    synthetic: bool
    unaddressed: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """``{"area", "year", "indicators": [{code, surveyed, failed, share_failed}], "unaddressed"}``
        plus ``"synthetic": true`` when the figures are synthetic."""
        body: dict[str, Any] = {
            "area": self.area_code,
            "year": self.year,
            "indicators": [
                {
                    "code": figure.code,
                    "surveyed": figure.surveyed,
                    "failed": figure.failed,
                    "share_failed": figure.share_failed if figure.share_failed is not None else 0.0,
                }
                for figure in self.indicators
            ],
            "unaddressed": self.unaddressed,
        }
        if self.synthetic:
            body["synthetic"] = True
        return body


def survey_years(*, area_code: str) -> list[int]:
    """Years with figures for this area, newest first."""
    return list(
        IndicatorAggregate.objects.filter(area_id=area_code)
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


def latest_survey_year(*, area_code: str) -> int | None:
    latest: int | None = IndicatorAggregate.objects.filter(area_id=area_code).aggregate(
        latest=Max("year")
    )["latest"]
    return latest


def _rank_key(figure: dict[str, Any]) -> tuple[bool, float, int, int]:
    share = figure["share_failed"]
    return (share is None, -(share or 0.0), -figure["failed"], figure["number"])


def indicator_table(*, area_code: str, year: int) -> list[IndicatorFigure]:
    """Indicators ranked by share of households failing (worst first), with the change
    (in share, 0.05 = 5 points) from the latest earlier survey of the same area.

    Every indicator of the sets surveyed that year appears; one with no household
    surveyed has ``share_failed=None`` and ranks last. An area without figures
    that year gives an empty list.
    """
    rows = list(
        IndicatorAggregate.objects.filter(area_id=area_code, year=year).values(
            "indicator_id", "households_surveyed", "households_failed", "share_failed"
        )
    )
    if not rows:
        return []
    stored = {row["indicator_id"]: row for row in rows}
    indicators = Indicator.objects.filter(
        indicator_set_id__in=Indicator.objects.filter(code__in=stored).values("indicator_set_id")
    ).order_by("indicator_set_id", "number")
    previous_year = _previous_year(area_code, year)
    previous = {}
    if previous_year is not None:
        previous = dict(
            IndicatorAggregate.objects.filter(area_id=area_code, year=previous_year).values_list(
                "indicator_id", "share_failed"
            )
        )
    figures: list[dict[str, Any]] = []
    for indicator in indicators:
        row = stored.get(indicator.code)
        figures.append(
            {
                "code": indicator.code,
                "number": indicator.number,
                "title_th": indicator.title_th,
                "title_en": indicator.title_en,
                "category_no": indicator.category_no,
                "category_th": indicator.category_th,
                "surveyed": row["households_surveyed"] if row else 0,
                "failed": row["households_failed"] if row else 0,
                "share_failed": row["share_failed"] if row else None,
            }
        )
    figures.sort(key=_rank_key)
    result = []
    for rank, figure in enumerate(figures, start=1):
        before = previous.get(figure["code"])
        now = figure["share_failed"]
        result.append(
            IndicatorFigure(
                **figure,
                rank=rank,
                previous_share_failed=before,
                change=None if before is None or now is None else round(now - before, 6),
            )
        )
    return result


def _previous_year(area_code: str, year: int) -> int | None:
    previous: int | None = IndicatorAggregate.objects.filter(
        area_id=area_code, year__lt=year
    ).aggregate(previous=Max("year"))["previous"]
    return previous


def worst_villages(
    *, area_code: str, year: int, indicator_codes: Iterable[str] | None = None, limit: int = 5
) -> dict[str, list[VillageFigure]]:
    """For each indicator, the ``limit`` villages inside the area with the highest share
    failing (ties: more households failing first). One query (window function)."""
    villages = IndicatorAggregate.objects.filter(
        prefix_range("area_id", area_code), year=year, level=Area.Level.VILLAGE
    )
    if indicator_codes is not None:
        villages = villages.filter(indicator_id__in=list(indicator_codes))
    ranked = (
        villages.annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("indicator_id")],
                order_by=[F("share_failed").desc(), F("households_failed").desc(), F("area_id")],
            )
        )
        .filter(position__lte=limit)
        .order_by("indicator_id", "position")
        .values_list(
            "indicator_id",
            "area_id",
            "area__name_th",
            "households_surveyed",
            "households_failed",
            "share_failed",
            "synthetic",
        )
    )
    result: dict[str, list[VillageFigure]] = {}
    for indicator, code, name, surveyed, failed, share, synthetic in ranked:
        result.setdefault(indicator, []).append(
            VillageFigure(code, name, surveyed, failed, share, synthetic)
        )
    return result


def projects_addressing(*, area_code: str, indicator_codes: Iterable[str]) -> QuerySet[Project]:
    """Projects that cite one of the indicators and concern the area.

    A project concerns the area when one of its locations (``Project.areas``) is
    the area, lies inside it, or contains it (a tambon project covers its
    villages); or, when it lists no location, when its plan's scope is the area
    or lies inside it (the area's own plans and the plans below them).
    """
    ancestors = [area_code[:length] for length in (2, 4, 6) if length < len(area_code)]
    located = Q(areas__code__in=[*ancestors, area_code]) | prefix_range("areas__code", area_code)
    unlocated = Q(areas__isnull=True) & prefix_range("plan__scope_code", area_code)
    return Project.objects.filter(indicators__code__in=list(indicator_codes)).filter(
        located | unlocated
    )


def unaddressed_needs(
    *,
    area_code: str,
    year: int,
    threshold: float = UNADDRESSED_THRESHOLD,
    projects: QuerySet[Project] | None = None,
    figures: list[IndicatorFigure] | None = None,
) -> list[IndicatorFigure]:
    """Indicators failing for more than ``threshold`` of the area's households that no
    project concerning the area cites (see :func:`projects_addressing`).

    ``projects`` narrows the projects considered (e.g. one planning cycle's).
    """
    figures = indicator_table(area_code=area_code, year=year) if figures is None else figures
    needs = [
        figure
        for figure in figures
        if figure.share_failed is not None and figure.share_failed > threshold
    ]
    if not needs:
        return []
    codes = [need.code for need in needs]
    citing = projects_addressing(area_code=area_code, indicator_codes=codes)
    if projects is not None:
        citing = citing.filter(pk__in=projects.values("pk"))
    links = Project.indicators.through.objects
    cited = set(
        links.filter(project_id__in=citing.values("pk"), indicator_id__in=codes).values_list(
            "indicator_id", flat=True
        )
    )
    return [figure for figure in needs if figure.code not in cited]


def evidence_table(
    *,
    area_code: str,
    year: int,
    threshold: float = UNADDRESSED_THRESHOLD,
    projects: QuerySet[Project] | None = None,
) -> EvidenceTable:
    """The indicator table and the unaddressed needs of an area for a year."""
    figures = indicator_table(area_code=area_code, year=year)
    unaddressed = unaddressed_needs(
        area_code=area_code, year=year, threshold=threshold, projects=projects, figures=figures
    )
    synthetic = IndicatorAggregate.objects.filter(
        area_id=area_code, year=year, synthetic=True
    ).exists()
    return EvidenceTable(
        area_code=area_code,
        year=year,
        indicators=figures,
        previous_year=_previous_year(area_code, year) if figures else None,
        synthetic=synthetic,
        unaddressed=[figure.code for figure in unaddressed],
    )


def failing_households_for(
    area_codes: Iterable[str], indicator_codes: Iterable[str], year: int
) -> dict[tuple[str, str], tuple[int, int]]:
    """``{(area_code, indicator_code): (households_failed, households_surveyed)}`` in bulk.

    For the consolidation engine: one query per 10,000 areas (a national plan's
    75,000 villages take 8 queries). Pairs without figures are absent; read
    them with ``.get(key, (0, 0))``. Area codes of any level may be mixed.
    """
    areas = sorted(set(area_codes))
    indicators = sorted(set(indicator_codes))
    result: dict[tuple[str, str], tuple[int, int]] = {}
    if not areas or not indicators:
        return result
    for start in range(0, len(areas), QUERY_CHUNK):
        rows = IndicatorAggregate.objects.filter(
            year=year, area_id__in=areas[start : start + QUERY_CHUNK], indicator_id__in=indicators
        ).values_list("area_id", "indicator_id", "households_failed", "households_surveyed")
        for area, indicator, failed, surveyed in rows:
            result[(area, indicator)] = (failed, surveyed)
    return result


def village_score_counts(*, area_code: str, year: int) -> dict[str, dict[int, int]]:
    """กชช.๒ค: for each indicator, how many villages of the area are at level 1, 2 and 3."""
    counts: dict[str, dict[int, int]] = {}
    rows = (
        VillageScore.objects.filter(prefix_range("area_id", area_code), year=year)
        .values_list("indicator_id", "level")
        .annotate(villages=Count("id"))
        .order_by("indicator_id", "level")
    )
    for indicator, level, villages in rows:
        counts.setdefault(indicator, {1: 0, 2: 0, 3: 0})[level] = villages
    return counts
