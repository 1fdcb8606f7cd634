"""Fill the roll-up tables from the ledger, set-based (``INSERT … SELECT … GROUP BY``).

The unit of work is a province (every ledger row is attributed to the ``scope_code`` of the
plan it concerns, and a need's fate flows down from the top of its province), or ``""`` for
plans that belong to no area. ``refresh_province`` recomputes, in one transaction:

1. the ``own`` rows of every area in the province — one statement over the province's
   projects, referrals, funding requests, components and village plans (each source's
   measures summed per area and issue, the sources side by side), the needs' fates by a
   recursive CTE;
2. the village, tambon, district and province rows — sums of the own rows by code prefix;
3. every issue together (``issue_code="*"``) for those rows;
4. plans by state and lateness (``PlanCount``) and the agencies' answers (``AgencyCount``);
5. the province's cluster and the nation — sums of province rows;

then bumps the cycle's version. The same SQL runs on SQLite and PostgreSQL. Re-running gives
the same rows (delete and insert inside the transaction), so a killed job simply runs again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from planlink.areas.models import Area, ProvincialCluster, cluster_code, prefix_range
from planlink.core.statistics import analyze_stale
from planlink.plans.models import Plan, PlanKind, Project, ProjectComponent
from planlink.plans.revision_models import withdrawn_sql
from planlink.referrals.models import FundingRequest, Referral
from planlink.rollups.models import (
    ALL_ISSUES,
    FUNDING_SOURCES,
    LEVEL_BY_LENGTH,
    MEASURES,
    NO_ISSUE,
    AgencyCount,
    AreaCount,
    CycleVersion,
    Level,
    PlanCount,
    StaleProvince,
)

log = logging.getLogger(__name__)

PREFIX_END = ":"
PUBLIC_STATES = ("submitted", "accepted")
# Plan kinds whose states and lateness are rolled up, with the level of the units that owe them.
TRACKED_KINDS = {
    PlanKind.VILLAGE: 8,
    PlanKind.TAMBON: 6,
    PlanKind.DISTRICT_NEEDS: 4,
    PlanKind.PROVINCIAL_DEVELOPMENT: 2,
}
# What belongs to a village code is everything inside the village: its own rows are its
# village rows (written once, as such).
OWN_OR_VILLAGE = "CASE WHEN LENGTH({code}) = 8 THEN 'village' ELSE 'own' END"
CHILD_LEVELS = ((8, Level.VILLAGE), (6, Level.TAMBON), (4, Level.DISTRICT), (2, Level.PROVINCE))


def _t(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _columns(names: Iterable[str]) -> str:
    return ", ".join(connection.ops.quote_name(name) for name in names)


def _scope_filter(column: str, scope: str) -> tuple[str, list[Any]]:
    """``column`` inside the province ``scope``, or exactly ``""`` for the no-area scope."""
    if scope:
        return f"{column} >= %s AND {column} < %s", [scope, scope + PREFIX_END]
    return f"{column} = %s", [""]


class Part:
    """One source's measures summed per area and issue: ``sql`` (every measure, the others'
    0) or ``own_sql`` (its own measures only) and their ``params``, after the common table
    expression it reads (``with_sql``, its ``with_params``)."""

    def __init__(
        self,
        area: str,
        issue: str,
        source: str,
        params: list[Any],
        measures: dict[str, str],
        with_sql: str = "",
        with_params: list[Any] | None = None,
    ) -> None:
        values = ", ".join(
            f"SUM({measures[name]}) AS m_{name}" if name in measures else f"0 AS m_{name}"
            for name in MEASURES
        )
        self.sql = f"SELECT {area} AS area, {issue} AS issue, {values} {source} GROUP BY 1, 2"
        own = ", ".join(f"SUM({expression}) AS m_{name}" for name, expression in measures.items())
        self.own_sql = f"SELECT {area} AS area, {issue} AS issue, {own} {source} GROUP BY 1, 2"
        self.params = params
        self.measures = tuple(measures)
        self.with_sql = with_sql
        self.with_params = with_params or []


def _shared_needs() -> dict[str, str]:
    """A tambon project that groups one need of several places (a programme) keeps each place
    as a component: one shared-need group, and its places (issue 12). ``j.components`` is
    the count of a tambon project's components (:func:`_scope_projects`)."""
    return {
        "shared_need_groups": "CASE WHEN j.components > 0 THEN 1 ELSE 0 END",
        "shared_need_components": "j.components",
    }


SCOPE_PROJECTS = "pl_rollup_scope_project"


def _scope_projects(cycle_id: int, scope: str) -> tuple[str, list[Any]]:
    """The scope's projects with what the sources read of their plan, issue, revisions and
    components, as the relation ``j`` (``id, kind, state, scope_code, issue, budget, mode,
    withdrawn, components``) and its parameters.

    Every source reads the scope's projects: joined to their plans by each source, PostgreSQL
    hashed the scope's plans and read the whole project table of the country once per source
    (three sequential scans of 370 MB per province at the national-style year, so the
    refreshes of a year grew with the number of provinces times the nation). There they are
    read once, into a temporary table, by index from the scope's plans — work that grows with
    the province. On SQLite the same relation is a subquery that it flattens into each source.
    """
    plan, project, issue = _t(Plan), _t(Project), _t(_issue_model())
    component = _t(ProjectComponent)
    where_p, params_p = _scope_filter("p.scope_code", scope)
    # A tambon project's components, counted once here (each shared-need measure read them
    # again, per tambon project). The count, not ``EXISTS``: PostgreSQL turned an ``EXISTS``
    # into a hashed subplan over every component of the country.
    components = f"""CASE WHEN p.kind = 'tambon'
            THEN (SELECT COUNT(*) FROM {component} c WHERE c.project_id = j.id) ELSE 0 END"""
    select = f"""SELECT j.id AS id, p.kind AS kind, p.state AS state,
            p.scope_code AS scope_code, COALESCE(i.code, '') AS issue, j.budget AS budget,
            j.mode AS mode, {withdrawn_sql("j.id")} AS withdrawn, {components} AS components
        FROM {plan} p JOIN {project} j ON j.plan_id = p.id LEFT JOIN {issue} i ON i.id = j.issue_id
        WHERE p.cycle_id = %s AND {where_p}"""
    params = [cycle_id, *params_p]
    if connection.vendor != "postgresql":
        return f"({select}) j", params
    # The plans by their scope's index, their projects by plan: a hash join would read every
    # project of the country to keep a province's.
    _create_by_lookups(SCOPE_PROJECTS, select, params, seqscan=False)
    with connection.cursor() as cursor:
        # Its size and kinds: unanalysed, the planner guessed a few dozen village projects
        # for 67,000 and looped over every referral into a tambon plan for each (30–70 s in
        # the tambon step's refreshes, docs/benchmarks.md). A sample of 3,000 rows (not
        # 30,000) tells a handful of kinds and states apart as well, in a tenth of the time.
        cursor.execute("SET LOCAL default_statistics_target = 10")
        cursor.execute(f"ANALYZE {SCOPE_PROJECTS} (kind, state)")
        cursor.execute("SET LOCAL default_statistics_target TO DEFAULT")
    return f"{SCOPE_PROJECTS} j", []


