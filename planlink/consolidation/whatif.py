"""Budget what-if (ถ้างบประมาณเท่านี้ ใครได้ ใครไม่ได้): funded and left-out needs under envelopes.

A province decides under fixed envelopes. Before it commits, ``whatif`` answers: with these
amounts per source (อปท., อบจ., จังหวัด, กลุ่มจังหวัด, ส่วนราชการ — or a named agency), and the
engine's ranking, which needs of the area would be funded and which left out, by area, issue
and survey evidence, and how far the money reaches (tambons with no funded need; households
behind failing จปฐ. indicators that funded needs cover). It only reads: no decision, referral,
funding request or rank is written (a scenario is saved only when asked: ``scenario_save``).

The needs are the projects of the area's tambon plans (village needs merged and ranked by the
engine), except those the community carries out itself (capacity ``community``) or that the
engine keeps in the tambon plan (``Route.TAMBON``, e.g. already requested elsewhere). Each need
draws on the envelopes of its capacity, in this order:

* อปท. (``lao``) → ``lao``; เกินศักยภาพ อปท. (``pao``) → ``pao``;
* อำเภอ/จังหวัด (``district``/``province``) → ``province``, then ``cluster``;
* ส่วนราชการ (``agency``) → the named agency's envelope (``agency:RID``), then ``agency``.

Needs that go up to the district, province or an agency are bound by the top-1–2 rule
(docs/reference/seeds/002 §5.1–5.2): only the first two of each issue in a tambon plan are
proposed, so the rest are left out with that reason. Within an envelope, needs are taken in
the engine's order — rank within the issue (every tambon's first before anyone's second), then
the evidence score (ranking.rank_plan), then the province's issue order (or ``issue_order``),
then the project — *until the money runs out*: the first need that does not fit stops that
envelope (a cheaper, lower-ranked need never jumps the queue), and the rest wait for the next
envelope in their chain. So a larger envelope always funds the same needs and possibly more.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.db import transaction

from planlink.areas.models import Agency, Area
from planlink.core.errors import DomainError, NotFound
from planlink.core.types import acting_user
from planlink.cycles.models import PlanningCycle
from planlink.evidence.selectors import failing_households_for
from planlink.plans.models import CapacityLevel, Issue, PlanKind, Project, Route
from planlink.plans.revision_models import withdrawn_exists

if TYPE_CHECKING:
    from planlink.consolidation.models import WhatIfScenario
    from planlink.core.types import Actor

SOURCES = ("lao", "pao", "province", "cluster", "agency")
SOURCE_LABELS = {
    "lao": "อปท.",
    "pao": "อบจ.",
    "province": "จังหวัด",
    "cluster": "กลุ่มจังหวัด",
    "agency": "ส่วนราชการ",
}
MAX_UP_PER_ISSUE = 2  # consolidation.routing.MAX_UP_PER_ISSUE — the top-1–2 rule
UNRANKED = 10_000
MAX_BAHT = Decimal("1e15")


def source_label(source: str) -> str:
    if source.startswith("agency:"):
        code = source.split(":", 1)[1]
        agency = Agency.objects.filter(code=code).first()
        return agency.name_th if agency else code
    return SOURCE_LABELS.get(source, source)


def parse_envelope(text: str) -> tuple[str, Decimal]:
    """``"lao=5000000"``, ``"agency=1e7"``, ``"RID=2,000,000"`` → (source, baht)."""
    if "=" not in text:
        raise DomainError(
            f"'{text}' ต้องอยู่ในรูป แหล่ง=จำนวนบาท เช่น lao=5000000",
            f"'{text}' must be SOURCE=BAHT, e.g. lao=5000000",
        )
    name, _, amount = text.partition("=")
    return normalise_source(name), parse_baht(amount, name)


def normalise_source(name: str) -> str:
    """``lao`` … ``agency``, or an agency code (``RID``, ``agency:RID``) → ``agency:RID``."""
    raw = name.strip()
    if raw.lower() in SOURCES:
        return raw.lower()
    code = raw.split(":", 1)[1] if raw.lower().startswith("agency:") else raw
    agency = Agency.objects.filter(code__iexact=code).first()
    if agency is None:
        raise DomainError(
            f"ไม่รู้จักแหล่งงบประมาณ '{raw}' (ใช้ lao, pao, province, cluster, agency "
            "หรือรหัสส่วนราชการ เช่น RID)",
            f"unknown source '{raw}' (lao, pao, province, cluster, agency or an agency code)",
        )
    return f"agency:{agency.code}"


def parse_baht(value: Any, name: str = "") -> Decimal:
    text = str(value).replace(",", "").replace("_", "").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation as error:
        raise DomainError(
            f"จำนวนเงินของ {name} ไม่ใช่ตัวเลข: '{value}'", f"the amount of {name} is not a number"
        ) from error
    if not amount.is_finite() or amount < 0 or amount > MAX_BAHT:
        raise DomainError(
            f"จำนวนเงินของ {name} ต้องเป็น 0 ถึง 10^15 บาท", f"the amount of {name} must be 0–10^15"
        )
    return amount.quantize(Decimal("0.01"))


@dataclass
class Need:
    pk: int
    title: str
    plan_id: int
    tambon: str
    issue_id: int | None
    issue_code: str
    issue_name: str
    issue_order: int
    capacity: str
    agency: str
    budget: Decimal
    rank: int
    evidence: float
    villages: int
    households: int
    synthetic: bool
    chain: list[str] = field(default_factory=list)
    failed: int = 0
    surveyed: int = 0
    funded_by: str = ""
    reason: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.pk,
            "title": self.title,
            "tambon": self.tambon,
            "district": self.tambon[:4],
            "issue": self.issue_code,
            "issue_name": self.issue_name,
            "capacity": self.capacity,
            "budget": str(self.budget),
            "rank": self.rank if self.rank != UNRANKED else None,
            "evidence_score": self.evidence,
            "villages": self.villages,
            "households": self.households,
            "households_failing": self.failed,
            "households_surveyed": self.surveyed,
            "funded": bool(self.funded_by),
            "source": self.funded_by,
            "reason": self.reason,
        }


@dataclass
class WhatIf:
    """The answer of one scenario; ``summary()`` is what the command prints."""

    area_code: str
    cycle: int
    envelopes: dict[str, Decimal]
    needs: list[Need]
    envelope_use: dict[str, dict[str, Any]]
    tambons: dict[str, str]
    households_covered: int
    households_failing: int
    synthetic: bool

    @property
    def funded(self) -> list[Need]:
        return [need for need in self.needs if need.funded_by]

    @property
    def left_out(self) -> list[Need]:
        return [need for need in self.needs if not need.funded_by]

    def summary(self) -> dict[str, Any]:
        funded, left = self.funded, self.left_out
        with_funded = {need.tambon for need in funded}
        with_needs = {need.tambon for need in self.needs}
        return {
            "funded": len(funded),
            "funded_baht": str(sum((n.budget for n in funded), Decimal("0.00"))),
            "left_out": len(left),
            "left_out_baht": str(sum((n.budget for n in left), Decimal("0.00"))),
            "tambons_without_funded_need": len(with_needs - with_funded),
            "households_covered": self.households_covered,
            "area": self.area_code,
            "cycle": self.cycle,
            "synthetic": self.synthetic,
            "tambons_with_needs": len(with_needs),
            "households_failing": self.households_failing,
            "envelopes": {
                source: {
                    key: str(value) if isinstance(value, Decimal) else value
                    for key, value in use.items()
                }
                for source, use in self.envelope_use.items()
            },  # fmt: skip
        }

    def by_issue(self) -> list[dict[str, Any]]:
        return _grouped(self.needs, lambda n: (n.issue_order, n.issue_code, n.issue_name))

    def by_tambon(self) -> list[dict[str, Any]]:
        return _grouped(self.needs, lambda n: (0, n.tambon, self.tambons.get(n.tambon, "")))

    def funded_ids(self) -> list[int]:
        return sorted(need.pk for need in self.funded)


def _grouped(needs: Iterable[Need], key: Any) -> list[dict[str, Any]]:
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for need in needs:
        order, code, name = key(need)
        row = groups.setdefault(
            (order, code),
            {
                "code": code,
                "name": name,
                "funded": 0,
                "funded_baht": Decimal("0.00"),
                "left_out": 0,
                "left_out_baht": Decimal("0.00"),
                "households_failing": 0,
                "households_failing_funded": 0,
            },
        )
        side = "funded" if need.funded_by else "left_out"
        row[side] += 1
        row[f"{side}_baht"] += need.budget
        row["households_failing"] += need.failed
        if need.funded_by:
            row["households_failing_funded"] += need.failed
    return [groups[key] for key in sorted(groups, key=lambda k: (k[0], str(k[1])))]


def _chain(capacity: str, agency: str) -> list[str]:
    if capacity == CapacityLevel.LAO:
        return ["lao"]
    if capacity == CapacityLevel.PAO:
        return ["pao"]
    if capacity in (CapacityLevel.DISTRICT, CapacityLevel.PROVINCE):
        return ["province", "cluster"]
    if capacity == CapacityLevel.AGENCY:
        return ([f"agency:{agency}"] if agency else []) + ["agency"]
    return []


def candidate_needs(area_code: str, cycle_id: int) -> list[Need]:
    """The needs of the area's tambon plans that ask for money (see the module)."""
    rows = (
        Project.objects.filter(
            ~withdrawn_exists(),  # withdrawn by an approved revision: not a need any more
            plan__kind=PlanKind.TAMBON,
            plan__cycle_id=cycle_id,
            plan__scope_code__startswith=area_code,
        )
        .exclude(capacity_level=CapacityLevel.COMMUNITY)
        .exclude(proposed_route=Route.TAMBON)
        .order_by()
        .values_list(
            "pk", "title", "plan_id", "plan__scope_code", "issue_id", "issue__code",
            "issue__name_th", "issue__order", "capacity_level", "suggested_agency_id", "budget",
            "priority", "evidence_score", "villages_count", "households", "plan__synthetic",
        )
    )  # fmt: skip
    needs = []
    for (
        pk, title, plan_id, scope, issue_id, code, name, order, capacity, agency, budget,
        priority, evidence, villages, households, synthetic,
    ) in rows:  # fmt: skip
        needs.append(
            Need(
                pk=pk,
                title=title,
                plan_id=plan_id,
                tambon=scope,
                issue_id=issue_id,
                issue_code=code or "",
                issue_name=name or "ไม่ระบุประเด็น",
                issue_order=order if order is not None else UNRANKED,
                capacity=capacity,
                agency=agency or "",
                budget=budget,
                rank=priority or UNRANKED,
                evidence=evidence or 0.0,
                villages=villages or 1,
                households=households or 0,
                synthetic=synthetic,
                chain=_chain(capacity, agency or ""),
            )
        )
    return needs


