"""Where a project can go next, and where an included project lands (PROCESS.md rule 4).

* tambon plan → the LAOs covering the tambon (บัญชีประสานโครงการ) and the district's needs plan;
* district needs plan → the provincial development plan;
* provincial plan → line agencies (ส่วนราชการ) and the อบจ.;
* an LAO's "beyond capacity" → the district local-plan coordination committee →
  the provincial committee → the อบจ. (seeds: the 2559 circular's calendar, July).
"""

from __future__ import annotations

from typing import Any

from planlink.areas.models import Agency, Area, LocalGovernment
from planlink.core.errors import DomainError
from planlink.plans.models import Plan, PlanKind
from planlink.plans.services import plan_for
from planlink.referrals.models import Referral, TargetKind
from planlink.referrals.services import Target, to_agency, to_committee, to_lao, to_plan


def _pao(province_code: str) -> LocalGovernment | None:
    return LocalGovernment.objects.filter(
        province_id=province_code, kind=LocalGovernment.Kind.PAO
    ).first()


def send_choices(plan: Plan) -> list[tuple[str, str]]:
    """``(key, label)`` of the receivers a plan's owner may send projects to."""
    choices: list[tuple[str, str]] = []
    if plan.kind == PlanKind.TAMBON and plan.owner_area_id:
        for lao in LocalGovernment.objects.filter(coverage__tambon_id=plan.owner_area_id).order_by(
            "code"
        ):
            choices.append((f"lao:{lao.code}", lao.full_name_th))
        district = Area.objects.get(code=plan.owner_area_id[:4])
        choices.append(
            (
                f"needs:{district.code}",
                f"{dict(PlanKind.choices)[PlanKind.DISTRICT_NEEDS]} {district.display_name}",
            )
        )
    elif plan.kind in (PlanKind.DISTRICT_NEEDS, PlanKind.DISTRICT_DEVELOPMENT) and plan.scope_code:
        province = Area.objects.get(code=plan.scope_code[:2])
        choices.append(
            (
                f"province_plan:{province.code}",
                f"{dict(PlanKind.choices)[PlanKind.PROVINCIAL_DEVELOPMENT]} {province.display_name}",
            )
        )
    elif plan.kind in (PlanKind.PROVINCIAL_DEVELOPMENT, PlanKind.PROVINCIAL_ACTION):
        for agency in Agency.objects.filter(active=True).order_by("code"):
            choices.append((f"agency:{agency.code}", agency.name_th))
        pao = _pao(plan.scope_code[:2])
        if pao is not None:
            choices.append((f"lao:{pao.code}", pao.full_name_th))
    return choices


def send_target(plan: Plan, key: str, actor: Any) -> Target:
    """The ``Target`` for a key from ``send_choices`` (receiving plans are created on demand)."""
    allowed = {choice for choice, _ in send_choices(plan)}
    if key not in allowed:
        raise DomainError("ส่งถึงหน่วยงานนี้ไม่ได้", "projects of this plan cannot go there")
    kind, _, code = key.partition(":")
    if kind == "lao":
        return to_lao(LocalGovernment.objects.get(code=code))
    if kind == "agency":
        return to_agency(Agency.objects.get(code=code))
    if kind == "needs":
        district = Area.objects.get(code=code)
        return to_plan(
            plan_for(
                actor=actor,
                kind=PlanKind.DISTRICT_NEEDS,
                cycle=plan.cycle,
                owner_area=district,
                synthetic=plan.synthetic,
            )
        )
    if kind == "province_plan":
        province = Area.objects.get(code=code)
        return to_plan(
            plan_for(
                actor=actor,
                kind=PlanKind.PROVINCIAL_DEVELOPMENT,
                cycle=plan.cycle,
                owner_area=province,
                synthetic=plan.synthetic,
            )
        )
    raise DomainError("ส่งถึงหน่วยงานนี้ไม่ได้", "unknown receiver")


def receiving_plan(referral: Referral, actor: Any) -> Plan:
    """The plan an ``included`` project is copied into, for each kind of receiver."""
    cycle = referral.project.plan.cycle
    synthetic = referral.project.plan.synthetic
    if referral.target_kind == TargetKind.PLAN and referral.to_plan_id:
        return referral.to_plan
    if referral.target_kind in (TargetKind.LAO, TargetKind.PAO) and referral.to_lao_id:
        return plan_for(
            actor=actor,
            kind=PlanKind.LOCAL_DEVELOPMENT,
            cycle=cycle,
            owner_lao=referral.to_lao,
            synthetic=synthetic,
        )
    if referral.target_kind == TargetKind.AGENCY and referral.to_agency_id:
        return plan_for(
            actor=actor,
            kind=PlanKind.AGENCY_REQUEST,
            cycle=cycle,
            owner_agency=referral.to_agency,
            synthetic=synthetic,
        )
    raise DomainError(
        "คณะกรรมการส่งต่อได้ แต่บรรจุในแผนเองไม่ได้",
        "a coordination committee forwards projects; it has no plan of its own",
    )


def forward_target(referral: Referral) -> Target:
    """The next receiver when a referral is forwarded (เกินศักยภาพ)."""
    if referral.target_kind == TargetKind.LAO and referral.to_lao_id:
        lao = referral.to_lao
        district = Area.objects.get(code=lao.district_id) if lao.district_id else None
        if district is None:
            raise DomainError("ไม่พบอำเภอของ อปท.", "the LAO has no district")
        return to_committee(TargetKind.DISTRICT_LAO_COMMITTEE, district)
    if referral.target_kind == TargetKind.DISTRICT_LAO_COMMITTEE and referral.to_area_id:
        return to_committee(
            TargetKind.PROVINCIAL_LAO_COMMITTEE, Area.objects.get(code=referral.to_area_id[:2])
        )
    if referral.target_kind == TargetKind.PROVINCIAL_LAO_COMMITTEE and referral.to_area_id:
        pao = _pao(referral.to_area_id[:2])
        if pao is None:
            raise DomainError("ไม่พบ อบจ. ของจังหวัด", "the province has no PAO")
        return to_lao(pao)
    raise DomainError("รายการนี้ส่งต่อไม่ได้", "this referral cannot be forwarded")


def can_forward(referral: Referral) -> bool:
    return referral.target_kind in (
        TargetKind.LAO,
        TargetKind.DISTRICT_LAO_COMMITTEE,
        TargetKind.PROVINCIAL_LAO_COMMITTEE,
    )


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
