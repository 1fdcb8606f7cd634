"""``/strategies`` — the provincial strategic frame: strategies with their issues (ประเด็น).

Every signed-in user reads frames (districts, LAOs and agencies align to them);
only the province's own officers (and national administrators) change them.
"""

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import PatchDict, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import Field

from planlink.accounts.access import access_strategy_for_write, require_can_edit_frame
from planlink.api.auth import caller
from planlink.api.schemas import ERRORS, FiscalYear, ObjectId, Pages
from planlink.areas.models import Area
from planlink.core.errors import DomainError
from planlink.cycles.models import PlanningCycle
from planlink.plans.models import Issue, Strategy
from planlink.plans.strategies import strategy_create, strategy_update

router = Router()


class IssueOut(Schema):
    code: str
    name_th: str
    name_en: str
    order: int


class StrategyOut(Schema):
    id: int
    province: str
    cycle: int
    number: int
    name_th: str
    name_en: str
    issues: list[IssueOut]

    @staticmethod
    def resolve_province(strategy: Strategy) -> str:
        return strategy.province_id

    @staticmethod
    def resolve_cycle(strategy: Strategy) -> int:
        return strategy.cycle_id

    @staticmethod
    def resolve_issues(strategy: Strategy) -> list[Issue]:
        return list(strategy.issues.all())


class StrategyFilters(Schema):
    province: str | None = Field(None, description="province code, e.g. 24")
    cycle: FiscalYear | None = None


class StrategyIn(Schema):
    province: str = Field(description="province code")
    cycle: FiscalYear
    number: int = Field(ge=1, le=99)
    name_th: str
    name_en: str = ""


class StrategyPatch(Schema):
    name_th: str
    name_en: str


def _strategies():  # noqa: ANN202
    return Strategy.objects.select_related("province").prefetch_related(
        Prefetch("issues", queryset=Issue.objects.order_by("order", "code"))
    )


@router.get("", response={200: list[StrategyOut], **ERRORS}, summary="Strategies and issues")
@paginate(Pages)
def strategy_list(request: HttpRequest, filters: Query[StrategyFilters]):  # noqa: ANN201
    strategies = _strategies()
    if filters.province:
        strategies = strategies.filter(province_id=filters.province)
    if filters.cycle:
        strategies = strategies.filter(cycle_id=filters.cycle)
    return strategies.order_by("province_id", "-cycle_id", "number")


@router.post("", response={201: StrategyOut, **ERRORS}, summary="Add a provincial strategy")
def strategy_post(request: HttpRequest, body: StrategyIn) -> Status:
    require_can_edit_frame(caller(request), body.province)
    province = Area.objects.filter(code=body.province, level=Area.Level.PROVINCE).first()
    cycle = PlanningCycle.objects.filter(fiscal_year=body.cycle).first()
    if province is None or cycle is None:
        raise DomainError("ไม่พบจังหวัดหรือรอบการวางแผน", "unknown province or planning cycle")
    strategy = strategy_create(
        province=province,
        cycle=cycle,
        number=body.number,
        name_th=body.name_th,
        name_en=body.name_en,
        actor=caller(request),
    )
    return Status(201, _strategies().get(pk=strategy.pk))


@router.patch("/{strategy_id}", response={200: StrategyOut, **ERRORS}, summary="Rename a strategy")
def strategy_patch(
    request: HttpRequest, strategy_id: ObjectId, body: PatchDict[StrategyPatch]
) -> Strategy:
    strategy = access_strategy_for_write(caller(request), strategy_id)
    strategy_update(strategy=strategy, actor=caller(request), data=dict(body))
    return _strategies().get(pk=strategy.pk)
