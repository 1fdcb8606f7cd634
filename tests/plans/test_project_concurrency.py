from decimal import Decimal

import pytest

from planlink.audit.models import AuditEntry
from planlink.core.errors import ConflictError
from planlink.plans.models import PlanKind, Project
from planlink.plans.services import project_update
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db


def test_the_second_of_two_saves_gets_a_conflict_not_a_silent_overwrite(reference_data):
    project = make_project(area_plan(PlanKind.VILLAGE, "24010101"), "ซ่อมแซมฝายน้ำล้น")
    first_copy = Project.objects.get(pk=project.pk)
    second_copy = Project.objects.get(pk=project.pk)
    project_update(
        project=first_copy,
        actor=None,
        data={"budget": "120000"},
        expected_version=first_copy.version,
    )
    with pytest.raises(ConflictError) as error:
        project_update(
            project=second_copy,
            actor=None,
            data={"budget": "999999"},
            expected_version=second_copy.version,
        )
    assert "มีผู้อื่นบันทึกโครงการนี้ก่อนคุณ" in error.value.message_th
    stored = Project.objects.get(pk=project.pk)
    assert (stored.budget, stored.version) == (Decimal("120000.00"), 2)


def test_an_update_is_audited_with_what_changed(reference_data):
    project = make_project(area_plan(PlanKind.VILLAGE, "24010101"), "ซ่อมแซมฝายน้ำล้น")
    project_update(
        project=project, actor=None, data={"title": "ซ่อมแซมฝายน้ำล้นบ้านหน้าเมือง"}, expected_version=1
    )
    entry = AuditEntry.objects.get(action="project.update", object_id=str(project.pk))
    assert entry.changes == {"title": ["ซ่อมแซมฝายน้ำล้น", "ซ่อมแซมฝายน้ำล้นบ้านหน้าเมือง"]}
