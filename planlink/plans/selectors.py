"""Reads on plans and projects shared by the web pages, the API and the documents.

The filter sets of the project and plan lists live here, in the domain, so that every
door narrows the same way: ``GET /api/v1/projects?cycle=2570&area=2401``, the Excel
export of the same list (``planlink.documents.export``) and ``planlink export projects``
give the same rows for the same user. Access comes first (``planlink.accounts.access``):
these functions only narrow a queryset the caller may already read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any, Protocol

from django.db.models import Q, QuerySet

from planlink.areas.models import prefix_range
from planlink.core.errors import DomainError
from planlink.cycles.models import PlanLevel
from planlink.plans.models import PLAN_KIND_LEVEL, Plan, PlanKind, PlanState, Project

AREA_CODE = r"^[0-9]{1,8}$"
FISCAL_YEARS = (2500, 2700)
MAX_ID = 2**63 - 1
MAX_ISSUE_CODE = 20


def kinds_of_level(level: str) -> list[str]:
    """The plan kinds of one level (``tambon`` → the tambon plan; ``district`` → three)."""
    return [kind for kind, kind_level in PLAN_KIND_LEVEL.items() if kind_level == level]


def area_q(code: str, scope_field: str = "scope_code") -> Q:
    """Inside an area: the owner's scope code starts with ``code`` (an index range)."""
    return prefix_range(scope_field, code)


class PlanFilterValues(Protocol):
    """What ``filter_plans`` reads: the domain's ``PlanFilters`` or the API's query schema."""

    @property
    def cycle(self) -> int | None: ...
    @property
    def area(self) -> str | None: ...
    @property
    def kind(self) -> str | None: ...
    @property
    def level(self) -> str | None: ...
    @property
    def state(self) -> str | None: ...


class ProjectFilterValues(PlanFilterValues, Protocol):
    """What ``filter_projects`` reads: the plan's filters, the issue code and the plan id."""

    @property
    def issue(self) -> str | None: ...
    @property
    def plan(self) -> int | None: ...


def _refuse(name: str, value: object) -> DomainError:
    return DomainError(f"ตัวกรองไม่ถูกต้อง: {name} = {value!r}", f"invalid filters: {name} = {value!r}")


def _int(name: str, value: object, low: int, high: int) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise _refuse(name, value) from None
    if not low <= number <= high:
        raise _refuse(name, value)
    return number


def _choice(name: str, value: object, choices: list[str]) -> str | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    if text not in choices:
        raise _refuse(name, value)
    return text


def _area(value: object) -> str | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    if not re.match(AREA_CODE, text):
        raise _refuse("area", value)
    return text


@dataclass(frozen=True)
class PlanFilters:
    """The plan list's filters: fiscal year B.E., area code prefix, kind, level, state."""

    cycle: int | None = None
    area: str | None = None
    kind: str | None = None
    level: str | None = None
    state: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "cycle", _int("cycle", self.cycle, *FISCAL_YEARS))
        object.__setattr__(self, "area", _area(self.area))
        object.__setattr__(self, "kind", _choice("kind", self.kind, PlanKind.values))
        object.__setattr__(self, "level", _choice("level", self.level, PlanLevel.values))
        object.__setattr__(self, "state", _choice("state", self.state, PlanState.values))

    def used(self) -> dict[str, Any]:
        """The filters given (for a document's "filtered by" line)."""
        return {name: value for name, value in asdict(self).items() if value}


@dataclass(frozen=True)
class ProjectFilters(PlanFilters):
    """The project list's filters: the plan's, and the issue code and the plan id."""

    issue: str | None = None
    plan: int | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        issue = None if self.issue is None else str(self.issue).strip() or None
        if issue is not None and len(issue) > MAX_ISSUE_CODE:
            raise _refuse("issue", self.issue)
        object.__setattr__(self, "issue", issue)
        object.__setattr__(self, "plan", _int("plan", self.plan, 1, MAX_ID))

    def used(self) -> dict[str, Any]:
        """The filters given, in the API's order (for a document's "filtered by" line)."""
        order = ("cycle", "area", "level", "kind", "state", "issue", "plan")
        return {name: getattr(self, name) for name in order if getattr(self, name)}

    @classmethod
    def of(cls, values: ProjectFilters | ProjectFilterValues | Mapping[str, Any]) -> ProjectFilters:
        """The filters from a mapping (unknown names refused in Thai and English, blanks
        dropped) or from any object that has them (the API's query schema)."""
        if isinstance(values, ProjectFilters):
            return values
        names = [field.name for field in fields(cls)]
        if isinstance(values, Mapping):
            unknown = [name for name in values if FILTER_ALIASES.get(name, name) not in names]
            if unknown:
                raise DomainError(f"ไม่รู้จักตัวกรอง '{unknown[0]}'", f"unknown filter '{unknown[0]}'")
            given = {FILTER_ALIASES.get(name, name): value for name, value in values.items()}
        else:
            given = {name: getattr(values, name, None) for name in names}
        return cls(**{name: value for name, value in given.items() if value not in (None, "")})


FILTER_ALIASES = {"area_code": "area", "issue_code": "issue", "plan_id": "plan"}


def filter_plans(plans: QuerySet[Plan], filters: PlanFilterValues) -> QuerySet[Plan]:
    """``plans`` narrowed by the plan list's filters."""
    if filters.cycle:
        plans = plans.filter(cycle_id=filters.cycle)
    if filters.area:
        plans = plans.filter(area_q(filters.area))
    if filters.kind:
        plans = plans.filter(kind=filters.kind)
    if filters.level:
        plans = plans.filter(kind__in=kinds_of_level(filters.level))
    if filters.state:
        plans = plans.filter(state=filters.state)
    return plans


def filter_projects(projects: QuerySet[Project], filters: ProjectFilterValues) -> QuerySet[Project]:
    """``projects`` narrowed by the project list's filters; ``area`` keeps a project whose
    plan's owner is inside the area, or one of whose locations is."""
    if filters.cycle:
        projects = projects.filter(plan__cycle_id=filters.cycle)
    if filters.area:
        located = Project.areas.through.objects.filter(
            prefix_range("area_id", filters.area)
        ).values("project_id")
        projects = projects.filter(area_q(filters.area, "plan__scope_code") | Q(pk__in=located))
    if filters.level:
        projects = projects.filter(plan__kind__in=kinds_of_level(filters.level))
    if filters.kind:
        projects = projects.filter(plan__kind=filters.kind)
    if filters.state:
        projects = projects.filter(plan__state=filters.state)
    if filters.issue:
        projects = projects.filter(issue__code=filters.issue.strip())
    if filters.plan:
        projects = projects.filter(plan_id=filters.plan)
    return projects
