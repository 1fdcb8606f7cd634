"""The merge at every level: pending referrals into a plan → one project per distinct need.

Used by the tambon, district and province steps alike. Human decisions win:

* a project in the receiving plan that a person made, edited, or that already
  received a decided referral, was sent on, or has a funding request, is *settled*. The engine never
  changes or deletes it; it serves as an anchor new needs can be proposed into;
* the engine's own unsettled projects carry a stable ``engine_key`` (issue and
  smallest source id), so a re-run updates them in place, never duplicates
  them, and removes the ones no group needs any more;
* pending referrals get a ``proposed_result_project`` and an ``engine_reason``;
  deciding them (officer, or ``auto_accept``) is what makes the merge real.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from planlink.consolidation.grouping import (
    Group,
    Need,
    SharedNeed,
    group_needs,
    group_shared_needs,
)
from planlink.core.bulk import insert_dicts, update_rows
from planlink.plans.models import Plan, Project
from planlink.referrals.components import (
    MERGED_FIELDS,
    SOURCE_VALUES,
    Layout,
    layout,
    merged_fields,
    set_areas,
    source_components,
    write_components,
)
from planlink.referrals.models import Decision, FundingRequest, Referral

# A proposal: referral id -> (project id, reason, component id or None).
Proposals = dict[int, tuple[int, str, int | None]]


@dataclass
class MergeResult:
    incoming: int = 0
    groups: int = 0
    created: int = 0
    updated: int = 0
    removed: int = 0
    merged_into_existing: int = 0
    # True duplicates (same work, object and place) folded into another source of their place.
    duplicates: int = 0
    # Shared needs: projects grouping one need of several places, and their components.
    shared_need_groups: int = 0
    shared_need_components: int = 0
    accepted: int = 0
    project_ids: list[int] = field(default_factory=list)


def _plan_projects(plan: Plan) -> list[tuple[int, str, int]]:
    """(id, engine key, version) of each project of the plan."""
    return list(
        Project.objects.filter(plan=plan).order_by().values_list("pk", "engine_key", "version")
    )


def settled_project_ids(plan: Plan, rows: list[tuple[int, str, int]] | None = None) -> set[int]:
    """Projects of ``plan`` the engine must leave alone (``rows``: its projects, if read)."""
    rows = _plan_projects(plan) if rows is None else rows
    if not rows:
        return set()
    ids = [pk for pk, _, _ in rows]
    settled = {pk for pk, key, version in rows if key == "" or version > 1}
    decided = (Decision.MERGED, Decision.INCLUDED)
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        # Filter the decision in Python: on SQLite an IN on ``decision`` (indexed, with few
        # values) would lead the planner to scan every merged referral in the country.
        settled |= {
            result
            for result, decision in Referral.objects.filter(result_project_id__in=chunk)
            .order_by()
            .values_list("result_project_id", "decision")
            if decision in decided
        }
        settled |= set(
            Referral.objects.filter(project_id__in=chunk)
            .order_by()
            .values_list("project_id", flat=True)
        )
        # A funding request is a person's act on the project (and may name one of its places).
        settled |= set(
            FundingRequest.objects.filter(project_id__in=chunk)
            .order_by()
            .values_list("project_id", flat=True)
        )
    return settled


def _source_rows(target_key: str) -> dict[int, dict[str, Any]]:
    """The pending referrals into a plan, with what the merge needs of their projects."""
    rows = Referral.objects.filter(target_key=target_key, decision=Decision.PENDING).values(
        *SOURCE_VALUES
    )
    return {row["pk"]: row for row in rows}


def merge_into_plan(
    plan: Plan, *, same_place_only: bool = False, accept: bool = False
) -> MergeResult:
    """Group the plan's pending incoming referrals and upsert the engine's projects.

    At the tambon the same need from several villages is one project (rule 1).
    Above it (``same_place_only``), two proposals merge only when they are the
    same need *in the same place* — the same road proposed both by the tambon and
    by the LAO's coordination committee — so a district does not fold every
    tambon's road into one.
    """
    result = MergeResult()
    key = f"plan:{plan.pk}"
    sources = _source_rows(key)
    result.incoming = len(sources)
    projects = _plan_projects(plan)
    settled = settled_project_ids(plan, projects)
    # A project an officer split off says "this is a different need": it attracts nothing.
    anchors = (
        list(
            Project.objects.filter(pk__in=settled, plan=plan)
            .exclude(engine_key__startswith="split:")
            .order_by()
            .values("pk", "title", "rationale", "issue__code")
        )
        if settled
        else []
    )
    needs = [
        Need(
            key=-a["pk"],
            title=a["title"],
            rationale=a["rationale"] or "",
            issue_code=a["issue__code"] or "",
            area_code=plan.scope_code,
        )
        for a in anchors
    ]
    needs += [
        Need(
            key=row["pk"],
            title=row["project__title"],
            rationale=row["project__rationale"] or "",
            issue_code=row["project__issue__code"] or "",
            area_code=row["project__plan__scope_code"],
        )
        for row in sources.values()
    ]
    if same_place_only:
        # Above the tambon only duplicates merge: each place's need goes on as it is.
        shared = [
            SharedNeed(group, [group.members])
            for group in _split_by_place(group_needs(needs), sources, plan)
        ]
    else:
        # At the tambon a shared need becomes one project whose places are components.
        shared = group_shared_needs(needs)
    existing = {engine_key: pk for pk, engine_key, _ in projects if engine_key}
    wanted_keys: set[str] = set()
    proposals: Proposals = {}
    to_create: list[tuple[str, dict[str, Any], list[dict[str, Any]], str]] = []
    to_update: list[tuple[int, dict[str, Any], list[dict[str, Any]], str]] = []
    # A source that is itself a grouped project brings its places along (one query).
    # Only a source that raised the need in more than one village can be a grouped project
    # (village needs never are): no query for the tambon's thousands of village sources.
    inherited = source_components(
        row["project_id"] for row in sources.values() if (row["project__villages_count"] or 0) > 1
    )
    layouts: dict[str, Layout] = {}
    for item in shared:
        group = item.group
        members = [sources[n.key] for n in group.members if n.key > 0]
        anchor_ids = sorted(-n.key for n in group.members if n.key < 0)
        if not members:
            continue
        result.groups += 1
        if anchor_ids:
            target = anchor_ids[0]
            result.merged_into_existing += len(members)
            for row in members:
                proposals[row["pk"]] = (target, group.reason_th, None)
            continue
        engine_key = (
            f"{members[0]['project__issue__code'] or '-'}:{min(r['project_id'] for r in members)}"
        )
        wanted_keys.add(engine_key)
        fields = merged_fields(members)
        parts = [[sources[n.key] for n in part if n.key > 0] for part in item.places]
        places = layouts[engine_key] = layout([part for part in parts if part], inherited)
        reason = group.reason_th
        if places.is_shared_need:
            result.shared_need_groups += 1
            result.shared_need_components += len(places.places)
            reason += (
                f" · ความต้องการร่วมของ {len(places.places)} พื้นที่: "
                "แต่ละพื้นที่เป็นองค์ประกอบของโครงการ มีงบประมาณและผลของตนเอง"
            )
        if engine_key in existing:
            to_update.append((existing[engine_key], fields, members, reason))
        else:
            to_create.append((engine_key, fields, members, reason))
        result.duplicates += places.duplicates
    if to_create:
        insert_dicts(
            Project,
            ({"plan_id": plan.pk, "engine_key": key, **fields} for key, fields, _, _ in to_create),
        )
        existing = dict(
            Project.objects.filter(plan=plan)
            .exclude(engine_key="")
            .order_by()
            .values_list("engine_key", "pk")
        )
        result.created = len(to_create)
    if to_update:
        update_rows(
            Project,
            MERGED_FIELDS,
            [[fields[f] for f in MERGED_FIELDS] + [pk] for pk, fields, _, _ in to_update],
        )
        result.updated = len(to_update)
    made = [(existing[key], members, reason) for key, _, members, reason in to_create]
    made += [(pk, members, reason) for pk, _, members, reason in to_update]
    project_of_key = {key: existing[key] for key, *_ in to_create}
    project_of_key.update({key: pk for key, pk in existing.items() if key in wanted_keys})
    component_of = write_components(
        {project_of_key[key]: places for key, places in layouts.items()},
        existing=[pk for pk, *_ in to_update],
    )
    for project_id, members, reason in made:
        for row in members:
            proposals[row["pk"]] = (project_id, reason, component_of.get(row["pk"]))
    set_areas([(pk, members) for pk, members, _ in made], replace=[pk for pk, *_ in to_update])
    stale = [pk for k, pk in existing.items() if k not in wanted_keys and pk not in settled]
    if stale:
        Referral.objects.filter(proposed_result_project_id__in=stale).update(
            proposed_result_project=None
        )
        Project.objects.filter(pk__in=stale).delete()
        result.removed = len(stale)
    if accept:
        result.accepted = _accept_proposals(proposals)
    else:
        _apply_proposals(proposals)
    result.project_ids = [pk for pk, _, _ in made]
    return result


def _split_by_place(
    groups: list[Group], sources: dict[int, dict[str, Any]], plan: Plan
) -> list[Group]:
    """Split each group into parts whose members share at least one location area."""
    project_of = {rid: row["project_id"] for rid, row in sources.items()}
    wanted = set(project_of.values())
    anchor_ids = {-n.key for g in groups for n in g.members if n.key < 0}
    places: dict[int, set[str]] = {}
    for project_id, area in Project.areas.through.objects.filter(
        project_id__in=wanted | anchor_ids
    ).values_list("project_id", "area_id"):
        places.setdefault(project_id, set()).add(area)
    result: list[Group] = []
    for group in groups:
        if len(group.members) == 1:
            result.append(group)
            continue
        parts: list[tuple[set[str], list[Need]]] = []
        for need in group.members:
            mine = places.get(project_of[need.key] if need.key > 0 else -need.key, set())
            joined = [part for part in parts if part[0] & mine]
            if not joined:
                parts.append((set(mine), [need]))
                continue
            first = joined[0]
            first[0].update(mine)
            first[1].append(need)
            for other in joined[1:]:
                first[0].update(other[0])
                first[1].extend(other[1])
                parts.remove(other)
        for _, members in parts:
            if len(members) == len(group.members):
                result.append(group)
            elif len(members) == 1:
                result.append(
                    Group(
                        members,
                        "ความต้องการเดียว ไม่พบโครงการซ้ำในพื้นที่เดียวกัน",
                        "a single need; no duplicate in the same place",
                    )
                )
            else:
                result.append(
                    Group(
                        members, group.reason_th + " · พื้นที่เดียวกัน", group.reason_en + "; same place"
                    )
                )
    return sorted(result, key=lambda g: g.key)


def _apply_proposals(proposals: Proposals) -> None:
    if not proposals:
        return
    changed = []
    for pk, current, reason_now, component_now in Referral.objects.filter(
        pk__in=list(proposals)
    ).values_list("pk", "proposed_result_project_id", "engine_reason", "result_component_id"):
        project_id, reason, component = proposals[pk]
        if current != project_id or reason_now != reason or component_now != component:
            changed.append((project_id, reason, component, pk))
    update_rows(
        Referral,
        ("proposed_result_project", "engine_reason", "result_component"),
        changed,
    )


def _already_decided_into(project_ids: list[int]) -> Counter[int]:
    """How many referrals were already merged into / included as each project."""
    already: Counter[int] = Counter()
    for start in range(0, len(project_ids), 5000):
        already.update(
            result
            for result, decision in Referral.objects.filter(
                result_project_id__in=project_ids[start : start + 5000]
            )
            .order_by()
            .values_list("result_project_id", "decision")
            if decision in (Decision.MERGED, Decision.INCLUDED)
        )
    return already


def _accept_proposals(proposals: Proposals) -> int:
    """Automatic acceptance at the moment of proposing: one write per referral records the
    proposal, its reason and the decision (merged when the project has other sources)."""
    if not proposals:
        return 0
    now = timezone.now()
    counts = Counter(project_id for project_id, _, _ in proposals.values())
    already = _already_decided_into(list(counts))
    update_rows(
        Referral,
        (
            "proposed_result_project",
            "engine_reason",
            "decision",
            "decided_at",
            "decided_automatically",
            "result_project",
            "result_component",
        ),
        [
            (
                project_id,
                reason,
                (
                    Decision.MERGED
                    if counts[project_id] + already[project_id] > 1
                    else Decision.INCLUDED
                ).value,
                now,
                True,
                project_id,
                component,
                pk,
            )
            for pk, (project_id, reason, component) in proposals.items()
        ],
    )
    return len(proposals)


def accept_pending(plan: Plan) -> int:
    """Automatic acceptance (simulation): every pending proposal into ``plan`` is decided."""
    now = timezone.now()
    pending = list(
        Referral.objects.filter(target_key=f"plan:{plan.pk}", decision=Decision.PENDING)
        .exclude(proposed_result_project=None)
        .order_by()
        .values_list("pk", "proposed_result_project_id")
    )
    counts = Counter(result for _, result in pending)
    already = _already_decided_into(list(counts))
    # One statement decides each referral and links it to its project.
    update_rows(
        Referral,
        ("decision", "decided_at", "decided_automatically", "result_project"),
        [
            (
                (
                    Decision.MERGED if counts[result] + already[result] > 1 else Decision.INCLUDED
                ).value,
                now,
                True,
                result,
                pk,
            )
            for pk, result in pending
        ],
    )
    return len(pending)