SCOPE_REFERRALS = "pl_rollup_scope_referral"


def _scope_referrals(projects: str, params_j: list[Any]) -> tuple[str, list[Any]]:
    """The referrals that leave the scope's projects, with what the sources read of the
    project (``scope_code, issue, kind, budget, withdrawn``) and of the receiving plan
    (``to_kind``), as the relation ``r`` and its parameters. The needs' fates read it too:
    it holds every step of a lineage inside the scope.

    Read alone, never joined again: on PostgreSQL it is a temporary table filled by index
    look-ups from the scope's projects, so neither the duplicates nor the referral measures
    depend on the planner's estimate of a step's new plans and referrals (statistics taken
    before a step still count one tambon plan in the country)."""
    plan, referral = _t(Plan), _t(Referral)
    select = f"""SELECT r.id AS id, j.scope_code AS scope_code, j.issue AS issue,
            j.kind AS kind, j.budget AS budget, j.withdrawn AS withdrawn,
            r.project_id AS project_id, r.component_id AS component_id,
            r.decision AS decision, r.target_kind AS target_kind, r.to_agency_id AS to_agency_id,
            r.result_project_id AS result_project_id,
            r.result_component_id AS result_component_id, r.amount AS amount,
            tp.kind AS to_kind
        FROM {projects} JOIN {referral} r ON r.project_id = j.id
            LEFT JOIN {plan} tp ON tp.id = r.to_plan_id"""
    if connection.vendor != "postgresql":
        return f"({select}) r", list(params_j)
    _create_by_lookups(SCOPE_REFERRALS, select, params_j, seqscan=True)
    return f"{SCOPE_REFERRALS} r", []


def _create_by_lookups(table: str, select: str, params: list[Any], *, seqscan: bool) -> None:
    """PostgreSQL: the temporary ``table`` (dropped at commit) of ``select``, joined by
    index look-ups (hash and merge joins off for this statement, and sequential scans unless
    ``seqscan``): work in proportion to the scope, whatever the planner believes of the
    tables' sizes.

    ``seqscan`` when ``select`` must read a temporary table (it has no index): turned off,
    that one scan costs ten billion, the planner then counts plans within 1 % of each other
    as equal and took one that scanned the temporary table once per referral of the country
    (minutes for a small province)."""
    settings = ["enable_hashjoin", "enable_mergejoin"] + ([] if seqscan else ["enable_seqscan"])
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
        for setting in settings:
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute(f"CREATE TEMPORARY TABLE {table} ON COMMIT DROP AS {select}", params)
        _restore(cursor, settings)


# What a refresh turns off for all its statements (``_lock``); a statement that turns more
# off puts these back as the refresh had them, not as the server's default.
REFRESH_OFF = ("enable_mergejoin", "enable_sort")


def _restore(cursor: Any, settings: Iterable[str]) -> None:
    for setting in settings:
        if setting in REFRESH_OFF:
            cursor.execute(f"SET LOCAL {setting} = off")
        else:
            cursor.execute(f"SET LOCAL {setting} TO DEFAULT")


def _component_column() -> str:
    """The place of the receiving project a source fell into (none: the whole project)."""
    return "r.result_component_id"


def _supply_part(cycle_id: int, scope: str) -> Part:
    """Funded items (``planlink.supply``, read by table name: supply sits above the roll-ups)."""
    from planlink.rollups import supply_measures

    return supply_measures.part(cycle_id, scope)


