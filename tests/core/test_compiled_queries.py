"""A query the ORM writes once per process and requests run as plain SQL
(``planlink.core.compiled``): the rows are the ORM's own, and a query whose parameters are
not exactly the probes is refused when it is compiled."""

from __future__ import annotations

import pytest

from planlink.accounts.access import access_for
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
