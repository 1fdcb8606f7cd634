"""Who is at the keyboard: the signed-in user's assignments, the cycle shown, the navigation.

Every page gets ``workspace_context(request)``: the top bar's role and unit
(บทบาท / หน่วยงาน), the links of the roles the user holds, and the planning
cycle (ปีงบประมาณ) the pages show — the newest cycle, or ``?cycle=2570``.
What the user may *see* is never decided here: that is ``planlink.accounts.access``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from planlink.accounts.access import Access, access_for
from planlink.accounts.models import Assignment, Role
from planlink.cycles.models import PlanningCycle
from planlink.web.labels import ROLE_LABELS


def current_cycle(request: HttpRequest, *, shown: bool = True) -> PlanningCycle | None:
    """The cycle named by ``?cycle=`` when it exists, else the newest one.

    A page that asks for it shows a year (``shown``): the layout then offers the year switcher.
    """
    if shown:
        request.planlink_year_switch = True  # type: ignore[attr-defined]
    wanted = request.GET.get("cycle", "")
    if wanted.isdigit():
        found = PlanningCycle.objects.filter(fiscal_year=int(wanted)).first()
        if found is not None:
            return found
    return PlanningCycle.objects.order_by("-fiscal_year").first()


@dataclass
class NavLink:
    url: str
    text: Any
    key: str


@dataclass
class Workspace:
    request: HttpRequest
    nav_key: str = ""
    links: list[NavLink] = field(default_factory=list)

    @property
    def user(self) -> Any:
        return self.request.user

    @cached_property
    def access(self) -> Access:
        return access_for(self.user)

    @cached_property
    def assignments(self) -> list[Assignment]:
        if not self.user.is_authenticated:
            return []
        return list(
            Assignment.objects.filter(user=self.user)
            .select_related("area", "local_government", "agency")
            .order_by("id")
        )

    @cached_property
    def cycle(self) -> PlanningCycle | None:
        return current_cycle(self.request, shown=False)

    def has_role(self, *roles: str) -> bool:
        return any(assignment.role in roles for assignment in self.assignments)

    def of_role(self, role: str) -> list[Assignment]:
        return [assignment for assignment in self.assignments if assignment.role == role]

    @property
    def role_label(self) -> str:
        if not self.assignments:
            return str(_("ผู้ดูแลระบบ")) if getattr(self.user, "is_superuser", False) else ""
        return str(ROLE_LABELS.get(self.assignments[0].role, self.assignments[0].role))

    @property
    def unit_label(self) -> str:
        if not self.assignments:
            return ""
        first = self.assignments[0].unit_label
        more = len(self.assignments) - 1
        return f"{first} (+{more})" if more else first

    def navigation(self) -> list[NavLink]:
        links = [NavLink(reverse("home"), _("หน้าแรก"), "home")]
        if self.has_role(
            Role.LAO_PLANNER,
            Role.AGENCY_OFFICER,
            Role.TAMBON_OFFICER,
            Role.DISTRICT_OFFICER,
            Role.PROVINCIAL_OFFICER,
        ):
            links.append(NavLink(reverse("inbox"), _("เรื่องเข้า"), "inbox"))
        for assignment in self.of_role(Role.DISTRICT_OFFICER):
            links.append(
                NavLink(
                    reverse("district", args=[assignment.area_id]), _("งานของอำเภอ"), "district"
                )
            )
        for assignment in self.of_role(Role.PROVINCIAL_OFFICER):
            links.append(
                NavLink(
                    reverse("province", args=[assignment.area_id]), _("งานของจังหวัด"), "province"
                )
            )
        for assignment in self.of_role(Role.CLUSTER_OFFICER):  # the cluster's work (issue 17)
            if assignment.cluster is not None:
                links.append(
                    NavLink(
                        reverse("cluster", args=[assignment.cluster.number]),
                        _("งานของกลุ่มจังหวัด"),
                        "cluster",
                    )
                )
        if self.has_role(
            Role.PROVINCIAL_OFFICER, Role.AGENCY_OFFICER, Role.LAO_PLANNER, Role.ADMINISTRATOR
        ):  # funded items: import, list, review matches (issue 13)
            links.append(NavLink(reverse("supply"), _("งบประมาณที่ได้รับจัดสรร"), "supply"))
        if self.has_role(  # unfunded needs carried into the next year (issue 18)
            Role.VILLAGE_COMMITTEE, Role.TAMBON_OFFICER, Role.DISTRICT_OFFICER,
            Role.PROVINCIAL_OFFICER,
        ):  # fmt: skip
            links.append(NavLink(reverse("carry_over"), _("ยกความต้องการข้ามปี"), "carryover"))
        if self.has_role(Role.PROVINCIAL_OFFICER, Role.ADMINISTRATOR):  # budget what-if (18)
            links.append(NavLink(reverse("whatif"), _("ถ้างบประมาณเท่านี้ (what-if)"), "whatif"))
        if self.has_role(Role.AUDITOR, Role.ADMINISTRATOR):  # the audit trail (issue 15)
            links.append(NavLink(reverse("audit"), _("บันทึกการเปลี่ยนแปลง"), "audit"))
        links.append(NavLink(reverse("tracker"), _("ติดตามความต้องการ (สาธารณะ)"), "tracker"))
        return links


def year_switch(request: HttpRequest) -> dict[str, Any]:
    """The year switcher's choices and the query it keeps (every parameter but the cycle and
    the page number, so a filtered list stays filtered in another year)."""
    keep = [
        (key, value)
        for key, values in request.GET.lists()
        if key not in ("cycle", "page")
        for value in values
    ]
    return {
        "years": list(PlanningCycle.objects.order_by("-fiscal_year").values_list("pk", flat=True)),
        "keep": keep,
    }


def workspace_context(request: HttpRequest, nav_key: str = "", **extra: Any) -> dict[str, Any]:
    """The context every signed-in page starts from."""
    workspace = Workspace(request, nav_key=nav_key)
    context: dict[str, Any] = {
        "workspace": workspace,
        "cycle": workspace.cycle,
        "nav_key": nav_key,
    }
    if getattr(request, "planlink_year_switch", False) and request.method == "GET":
        context["year_switch"] = year_switch(request)
    if request.user.is_authenticated:
        context["user_role_label"] = workspace.role_label
        context["user_unit_label"] = workspace.unit_label
        context["nav_links"] = workspace.navigation()
    context.update(extra)
    return context


def may_own(request: HttpRequest, kind: str, area: Any, cycle: PlanningCycle) -> bool:
    """Would the user own a plan of ``kind`` for ``area`` (``access.owns_plan`` on a draft)?

    Used before a plan exists: starting it, or running the consolidation that creates it.
    """
    from planlink.plans.models import Plan
    from planlink.plans.services import plan_scope_code

    candidate = Plan(kind=kind, cycle=cycle, owner_area=area)
    candidate.scope_code = plan_scope_code(candidate)
    return access_for(request.user).owns_plan(candidate)