def _own_rows(cycle_id: int, scope: str, table: str | None = None) -> tuple[str, list[Any]]:
    """The scope's own rows, written into ``table`` (the roll-up table itself by default);
    returns the scope's referrals (``_scope_referrals``), which stay readable until the
    transaction ends or the next scope's fill."""
    plan, referral, request, area = _t(Plan), _t(Referral), _t(FundingRequest), _t(Area)
    component = _t(ProjectComponent)
    # The step or import that asked for this refresh may have grown the tables many times
    # over: every plan below is chosen on their statistics.
    analyze_stale(FILL_TABLES)
    projects, params_j = _scope_projects(cycle_id, scope)
    referrals, params_r = _scope_referrals(projects, params_j)
    public = "j.state IN ('submitted', 'accepted')"
    village = "j.kind = 'village'"
    parts: list[Part] = []

    # Needs' fates: a public village need is funded when a funded referral leaves, or an
    # approved request names, any project it reached (referrals.lineage.fate): what was
    # funded among the projects the scope's needs can reach, then back down to the needs.
    # Those projects are the scope's own (their referrals are ``r``, read without a look-up)
    # and, beyond the scope, the cluster's and the agencies' projects those referrals reached
    # (a few look-ups). Funding beyond what the scope's public needs reach changes nothing:
    # a walk down from a project only meets needs that reach it.
    fates = f"""
        beyond(id) AS (
            SELECT r.result_project_id FROM {referrals}
            WHERE r.result_project_id IS NOT NULL
              AND r.result_project_id NOT IN (SELECT j.id FROM {projects})
            UNION
            SELECT x.result_project_id FROM beyond JOIN {referral} x ON x.project_id = beyond.id
            WHERE x.result_project_id IS NOT NULL
        ),
        -- What was funded: a project, or one place (component key) of it (issue 12).
        funded_place(id, place) AS (
            SELECT r.project_id, c.key FROM {referrals}
                LEFT JOIN {component} c ON c.id = r.component_id
            WHERE r.decision = 'funded'
            UNION
            SELECT x.project_id, c.key FROM {referral} x
                LEFT JOIN {component} c ON c.id = x.component_id
            WHERE x.decision = 'funded' AND x.project_id IN (SELECT id FROM beyond)
            UNION
            SELECT f.project_id, c.key FROM {request} f
                LEFT JOIN {component} c ON c.id = f.component_id
            WHERE f.status = 'approved' AND f.project_id IN (SELECT j.id FROM {projects})
            UNION
            SELECT f.project_id, c.key FROM {request} f
                LEFT JOIN {component} c ON c.id = f.component_id
            WHERE f.status = 'approved' AND f.project_id IN (SELECT id FROM beyond)
        ),
        -- Back down from each funded project (place) to every need that reached it there,
        -- as referrals.lineage carries a need upward: a source whose referral named another
        -- place, or fell into another component, is not funded by it. ``place`` NULL: the
        -- whole project; else the needs at that place (or whole) of the project.
        funded_state(id, place) AS MATERIALIZED (
            SELECT id, place FROM funded_place
            UNION
            SELECT r.project_id,
                CASE WHEN r.result_component_id IS NOT NULL OR r.component_id IS NOT NULL
                     THEN sc.key ELSE s.place END
            FROM funded_state s JOIN {referral} r ON r.result_project_id = s.id
                LEFT JOIN {component} sc ON sc.id = r.component_id
                LEFT JOIN {component} rc ON rc.id = r.result_component_id
            WHERE s.place IS NULL OR COALESCE(rc.key, sc.key) IS NULL
               OR COALESCE(rc.key, sc.key) = s.place
        ),
        funded_root(root) AS MATERIALIZED (SELECT DISTINCT id FROM funded_state)
    """
    duplicates = f"""
        -- A village need merged into a place (project, component) of a tambon project that
        -- an earlier need already reached is a duplicate: every source but the first.
        duplicate(id) AS MATERIALIZED (
            SELECT id FROM (
                SELECT r.id, ROW_NUMBER() OVER (
                    PARTITION BY r.result_project_id, {_component_column()} ORDER BY r.id
                ) AS nth
                FROM {referrals}
                WHERE r.kind = 'village' AND r.to_kind = 'tambon'
                  AND r.decision IN ('merged', 'included') AND r.result_project_id IS NOT NULL
            ) ranked WHERE nth > 1
        )
    """
    fates_params: list[Any] = [*params_r, *params_j, *params_r, *params_j]
    duplicates_params: list[Any] = list(params_r)
    if connection.vendor == "postgresql":
        fates, fates_params = _fates_apart(fates, fates_params), []
    # The funded roots and the duplicates are looked up with ``IN (SELECT …)``, never joined:
    # PostgreSQL cannot estimate a recursive CTE's size and, guessing a dozen rows, joined
    # them by nested loop — a scan of the 7,000 funded roots per project, 30 s for one
    # province (docs/benchmarks.md); ``IN`` is a hashed lookup there and an index on SQLite.
    funded = "j.id IN (SELECT root FROM funded_root)"

    parts.append(
        Part(
            "j.scope_code",
            "j.issue",
            f"FROM {projects} WHERE NOT j.withdrawn",
            list(params_j),
            {
                "needs_raised": f"CASE WHEN {village} THEN 1 ELSE 0 END",
                "needs_budget": f"CASE WHEN {village} THEN j.budget ELSE 0 END",
                "public_needs": f"CASE WHEN {village} AND {public} THEN 1 ELSE 0 END",
                "public_needs_budget": f"CASE WHEN {village} AND {public} THEN j.budget ELSE 0 END",
                "public_needs_funded": (
                    f"CASE WHEN {village} AND {public} AND {funded} THEN 1 ELSE 0 END"
                ),
                "kept_by_villages": f"CASE WHEN {village} AND j.mode = 'self' THEN 1 ELSE 0 END",
                **_shared_needs(),
                "tambon_projects": "CASE WHEN j.kind = 'tambon' THEN 1 ELSE 0 END",
                "district_projects": "CASE WHEN j.kind = 'district_needs' THEN 1 ELSE 0 END",
                "province_projects": (
                    "CASE WHEN j.kind = 'provincial_development' THEN 1 ELSE 0 END"
                ),
                "cluster_projects": "CASE WHEN j.kind = 'cluster' THEN 1 ELSE 0 END",
            },
            fates,
            fates_params,
        )
    )

    # A need an approved revision withdrew is out of its plan: no longer one of the needs
    # villages raise (nor collected), nor one of a plan's projects (docs/revisions.md).
    into_tambon = (
        "r.kind = 'village' AND r.to_kind = 'tambon' AND r.decision IN ('merged', 'included')"
        " AND NOT r.withdrawn"
    )
    agency = "r.target_kind = 'agency'"
    included = (
        f"{agency} AND (r.decision IN ('funded', 'included') OR r.result_project_id IS NOT NULL)"
    )
    parts.append(
        Part(
            "r.scope_code",
            "r.issue",
            f"FROM {referrals}",
            list(params_r),
            {
                "collected_by_tambons": f"CASE WHEN {into_tambon} THEN 1 ELSE 0 END",
                "duplicates_merged": "CASE WHEN r.id IN (SELECT id FROM duplicate) THEN 1 ELSE 0 END",
                "lao_coordination_items": (
                    "CASE WHEN r.target_kind = 'lao' AND r.kind = 'tambon' THEN 1 ELSE 0 END"
                ),
                "sent_to_districts": (
                    "CASE WHEN r.kind = 'tambon' AND r.to_kind = 'district_needs' THEN 1 ELSE 0 END"
                ),
                "sent_to_provinces": (
                    "CASE WHEN r.kind = 'district_needs' AND r.to_kind = 'provincial_development' "
                    "THEN 1 ELSE 0 END"
                ),
                "pao_items": "CASE WHEN r.target_kind = 'pao' THEN 1 ELSE 0 END",
                "sent_to_agencies": f"CASE WHEN {agency} THEN 1 ELSE 0 END",
                "sent_to_agencies_baht": f"CASE WHEN {agency} THEN r.budget ELSE 0 END",
                "agency_requests": f"CASE WHEN {included} THEN 1 ELSE 0 END",
                "agency_requests_baht": f"CASE WHEN {included} THEN r.budget ELSE 0 END",
                "agency_funded": f"CASE WHEN {agency} AND r.decision = 'funded' THEN 1 ELSE 0 END",
                "agency_funded_baht": (
                    f"CASE WHEN {agency} AND r.decision = 'funded' "
                    "THEN COALESCE(r.amount, 0) ELSE 0 END"
                ),
                "funded_referrals_baht": (
                    "CASE WHEN r.decision = 'funded' THEN COALESCE(r.amount, 0) ELSE 0 END"
                ),
            },
            duplicates,
            duplicates_params,
        )
    )

    by_source: dict[str, str] = {}
    for source in FUNDING_SOURCES:
        by_source[f"funded_{source}"] = f"CASE WHEN f.source = '{source}' THEN 1 ELSE 0 END"
        by_source[f"funded_{source}_baht"] = (
            f"CASE WHEN f.source = '{source}' THEN COALESCE(f.approved, 0) ELSE 0 END"
        )
    parts.append(
        Part(
            "j.scope_code",
            "j.issue",
            f"""FROM {projects} JOIN {request} f ON f.project_id = j.id
                WHERE f.status = 'approved'""",
            list(params_j),
            by_source,
        )
    )

    if scope:
        where_a, params_a = _scope_filter("a.code", scope)
        parts.append(
            Part(
                "a.code",
                "''",
                f"""FROM {area} a WHERE a.level = 'village' AND {where_a} AND EXISTS (
                    SELECT 1 FROM {plan} p WHERE p.owner_area_id = a.code AND p.cycle_id = %s
                    AND p.kind = 'village')""",
                [*params_a, cycle_id],
                {"village_plans": "1"},
            )
        )

    parts.append(_supply_part(cycle_id, scope))
    if connection.vendor == "sqlite":
        _write_each(cycle_id, parts, table or _t(AreaCount))
    else:
        _write_joined(cycle_id, parts, table or _t(AreaCount))
    return referrals, params_r


