"""The strategic frame of a provincial cluster (กรอบยุทธศาสตร์/ประเด็นการพัฒนากลุ่มจังหวัด).

A cluster's development plan (แผนพัฒนากลุ่มจังหวัด) gathers the issues its provinces share;
the frame names them by the provinces' issue codes and marks the ones the cluster takes up
as a whole (``cluster_wide``): the provinces then refer their projects of that issue to the
cluster (issue 17; docs/cluster.md; docs/reference/seeds/004 §๒.๕: "จังหวัด/กลุ่มจังหวัด
จัดทำแผนพัฒนาจังหวัด/กลุ่มจังหวัด"). Until the cluster's lead province writes its own, the
frame is the provinces' default one (``plans.frame.DEFAULT_FRAME``) with no issue marked.

Writes are services (one transaction, an audit row); who may write is decided in
``accounts.access`` (``require_can_edit_cluster_frame``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from planlink.areas.models import ProvincialCluster
from planlink.audit.services import audit_record
from planlink.core.errors import DomainError
from planlink.cycles.models import PlanningCycle
from planlink.plans.frame import DEFAULT_FRAME
from planlink.plans.models import ClusterIssue

if TYPE_CHECKING:
    from planlink.core.types import Actor

MAX_NAME = 300


@transaction.atomic
def cluster_frame_ensure_default(
    *, cluster: ProvincialCluster, cycle: PlanningCycle, cluster_wide: frozenset[str] = frozenset()
) -> list[ClusterIssue]:
    """The cluster's frame for the cycle, made from the default frame when it has none.

    ``cluster_wide``: the issue codes marked cluster-wide when the frame is made (the
    simulation's lead province marks one); an existing frame is left as it is.
    """
    existing = list(ClusterIssue.objects.filter(cluster=cluster, cycle=cycle))
    if existing:
        return existing
    order = 0
    for _, strategy_th, _, issues in DEFAULT_FRAME:
        for code, name_th, name_en in issues:
            order += 1
            ClusterIssue.objects.create(
                cluster=cluster,
                cycle=cycle,
                code=code,
                name_th=name_th,
                name_en=name_en,
                strategy_th=strategy_th,
                cluster_wide=code in cluster_wide,
                order=order,
            )
    return list(ClusterIssue.objects.filter(cluster=cluster, cycle=cycle))


@transaction.atomic
def cluster_issue_update(
    *,
    issue: ClusterIssue,
    actor: Actor,
    cluster_wide: bool,
    name_th: str | None = None,
) -> ClusterIssue:
    """Mark an issue of the cluster's frame cluster-wide (or not), and rename it.

    A name too long is refused, never cut; an empty name is refused.
    """
    before = {"cluster_wide": issue.cluster_wide, "name_th": issue.name_th}
    if name_th is not None:
        name = name_th.strip()
        if not name:
            raise DomainError("กรุณาระบุชื่อประเด็น", "give the issue a name")
        if len(name) > MAX_NAME:
            raise DomainError(
                f"ชื่อประเด็นยาวเกิน {MAX_NAME} ตัวอักษร ({len(name)})",
                f"the issue name is longer than {MAX_NAME} characters ({len(name)})",
            )
        issue.name_th = name
    issue.cluster_wide = bool(cluster_wide)
    issue.save(update_fields=["cluster_wide", "name_th"])
    audit_record(
        actor=actor,
        action="cluster_frame.update",
        obj=issue,
        scope_code=issue.cluster.code,
        changes={
            key: [before[key], value]
            for key, value in (("cluster_wide", issue.cluster_wide), ("name_th", issue.name_th))
            if before[key] != value
        },
    )
    return issue
