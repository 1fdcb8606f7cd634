"""A query the ORM writes once per process and requests run as plain SQL
(``planlink.core.compiled``): the rows are the ORM's own, and a query whose parameters are
not exactly the probes is refused when it is compiled."""

from __future__ import annotations

import pytest

from planlink.accounts.access import access_for
from planlink.accounts.backends import ModelBackend
from planlink.accounts.models import Assignment
from planlink.core.compiled import CompileError, compiled_rows
from tests.factories import Role, assign

pytestmark = pytest.mark.django_db


def _roles(user_id: int):
    return Assignment.objects.filter(user_id=user_id).values_list("role", "area_id")


def test_the_rows_are_the_orms_for_each_parameter():
    first = assign(Role.DISTRICT_OFFICER, area="2401", username="district-2401")
    second = assign(Role.PROVINCIAL_OFFICER, area="24", username="province-24")
    for user in (first, second):
        rows = compiled_rows("test.roles", _roles, (-7,), (user.pk,))
        assert sorted(rows) == sorted(_roles(user.pk))


def test_a_query_whose_parameters_are_not_the_probes_is_refused():
    with pytest.raises(CompileError):
        compiled_rows(
            "test.refused",
            lambda user_id: Assignment.objects.filter(user_id=user_id, role="auditor"),
            (-7,),
            (1,),
        )


def test_grants_read_this_way_keep_their_types():
    national = assign(Role.AUDITOR, national=True, username="auditor-th")
    officer = assign(Role.PROVINCIAL_OFFICER, area="24", username="province-24b")
    (grant,) = access_for(national).grants
    assert grant.national is True
    (own,) = access_for(officer).grants
    assert own.national is False
    assert own.area_code == "24"


def test_the_signed_in_user_is_made_as_the_orm_makes_it(django_user_model):
    user = django_user_model.objects.create_user(
        "somsri", password="x-secret-1", first_name="สมศรี", last_name="ดีใจ"
    )
    found = ModelBackend().get_user(user.pk)
    fresh = django_user_model.objects.get(pk=user.pk)
    for field in django_user_model._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(fresh, field.attname), field.attname
    assert found.date_joined.tzinfo is not None  # a datetime, not the database's text
    assert found._state.adding is False
    assert ModelBackend().get_user(0) is None


def test_the_backend_reads_the_signed_in_user_and_refuses_an_inactive_one(django_user_model):
    user = django_user_model.objects.create_user("somchai", password="x-secret-1")
    assert ModelBackend().get_user(user.pk) == user
    user.is_active = False
    user.save()
    assert ModelBackend().get_user(user.pk) is None
    assert ModelBackend().get_user(10**9) is None


def test_the_backend_reads_the_grants_with_the_user(django_user_model, django_assert_num_queries):
    officer = assign(Role.PROVINCIAL_OFFICER, area="24", username="province-24c")
    Assignment.objects.create(user=officer, role=Role.AUDITOR, national=True)
    lone = django_user_model.objects.create_user("nobody-th", password="x-secret-1")
    with django_assert_num_queries(1):
        found = ModelBackend().get_user(officer.pk)
        grants = access_for(found).grants
    assert sorted((g.role, g.area_code, g.national) for g in grants) == sorted(
        (g.role, g.area_code, g.national)
        for g in access_for(type(found).objects.get(pk=officer.pk)).grants
    )
    assert {g.role for g in grants} == {Role.PROVINCIAL_OFFICER, Role.AUDITOR}
    with django_assert_num_queries(1):
        assert access_for(ModelBackend().get_user(lone.pk)).grants == []
