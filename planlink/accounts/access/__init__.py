"""Who may see and change what — the ONLY road to protected objects.

Every protected read (plans, projects, referrals, funding requests, committees and
forums, jobs and their result files, who is late, the area workspaces, the audit trail)
goes through an ``access_*`` function or a scoped selector exported here; every write
checks ``for_write``/``require_*`` here before calling its service. Missing and forbidden
look the same from outside: ``access_*`` raise ``NotFound`` for both.

* :mod:`.core` — the grants of a user (``access_for``) and plans, projects, referrals,
  funding requests;
* :mod:`.decisions` — reviewing, deciding funding, the frame, the calendar, who is late,
  the audit trail;
* :mod:`.committees` — committees, members, meetings, community forums, district reports;
* :mod:`.areas` — the district and provincial workspaces and what they list;
* :mod:`.clusters` — a provincial cluster's page, plans and strategic frame (issue 17);
* :mod:`.jobs` — a job and its result file follow the object it was made from;
* :mod:`.public` — what the public tracker shows without signing in;
* :mod:`.revisions` — plan revisions: read with their plan, written by its owner.
"""

from planlink.accounts.access.areas import (
    access_area_workspace,
    area_plan,
    area_plans,
    area_sent_referrals,
    can_report_on,
    require_workspace_reader,
)
from planlink.accounts.access.clusters import (
    access_cluster,
    access_cluster_issue_for_write,
    can_edit_cluster_frame,
    cluster_boards,
    require_can_edit_cluster_frame,
)
from planlink.accounts.access.committees import (
    MANAGING_ROLE,
    REPORT_READERS,
    access_committee,
    access_forum,
    access_meeting,
    access_member,
    can_manage_committee,
    can_read_district_report,
    can_record_forum,
    committee_read_q,
    committees_visible,
    forums_visible,
    meetings_visible,
    require_committee_manager,
    require_forum_recorder,
)
from planlink.accounts.access.core import (
    NOTHING,
    OWNED_KINDS,
    REVIEWER_ROLE,
    Access,
    Grant,
    access_for,
    access_funding_request,
    access_plan,
    access_project,
    access_referral,
)
from planlink.accounts.access.decisions import (
    AUDIT_READERS,
    access_audit_object,
    access_funding_request_for_decision,
    access_late_units,
    access_milestone_for_write,
    access_plan_for_review,
    access_strategy_for_write,
    audit_scope_q,
    incoming_referral_q,
    is_administrator,
    owned_plan_q,
    require_administrator,
    require_audit_reader,
    require_can_create_plan,
    require_can_edit_frame,
)
from planlink.accounts.access.jobs import access_job, can_read_job_source
from planlink.accounts.access.public import (
    PUBLIC_PLAN_STATES,
    access_public_need,
    public_needs,
    public_project_q,
)
from planlink.accounts.access.revisions import (
    access_plan_for_revision,
    access_revision,
    access_revision_item,
    can_revise_plan,
    require_plan_reviser,
)

__all__ = [
    "AUDIT_READERS",
    "MANAGING_ROLE",
    "NOTHING",
    "OWNED_KINDS",
    "PUBLIC_PLAN_STATES",
    "REPORT_READERS",
    "REVIEWER_ROLE",
    "Access",
    "Grant",
    "access_area_workspace",
    "access_cluster",
    "access_cluster_issue_for_write",
    "access_audit_object",
    "access_committee",
    "access_for",
    "access_forum",
    "access_funding_request",
    "access_funding_request_for_decision",
    "access_job",
    "access_late_units",
    "access_meeting",
    "access_member",
    "access_milestone_for_write",
    "access_plan",
    "access_plan_for_review",
    "access_plan_for_revision",
    "access_project",
    "access_public_need",
    "access_referral",
    "access_revision",
    "access_revision_item",
    "access_strategy_for_write",
    "area_plan",
    "area_plans",
    "area_sent_referrals",
    "audit_scope_q",
    "can_edit_cluster_frame",
    "cluster_boards",
    "can_manage_committee",
    "can_read_district_report",
    "can_read_job_source",
    "can_report_on",
    "require_workspace_reader",
    "can_revise_plan",
    "can_record_forum",
    "committee_read_q",
    "committees_visible",
    "forums_visible",
    "incoming_referral_q",
    "is_administrator",
    "meetings_visible",
    "owned_plan_q",
    "public_needs",
    "public_project_q",
    "require_administrator",
    "require_audit_reader",
    "require_can_create_plan",
    "require_can_edit_cluster_frame",
    "require_can_edit_frame",
    "require_committee_manager",
    "require_forum_recorder",
    "require_plan_reviser",
]
