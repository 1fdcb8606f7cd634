"""Who reads the funded items (supply side) and who imports them and decides their matches.

Part of :mod:`planlink.accounts.access` (issue 13). Rules, from the grants of
:func:`~planlink.accounts.access.core.access_for`:

* national grants read every item; an area role reads the items located inside its area;
  an agency officer the items of its agency; an LAO planner the items of its LAO;
* importing a file is for national administrators, provincial officers, agency officers
  and LAO planners (auditors read only);
* a proposed match is confirmed or rejected by a provincial officer of the item's province,
  an officer of the item's agency (or LAO), or a national administrator;
* a need (or one place of it) the decider names instead of the proposed one must be a need
  the decider may read: anything else is "not found", so a refusal never tells where an
  unreadable need lies (its places, its project).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from planlink.accounts.access.core import NOTHING, access_for, access_project
from planlink.accounts.models import Role
from planlink.areas.models import prefix_range
from planlink.core.errors import NotFound, PermissionDenied

if TYPE_CHECKING:
    from planlink.plans.models import Project, ProjectComponent
    from planlink.supply.models import SupplyItem

IMPORT_ROLES = {Role.ADMINISTRATOR, Role.PROVINCIAL_OFFICER, Role.AGENCY_OFFICER, Role.LAO_PLANNER}


def supply_read_q(user: Any) -> Q:
    """A filter on ``supply.SupplyItem`` for what ``user`` may read."""
    query = NOTHING
    for grant in access_for(user).grants:
        if grant.national:
            return Q()
        if grant.area_code:
            query |= prefix_range("area_code", grant.area_code)
        if grant.agency_code:
            query |= Q(agency_id=grant.agency_code)
        if grant.lao_code:
            query |= Q(lao_id=grant.lao_code)
    return query


def supply_items_visible(user: Any) -> QuerySet[SupplyItem]:
    from planlink.supply.models import SupplyItem

    return SupplyItem.objects.filter(supply_read_q(user))


def access_supply_item(user: Any, item_id: int) -> SupplyItem:
    item = supply_items_visible(user).filter(pk=item_id).select_related("agency", "lao").first()
    if item is None:
        raise NotFound("รายการงบประมาณ", "funded item")
    return item


def can_import_supply(user: Any) -> bool:
    return any(grant.writes and grant.role in IMPORT_ROLES for grant in access_for(user).grants)


def require_supply_importer(user: Any) -> None:
    if not can_import_supply(user):
        raise PermissionDenied(
            "นำเข้ารายการงบประมาณได้เฉพาะเจ้าหน้าที่จังหวัด ส่วนราชการ อปท. หรือผู้ดูแลระบบ",
            "only provincial, agency or LAO officers and administrators import funded items",
        )


def can_decide_supply(user: Any, item: Any) -> bool:
    province = (item.area_code or item.province_code or "")[:2]
    for grant in access_for(user).grants:
        if not grant.writes:
            continue
        if grant.role == Role.ADMINISTRATOR and grant.national:
            return True
        if grant.role == Role.PROVINCIAL_OFFICER and province and grant.area_code == province:
            return True
        if grant.agency_code and item.agency_id == grant.agency_code:
            return True
        if grant.lao_code and item.lao_id == grant.lao_code:
            return True
    return False


def access_supply_item_for_decision(user: Any, item_id: int) -> SupplyItem:
    item = access_supply_item(user, item_id)
    if not can_decide_supply(user, item):
        raise PermissionDenied(
            "ยืนยันหรือปฏิเสธการจับคู่ได้เฉพาะเจ้าหน้าที่จังหวัดของพื้นที่ หรือส่วนราชการเจ้าของรายการ",
            "only the province's officers or the item's own agency confirm or reject its match",
        )
    return item


def access_match_project(user: Any, item: SupplyItem, project_id: int) -> Project:
    """The need a decider names for ``item``: the proposed one, or a need the decider reads.

    Any other id answers "not found", exactly like an id that does not exist.
    """
    from planlink.plans.models import Project

    if item.matched_project_id is not None and project_id == item.matched_project_id:
        return Project.objects.select_related("plan").get(pk=project_id)
    return access_project(user, project_id)


def access_match_component(user: Any, item: SupplyItem, component_id: int) -> ProjectComponent:
    """One place of a need the decider names: of the proposed need or of a need they read."""
    from planlink.plans.models import ProjectComponent

    readable = Q(project__in=access_for(user).projects())
    if item.matched_project_id is not None:
        readable |= Q(project_id=item.matched_project_id)
    component = ProjectComponent.objects.filter(readable, pk=component_id).first()
    if component is None:
        raise NotFound("องค์ประกอบของโครงการ", "component")
    return component