FUNDED_ROOTS = "pl_rollup_funded_root"
# What the fill reads by index (their statistics are taken again when stale).
FILL_TABLES = tuple(
    model._meta.db_table for model in (Plan, Project, ProjectComponent, Referral, FundingRequest)
)


def _fates_apart(fates: str, params: list[Any]) -> str:
    """PostgreSQL: the funded roots computed first, into a temporary table, by lookups.

    The planner cannot estimate a recursive CTE (it guesses ten times the first term) and,
    inside the one big statement, joined each recursion step to the whole referral table by
    hash — a scan of every referral of the country per step and per province refreshed, so
    a province's refresh grew with the nation's year (docs/benchmarks.md). Apart, with hash
    and merge joins and sequential scans off for this one statement, the lineage inside the
    scope is read from the scope's referrals and each step beyond it is an index lookup:
    the work grows with the province.
    Returns the CTE that the main statement reads instead (the same ``funded_root``)."""
    # The tables' statistics are fresh (``_own_rows``): the plan below forbids hashing, so a
    # stale estimate cost a nested loop of every node with every funding request (10–24 s
    # for one province; ~1 s when analysed).
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {FUNDED_ROOTS}")
        for setting in ("enable_hashjoin", "enable_mergejoin", "enable_seqscan"):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {FUNDED_ROOTS} ON COMMIT DROP AS "
            f"WITH RECURSIVE {fates} SELECT root FROM funded_root",
            params,
        )
        _restore(cursor, ("enable_hashjoin", "enable_mergejoin", "enable_seqscan"))
        cursor.execute(f"ANALYZE {FUNDED_ROOTS}")
    return f"funded_root(root) AS (SELECT root FROM {FUNDED_ROOTS})"


def _write_joined(cycle_id: int, parts: list[Part], table: str) -> None:
    """The sources' rows joined by area and issue in one statement (PostgreSQL): each source
    has one row per area and issue and its own measures (no two share one), so a row is the
    sources' rows side by side. (Their union summed again per area and issue, as before,
    added a sort and forty-three sums of every source's rows: ~25 % of the statement for the
    largest province, docs/benchmarks.md.)"""
    ctes = [part.with_sql for part in parts if part.with_sql]
    with_params = [value for part in parts for value in part.with_params]
    names = [f"s{n}" for n in range(len(parts))]
    ctes += [
        f"{name} AS MATERIALIZED ({part.own_sql})" for name, part in zip(names, parts, strict=True)
    ]
    keys = " UNION ".join(f"SELECT area, issue FROM {name}" for name in names)
    joins = " ".join(
        f"LEFT JOIN {name} ON {name}.area = k.area AND {name}.issue = k.issue" for name in names
    )
    owner = {
        measure: name for name, part in zip(names, parts, strict=True) for measure in part.measures
    }
    values = ", ".join(
        f"COALESCE({owner[measure]}.m_{measure}, 0)" if measure in owner else "0"
        for measure in MEASURES
    )
    sql = f"""WITH RECURSIVE {", ".join(ctes)}
        INSERT INTO {table} (cycle_id, level, area_code, issue_code, {_columns(MEASURES)})
        SELECT %s, {OWN_OR_VILLAGE.format(code="k.area")}, k.area, k.issue, {values}
        FROM ({keys}) k {joins}"""
    params = [value for part in parts for value in part.params]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*with_params, *params, cycle_id])