def _survey_year(cycle_id: int) -> int | None:
    from planlink.consolidation.ranking import survey_year_for

    return survey_year_for(cycle_id)


Pairs = set[tuple[str, str]]


def _evidence(
    needs: list[Need], cycle_id: int
) -> tuple[dict[tuple[str, str], tuple[int, int]], dict[int, Pairs]]:
    """Fill each need's failing households; return the (area, indicator) table read and the
    (area, indicator) pairs each need covers."""
    pairs: dict[int, Pairs] = {}
    year = _survey_year(cycle_id)
    if year is None or not needs:
        return {}, pairs
    ids = [need.pk for need in needs]
    areas: dict[int, set[str]] = defaultdict(set)
    indicators: dict[int, set[str]] = defaultdict(set)
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        for project_id, area in Project.areas.through.objects.filter(
            project_id__in=chunk
        ).values_list("project_id", "area_id"):
            areas[project_id].add(area)
        for project_id, code in Project.indicators.through.objects.filter(
            project_id__in=chunk
        ).values_list("project_id", "indicator_id"):
            indicators[project_id].add(code)
    if not indicators:
        return {}, pairs
    table = failing_households_for(
        set().union(*areas.values()) if areas else set(), set().union(*indicators.values()), year
    )
    for need in needs:
        need_pairs = _pairs(areas.get(need.pk, set()), indicators.get(need.pk, set()))
        need.failed = sum(table.get(pair, (0, 0))[0] for pair in need_pairs)
        need.surveyed = sum(table.get(pair, (0, 0))[1] for pair in need_pairs)
        pairs[need.pk] = need_pairs
    return table, pairs


