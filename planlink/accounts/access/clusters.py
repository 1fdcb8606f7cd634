"""Provincial clusters (กลุ่มจังหวัด, issue 17): their page, plans and strategic frame.

Part of :mod:`planlink.accounts.access`. A cluster's plans carry the cluster's code as their
``scope_code`` (``C05``): ``Access.plan_q`` lets its cluster officer and the officers of its
member provinces read them; these functions guard the cluster page and the frame. A cluster
that may not be read looks missing (``NotFound``), as everywhere.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from planlink.accounts.access.core import access_for
from planlink.areas.models import ProvincialCluster
from planlink.committees.models import Committee, CommitteeKind
from planlink.core.errors import NotFound, PermissionDenied
from planlink.plans.models import ClusterIssue


def access_cluster(user: Any, number: int) -> ProvincialCluster:
    """The cluster, if the user may read its page and plans (else ``NotFound``)."""
    cluster = ProvincialCluster.objects.filter(number=number).first()
    if cluster is None or not access_for(user).can_read_cluster(cluster.code):
        raise NotFound("กลุ่มจังหวัด", "provincial cluster")
    return cluster


def can_edit_cluster_frame(user: Any, cluster: ProvincialCluster) -> bool:
    return access_for(user).can_edit_cluster_frame(cluster.code)


def require_can_edit_cluster_frame(user: Any, cluster: ProvincialCluster) -> None:
    if not can_edit_cluster_frame(user, cluster):
        raise PermissionDenied(
            "เฉพาะเจ้าหน้าที่กลุ่มจังหวัด (จังหวัดหัวหน้ากลุ่ม) แก้ไขกรอบของกลุ่มจังหวัดได้",
            "only the cluster's officer (its lead province) edits the cluster's frame",
        )


def access_cluster_issue_for_write(user: Any, issue_id: int) -> ClusterIssue:
    """An issue of a cluster's frame the user may change (missing or unreadable: NotFound;
    readable but not theirs to change: PermissionDenied)."""
    issue = ClusterIssue.objects.select_related("cluster").filter(pk=issue_id).first()
    if issue is None or not access_for(user).can_read_cluster(issue.cluster.code):
        raise NotFound("ประเด็นของกลุ่มจังหวัด", "cluster frame issue")
    require_can_edit_cluster_frame(user, issue.cluster)
    return issue


def cluster_boards(user: Any, cluster: ProvincialCluster) -> QuerySet[Committee]:
    """The cluster's ก.บ.ก. (recorded at its lead province, like the other committees): read by
    whoever reads the cluster — its officer and its member provinces' officers."""
    if not access_for(user).can_read_cluster(cluster.code):
        return Committee.objects.none()
    return Committee.objects.filter(kind=CommitteeKind.CLUSTER_BOARD, area__cluster=cluster)
