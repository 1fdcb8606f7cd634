"""Carry-over (ยกยอดความต้องการ): unfunded village needs go on into the next cycle, visibly.

Most needs are not funded the year they are raised (FY2559: 1,402 of 7,932 proposed projects).
Instead of letting them lapse, ``carry_over`` puts every village need of one cycle that was not
funded, not kept by the village itself and not withdrawn into the next cycle's village plan of
the same village, as a *proposal* that keeps its lineage (``CarryOver.source`` — the need of the
year before, ``origin`` — the need as first raised) and the years it has waited. The village
committee then confirms it, edits it, or drops it with a reason (``carry_confirm``,
``carry_edit``, ``carry_drop``). A need that has waited longer than ``expire_after`` years is
not carried again: it is closed as expired, with the reason recorded and shown on the tracker —
never silently dropped. One row per need and target cycle, so running it twice changes nothing.

Synthetic data never reaches a real year: the target cycle inherits the source cycle's
``synthetic`` flag when it is created, and a synthetic source into a real cycle (or a real one
into a synthetic cycle) is refused before anything is written.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from planlink.audit.services import audit_record
from planlink.core.errors import ConflictError, DomainError, StateError
from planlink.core.types import acting_user
from planlink.cycles.models import PlanningCycle
from planlink.cycles.services import cycle_create
from planlink.plans.models import (
    CarryOver,
    CarryStatus,
    Issue,
    Plan,
    PlanKind,
    Project,
    Strategy,
)
from planlink.plans.revision_models import ItemAction, RevisionItem, RevisionState
from planlink.plans.services import plan_default_title, project_update
from planlink.referrals.lineage import outcomes_for

if TYPE_CHECKING:
    from planlink.core.types import Actor

DEFAULT_EXPIRE_AFTER = 3
# Fates (referrals.lineage.fate) of a need that is *not* carried: funded, or done by the village.
NOT_CARRIED_FATES = ("funded", "self")
OPEN_STATUSES = (CarryStatus.PROPOSED, CarryStatus.CONFIRMED, CarryStatus.EDITED)
COPIED_FIELDS = (
    "title",
    "rationale",
    "objective",
    "target_quantity",
    "target_unit",
    "budget",
    "duration_months",
    "mode",
    "capacity_level",
    "priority",
    "kpi",
    "expected_result",
    "responsible_unit",
    "households",
    "suggested_agency_id",
)


@dataclass(frozen=True)
class CarryResult:
    from_year: int
    to_year: int
    carried: int
    expired: int
    already_carried: int
    # Needs not carried this time because their village's plan of the target year was already
    # submitted (or accepted): no row is written, so a later run carries them once it is back.
    skipped: int = 0

    def as_json(self) -> dict[str, int]:
        """The JSON ``planlink carry-over --json`` prints: the issue's five keys and
        ``skipped``."""
        return {
            "from": self.from_year,
            "to": self.to_year,
            "carried": self.carried,
            "expired": self.expired,
            "already_carried": self.already_carried,
            "skipped": self.skipped,
        }


def carry_label(from_year: int, years_waited: int) -> str:
    """ "ยกมาจากปี 2570 รอมา 2 ปี" — as the tracker and the plan show it."""
    return f"ยกมาจากปี {from_year} รอมา {years_waited} ปี"


def expiry_reason(origin_cycle: int, years: int, expire_after: int, to_year: int) -> str:
    return (
        f"หมดอายุ: เสนอครั้งแรกในปี {origin_cycle} ไม่ได้รับงบประมาณภายใน {expire_after} ปี "
        f"(ถึงปี {to_year} จะรอมา {years} ปี) จึงปิดความต้องการนี้ ไม่ยกไปปี {to_year} — "
        f"expired: first raised for {origin_cycle}, not funded within {expire_after} year(s)"
    )


def _target_cycle(source: PlanningCycle, to_year: int, actor: Actor) -> PlanningCycle:
    existing = PlanningCycle.objects.filter(pk=to_year).first()
    if existing is None:
        return cycle_create(fiscal_year=to_year, actor=actor, synthetic=source.synthetic)
    if source.synthetic and not existing.synthetic:
        raise DomainError(
            f"รอบปี {source.pk} เป็นข้อมูลสังเคราะห์ ยกไปรอบปี {to_year} ซึ่งเป็นข้อมูลจริงไม่ได้",
            f"cycle {source.pk} is synthetic: its needs are never carried into the real "
            f"cycle {to_year}",
        )
    if existing.synthetic and not source.synthetic:
        raise DomainError(
            f"รอบปี {to_year} เป็นข้อมูลสังเคราะห์ ความต้องการจริงของปี {source.pk} ยกไปไม่ได้",
            f"cycle {to_year} is synthetic: real needs of {source.pk} are not carried into it",
        )
    return existing


def _frame_map(
    provinces: set[str], source: PlanningCycle, target: PlanningCycle
) -> tuple[dict[int, int], dict[int, int]]:
    """Issue and strategy ids of the source frame → the target frame's (same code / number).

    A province with no frame yet in the target cycle gets the source cycle's frame copied, so a
    carried need keeps its issue (the provincial frame spans years; the province may edit it).
    """
    issues: dict[int, int] = {}
    strategies: dict[int, int] = {}
    for province in sorted(provinces):
        old_strategies = list(Strategy.objects.filter(province_id=province, cycle=source))
        old_issues = list(Issue.objects.filter(province_id=province, cycle=source))
        if not old_issues and not old_strategies:
            continue
        if not Issue.objects.filter(province_id=province, cycle=target).exists():
            for strategy in old_strategies:
                Strategy.objects.get_or_create(
                    province_id=province,
                    cycle=target,
                    number=strategy.number,
                    defaults={"name_th": strategy.name_th, "name_en": strategy.name_en},
                )
            new_by_number = {
                s.number: s for s in Strategy.objects.filter(province_id=province, cycle=target)
            }
            old_numbers = {s.pk: s.number for s in old_strategies}
            for issue in old_issues:
                Issue.objects.get_or_create(
                    province_id=province,
                    cycle=target,
                    code=issue.code,
                    defaults={
                        "name_th": issue.name_th,
                        "name_en": issue.name_en,
                        "order": issue.order,
                        "strategy": new_by_number.get(old_numbers.get(issue.strategy_id or 0, -1)),
                    },
                )
        new_issues = {
            i.code: i.pk for i in Issue.objects.filter(province_id=province, cycle=target)
        }
        new_strategies = {
            s.number: s.pk for s in Strategy.objects.filter(province_id=province, cycle=target)
        }
        for issue in old_issues:
            if issue.code in new_issues:
                issues[issue.pk] = new_issues[issue.code]
        for strategy in old_strategies:
            if strategy.number in new_strategies:
                strategies[strategy.pk] = new_strategies[strategy.number]
    return issues, strategies


def withdrawn_projects(project_ids: list[int]) -> set[int]:
    """Needs withdrawn by an approved plan revision (ถอนโครงการ): never carried."""
    found: set[int] = set()
    for start in range(0, len(project_ids), 5000):
        found |= set(
            RevisionItem.objects.filter(
                project_id__in=project_ids[start : start + 5000],
                action=ItemAction.WITHDRAW,
                revision__state=RevisionState.APPROVED,
            ).values_list("project_id", flat=True)
        )
    return found


def _chunks(ids: list[int], size: int = 5000) -> list[list[int]]:
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def carry_over(
    *,
    from_year: int,
    to_year: int,
    actor: Actor = None,
    expire_after: int | None = DEFAULT_EXPIRE_AFTER,
    area_code: str = "",
) -> CarryResult:
    """Carry the unfunded village needs of ``from_year`` into ``to_year`` (see the module).

    ``area_code``: only the villages within that area (a tambon or district officer's run).
    ``expire_after``: a need that would have waited more years than this is closed as expired
    (None: never). All or nothing: a refusal leaves the database unchanged. A village whose
    plan of ``to_year`` was already submitted is skipped (counted in ``skipped``).

    Two runs at once: the source cycle's row is locked, so the second waits for the first and
    then finds its needs carried (``already_carried``). Should the two still collide on a
    need (``IntegrityError`` on one row per need and year), the run is rolled back and tried
    once more, and then refused with a Thai message — never a half-written carry-over.
    """
    for attempt in range(2):
        try:
            with transaction.atomic():
                return _carry_over(
                    from_year=from_year,
                    to_year=to_year,
                    actor=actor,
                    expire_after=expire_after,
                    area_code=area_code,
                )
        except IntegrityError:
            if attempt:
                break
    raise ConflictError(
        f"มีการยกความต้องการจากปี {from_year} ไปปี {to_year} พร้อมกันอยู่ โปรดลองอีกครั้ง "
        "ความต้องการที่ยกไปแล้วจะไม่ถูกยกซ้ำ",
        f"another carry-over from {from_year} to {to_year} ran at the same moment; try again "
        "(needs already carried are never carried twice)",
    )


def _done_sources(need_ids: list[int], target_cycle: PlanningCycle) -> set[int]:
    """The needs that already have a row for ``target_cycle`` (carried, decided, expired)."""
    done: set[int] = set()
    for chunk in _chunks(need_ids):
        done |= set(
            CarryOver.objects.filter(source_id__in=chunk, to_cycle=target_cycle).values_list(
                "source_id", flat=True
            )
        )
    return done


def _carry_over(
    *,
    from_year: int,
    to_year: int,
    actor: Actor,
    expire_after: int | None,
    area_code: str,
) -> CarryResult:
    if to_year <= from_year:
        raise DomainError(
            f"ปีปลายทาง ({to_year}) ต้องอยู่หลังปีต้นทาง ({from_year})",
            f"the target year ({to_year}) must come after the source year ({from_year})",
        )
    if expire_after is not None and expire_after < 1:
        raise DomainError(
            "จำนวนปีที่หมดอายุต้องเป็นอย่างน้อย 1 ปี", "--expire-after must be at least 1 year"
        )
    # One run at a time per source year (PostgreSQL waits here; SQLite writes one at a time).
    source_cycle = PlanningCycle.objects.select_for_update().filter(pk=from_year).first()
    if source_cycle is None:
        raise DomainError(f"ไม่พบรอบปีงบประมาณ {from_year}", f"no planning cycle {from_year}")
    plans = Plan.objects.filter(kind=PlanKind.VILLAGE, cycle=source_cycle)
    if area_code:
        plans = plans.filter(scope_code__startswith=area_code)
    plan_rows: dict[int, tuple[str | None, bool]] = {
        pk: (owner, synthetic)
        for pk, owner, synthetic in plans.values_list("pk", "owner_area_id", "synthetic")
    }
    target_cycle = _target_cycle(source_cycle, to_year, actor)
    if not target_cycle.synthetic and any(synthetic for _, synthetic in plan_rows.values()):
        raise DomainError(
            f"แผนหมู่บ้านสังเคราะห์ของปี {from_year} ยกไปรอบปีจริง {to_year} ไม่ได้",
            f"synthetic village plans of {from_year} are never carried into the real "
            f"cycle {to_year}",
        )
    needs = list(
        Project.objects.filter(plan_id__in=list(plan_rows))
        .order_by("plan_id", "pk")
        .values_list("pk", "plan_id")
    )
    need_ids = [pk for pk, _ in needs]
    done = _done_sources(need_ids, target_cycle)
    todo = [(pk, plan) for pk, plan in needs if pk not in done]
    fates: dict[int, str] = {}
    for chunk in _chunks([pk for pk, _ in todo]):
        fates.update(outcomes_for(chunk))
    withdrawn = withdrawn_projects([pk for pk, _ in todo])
    todo = [
        (pk, plan)
        for pk, plan in todo
        if fates.get(pk) not in NOT_CARRIED_FATES and pk not in withdrawn
    ]
    if not todo:
        return CarryResult(from_year, to_year, 0, 0, len(done))
    lineage: dict[int, tuple[int | None, int]] = {}
    for chunk in _chunks([pk for pk, _ in todo]):
        for target_id, first_id, first_cycle in CarryOver.objects.filter(
            target_id__in=chunk
        ).values_list("target_id", "origin_id", "origin_cycle"):
            if target_id is not None:
                lineage[target_id] = (first_id, first_cycle)
    user = acting_user(actor)
    now = timezone.now()
    expired_rows: list[CarryOver] = []
    carry: list[tuple[int, int, int | None, int, int]] = []  # (need, plan, origin, cycle, years)
    for pk, plan in todo:
        origin_id, origin_cycle = lineage.get(pk, (pk, from_year))
        years = to_year - origin_cycle
        if expire_after is not None and years > expire_after:
            expired_rows.append(
                CarryOver(
                    source_id=pk,
                    origin_id=origin_id,
                    origin_cycle=origin_cycle,
                    from_cycle=source_cycle,
                    to_cycle=target_cycle,
                    years_waited=years,
                    status=CarryStatus.EXPIRED,
                    reason=expiry_reason(origin_cycle, years, expire_after, to_year),
                    scope_code=plan_rows[plan][0] or "",
                    synthetic=plan_rows[plan][1],
                    decided_by=user,
                    decided_at=now,
                )
            )
        else:
            carry.append((pk, plan, origin_id, origin_cycle, years))
    CarryOver.objects.bulk_create(expired_rows, batch_size=2000)
    target_plans, closed = _target_plans(
        {plan_rows[plan][0]: plan_rows[plan][1] for _, plan, *_ in carry},
        target_cycle,
        actor,
    )
    skipped = sum(1 for _, plan, *_ in carry if plan_rows[plan][0] in closed)
    carry = [row for row in carry if plan_rows[row[1]][0] not in closed]
    created = _copy_needs(carry, plan_rows, target_plans, source_cycle, target_cycle, user)
    CarryOver.objects.bulk_create(
        [
            CarryOver(
                source_id=pk,
                target_id=created[pk],
                origin_id=origin_id,
                origin_cycle=origin_cycle,
                from_cycle=source_cycle,
                to_cycle=target_cycle,
                years_waited=years,
                status=CarryStatus.PROPOSED,
                scope_code=plan_rows[plan][0] or "",
                synthetic=plan_rows[plan][1],
            )
            for pk, plan, origin_id, origin_cycle, years in carry
        ],
        batch_size=2000,
    )
    per_plan: dict[int, int] = defaultdict(int)
    for _, plan, *_ in carry:
        per_plan[target_plans[plan_rows[plan][0] or ""].pk] += 1
    for target in {plan.pk: plan for plan in target_plans.values()}.values():
        if per_plan.get(target.pk):
            audit_record(
                actor=actor,
                action="plan.carry_over",
                obj=target,
                scope_code=target.scope_code,
                changes={"from": from_year, "to": to_year, "carried": per_plan[target.pk]},
            )
    plan_of = dict(todo)
    expired_by_plan: dict[int, int] = defaultdict(int)
    for row in expired_rows:
        expired_by_plan[plan_of[row.source_id]] += 1
    for plan_id, count in expired_by_plan.items():
        source_plan = Plan.objects.get(pk=plan_id)
        audit_record(
            actor=actor,
            action="plan.carry_over_expired",
            obj=source_plan,
            scope_code=source_plan.scope_code,
            changes={"to": to_year, "expired": count, "expire_after": expire_after},
        )
    return CarryResult(
        from_year, to_year, len(carry), len(expired_rows), len(done), skipped=skipped
    )


def _target_plans(
    villages: dict[str | None, bool], cycle: PlanningCycle, actor: Actor
) -> tuple[dict[str, Plan], set[str]]:
    """The village plans of ``cycle`` for ``villages`` ({area code: synthetic}), created when
    missing, and the codes of the villages whose plan is no longer editable (submitted or
    accepted: their needs are skipped, not carried into it)."""
    from planlink.areas.models import Area

    codes = sorted(code for code in villages if code)
    existing = {
        plan.owner_area_id: plan
        for plan in Plan.objects.filter(kind=PlanKind.VILLAGE, cycle=cycle, owner_area_id__in=codes)
    }
    closed = {code for code, plan in existing.items() if code and not plan.is_editable}
    existing = {code: plan for code, plan in existing.items() if code not in closed}
    missing = [code for code in codes if code not in existing and code not in closed]
    areas = Area.objects.in_bulk(missing)
    new = [
        Plan(
            kind=PlanKind.VILLAGE,
            cycle=cycle,
            owner_area=areas[code],
            scope_code=code,
            title=plan_default_title(PlanKind.VILLAGE, areas[code], cycle),
            synthetic=villages[code],
        )
        for code in missing
    ]
    Plan.objects.bulk_create(new, batch_size=1000)
    created = {
        plan.owner_area_id: plan
        for plan in Plan.objects.filter(
            kind=PlanKind.VILLAGE, cycle=cycle, owner_area_id__in=missing
        )
    }
    for plan in created.values():
        audit_record(
            actor=actor,
            action="plan.create",
            obj=plan,
            scope_code=plan.scope_code,
            changes={"kind": PlanKind.VILLAGE, "cycle": cycle.pk, "carry_over": True},
        )
    return {code: plan for code, plan in {**existing, **created}.items() if code}, closed


def _copy_needs(
    carry: list[tuple[int, int, int | None, int, int]],
    plan_rows: dict[int, tuple[str | None, bool]],
    target_plans: dict[str, Plan],
    source: PlanningCycle,
    target: PlanningCycle,
    user: Any,
) -> dict[int, int]:
    """Copy each carried need into its village's plan of the target cycle: {need: new id}."""
    ids = [pk for pk, *_ in carry]
    rows: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(ids):
        for row in Project.objects.filter(pk__in=chunk).values(
            "pk", "issue_id", "strategy_id", *COPIED_FIELDS
        ):
            rows[row["pk"]] = row
    provinces = {(plan_rows[plan][0] or "")[:2] for _, plan, *_ in carry} - {""}
    issue_map, strategy_map = _frame_map(provinces, source, target)
    projects = []
    for pk, plan, _origin, _cycle, years in carry:
        row = rows[pk]
        village = plan_rows[plan][0] or ""
        projects.append(
            Project(
                plan=target_plans[village],
                issue_id=issue_map.get(row["issue_id"]) if row["issue_id"] else None,
                strategy_id=strategy_map.get(row["strategy_id"]) if row["strategy_id"] else None,
                villages_count=1,
                created_by=user,
                engine_note=carry_label(source.pk, years),
                **{name: row[name] for name in COPIED_FIELDS},
            )
        )
    Project.objects.bulk_create(projects, batch_size=2000)
    created = {pk: project.pk for (pk, *_), project in zip(carry, projects, strict=True)}
    if any(value is None for value in created.values()):  # pragma: no cover - old backends
        raise DomainError("ฐานข้อมูลไม่คืนรหัสโครงการใหม่", "the database returned no new ids")
    areas = Project.areas.through
    indicators = Project.indicators.through
    area_rows, indicator_rows = [], []
    for chunk in _chunks(ids):
        for project_id, area_id in areas.objects.filter(project_id__in=chunk).values_list(
            "project_id", "area_id"
        ):
            area_rows.append(areas(project_id=created[project_id], area_id=area_id))
        for project_id, indicator_id in indicators.objects.filter(project_id__in=chunk).values_list(
            "project_id", "indicator_id"
        ):
            indicator_rows.append(
                indicators(project_id=created[project_id], indicator_id=indicator_id)
            )
    areas.objects.bulk_create(area_rows, batch_size=5000)
    indicators.objects.bulk_create(indicator_rows, batch_size=5000)
    return created


# -- the village committee decides ------------------------------------------------------


def _open_carry(carry: CarryOver) -> Project:
    carry.refresh_from_db()
    if carry.status not in OPEN_STATUSES or carry.target is None:
        raise StateError(
            f"ความต้องการที่ยกมานี้ {CarryStatus(carry.status).label} แล้ว",
            f"this carried need is already {carry.status}",
        )
    target = carry.target
    if not target.plan.is_editable:
        raise StateError(
            "แผนหมู่บ้านส่งแล้ว แก้ไขความต้องการที่ยกมาไม่ได้",
            "the village plan was submitted; the carried need can no longer change",
        )
    return target


def _decided(carry: CarryOver, status: str, actor: Actor, reason: str = "") -> CarryOver:
    previous = carry.status
    carry.status = status
    carry.reason = reason
    carry.decided_by = acting_user(actor)
    carry.decided_at = timezone.now()
    carry.save(update_fields=["status", "reason", "decided_by", "decided_at", "target"])
    audit_record(
        actor=actor,
        action=f"carry_over.{status}",
        obj=carry,
        scope_code=carry.scope_code,
        changes={"status": [previous, status], **({"reason": ["", reason]} if reason else {})},
    )
    return carry


@transaction.atomic
def carry_confirm(*, carry: CarryOver, actor: Actor) -> CarryOver:
    """The village committee keeps the carried need as it is (ยืนยัน)."""
    _open_carry(carry)
    return _decided(carry, CarryStatus.CONFIRMED, actor)


@transaction.atomic
def carry_edit(
    *, carry: CarryOver, actor: Actor, data: dict[str, Any], expected_version: int
) -> CarryOver:
    """The village committee changes the carried need (title, budget …) and keeps it."""
    target = _open_carry(carry)
    project_update(project=target, actor=actor, data=data, expected_version=expected_version)
    carry.refresh_from_db()  # a change already marked it edited (carry_note_edit)
    if carry.status == CarryStatus.EDITED:
        return carry
    return _decided(carry, CarryStatus.EDITED, actor)


def carry_edit_snapshot(project: Project) -> tuple[Any, ...] | None:
    """Before a project is saved: its places, indicators and yearly budgets when it is a
    carried proposal not yet edited (else None, one query)."""
    if not CarryOver.objects.filter(
        target=project, status__in=[CarryStatus.PROPOSED, CarryStatus.CONFIRMED]
    ).exists():
        return None
    return _edit_state(project)


def _edit_state(project: Project) -> tuple[Any, ...]:
    return (
        sorted(project.areas.values_list("code", flat=True)),
        sorted(project.indicators.values_list("pk", flat=True)),
        sorted(project.budget_years.values_list("fiscal_year", "amount")),
    )


def carry_note_edit(
    project: Project, actor: Actor, before: tuple[Any, ...] | None, *, fields_changed: bool
) -> None:
    """After a project is saved through the ordinary project form (web, API): a carried
    proposal that changed is marked *edited* (แก้ไขแล้ว) — the village committee's edit, as
    ``carry_edit`` records it."""
    if before is None or not (fields_changed or _edit_state(project) != before):
        return
    carry = (
        CarryOver.objects.select_for_update()
        .filter(target=project, status__in=[CarryStatus.PROPOSED, CarryStatus.CONFIRMED])
        .first()
    )
    if carry is not None:
        _decided(carry, CarryStatus.EDITED, actor)


@transaction.atomic
def carry_drop(*, carry: CarryOver, actor: Actor, reason: str) -> CarryOver:
    """The village committee does not propose the need again, with a reason; the proposal
    leaves the plan, the record (and its reason) stays in the need's lineage."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            "ต้องระบุเหตุผลที่ไม่เสนอความต้องการนี้ต่อ", "a reason is required to drop a carried need"
        )
    if len(reason) > 2000:
        raise DomainError("เหตุผลยาวเกิน 2,000 ตัวอักษร", "the reason is longer than 2,000 characters")
    target = _open_carry(carry)
    if target.referrals_out.exists():
        raise StateError("ความต้องการนี้ถูกส่งต่อแล้ว ถอนไม่ได้", "the carried need was already sent on")
    carry.target = None
    decided = _decided(carry, CarryStatus.DROPPED, actor, reason)
    audit_record(
        actor=actor,
        action="project.delete",
        obj=target,
        scope_code=target.plan.scope_code,
        changes={"title": [target.title, ""], "carry_over": "dropped"},
    )
    target.delete()
    return decided


# -- reads ----------------------------------------------------------------------------


def carry_info(project: Project) -> dict[str, Any] | None:
    """What the tracker shows of a need's life across years, or None.

    ``carried_from``: this need was carried in (from which year, years waited, the need of the
    year before and the original); ``carried_to``: it went on to a later year, or expired there
    (with the reason).
    """
    info: dict[str, Any] = {}
    incoming = CarryOver.objects.filter(target=project).select_related("from_cycle").first()
    if incoming is not None:
        info["carried_from"] = {
            "from_year": incoming.from_cycle_id,
            "years_waited": incoming.years_waited,
            "origin_cycle": incoming.origin_cycle,
            "source_id": incoming.source_id,
            "origin_id": incoming.origin_id,
            "status": incoming.status,
            "status_label": CarryStatus(incoming.status).label,
            "label_th": carry_label(incoming.from_cycle_id, incoming.years_waited),
            "label_en": (
                f"carried from {incoming.from_cycle_id}, waiting {incoming.years_waited} "
                f"year{'s' if incoming.years_waited != 1 else ''}"
            ),
        }
    outgoing = CarryOver.objects.filter(source=project).order_by("-to_cycle_id").first()
    if outgoing is not None:
        info["carried_to"] = {
            "to_year": outgoing.to_cycle_id,
            "target_id": outgoing.target_id,
            "status": outgoing.status,
            "status_label": CarryStatus(outgoing.status).label,
            "reason": outgoing.reason,
            "years_waited": outgoing.years_waited,
        }
    return info or None


def carried_into(plan: Plan) -> dict[int, CarryOver]:
    """The plan's carried proposals: ``{project id: its CarryOver}`` (one query; a village
    plan page labels them "ยกมาจากปี 2570 · รอมา 1 ปี" with the committee's decision)."""
    if plan.kind != PlanKind.VILLAGE:
        return {}
    return {
        row.target_id: row
        for row in CarryOver.objects.filter(target__plan=plan)
        if row.target_id is not None
    }


def carry_overs(*, to_year: int, area_code: str = "", status: str = "") -> Any:
    """The carry-over rows into ``to_year`` within ``area_code`` (a prefix), newest needs first."""
    rows = CarryOver.objects.filter(to_cycle_id=to_year).select_related(
        "source", "target", "target__plan"
    )
    if area_code:
        rows = rows.filter(scope_code__startswith=area_code)
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("scope_code", "id")


def carry_counts(*, to_year: int, area_code: str = "") -> dict[str, int]:
    """How many carried needs into ``to_year`` are in each status."""
    rows = CarryOver.objects.filter(to_cycle_id=to_year)
    if area_code:
        rows = rows.filter(Q(scope_code__startswith=area_code))
    counts = {status.value: 0 for status in CarryStatus}
    for status, count in _grouped(rows):
        counts[status] = count
    return counts


def _grouped(rows: Any) -> list[tuple[str, int]]:
    from django.db.models import Count

    return [
        (row["status"], row["n"])
        for row in rows.order_by().values("status").annotate(n=Count("id"))
    ]