def _pairs(areas: set[str], indicators: set[str]) -> Pairs:
    return {(area, code) for area in areas for code in indicators}


def whatif(
    *,
    area_code: str,
    cycle: int,
    envelopes: Mapping[str, Decimal | int | str],
    issue_order: list[str] | None = None,
) -> WhatIf:
    """Which needs of ``area_code`` in ``cycle`` the ``envelopes`` would fund (reads only)."""
    area = Area.objects.filter(code=area_code).first()
    if area is None or area.level == Area.Level.VILLAGE:
        raise NotFound("พื้นที่", "area")
    cycle_row = PlanningCycle.objects.filter(pk=cycle).first()
    if cycle_row is None:
        raise DomainError(f"ไม่พบรอบปีงบประมาณ {cycle}", f"no planning cycle {cycle}")
    amounts: dict[str, Decimal] = {}
    for name, value in envelopes.items():
        source = normalise_source(name)
        if source in amounts:
            raise DomainError(f"ระบุแหล่ง {source_label(source)} ซ้ำ", f"source {source} given twice")
        amounts[source] = value if isinstance(value, Decimal) else parse_baht(value, name)
        if amounts[source] < 0:
            raise DomainError("จำนวนเงินต้องไม่ติดลบ", "amounts must not be negative")
    needs = candidate_needs(area_code, cycle)
    table, pairs = _evidence(needs, cycle)
    custom = {code: position for position, code in enumerate(issue_order or [])}

    def order_key(need: Need) -> tuple[Any, ...]:
        issue_position = custom.get(need.issue_code, len(custom) + need.issue_order)
        return (need.rank, -need.evidence, issue_position, need.pk)

    ordered = sorted(needs, key=order_key)
    for need in ordered:
        if need.capacity in (CapacityLevel.DISTRICT, CapacityLevel.PROVINCE, CapacityLevel.AGENCY):
            if need.rank > MAX_UP_PER_ISSUE:
                need.reason = (
                    f"ลำดับที่ {need.rank if need.rank != UNRANKED else '-'} ของประเด็นในแผนตำบล "
                    f"— เสนอขึ้นไปได้เฉพาะ {MAX_UP_PER_ISSUE} ลำดับแรกของแต่ละประเด็น"
                )
                need.chain = []
    named = sorted(source for source in amounts if source.startswith("agency:"))
    order = [*named, "agency", "lao", "pao", "province", "cluster"]
    use: dict[str, dict[str, Any]] = {}
    for source in order:
        queue = [n for n in ordered if source in n.chain and not n.funded_by]
        if source not in amounts and not queue:
            continue
        envelope = amounts.get(source, Decimal("0.00"))
        remaining = envelope
        funded = 0
        stopped_at: Need | None = None
        for need in queue:
            if stopped_at is None and need.budget <= remaining:
                remaining -= need.budget
                need.funded_by = source
                need.reason = f"ได้รับจากงบ {source_label(source)}"
                funded += 1
                continue
            if stopped_at is None:
                stopped_at = need
            need.reason = (
                f"งบ {source_label(source)} ไม่พอ: เหลือ {remaining:,.2f} บาท "
                f"เมื่อถึงลำดับของโครงการ {stopped_at.title[:60]} ({stopped_at.budget:,.2f} บาท)"
                if envelope > 0
                else f"ไม่มีงบ {source_label(source)} ในสถานการณ์นี้"
            )
        use[source] = {
            "label": source_label(source),
            "amount": envelope,
            "used": envelope - remaining,
            "remaining": remaining,
            "funded": funded,
            "waiting": len(queue) - funded,
            "next_in_line_baht": stopped_at.budget if stopped_at else None,
        }
    covered_pairs: Pairs = set()
    for need in needs:
        if need.funded_by:
            covered_pairs |= pairs.get(need.pk, set())
    all_pairs: Pairs = set().union(*pairs.values()) if pairs else set()
    tambons = dict(
        Area.objects.filter(code__in={need.tambon for need in needs}).values_list("code", "name_th")
    )
    return WhatIf(
        area_code=area_code,
        cycle=cycle,
        envelopes=amounts,
        needs=ordered,
        envelope_use=use,
        tambons=tambons,
        households_covered=sum(table.get(pair, (0, 0))[0] for pair in covered_pairs),
        households_failing=sum(table.get(pair, (0, 0))[0] for pair in all_pairs),
        synthetic=cycle_row.synthetic or any(need.synthetic for need in needs),
    )