def _write_each(cycle_id: int, parts: list[Part], table: str) -> None:
    """Source by source (SQLite): each source computes its own measures (no two share one)
    and has one row per area and issue, so the first source's rows are inserted and each
    further source writes its measures into the row of the same area and issue
    (``ON CONFLICT … DO UPDATE``) — the same sums, without summing every source's rows once
    more (on SQLite a third of the statement; on PostgreSQL updating a row costs more)."""
    columns = _columns(MEASURES)
    values = ", ".join(f"COALESCE(m_{name}, 0)" for name in MEASURES)
    with connection.cursor() as cursor:
        for part in parts:
            assigned = ", ".join(
                f"{connection.ops.quote_name(name)} = excluded.{connection.ops.quote_name(name)}"
                for name in part.measures
            )
            with_sql = f"WITH RECURSIVE {part.with_sql}" if part.with_sql else ""
            # ``WHERE 1 = 1``: SQLite would read the ``ON`` of ``ON CONFLICT`` as a join's.
            cursor.execute(
                f"""{with_sql}
                INSERT INTO {table} (cycle_id, level, area_code, issue_code, {columns})
                SELECT %s, {OWN_OR_VILLAGE.format(code="area")}, area, issue, {values}
                FROM ({part.sql}) measured WHERE 1 = 1
                ON CONFLICT (cycle_id, level, area_code, issue_code) DO UPDATE SET {assigned}""",
                [*part.with_params, cycle_id, *part.params],
            )


def _issue_model() -> Any:
    from planlink.plans.models import Issue

    return Issue


def _sum_levels(
    model: Any, cycle_id: int, scope: str, key_columns: list[str], table: str | None = None
) -> None:
    """Rows of every area level inside ``scope`` from its own rows (sums by code prefix).

    Level by level, upward: a tambon sums its villages' rows and its own, a district its
    tambons' rows and its own, a province its districts' and its own — the same sums as
    every own row below the area, each row read once instead of once per level above it.
    ``table``: where the rows are read and written (the model's table by default)."""
    table = table or _t(model)
    fields = MEASURES if model is AreaCount else PLAN_MEASURES
    sums = ", ".join(f"SUM({connection.ops.quote_name(name)})" for name in fields)
    where, params = _scope_filter("area_code", scope)
    extra = ", ".join(key_columns)
    below, below_length = Level.VILLAGE, 8  # villages: written by the fill
    for length, level in CHILD_LEVELS:
        if level == Level.VILLAGE:
            continue
        if length < len(scope):
            break
        # The level below covers every own row at least as long as it; the own rows between
        # this level's length and its are this level's own.
        sql = f"""INSERT INTO {table} (cycle_id, level, area_code, {extra}, {_columns(fields)})
            SELECT %s, %s, SUBSTR(area_code, 1, {length}), {extra}, {sums} FROM {table}
            WHERE cycle_id = %s AND {where} AND (level = %s OR (level = 'own'
              AND LENGTH(area_code) >= {length} AND LENGTH(area_code) < {below_length}))
            GROUP BY SUBSTR(area_code, 1, {length}), {extra}"""
        with connection.cursor() as cursor:
            cursor.execute(sql, [cycle_id, level, cycle_id, *params, below])
        below, below_length = level, length


PLAN_MEASURES = ("units", "draft", "submitted", "accepted", "returned", "on_time", "submitted_late")


def _all_issues(cycle_id: int, scope: str, levels: list[str], table: str | None = None) -> None:
    table = table or _t(AreaCount)
    sums = ", ".join(f"SUM({connection.ops.quote_name(name)})" for name in MEASURES)
    where, params = _scope_filter("area_code", scope) if scope else ("1 = 1", [])
    marks = ", ".join(["%s"] * len(levels))
    sql = f"""INSERT INTO {table} (cycle_id, level, area_code, issue_code, {_columns(MEASURES)})
        SELECT %s, level, area_code, %s, {sums} FROM {table}
        WHERE cycle_id = %s AND level IN ({marks}) AND {where} AND issue_code <> %s
        GROUP BY level, area_code"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [cycle_id, ALL_ISSUES, cycle_id, *levels, *params, ALL_ISSUES])


def _deadline_marks(cycle_id: int) -> dict[str, dt.datetime]:
    """For each tracked kind, the first instant after its milestone's deadline (local time)."""
    from planlink.cycles.models import Milestone

    marks: dict[str, dt.datetime] = {}
    for kind, deadline in Milestone.objects.filter(
        cycle_id=cycle_id, plan_kind__in=list(TRACKED_KINDS)
    ).values_list("plan_kind", "deadline"):
        day_after = dt.datetime.combine(deadline + dt.timedelta(days=1), dt.time.min)
        marks[kind] = timezone.make_aware(day_after, timezone.get_current_timezone())
    return marks


NEVER = dt.datetime(9999, 1, 1, tzinfo=dt.UTC)


def _plan_rows(cycle_id: int, scope: str) -> None:
    if not scope:
        return
    table, plan, area = _t(PlanCount), _t(Plan), _t(Area)
    where_a, params_a = _scope_filter("a.code", scope)
    marks = _deadline_marks(cycle_id)
    level_name = {8: "village", 6: "tambon", 4: "district", 2: "province"}
    sent = "p.state IN ('submitted', 'accepted') AND p.submitted_at IS NOT NULL"
    for kind, length in TRACKED_KINDS.items():
        mark = connection.ops.adapt_datetimefield_value(marks.get(kind, NEVER))
        sql = f"""INSERT INTO {table} (cycle_id, level, area_code, plan_kind,
                {_columns(PLAN_MEASURES)})
            SELECT %s, {OWN_OR_VILLAGE.format(code="a.code")}, a.code, %s, 1,
                SUM(CASE WHEN p.state = 'draft' THEN 1 ELSE 0 END),
                SUM(CASE WHEN p.state = 'submitted' THEN 1 ELSE 0 END),
                SUM(CASE WHEN p.state = 'accepted' THEN 1 ELSE 0 END),
                SUM(CASE WHEN p.state = 'returned' THEN 1 ELSE 0 END),
                MAX(CASE WHEN {sent} AND p.submitted_at < %s THEN 1 ELSE 0 END),
                MAX(CASE WHEN {sent} AND p.submitted_at >= %s THEN 1 ELSE 0 END)
            FROM {area} a LEFT JOIN {plan} p
                ON p.owner_area_id = a.code AND p.cycle_id = %s AND p.kind = %s
            WHERE a.level = %s AND {where_a}
            GROUP BY a.code"""
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                [cycle_id, kind, mark, mark, cycle_id, kind, level_name[length], *params_a],
            )
    _sum_levels(PlanCount, cycle_id, scope, ["plan_kind"])


