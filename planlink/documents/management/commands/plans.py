from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from planlink.accounts.access import access_for
from planlink.areas.models import prefix_range
from planlink.core.commands import SubcommandCommand, UserFacingError, print_json
from planlink.documents.lineage_summary import owner_label
from planlink.plans.models import Plan, PlanKind, PlanState

from ._common import add_user_argument, user_named


class Command(SubcommandCommand):
    help = "รายการแผน · List plans"
    subcommands = {
        "list": "แผนในพื้นที่และปีงบประมาณ (รหัส ประเภท เจ้าของ สถานะ) · Plans of an area and cycle",
    }

    def arguments_list(self, parser: CommandParser) -> None:
        parser.add_argument("--area", default="", help="area code prefix, e.g. 2401")
        parser.add_argument("--cycle", type=int, help="fiscal year B.E., e.g. 2570")
        parser.add_argument("--kind", choices=PlanKind.values, help="plan kind")
        parser.add_argument("--state", choices=PlanState.values, help="plan state")
        parser.add_argument("--json", action="store_true", help="print JSON")
        add_user_argument(parser)

    def handle_list(
        self,
        area: str = "",
        cycle: int | None = None,
        kind: str | None = None,
        state: str | None = None,
        json: bool = False,
        user: str | None = None,
        **_: Any,
    ) -> None:
        area = (area or "").strip()
        if area and not area.isdigit():
            raise UserFacingError(f"รหัสพื้นที่ '{area}' ไม่ถูกต้อง", f"invalid area code '{area}'")
        actor = user_named(user)
        plans = access_for(actor).plans() if actor is not None else Plan.objects.all()
        if area:
            plans = plans.filter(prefix_range("scope_code", area))
        if cycle:
            plans = plans.filter(cycle_id=cycle)
        if kind:
            plans = plans.filter(kind=kind)
        if state:
            plans = plans.filter(state=state)
        plans = plans.select_related(
            "owner_area", "owner_lao", "owner_agency", "owner_cluster"
        ).order_by("cycle_id", "scope_code", "kind", "id")
        rows = [
            {
                "id": plan.pk,
                "kind": plan.kind,
                "kind_label": plan.get_kind_display(),
                "owner": owner_label(plan),
                "owner_code": str(
                    plan.owner_area_id
                    or plan.owner_lao_id
                    or plan.owner_agency_id
                    or plan.owner_cluster_id
                ),
                "state": plan.state,
                "state_label": plan.get_state_display(),
                "cycle": plan.cycle_id,
                "title": plan.title,
                "synthetic": plan.synthetic,
            }
            for plan in plans
        ]
        if json:
            print_json(self, rows)
            return
        if not rows:
            self.stdout.write("ไม่พบแผน · no plans")
            return
        for row in rows:
            synthetic = " [ข้อมูลสังเคราะห์]" if row["synthetic"] else ""
            self.stdout.write(
                f"{row['id']:>6}  {row['cycle']}  {row['kind']:<22} {row['state']:<9} "
                f"{row['owner']} — {row['kind_label']}{synthetic}"
            )
