import pytest

from planlink.accounts.models import Role
from planlink.audit.models import AuditEntry
from planlink.audit.services import audit_entries_for
from planlink.plans.models import PlanKind
from planlink.plans.services import plan_submit, project_create
from planlink.referrals.services import referral_send, to_plan
from tests.factories import area_plan, assign, village

pytestmark = pytest.mark.django_db


def test_every_change_is_recorded_with_who_and_what(reference_data):
    village("24010101")
    officer = assign(Role.VILLAGE_COMMITTEE, area="24010101", username="somchai")
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    project = project_create(
        plan=plan,
        actor=officer,
        data={"title": "ธนาคารขยะชุมชน", "budget": "15000", "issue_code": "ENV", "mode": "joint"},
    )
    plan_submit(plan=plan, actor=officer)
    referral_send(
        project=project, target=to_plan(area_plan(PlanKind.TAMBON, "240101")), actor=officer
    )
    actions = list(
        AuditEntry.objects.filter(actor=officer).order_by("id").values_list("action", flat=True)
    )
    assert actions == ["project.create", "plan.submitted", "referral.send"]
    entry = audit_entries_for(project).get()
    assert entry.actor_label == "somchai"
    assert entry.changes["title"] == ["", "ธนาคารขยะชุมชน"]
    assert entry.scope_code == "24010101"
