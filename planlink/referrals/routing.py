"""Where a project may go next — the one routing rule, for people, the web and the API.

Receivers are named ``<kind>:<code>``, the same in the web forms and the API
(docs/api.md, "Targets"):

====================================  ==============================================
``tambon:<tambon>``                   the tambon plan (แผนพัฒนาตำบล) of that tambon
``district_needs:<district>``         the district needs plan (แผนความต้องการระดับอำเภอ)
``provincial_development:<province>`` the provincial development plan (แผนพัฒนาจังหวัด)
``provincial_action:<province>``      the provincial annual action plan
``cluster:<number>``                  a provincial cluster's development plan (issue 17)
``cluster_action:<number>``           a provincial cluster's annual action plan
``lao:<DLA code>``                    an LAO's project coordination list, or the อบจ.
``agency:<code>``                     a line agency (ส่วนราชการ)
``district_lao_committee:<district>`` the district local-plan coordination committee
``provincial_lao_committee:<prov.>``  the provincial local-plan coordination committee
====================================  ==============================================

``plan:<id>`` (API v1) is still accepted when it names the plan of one of these routes.
A receiving plan that does not exist yet is created when the first project is sent to it.

Routes from a plan (the circulars in ``docs/reference/seeds/``; docs/reference/PROCESS.md rule 4):

* village plan → the tambon plan of its tambon (docs/reference/seeds/002 §5: the ศอช.ต. ประมวลความต้องการ
  จากแผนชุมชน/หมู่บ้าน) and the LAOs covering its tambon (docs/reference/seeds/003 §2: the LAO makes its plan
  from the people's needs; docs/reference/PROCESS.md calendar, Jan–Feb);
* tambon plan → the district needs plan (docs/reference/seeds/002 §5 "ส่งให้อำเภอ"; docs/reference/seeds/000) and the LAOs
  covering the tambon (docs/reference/seeds/000: บัญชีประสานโครงการที่เป็นภารกิจขององค์กรปกครองส่วนท้องถิ่น);
* an LAO's local development plan → the district local-plan coordination committee
  (docs/reference/seeds/003 §3: needs beyond the LAOs' capacity);
* district needs / development plan → the provincial development plan and the provincial annual
  action plan (docs/reference/seeds/003 §4–5);
* provincial development plan → its annual action plan; provincial plans → line agencies
  (docs/reference/seeds/003 §6: เกินขีดความสามารถของจังหวัด) and the อบจ. (docs/reference/PROCESS.md rule 4);
  the provincial development plan → its cluster's development plan (projects of cluster
  scope); a cluster's development plan → its annual action plan and the line agencies
  (docs/reference/seeds/004: "เกินขีดความสามารถของจังหวัด/กลุ่มจังหวัด"; issue 17).

Forwarding a referral (เกินศักยภาพ): LAO → district committee → provincial committee → อบจ.
(docs/reference/seeds/003 §3).

Capacity (``Project.capacity_level``) and mode narrow the routes: a project the village does
itself (``mode = self``, docs/reference/PROCESS.md rule 6) is not sent on; community capacity stays in the
tambon plan; an LAO's coordination list takes LAO and อบจ. capacity; the district takes what is
beyond the LAOs; line agencies take what is beyond the province.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from planlink.areas.models import Agency, Area, LocalGovernment, ProvincialCluster
from planlink.core.errors import DomainError
from planlink.plans.models import CapacityLevel, Mode, Plan, PlanKind, Project
from planlink.referrals.models import Referral, TargetKind

if TYPE_CHECKING:
    from planlink.core.types import Actor
    from planlink.referrals.services import Target

# Receiver kinds that name a plan of an area, and the plan kind each one is.
PLAN_RECEIVERS: dict[str, str] = {
    "tambon": PlanKind.TAMBON,
    "district_needs": PlanKind.DISTRICT_NEEDS,
    "provincial_development": PlanKind.PROVINCIAL_DEVELOPMENT,
    "provincial_action": PlanKind.PROVINCIAL_ACTION,
}
PLAN_RECEIVER_OF_KIND = {kind: name for name, kind in PLAN_RECEIVERS.items()}
# Receiver kinds that name a plan of a provincial cluster, by its number (issue 17).
CLUSTER_RECEIVERS: dict[str, str] = {
    "cluster": PlanKind.CLUSTER,
    "cluster_action": PlanKind.CLUSTER_ACTION,
}
CLUSTER_RECEIVER_OF_KIND = {kind: name for name, kind in CLUSTER_RECEIVERS.items()}
COMMITTEES = (TargetKind.DISTRICT_LAO_COMMITTEE, TargetKind.PROVINCIAL_LAO_COMMITTEE)
RECEIVER_KINDS = (*PLAN_RECEIVERS, *CLUSTER_RECEIVERS, "lao", "pao", "agency", *COMMITTEES)

ALL_LEVELS = frozenset(CapacityLevel.values)
BEYOND_COMMUNITY = ALL_LEVELS - {CapacityLevel.COMMUNITY}
BEYOND_LAO = frozenset(
    {CapacityLevel.PAO, CapacityLevel.DISTRICT, CapacityLevel.PROVINCE, CapacityLevel.AGENCY}
)
# Which capacities each receiver takes (docs/reference/PROCESS.md rule 4; consolidation/routing.py proposes
# the same routes).
CAPACITIES: dict[str, frozenset[str]] = {
    "tambon": ALL_LEVELS,  # the tambon plan aggregates every village need (rule 1)
    "lao": frozenset({CapacityLevel.LAO, CapacityLevel.PAO}),
    "pao": frozenset({CapacityLevel.LAO, CapacityLevel.PAO}),
    "district_needs": frozenset(
        {CapacityLevel.DISTRICT, CapacityLevel.PROVINCE, CapacityLevel.AGENCY}
    ),
    "provincial_development": BEYOND_COMMUNITY,
    "provincial_action": BEYOND_COMMUNITY,
    "cluster": BEYOND_COMMUNITY,
    "cluster_action": BEYOND_COMMUNITY,
    "agency": frozenset({CapacityLevel.AGENCY}),
    TargetKind.DISTRICT_LAO_COMMITTEE: BEYOND_LAO,
    TargetKind.PROVINCIAL_LAO_COMMITTEE: BEYOND_LAO,
}

FORMS_EN = (
    "tambon:<tambon>, district_needs:<district>, provincial_development:<province>, "
    "provincial_action:<province>, cluster:<number>, cluster_action:<number>, "
    "lao:<DLA code>, agency:<code>, "
    "district_lao_committee:<district>, provincial_lao_committee:<province>, plan:<id>"
)


@dataclass(frozen=True)
class Receiver:
    """One place a project may be sent: its name (``district_needs:2401``) and Thai label."""

    name: str
    label: str

    @property
    def kind(self) -> str:
        kind = self.name.partition(":")[0]
        return kind

    @property
    def code(self) -> str:
        return self.name.partition(":")[2]


def _plan_receiver(kind: str, area: Area) -> Receiver:
    return Receiver(
        f"{PLAN_RECEIVER_OF_KIND[kind]}:{area.code}", f"{PlanKind(kind).label} {area.display_name}"
    )


def _cluster_receiver(kind: str, cluster: ProvincialCluster) -> Receiver:
    return Receiver(
        f"{CLUSTER_RECEIVER_OF_KIND[kind]}:{cluster.number}",
        f"{PlanKind(kind).label} {cluster.name_th}",
    )


def _agency_receivers() -> list[Receiver]:
    return [
        Receiver(f"agency:{agency.code}", agency.name_th)
        for agency in Agency.objects.filter(active=True).order_by("code")
    ]


def _lao_receiver(lao: LocalGovernment) -> Receiver:
    return Receiver(f"lao:{lao.code}", lao.full_name_th)


def _committee_receiver(kind: str, area: Area) -> Receiver:
    return Receiver(f"{kind}:{area.code}", f"{TargetKind(kind).label} {area.display_name}")


def provincial_pao(province_code: str) -> LocalGovernment | None:
    return (
        LocalGovernment.objects.filter(province_id=province_code, kind=LocalGovernment.Kind.PAO)
        .order_by("code")
        .first()
    )


def _covering_laos(tambon_code: str) -> list[LocalGovernment]:
    return list(
        LocalGovernment.objects.filter(coverage__tambon_id=tambon_code)
        .exclude(kind=LocalGovernment.Kind.PAO)
        .distinct()
        .order_by("code")
    )


def routes_from(plan: Plan) -> list[Receiver]:
    """Every receiver the projects of ``plan`` may be sent to (before capacity), in form order."""
    routes: list[Receiver] = []
    area_code = plan.owner_area_id or ""
    if plan.kind == PlanKind.VILLAGE and len(area_code) == 8:
        routes.append(_plan_receiver(PlanKind.TAMBON, Area.objects.get(code=area_code[:6])))
        routes += [_lao_receiver(lao) for lao in _covering_laos(area_code[:6])]
    elif plan.kind == PlanKind.TAMBON and len(area_code) == 6:
        routes += [_lao_receiver(lao) for lao in _covering_laos(area_code)]
        routes.append(_plan_receiver(PlanKind.DISTRICT_NEEDS, Area.objects.get(code=area_code[:4])))
    elif plan.kind == PlanKind.LOCAL_DEVELOPMENT and plan.owner_lao_id:
        lao = plan.owner_lao
        if lao is not None and lao.district_id and lao.kind != LocalGovernment.Kind.PAO:
            routes.append(
                _committee_receiver(
                    TargetKind.DISTRICT_LAO_COMMITTEE, Area.objects.get(code=lao.district_id)
                )
            )
    elif plan.kind in (PlanKind.DISTRICT_NEEDS, PlanKind.DISTRICT_DEVELOPMENT) and area_code:
        province = Area.objects.get(code=area_code[:2])
        routes.append(_plan_receiver(PlanKind.PROVINCIAL_DEVELOPMENT, province))
        routes.append(_plan_receiver(PlanKind.PROVINCIAL_ACTION, province))
    elif plan.kind in (PlanKind.PROVINCIAL_DEVELOPMENT, PlanKind.PROVINCIAL_ACTION) and area_code:
        if plan.kind == PlanKind.PROVINCIAL_DEVELOPMENT:
            province = Area.objects.select_related("cluster").get(code=area_code[:2])
            routes.append(_plan_receiver(PlanKind.PROVINCIAL_ACTION, province))
            # Projects of cluster scope go to the cluster's development plan (issue 17).
            if province.cluster is not None:
                routes.append(_cluster_receiver(PlanKind.CLUSTER, province.cluster))
        routes += [
            Receiver(f"agency:{agency.code}", agency.name_th)
            for agency in Agency.objects.filter(active=True).order_by("code")
        ]
        pao = provincial_pao(area_code[:2])
        if pao is not None:
            routes.append(_lao_receiver(pao))
    elif plan.kind in (PlanKind.CLUSTER, PlanKind.CLUSTER_ACTION) and plan.owner_cluster_id:
        # The cluster: within its capacity to its annual action plan, beyond it to the line
        # agencies (docs/reference/seeds/004: เกินขีดความสามารถของจังหวัด/กลุ่มจังหวัด).
        cluster = plan.owner_cluster
        if plan.kind == PlanKind.CLUSTER and cluster is not None:
            routes.append(_cluster_receiver(PlanKind.CLUSTER_ACTION, cluster))
        routes += _agency_receivers()
    return routes


def capacity_refusal(project: Project, receiver: Receiver) -> DomainError | None:
    """Why ``project`` may not go to ``receiver`` given its mode and capacity (None: it may)."""
    if project.mode == Mode.SELF:
        return DomainError(
            f"โครงการ '{project.title}' หมู่บ้านทำเอง จึงไม่ส่งต่อ",
            f"project {project.pk} is done by the village itself (mode 'self'); it is not sent on",
        )
    kind = receiver.kind
    if kind == "lao" and _is_pao(receiver.code):
        kind = "pao"
    allowed = CAPACITIES.get(kind, ALL_LEVELS)
    if project.capacity_level and project.capacity_level not in allowed:
        level = CapacityLevel(project.capacity_level)
        return DomainError(
            f"โครงการ '{project.title}' อยู่ในศักยภาพระดับ{level.label} "
            f"จึงส่งไปยัง{receiver.label}ไม่ได้ (แก้ไขระดับศักยภาพก่อนหากไม่ถูกต้อง)",
            f"project {project.pk} is within {level.value} capacity and cannot go to "
            f"{receiver.name}",
        )
    return None


def _is_pao(code: str) -> bool:
    return LocalGovernment.objects.filter(code=code, kind=LocalGovernment.Kind.PAO).exists()


def targets_for(plan: Plan, project: Project | None = None) -> list[Receiver]:
    """THE routing rule: where a project of ``plan`` may be sent (all projects if ``project`` is
    None; otherwise only the receivers its mode and capacity allow)."""
    routes = routes_from(plan)
    if project is None:
        return routes
    return [route for route in routes if capacity_refusal(project, route) is None]


def forward_route(referral: Referral) -> Receiver | None:
    """The next receiver when a referral is forwarded (เกินศักยภาพ; docs/reference/seeds/003 §3), or None."""
    if referral.target_kind == TargetKind.LAO and referral.to_lao_id:
        lao = referral.to_lao
        if lao is not None and lao.district_id:
            return _committee_receiver(
                TargetKind.DISTRICT_LAO_COMMITTEE, Area.objects.get(code=lao.district_id)
            )
        return None
    if referral.target_kind == TargetKind.DISTRICT_LAO_COMMITTEE and referral.to_area_id:
        return _committee_receiver(
            TargetKind.PROVINCIAL_LAO_COMMITTEE, Area.objects.get(code=referral.to_area_id[:2])
        )
    if referral.target_kind == TargetKind.PROVINCIAL_LAO_COMMITTEE and referral.to_area_id:
        pao = provincial_pao(referral.to_area_id[:2])
        return _lao_receiver(pao) if pao is not None else None
    return None


def can_forward(referral: Referral) -> bool:
    return referral.target_kind in (TargetKind.LAO, *COMMITTEES)


def can_include(referral: Referral) -> bool:
    return referral.target_kind in (
        TargetKind.PLAN,
        TargetKind.LAO,
        TargetKind.PAO,
        TargetKind.AGENCY,
    )


def records_funding(referral: Referral) -> bool:
    """Receivers with their own budget record funded / not funded on an included project."""
    return referral.target_kind in (TargetKind.LAO, TargetKind.PAO, TargetKind.AGENCY)


# ----- names ↔ targets -----------------------------------------------------------------------


def receiver_name(target: Target) -> str:
    """The receiver name of a built ``Target`` (a plan target by its kind and area)."""
    if target.kind == TargetKind.PLAN and target.plan is not None:
        plan = target.plan
        receiver = PLAN_RECEIVER_OF_KIND.get(plan.kind)
        if receiver and plan.owner_area_id:
            return f"{receiver}:{plan.owner_area_id}"
        if plan.kind in CLUSTER_RECEIVER_OF_KIND and plan.owner_cluster is not None:
            return f"{CLUSTER_RECEIVER_OF_KIND[plan.kind]}:{plan.owner_cluster.number}"
        return target.key
    return target.key  # lao:…, agency:…, committees: the key is the name


def unknown_target(text: str) -> DomainError:
    return DomainError(f"ไม่รู้จักปลายทาง '{text}'", f"unknown target '{text}' ({FORMS_EN})")


def not_a_route(plan: Plan, text: str, allowed: list[Receiver]) -> DomainError:
    shown = ", ".join(route.label for route in allowed[:4]) if allowed else "ไม่มี"
    if len(allowed) > 4:
        shown += f" และอีก {len(allowed) - 4} แห่ง"
    return DomainError(
        f"ส่งโครงการของ{PlanKind(plan.kind).label}ไปยัง '{text}' ไม่ได้ — ส่งได้ถึง: {shown}",
        f"projects of a {plan.kind} plan cannot go to '{text}'; they may go to: "
        + (", ".join(route.name for route in allowed) or "nowhere"),
        allowed=[route.name for route in allowed],
    )


def not_forwardable(text: str, route: Receiver | None) -> DomainError:
    return DomainError(
        f"ส่งต่อรายการนี้ไปยัง '{text}' ไม่ได้"
        + (f" — ส่งต่อได้ที่ {route.label}" if route else " — รายการนี้ส่งต่อไม่ได้"),
        f"this referral cannot be forwarded to '{text}'"
        + (f"; it goes on to {route.name}" if route else "; it cannot be forwarded"),
        allowed=[route.name] if route else [],
    )


def _canonical(text: str) -> str:
    kind, _, code = (text or "").strip().partition(":")
    if kind == "pao":
        kind = "lao"
    return f"{kind}:{code.strip()}"


def resolve_target(
    plan: Plan, text: str, *, actor: Actor, previous: Referral | None = None
) -> Target:
    """The ``Target`` for receiver name ``text`` sent from ``plan`` (or forwarded from
    ``previous``); a name that is not a route is refused and nothing is written.

    A receiving plan that does not exist yet is created (``plan_create``) — call this inside
    the sending transaction (``referral_send_to``) so a refusal later leaves no plan behind.
    """
    from planlink.referrals.services import to_agency, to_committee, to_lao, to_plan

    text = (text or "").strip()
    kind, _, code = _canonical(text).partition(":")
    if kind not in (*RECEIVER_KINDS, "plan") or not code:
        raise unknown_target(text)
    if previous is not None:
        onward = forward_route(previous)
        if onward is None or _canonical(text) != onward.name:
            raise not_forwardable(text, onward)
        allowed = [onward]
    else:
        allowed = routes_from(plan)
    names = {route.name for route in allowed}
    if kind == "plan":
        found = Plan.objects.filter(pk=int(code)).first() if code.isdigit() else None
        receiver = PLAN_RECEIVER_OF_KIND.get(found.kind) if found is not None else None
        name = f"{receiver}:{found.owner_area_id}" if found is not None and receiver else ""
        if found is not None and found.kind in CLUSTER_RECEIVER_OF_KIND and found.owner_cluster:
            name = f"{CLUSTER_RECEIVER_OF_KIND[found.kind]}:{found.owner_cluster.number}"
        if found is None or name not in names or found.cycle_id != plan.cycle_id:
            raise not_a_route(plan, text, allowed)
        return to_plan(found)
    name = f"{kind}:{code}"
    if name not in names:
        if not _exists(kind, code):
            raise unknown_target(text)
        raise not_a_route(plan, text, allowed)
    if kind in PLAN_RECEIVERS:
        return to_plan(
            _receiving_plan(
                actor=actor,
                kind=PLAN_RECEIVERS[kind],
                plan=plan,
                owner_area=Area.objects.get(code=code),
            )
        )
    if kind in CLUSTER_RECEIVERS:
        return to_plan(
            _receiving_cluster_plan(
                actor=actor,
                kind=CLUSTER_RECEIVERS[kind],
                plan=plan,
                cluster=ProvincialCluster.objects.get(number=int(code)),
            )
        )
    if kind == "lao":
        return to_lao(LocalGovernment.objects.get(code=code))
    if kind == "agency":
        return to_agency(Agency.objects.get(code=code))
    return to_committee(kind, Area.objects.get(code=code))


def _exists(kind: str, code: str) -> bool:
    if kind in PLAN_RECEIVERS or kind in COMMITTEES:
        return Area.objects.filter(code=code).exists()
    if kind == "lao":
        return LocalGovernment.objects.filter(code=code).exists()
    if kind == "agency":
        return Agency.objects.filter(code=code, active=True).exists()
    if kind in CLUSTER_RECEIVERS:
        return code.isdigit() and ProvincialCluster.objects.filter(number=int(code)).exists()
    return False


def _receiving_cluster_plan(
    *, actor: Actor, kind: str, plan: Plan, cluster: ProvincialCluster
) -> Plan:
    from planlink.plans.services import plan_create

    existing = Plan.objects.filter(kind=kind, cycle_id=plan.cycle_id, owner_cluster=cluster).first()
    if existing is not None:
        return existing
    return plan_create(
        actor=actor, kind=kind, cycle=plan.cycle, owner_cluster=cluster, synthetic=plan.synthetic
    )


def _receiving_plan(*, actor: Actor, kind: str, plan: Plan, owner_area: Area) -> Plan:
    from planlink.plans.services import plan_create

    existing = Plan.objects.filter(kind=kind, cycle_id=plan.cycle_id, owner_area=owner_area).first()
    if existing is not None:
        return existing
    return plan_create(
        actor=actor, kind=kind, cycle=plan.cycle, owner_area=owner_area, synthetic=plan.synthetic
    )


def check_route(project: Project, target: Target, *, previous: Referral | None = None) -> None:
    """Refuse (``DomainError``, Thai and English) unless ``target`` is a legal route for
    ``project`` — from its plan, or onward from ``previous`` when forwarding."""
    plan = project.plan
    name = receiver_name(target)
    if previous is not None:
        route = forward_route(previous)
        if route is None or route.name != name:
            raise not_forwardable(name, route)
        return
    if target.kind == TargetKind.PLAN and target.plan is not None:
        if target.plan.cycle_id != plan.cycle_id:
            raise not_a_route(plan, name, routes_from(plan))
    allowed = routes_from(plan)
    receiver = next((route for route in allowed if route.name == name), None)
    if receiver is None:
        raise not_a_route(plan, name, allowed)
    refusal = capacity_refusal(project, receiver)
    if refusal is not None:
        raise refusal


def receiving_plan(referral: Referral, actor: Actor) -> Plan:
    """The plan an ``included`` project is copied into, for each kind of receiver."""
    from planlink.plans.services import plan_create

    source_plan = referral.project.plan
    if referral.target_kind == TargetKind.PLAN and referral.to_plan is not None:
        return referral.to_plan
    lao = referral.to_lao if referral.target_kind in (TargetKind.LAO, TargetKind.PAO) else None
    agency = referral.to_agency if referral.target_kind == TargetKind.AGENCY else None
    if lao is not None:
        kind = PlanKind.LOCAL_DEVELOPMENT
    elif agency is not None:
        kind = PlanKind.AGENCY_REQUEST
    else:
        raise DomainError(
            "คณะกรรมการส่งต่อได้ แต่บรรจุในแผนเองไม่ได้",
            "a coordination committee forwards projects; it has no plan of its own",
        )
    existing = Plan.objects.filter(
        kind=kind, cycle_id=source_plan.cycle_id, owner_lao=lao, owner_agency=agency
    ).first()
    if existing is not None:
        return existing
    return plan_create(
        actor=actor,
        kind=kind,
        cycle=source_plan.cycle,
        owner_lao=lao,
        owner_agency=agency,
        synthetic=source_plan.synthetic,
    )


def send_choices(plan: Plan) -> list[tuple[str, str]]:
    """``(name, label)`` of the receivers for the send form of ``plan`` (web and API agree)."""
    return [(route.name, route.label) for route in targets_for(plan)]


def forward_target(referral: Referral, actor: Actor) -> Target:
    """The next receiver of a referral forwarded as beyond capacity (เกินศักยภาพ)."""
    route = forward_route(referral)
    if route is None:
        raise DomainError("รายการนี้ส่งต่อไม่ได้", "this referral cannot be forwarded")
    return resolve_target(referral.project.plan, route.name, actor=actor, previous=referral)