def _agency_rows(cycle_id: int, scope: str, referrals: str, params_r: list[Any]) -> None:
    """The agencies' answers to the scope's projects, from the scope's referrals (read by
    index from the agencies' referrals of the whole country, this grew with the nation)."""
    if not scope:
        return
    table = _t(AgencyCount)
    answered = ("included", "funded", "not_funded", "returned")
    answers = ", ".join(
        f"SUM(CASE WHEN r.decision = '{decision}' THEN 1 ELSE 0 END)" for decision in answered
    )
    sql = f"""INSERT INTO {table} (cycle_id, area_code, agency_code, sent, pending, included,
            funded, not_funded, returned, funded_baht)
        SELECT %s, %s, r.to_agency_id, COUNT(*),
            SUM(CASE WHEN r.decision IN ({", ".join(f"'{d}'" for d in answered)})
                THEN 0 ELSE 1 END),
            {answers},
            SUM(CASE WHEN r.decision = 'funded' THEN COALESCE(r.amount, 0) ELSE 0 END)
        FROM {referrals}
        WHERE r.target_kind = 'agency' AND r.to_agency_id IS NOT NULL
        GROUP BY r.to_agency_id"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [cycle_id, scope, *params_r])


def _scope_levels(scope: str) -> list[str]:
    """The levels of the rows a province's refresh writes: its own rows and every area's."""
    return [Level.OWN, *[level for length, level in CHILD_LEVELS if length >= len(scope)]]


def _delete(cycle_id: int, scope: str, *, area_rows: bool = True) -> None:
    """Delete the rows the refresh of ``scope`` writes again (``area_rows=False``: all but
    the area rows, which :func:`_apply_fresh` replaces where they changed)."""
    if scope:
        below = {"area_code__gte": scope, "area_code__lt": scope + PREFIX_END}
        levels = _scope_levels(scope)
        if area_rows:
            AreaCount.objects.filter(cycle_id=cycle_id, level__in=levels, **below).delete()
        PlanCount.objects.filter(cycle_id=cycle_id, level__in=levels, **below).delete()
        AgencyCount.objects.filter(cycle_id=cycle_id, area_code=scope).delete()
    else:
        AreaCount.objects.filter(cycle_id=cycle_id, level=Level.OWN, area_code="").delete()


FRESH_ROWS = "pl_rollup_fresh"


def _fresh_table() -> str:
    """PostgreSQL: an empty temporary table shaped as the area rows (dropped at commit), where
    a province's refresh computes its rows before :func:`_apply_fresh` writes the changes."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {FRESH_ROWS}")
        cursor.execute(
            f"""CREATE TEMPORARY TABLE {FRESH_ROWS} ON COMMIT DROP AS
            SELECT cycle_id, level, area_code, issue_code, {_columns(MEASURES)}
            FROM {_t(AreaCount)} WITH NO DATA"""
        )
    return FRESH_ROWS


def _apply_fresh(cycle_id: int, scope: str) -> None:
    """Make the province's area rows those of :data:`FRESH_ROWS`, writing only the rows that
    changed: a step changes few of them (a district's step changes no village's collected
    needs), and deleting and inserting every row again was most of a refresh's writes, with
    their index entries, their WAL and the dead rows left to vacuum (docs/benchmarks.md).
    The rows left are the same as a delete and insert of every row would leave."""
    table = _t(AreaCount)
    levels = _scope_levels(scope)
    marks = ", ".join(["%s"] * len(levels))
    inside, params = _scope_filter("a.area_code", scope)
    key = "f.level = a.level AND f.area_code = a.area_code AND f.issue_code = a.issue_code"
    names = [connection.ops.quote_name(name) for name in MEASURES]
    old_values = ", ".join(f"a.{name}" for name in names)
    fresh_values = ", ".join(f"f.{name}" for name in names)
    with connection.cursor() as cursor:
        # (Not analysed: the planner sizes the temporary table from its pages and hashes it
        # as it would with statistics, ~10 ms sooner for the largest province.)
        # Rows gone or changed: the province's rows without a fresh row of the same key and
        # values (joined by key, the values compared after: hashing every value cost more).
        cursor.execute(
            f"""DELETE FROM {table} WHERE id IN (
                SELECT a.id FROM {table} a LEFT JOIN {FRESH_ROWS} f ON {key}
                WHERE a.cycle_id = %s AND a.level IN ({marks}) AND {inside}
                  AND (f.level IS NULL OR ROW({old_values}) IS DISTINCT FROM ROW({fresh_values})))""",
            [cycle_id, *levels, *params],
        )
        # New or changed: every fresh row whose key is no longer there.
        cursor.execute(
            f"""INSERT INTO {table} (cycle_id, level, area_code, issue_code, {_columns(MEASURES)})
            SELECT f.cycle_id, f.level, f.area_code, f.issue_code, {fresh_values}
            FROM {FRESH_ROWS} f
            WHERE NOT EXISTS (
                SELECT 1 FROM {table} a WHERE a.cycle_id = %s AND a.level IN ({marks})
                  AND {inside} AND {key})""",
            [cycle_id, *levels, *params],
        )


def _cluster_of(province: str) -> tuple[int | None, bool]:
    """The number of the province's cluster (``None``: none), and whether the province is
    the cluster's first (lowest code): the refresh unit of the cluster's own changes."""
    if not province:
        return None, False
    number = Area.objects.filter(code=province).values_list("cluster__number", flat=True).first()
    if number is None:
        return None, False
    return number, _first_provinces({number}).get(number) == province


