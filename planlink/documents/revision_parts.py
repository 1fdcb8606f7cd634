"""The revisions of a plan in its plan book, printed as real plan books print them.

Real LAO plan books carry the revision markers in the book itself — "ทบทวน ครั้งที่ 2/2565",
"เพิ่มเติม ครั้งที่ 5/2567", "แก้ไข / เปลี่ยนแปลง ครั้งที่ N/ปี" on the row or the section,
numbering restarting after each marker (docs/reference/FORMS.md §2), the plan name followed by
the revision suffix (§3 item 3) and a column "เหตุผลความจำเป็นในการแก้ไข/เพิ่มเติม" in
supplement books (§3). PlanLink prints:

* on each form header, under the plan name, the latest approved revision the book includes
  ("ฉบับปรับปรุงถึง เพิ่มเติม ครั้งที่ 5/2567");
* on the row of each project an approved revision added, changed or moved, its label(s);
* a part "การปรับปรุงแผน" with one section per approved revision, headed by the plan name and
  the revision label, its approval and reason, and its items numbered from 1;
* withdrawn projects leave the forms (``book_data.load_plan`` drops them) and stay listed in
  the revision that withdrew them.

Drafts are never printed: a revision is part of the plan only once approved.
"""

from __future__ import annotations

from collections.abc import Sequence

from planlink.core.thai import format_be_date
from planlink.documents.book_data import load_plan
from planlink.documents.book_parts import LANDSCAPE_WIDTH_CM, spread
from planlink.documents.model import Document, Heading, Paragraph, Section, Sheet, Table
from planlink.plans.models import Plan, PlanKind
from planlink.plans.revision_models import ItemAction, PlanRevision, RevisionState
from planlink.plans.revisions import describe_item, form_placements, plan_revisions

__all__ = [
    "approved_revisions",
    "current_forms",
    "marked_title",
    "revision_approval_text",
    "revision_part",
    "revision_sheet",
    "revision_suffix_line",
]

HEADERS = ["ที่", "รายการ", "โครงการ", "รายละเอียดการปรับปรุง", "เหตุผลความจำเป็น"]


def approved_revisions(plan: Plan) -> list[PlanRevision]:
    return [
        revision for revision in plan_revisions(plan) if revision.state == RevisionState.APPROVED
    ]


def current_forms(plan: Plan) -> dict[int, str]:
    """The DLA form each project of an LAO plan sits in now (ผ.02, ผ.02/1, ผ.02/2): where an
    approved revision moved it, else where its lineage puts it (``lao_forms.lao_form_of``).
    A move records it as its "from"."""
    from planlink.documents.lao_forms import lao_form_of

    if plan.kind != PlanKind.LOCAL_DEVELOPMENT:
        return {}
    placements = form_placements(plan)
    return {
        item.project.pk: placements.get(item.project.pk) or lao_form_of(item)
        for item in load_plan(plan).projects
    }


def revision_suffix_line(revisions: Sequence[PlanRevision]) -> str:
    """ "ฉบับปรับปรุงถึง เพิ่มเติม ครั้งที่ 5/2567" — empty for a plan never revised."""
    if not revisions:
        return ""
    return f"ฉบับปรับปรุงถึง {revisions[-1].label}"


def marked_title(title: str, labels: Sequence[str] | None) -> str:
    """The project's title with the revision markers of its row: "… (เพิ่มเติม ครั้งที่ 1/2567)"."""
    if not labels:
        return title
    return f"{title}\n({', '.join(labels)})"


def revision_approval_text(revision: PlanRevision) -> str:
    """ "อนุมัติโดย … เมื่อวันที่ 15 กรกฎาคม 2567 (ประกาศ …) ตามการประชุม … วันที่ …"."""
    if revision.approved_on is None:
        return "ร่าง ยังไม่ได้อนุมัติ"
    text = f"อนุมัติโดย {revision.approver_name} เมื่อวันที่ {format_be_date(revision.approved_on)}"
    if revision.approval_reference:
        text += f" ({revision.approval_reference})"
    meeting = revision.meeting
    if meeting is not None:
        text += f" ตามการประชุม{meeting.committee.name_th} วันที่ {format_be_date(meeting.held_on)}"
    return text


def _rows(revision: PlanRevision) -> list[list[object]]:
    rows: list[list[object]] = []
    for number, item in enumerate(revision.items.all(), start=1):  # numbering restarts
        project = item.project
        rows.append(
            [
                number,
                ItemAction(item.action).label,
                project.title if project is not None else "",
                describe_item(item),
                item.reason or revision.reason,
            ]
        )
    return rows


def revision_part(document: Document, plan_label: str, revisions: Sequence[PlanRevision]) -> None:
    """Add the part "การปรับปรุงแผน": one section per approved revision."""
    if not revisions:
        return
    document.add(Section(landscape=True), Heading("การปรับปรุงแผน (ทบทวน/เพิ่มเติม/เปลี่ยนแปลง/แก้ไข)"))
    for revision in revisions:
        document.add(
            Heading(revision.label, level=2),
            Paragraph(f"{plan_label} {revision.label}", bold=True, align="center"),
            Paragraph(revision_approval_text(revision)),
        )
        if revision.reason:
            document.add(
                Paragraph(f"เหตุผลความจำเป็นในการ{revision.get_kind_display()}: {revision.reason}")
            )
        document.add(
            Table(
                HEADERS,
                _rows(revision),
                number_columns=frozenset({0}),
                widths_cm=spread([1, 2.6, 6.5, 9, 6], LANDSCAPE_WIDTH_CM),
            )
        )


def revision_sheet(revisions: Sequence[PlanRevision]) -> Sheet:
    """The same items in one Excel sheet, each row with its revision's label and approval."""
    rows = [
        [revision.label, revision_approval_text(revision), *row]
        for revision in revisions
        for row in _rows(revision)
    ]
    return Sheet("การปรับปรุงแผน", ["การปรับปรุงแผน", "การอนุมัติ", *HEADERS], rows)
