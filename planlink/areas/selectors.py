"""Read-side queries for areas."""

from __future__ import annotations

from django.db.models import Count

from planlink.areas.models import Agency, Area, LocalGovernment, ProvincialCluster


def area_stats() -> dict[str, int]:
    """Counts per level — the shape ``planlink areas stats --json`` prints."""
    by_level = dict(
        Area.objects.values_list("level").annotate(n=Count("code")).values_list("level", "n")
    )
    return {
        "clusters": ProvincialCluster.objects.count(),
        "provinces": by_level.get(Area.Level.PROVINCE, 0),
        "districts": by_level.get(Area.Level.DISTRICT, 0),
        "tambons": by_level.get(Area.Level.TAMBON, 0),
        "villages": by_level.get(Area.Level.VILLAGE, 0),
        "local_governments": LocalGovernment.objects.count(),
        "agencies": Agency.objects.count(),
    }


def area_path(code: str) -> list[Area]:
    """The area and its ancestors, province first."""
    codes = [code[:length] for length in (2, 4, 6, 8) if length <= len(code)]
    found = {area.code: area for area in Area.objects.filter(code__in=codes)}
    return [found[c] for c in codes if c in found]
