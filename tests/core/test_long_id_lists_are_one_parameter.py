"""A long list of integer ids in ``__in`` is bound as one parameter (``planlink.core.lookups``)
and finds the same rows as Django's own ``IN (…)``; anything else is Django's own lookup."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Q

from planlink.core.lookups import MANY, ManyIdsIn, ManyIdsRelatedIn
from planlink.plans.models import PlanKind, Project
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(reference_data) -> list[Project]:
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    return [make_project(plan, title=f"ขุดลอกคลองสาธารณะ หมู่ที่ {n}") for n in range(2 * MANY + 4)]


def _django_ids(query: Q) -> set[int]:
    """The same condition through Django's own ``In`` (short lists, OR-ed)."""
    return set(Project.objects.filter(query).values_list("pk", flat=True))


def test_a_long_list_is_one_parameter_and_the_same_rows(projects):
    ids = [project.pk for project in projects]
    wanted = ids[::2] + [max(ids) + 1000]  # one id that is no project
    assert len(wanted) >= MANY
    query = Project.objects.filter(pk__in=wanted)
    found = set(query.values_list("pk", flat=True))
    assert found == set(ids[::2])
    _sql, params = query.query.get_compiler(connection=connection).as_sql()
    assert len(params) == 1  # the list, once: not one parameter per id
    assert isinstance(query.query.where.children[0], ManyIdsIn)
    short = Q()
    for start in range(0, len(wanted), 10):
        short |= Q(pk__in=wanted[start : start + 10])
    assert found == _django_ids(short)
    assert set(Project.objects.exclude(pk__in=wanted).values_list("pk", flat=True)) == set(
        ids[1::2]
    )


def test_a_foreign_key_takes_the_same_road(projects):
    plan_ids = [projects[0].plan_id] + list(range(10**9, 10**9 + MANY))
    query = Project.objects.filter(plan_id__in=plan_ids)
    assert isinstance(query.query.where.children[0], ManyIdsRelatedIn)
    assert set(query.values_list("pk", flat=True)) == {project.pk for project in projects}
    assert set(Project.objects.filter(plan__in=plan_ids).values_list("pk", flat=True)) == {
        project.pk for project in projects
    }


def test_other_values_are_djangos_own(projects):
    ids = [project.pk for project in projects]
    with_none = [*ids, None]
    as_text = [str(pk) for pk in ids]
    short = ids[: MANY - 1]
    for values, expected in ((with_none, set(ids)), (as_text, set(ids)), (short, set(short))):
        query = Project.objects.filter(pk__in=values)
        assert query.query.where.children[0]._ids is None
        assert set(query.values_list("pk", flat=True)) == expected
    plans = Project.objects.filter(plan__in=[projects[0].plan] * MANY)  # model instances
    assert set(plans.values_list("pk", flat=True)) == set(ids)
    assert not Project.objects.filter(pk__in=[]).exists()
    subquery = Project.objects.filter(pk__in=Project.objects.values("pk"))
    assert subquery.count() == len(ids)