def _cluster_and_nation(cycle_id: int, province: str) -> None:
    """Re-sum the province's cluster and the nation from province rows (77 × issues rows).

    The cluster's own rows (its plans, scope ``C05``) are filled by the refresh of its first
    province only: a change to them reaches the roll-ups as that province's refresh
    (``refresh_units``), and nothing of another province's is among their sources (they
    count the cluster's projects and the referrals leaving them). Filled at every member's
    refresh, the cluster step's refresh filled them once per member (docs/benchmarks.md)."""
    table = _t(AreaCount)
    sums = ", ".join(f"SUM({connection.ops.quote_name(name)})" for name in MEASURES)
    cols = _columns(MEASURES)
    cluster, fills_cluster = _cluster_of(province)
    with connection.cursor() as cursor:
        if cluster is not None:
            code = cluster_code(cluster)
            AreaCount.objects.filter(
                cycle_id=cycle_id, level=Level.CLUSTER, area_code=code
            ).delete()
            if fills_cluster:
                AreaCount.objects.filter(
                    cycle_id=cycle_id, level=Level.OWN, area_code=code
                ).delete()
                if _holds_anything(cycle_id, code):
                    _own_rows(cycle_id, code)
            cursor.execute(
                f"""INSERT INTO {table} (cycle_id, level, area_code, issue_code, {cols})
                SELECT %s, 'cluster', %s, issue, {sums} FROM (
                    SELECT issue_code AS issue, {cols} FROM {table}
                    WHERE cycle_id = %s AND level = 'province' AND area_code IN (
                        SELECT code FROM {_t(Area)} WHERE level = 'province' AND cluster_id = (
                            SELECT id FROM {_t(ProvincialCluster)} WHERE number = %s))
                    UNION ALL
                    SELECT issue_code AS issue, {cols} FROM {table}
                    WHERE cycle_id = %s AND level = 'own' AND area_code = %s
                    UNION ALL
                    SELECT %s AS issue, {cols} FROM {table}
                    WHERE cycle_id = %s AND level = 'own' AND area_code = %s
                ) m GROUP BY issue""",
                [cycle_id, code, cycle_id, cluster, cycle_id, code, ALL_ISSUES, cycle_id, code],
            )
        AreaCount.objects.filter(cycle_id=cycle_id, level=Level.NATION).delete()
        cursor.execute(
            f"""INSERT INTO {table} (cycle_id, level, area_code, issue_code, {cols})
            SELECT %s, 'nation', '', issue, {sums}
            FROM (
                SELECT issue_code AS issue, {cols} FROM {table}
                WHERE cycle_id = %s AND level = 'province' AND issue_code <> %s
                UNION ALL
                SELECT issue_code AS issue, {cols} FROM {table}
                WHERE cycle_id = %s AND level = 'own' AND area_code = ''
                UNION ALL
                SELECT issue_code AS issue, {cols} FROM {table}
                WHERE cycle_id = %s AND level = 'own' AND area_code >= 'C' AND area_code < 'D'
            ) m GROUP BY issue""",
            [cycle_id, cycle_id, ALL_ISSUES, cycle_id, cycle_id],
        )
    _all_issues_nation(cycle_id)
    AgencyCount.objects.filter(cycle_id=cycle_id, area_code="").delete()
    agency = _t(AgencyCount)
    names = ("sent", "pending", "included", "funded", "not_funded", "returned", "funded_baht")
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {agency} (cycle_id, area_code, agency_code, {_columns(names)})
            SELECT %s, '', agency_code, {", ".join(f"SUM({n})" for n in names)} FROM {agency}
            WHERE cycle_id = %s AND area_code <> '' GROUP BY agency_code""",
            [cycle_id, cycle_id],
        )
    _plans_nation(cycle_id)


def _holds_anything(cycle_id: int, scope: str) -> bool:
    """Whether the fill of ``scope`` has a source: a plan of the scope or a funded item
    located in it. A cluster has no plan until its step (issue 17): its own rows, filled at
    every province's refresh, are then none, without the fill's statements."""
    from django.apps import apps

    if Plan.objects.filter(prefix_range("scope_code", scope), cycle_id=cycle_id).exists():
        return True
    items = apps.get_model("supply", "SupplyItem").objects
    return bool(items.filter(prefix_range("area_code", scope), cycle_id=cycle_id).exists())


def _all_issues_nation(cycle_id: int) -> None:
    table = _t(AreaCount)
    sums = ", ".join(f"SUM({connection.ops.quote_name(name)})" for name in MEASURES)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {table} (cycle_id, level, area_code, issue_code, {_columns(MEASURES)})
            SELECT %s, 'nation', '', %s, {sums} FROM {table}
            WHERE cycle_id = %s AND level = 'nation' AND issue_code <> %s
            HAVING COUNT(*) > 0""",
            [cycle_id, ALL_ISSUES, cycle_id, ALL_ISSUES],
        )


