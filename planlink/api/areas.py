"""``/areas`` — the administrative hierarchy (public reference data, no token needed)."""

from django.db.models import Count, Q
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from planlink.api.schemas import ERRORS, Pages
from planlink.areas.models import Area, prefix_range
from planlink.core.errors import NotFound

router = Router()


class AreaOut(Schema):
    code: str
    level: str
    name_th: str
    name_en: str
    display_name: str
    parent_code: str | None = None
    synthetic: bool

    @staticmethod
    def resolve_parent_code(area: Area) -> str | None:
        return area.parent_id


class AreaDetailOut(AreaOut):
    children: int = Field(description="direct children")
    below: dict[str, int] = Field(description="areas below, per level")
    ancestors: list[AreaOut]

    @staticmethod
    def resolve_children(area: Area) -> int:
        return area.children_count  # type: ignore[attr-defined]


class AreaFilters(Schema):
    level: Area.Level | None = Field(None, description="province, district, tambon or village")
    parent: str | None = Field(None, description="direct children of this code")
    within: str | None = Field(None, description="this code and everything below (prefix)")
    q: str | None = Field(None, max_length=100, description="part of the Thai or English name")


@router.get("", response={200: list[AreaOut], **ERRORS}, auth=None, summary="List areas")
@paginate(Pages)
def area_list(request: HttpRequest, filters: Query[AreaFilters]):  # noqa: ANN201
    areas = Area.objects.all()
    if filters.level:
        areas = areas.filter(level=filters.level)
    if filters.parent:
        areas = areas.filter(parent_id=filters.parent)
    if filters.within:
        areas = areas.filter(prefix_range("code", filters.within))
    if filters.q:
        text = filters.q.strip()
        areas = areas.filter(Q(name_th__icontains=text) | Q(name_en__icontains=text))
    return areas.order_by("code")


@router.get(
    "/{code}", response={200: AreaDetailOut, **ERRORS}, auth=None, summary="One area with counts"
)
def area_detail(request: HttpRequest, code: str) -> Area:
    area = Area.objects.filter(code=code).first()
    if area is None:
        raise NotFound("พื้นที่", "area")
    below = dict(
        Area.objects.within(code)
        .exclude(code=code)
        .values_list("level")
        .annotate(number=Count("code"))
        .values_list("level", "number")
    )
    ancestors = Area.objects.filter(code__in=area.ancestor_codes()).order_by("code")
    area.children_count = Area.objects.filter(parent_id=code).count()  # type: ignore[attr-defined]
    area.below = below  # type: ignore[attr-defined]
    area.ancestors = list(ancestors)  # type: ignore[attr-defined]
    return area
