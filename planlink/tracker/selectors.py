"""The public tracker's one story of an area (issue 15): the funnel, the chart, the tables.

Every number on a tracker page comes from :func:`tracker_story`, in one unit — the needs
villages raised in plans they sent (public needs) — so the page cannot contradict itself:

* the funnel: needs raised → needs that went into a tambon plan → needs funded;
* the chart: the same needs per development issue (raised and funded);
* the tables: for a tambon or a village, every public need with its badge
  (``referrals.lineage.stories_for``: the latest decision along its lineage, funding flowing
  back down, a shared need's village through its own component), and the areas below; for a
  district, a province or the country, the areas below.

A tambon's or a village's page reads its needs from the ledger (a tambon has a few hundred,
in a query per level of the lineage); larger areas read the roll-ups (a few rows whatever the
size): ``public_needs``, ``collected_by_tambons`` and ``public_needs_funded``, which
``planlink rollups verify`` holds equal to the same lineage. Either way the funnel equals the
sums of the page's tables. Free text is shown masked (:mod:`planlink.core.privacy`), or as
the public title an officer set.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from planlink.accounts.access.public import public_needs
from planlink.areas.models import Area
from planlink.core.privacy import mask_personal
from planlink.plans.models import Project
from planlink.plans.public_title import public_title_of
from planlink.plans.revision_models import withdrawn_exists
from planlink.referrals.lineage import FATE_LABELS, stories_for
from planlink.rollups import selectors as rollups

# Pages at or below this code length list their needs one by one (tambon, village).
NEEDS_LISTED_FROM = 6
STAGE_KEYS = ("raised", "collected", "funded")
OUTCOME_KEYS = tuple(FATE_LABELS)


def stage_names() -> dict[str, str]:
    return {
        "raised": _("ความต้องการจากหมู่บ้าน"),
        "collected": _("รวบรวมเข้าแผนตำบล"),
        "funded": _("ได้รับงบประมาณ"),
    }


@dataclass
class NeedRow:
    """One public need as the tracker lists it (no person's name, no officer)."""

    project: Project
    title: str
    village_code: str
    status: str
    collected: bool
    closed_by: str = ""
    reason: str = ""

    @property
    def pk(self) -> int:
        return self.project.pk


@dataclass
class ChildRow:
    area: Area
    needs: int = 0
    collected: int = 0
    funded: int = 0

    @property
    def funded_share(self) -> float | None:
        return round(100.0 * self.funded / self.needs, 1) if self.needs else None


@dataclass
class IssueRow:
    code: str
    name: str
    needs: int = 0
    funded: int = 0


@dataclass
class TrackerStory:
    area_code: str
    cycle_id: int
    stages: dict[str, int]
    issues: list[IssueRow]
    children: list[ChildRow]
    # Tambon and village pages: every public need, in the table's order, and its badges.
    needs: list[NeedRow] | None = None
    outcomes: dict[str, int] = field(default_factory=dict)
    # What was funded in the area (budget files, issue 13): the roll-up totals and the list.
    funded_items: dict[str, Any] | None = None
    funded_list: list[dict[str, Any]] = field(default_factory=list)

    def funnel(self) -> list[dict[str, Any]]:
        names = stage_names()
        return [{"key": key, "name": names[key], "value": self.stages[key]} for key in STAGE_KEYS]


def tracker_story(area_code: str, cycle_id: int, *, with_funded: bool = True) -> TrackerStory:
    """The story of ``area_code`` ("" the country) in ``cycle_id``: see the module.
    ``with_funded=False`` leaves out the funded items (the officers' dashboards, which show
    the funnel and the tables only)."""
    if len(area_code) >= NEEDS_LISTED_FROM:
        story = _from_needs(area_code, cycle_id)
    else:
        story = _from_rollups(area_code, cycle_id)
    if area_code and with_funded:
        story.funded_items = rollups.funded_items(area_code, cycle_id)
        story.funded_list = funded_here(area_code, cycle_id)
    return story


def funded_here(area_code: str, cycle_id: int) -> list[dict[str, Any]]:
    """The funded items located in the area (at most 200, largest first), free text masked."""
    from planlink.supply.selectors import funded_in_area

    rows = funded_in_area(cycle_id, area_code)
    for row in rows:
        for key in ("title", "location_text", "matched_project_title"):
            row[key] = mask_personal(row.get(key))
        if row.get("matched_project_public_title"):  # the officer's public title of the need
            row["matched_project_title"] = row["matched_project_public_title"]
    return rows


def _children(area_code: str) -> list[Area]:
    if not area_code:
        return list(Area.objects.provinces().order_by("code"))
    if len(area_code) >= 8:
        return []
    return list(Area.objects.filter(parent_id=area_code).order_by("code"))


def _from_needs(area_code: str, cycle_id: int) -> TrackerStory:
    projects = list(
        public_needs(area_code, cycle_id)
        .filter(~withdrawn_exists())  # out of its plan by an approved revision: not a need
        .select_related("issue", "plan__owner_area")
        .order_by("plan__scope_code", "issue__order", "priority", "id")
    )
    stories = stories_for([project.pk for project in projects])
    rows = [
        NeedRow(
            project=project,
            title=public_title_of(project),
            village_code=project.plan.scope_code,
            status=stories[project.pk].status,
            collected=stories[project.pk].collected,
            closed_by=stories[project.pk].closed_by,
            reason=mask_personal(stories[project.pk].reason),
        )
        for project in projects
    ]
    children = {area.code: ChildRow(area=area) for area in _children(area_code)}
    issues: dict[str, IssueRow] = {}
    for row in rows:
        child = children.get(row.village_code)
        if child is not None:
            child.needs += 1
            child.collected += row.collected
            child.funded += row.status == "funded"
        issue = row.project.issue
        code = issue.code if issue is not None else ""
        entry = issues.setdefault(
            code, IssueRow(code=code, name=_issue_label(issue.name_th if issue else ""))
        )
        entry.needs += 1
        entry.funded += row.status == "funded"
    outcomes = Counter(row.status for row in rows)
    return TrackerStory(
        area_code=area_code,
        cycle_id=cycle_id,
        stages={
            "raised": len(rows),
            "collected": sum(row.collected for row in rows),
            "funded": outcomes["funded"],
        },
        issues=list(issues.values()),
        children=list(children.values()),
        needs=rows,
        outcomes={key: outcomes[key] for key in OUTCOME_KEYS},
    )


def _issue_label(name: str) -> str:
    return name or str(_("ไม่ระบุประเด็น"))


def _from_rollups(area_code: str, cycle_id: int) -> TrackerStory:
    whole = rollups.area_measures(area_code, cycle_id)
    below = rollups.child_measures(area_code, cycle_id)
    children = []
    for area in _children(area_code):
        measures = below.get(area.code)
        children.append(
            ChildRow(
                area=area,
                needs=int(measures["public_needs"]) if measures else 0,
                collected=int(measures["collected_by_tambons"]) if measures else 0,
                funded=int(measures["public_needs_funded"]) if measures else 0,
            )
        )
    names = _frame_issue_names()
    issues = [
        IssueRow(
            code=code,
            name=_issue_label(names.get(code, "")),
            needs=int(m["public_needs"]),
            funded=int(m["public_needs_funded"]),
        )
        for code, m in sorted(rollups.measures_by_issue(area_code, cycle_id).items())
        if m["public_needs"]
    ]
    return TrackerStory(
        area_code=area_code,
        cycle_id=cycle_id,
        stages={
            "raised": int(whole["public_needs"]),
            "collected": int(whole["collected_by_tambons"]),
            "funded": int(whole["public_needs_funded"]),
        },
        issues=issues,
        children=children,
    )


def _frame_issue_names() -> dict[str, str]:
    from planlink.plans.frame import DEFAULT_FRAME
    from planlink.plans.models import Issue

    names = {code: name for _, _, _, issues in DEFAULT_FRAME for code, name, _ in issues}
    for code, name in Issue.objects.values_list("code", "name_th").distinct()[:200]:
        names.setdefault(code, name)
    return names


def issue_chart(story: TrackerStory) -> dict[str, Any]:
    """The chart spec of the needs per issue (raised and funded): the funnel's first and last
    stages, issue by issue."""
    return {
        "type": "bar",
        "horizontal": True,
        "integer": True,
        "unit": str(_("โครงการ")),
        "categories": [issue.name for issue in story.issues],
        "series": [
            {"name": str(_("ความต้องการที่หมู่บ้านเสนอ")), "data": [i.needs for i in story.issues]},
            {"name": str(_("ได้รับงบประมาณ")), "data": [i.funded for i in story.issues]},
        ],
    }


def public_path(path: dict[str, Any]) -> dict[str, Any]:
    """A need's path (``lineage.trace`` after ``web.selectors.display_path(public=True)``) as
    the public reads it: the titles of the projects and plans it passed through, the names of
    the receivers and the places of a shared need masked; the need's own title is its public
    title; no reasons, no people (``display_path`` dropped them)."""
    from planlink.plans.models import Project

    nodes = [path["project"], *path["ancestors"], *path["descendants"]]
    public_titles = dict(
        Project.objects.filter(pk__in=[node["id"] for node in nodes])
        .exclude(public_title="")
        .values_list("pk", "public_title")
    )
    for node in nodes:
        node["title"] = public_titles.get(node["id"]) or mask_personal(node["title"])
        node["plan"]["title"] = mask_personal(node["plan"]["title"])
    for edge in path["referrals"]:
        edge["target_label"] = mask_personal(edge.get("target_label", ""))
        for key in ("component", "to_component"):
            if edge.get(key):
                edge[key]["title"] = mask_personal(edge[key]["title"])
                edge[key]["place"] = mask_personal(edge[key]["place"])
    for request in path["funding_requests"]:
        request["source_label"] = mask_personal(request.get("source_label", ""))
    outcome = path["outcome"]
    if outcome.get("sources"):
        outcome["sources"] = [mask_personal(source) for source in outcome["sources"]]
    for component in path["components"]:
        component["title"] = mask_personal(component["title"])
        component["place"] = mask_personal(component["place"])
        component["outcome"].pop("reason", None)
    return path