def _plans_nation(cycle_id: int) -> None:
    PlanCount.objects.filter(cycle_id=cycle_id, level=Level.NATION).delete()
    table = _t(PlanCount)
    sums = ", ".join(f"SUM({name})" for name in PLAN_MEASURES)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {table} (cycle_id, level, area_code, plan_kind,
                {_columns(PLAN_MEASURES)})
            SELECT %s, 'nation', '', plan_kind, {sums} FROM {table}
            WHERE cycle_id = %s AND level = 'province' GROUP BY plan_kind""",
            [cycle_id, cycle_id],
        )


def bump_version(cycle_id: int) -> int:
    from planlink.rollups.selectors import forget_kept_versions

    forget_kept_versions()
    if settings.PLANLINK_VERSION_SECONDS:
        # and again once the new version is committed (another thread may have read the
        # old one meanwhile)
        transaction.on_commit(forget_kept_versions)
    CycleVersion.objects.get_or_create(cycle_id=cycle_id)
    CycleVersion.objects.filter(cycle_id=cycle_id).update(
        version=F("version") + 1, refreshed_at=timezone.now()
    )
    return CycleVersion.objects.values_list("version", flat=True).get(cycle_id=cycle_id)


# A change that touched more provinces than this is refreshed by a background job, not in
# the request or command that made it (nor by a reader: see ``rollups_ensure_fresh``).
INLINE_PROVINCES = 3


class PendingRefresh:
    """The refresh a transaction leaves for after its commit (``transaction.on_commit``):
    the provinces its changes touched, and those whose stale marker it wrote."""

    def __init__(self, cycle_id: int, provinces: set[str]) -> None:
        self.cycle_id = cycle_id
        self.provinces = set(provinces)
        self.marked = set(provinces)
        self.done = False

    def __call__(self) -> None:
        self.done = True
        try:
            if len(self.provinces) > INLINE_PROVINCES:
                # An import that touched many provinces: a background job refreshes them.
                from planlink.jobs.services import enqueue

                enqueue(
                    "rollups.refresh",
                    arguments={"fiscal_year": self.cycle_id, "provinces": sorted(self.provinces)},
                )
                return
            for province in sorted(self.provinces):
                refresh_province(self.cycle_id, province)
        except Exception:  # the change is committed; its stale marker makes a reader catch up
            log.exception("roll-up refresh failed: cycle %s %s", self.cycle_id, self.provinces)


def waiting_refreshes(cycle_id: int) -> Iterator[PendingRefresh]:
    """The refreshes of ``cycle_id`` the current transaction will run after its commit."""
    for entry in connection.run_on_commit:
        function = entry[1]
        if isinstance(function, PendingRefresh) and function.cycle_id == cycle_id:
            if not function.done:
                yield function


def _forget_marks(cycle_id: int, province: str) -> None:
    """The marker is gone: a later change in this transaction must write it again."""
    for waiting in waiting_refreshes(cycle_id):
        waiting.marked.discard(province)


def _lock(cycle_id: int, key: int) -> None:
    """Serialise refreshes of one province (``key``: its code) or of the sums above provinces
    (``key`` -1) on PostgreSQL, until the transaction ends. (SQLite writes one at a time.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [cycle_id, key])
            # The fill's estimates (a recursive CTE) look costly enough for the JIT, whose
            # compiling of forty sums takes longer than the whole statement runs.
            cursor.execute("SET LOCAL jit = off")
            cursor.execute("SET LOCAL work_mem = '64MB'")  # sums by hashing, not sorting
            # The sources joined by area and issue, the level sums and the fresh rows against
            # the stored: hashed, not sorted and merged (a refresh of the 12 provinces of the
            # national-style year ~4.3 → ~4.0 s; docs/benchmarks.md). A window function or an
            # ``ORDER BY`` still sorts: these only make sorting the dearer choice.
            for setting in REFRESH_OFF:
                cursor.execute(f"SET LOCAL {setting} = off")


def refresh_province(cycle_id: int, province: str) -> None:
    """Recompute every roll-up row of one province (``""``: plans of no area) and the sums
    above it, in one transaction. Two refreshes of one province never interleave; parallel
    workers refresh different provinces at once and take turns only for the national sums."""
    if province and len(province) != 2:
        raise ValueError(f"not a province code: {province!r}")
    with transaction.atomic():
        _lock(cycle_id, int(province) if province else 0)
        # First: a change committing while this runs leaves its own row for the next refresh.
        StaleProvince.objects.filter(cycle_id=cycle_id, province=province).delete()
        _forget_marks(cycle_id, province)
        # PostgreSQL: a province's area rows are computed apart and only the changed rows
        # written (``_apply_fresh``); SQLite deletes and writes them all, and so does a
        # province's first refresh (nothing to compare with).
        fresh = None
        if province and connection.vendor == "postgresql":
            written = AreaCount.objects.filter(
                prefix_range("area_code", province),
                cycle_id=cycle_id,
                level__in=_scope_levels(province),  # by the unique index: (cycle, level, area)
            )
            fresh = _fresh_table() if written.exists() else None
        _delete(cycle_id, province, area_rows=fresh is None)
        referrals, params_r = _own_rows(cycle_id, province, fresh)
        if province:
            _sum_levels(AreaCount, cycle_id, province, ["issue_code"], fresh)
            _all_issues(cycle_id, province, [level for _, level in CHILD_LEVELS], fresh)
        if fresh:
            _apply_fresh(cycle_id, province)
        _plan_rows(cycle_id, province)
        _agency_rows(cycle_id, province, referrals, params_r)
        _lock(cycle_id, -1)
        CycleVersion.objects.get_or_create(cycle_id=cycle_id)
        CycleVersion.objects.select_for_update().filter(cycle_id=cycle_id).first()
        _cluster_and_nation(cycle_id, province)
        bump_version(cycle_id)


def provinces_with_plans(cycle_id: int) -> list[str]:
    """The refresh units (provinces, ``""`` for no area) that hold plans of the cycle or its
    funded items (an item's place is a source of the roll-ups without any plan)."""
    from planlink.rollups import supply_measures

    scopes = set(
        Plan.objects.filter(cycle_id=cycle_id).values_list("scope_code", flat=True).distinct()
    )
    return sorted(refresh_units(scopes | supply_measures.places(cycle_id)))


def refresh_units(codes: Iterable[str]) -> set[str]:
    """The provinces whose refresh covers these area codes (``""`` for no area). A cluster's
    code (``C05``, its plans) is refreshed with its provinces: its first province's refresh
    fills the cluster's own rows and re-sums the cluster (issue 17)."""
    units = {code[:2] for code in codes if not code.startswith("C")}
    clusters = {int(code[1:]) for code in codes if code.startswith("C") and code[1:].isdigit()}
    return units | set(_first_provinces(clusters).values())


def _first_provinces(clusters: set[int]) -> dict[int, str]:
    """{cluster number: its first province (lowest code)} — the refresh unit of each
    cluster's own rows."""
    first: dict[int, str] = {}
    if clusters:
        for number, province in (
            Area.objects.filter(level=Area.Level.PROVINCE, cluster__number__in=clusters)
            .order_by("code")
            .values_list("cluster__number", "code")
        ):
            first.setdefault(number, province)
    return first


__all__ = ["NO_ISSUE", "LEVEL_BY_LENGTH", "refresh_province", "provinces_with_plans"]