# -- saved scenarios ------------------------------------------------------------------------


@transaction.atomic
def scenario_save(*, result: WhatIf, name: str, actor: Actor) -> WhatIfScenario:
    """Keep a scenario (its inputs and what it funded) to compare or export later. It is
    a record of a question asked, never a decision: nothing else is written."""
    from planlink.consolidation.models import WhatIfScenario

    name = (name or "").strip()
    if not name:
        raise DomainError("ต้องตั้งชื่อสถานการณ์", "a scenario needs a name")
    if len(name) > 200:
        raise DomainError("ชื่อสถานการณ์ยาวเกิน 200 ตัวอักษร", "the name is longer than 200 characters")
    return WhatIfScenario.objects.create(
        name=name,
        area_code=result.area_code,
        cycle_id=result.cycle,
        envelopes={source: str(amount) for source, amount in result.envelopes.items()},
        summary=result.summary(),
        funded_ids=result.funded_ids(),
        synthetic=result.synthetic,
        created_by=acting_user(actor),
    )


def scenario_compare(first: WhatIfScenario, second: WhatIfScenario) -> dict[str, Any]:
    """Two saved scenarios side by side: their figures and the needs only one of them funds."""
    a, b = set(first.funded_ids), set(second.funded_ids)
    titles = dict(Project.objects.filter(pk__in=a ^ b).values_list("pk", "title"))
    keys = (
        "funded", "funded_baht", "left_out", "left_out_baht", "tambons_without_funded_need",
        "households_covered",
    )  # fmt: skip
    return {
        "first": {"id": first.pk, "name": first.name, "envelopes": first.envelopes},
        "second": {"id": second.pk, "name": second.name, "envelopes": second.envelopes},
        "figures": [
            {"key": key, "first": first.summary.get(key), "second": second.summary.get(key)}
            for key in keys
        ],
        "only_first": [{"id": pk, "title": titles.get(pk, "")} for pk in sorted(a - b)],
        "only_second": [{"id": pk, "title": titles.get(pk, "")} for pk in sorted(b - a)],
    }


def scenario_rerun(scenario: WhatIfScenario) -> WhatIf:
    """The saved scenario's question asked again on today's data."""
    return whatif(
        area_code=scenario.area_code, cycle=scenario.cycle_id, envelopes=scenario.envelopes
    )


def known_issues(area_code: str, cycle: int) -> list[str]:
    return list(
        Issue.objects.filter(province_id=area_code[:2], cycle_id=cycle)
        .order_by("order")
        .values_list("code", flat=True)
    )
