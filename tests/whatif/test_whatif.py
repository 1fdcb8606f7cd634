"""Budget what-if (issue 18): who is funded and who is left out under fixed envelopes."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from planlink.consolidation.models import WhatIfScenario
from planlink.consolidation.whatif import scenario_compare, scenario_save, whatif
from planlink.core.errors import DomainError
from planlink.documents.whatif import whatif_xlsx
from planlink.plans.models import Project

pytestmark = pytest.mark.django_db

SUMMARY_KEYS = {
    "funded",
    "funded_baht",
    "left_out",
    "left_out_baht",
    "tambons_without_funded_need",
    "households_covered",
}


def _ids(result, funded=True):
    return {need.pk for need in (result.funded if funded else result.left_out)}


def test_the_lao_envelope_funds_in_rank_order_until_it_runs_out(needs):
    result = whatif(area_code="24", cycle=2570, envelopes={"lao": "700000"})
    summary = result.summary()
    assert {key: summary[key] for key in SUMMARY_KEYS} == {
        "funded": 2,
        "funded_baht": "700000.00",
        "left_out": 5,
        "left_out_baht": "3800000.00",
        "tambons_without_funded_need": 0,
        "households_covered": 40,
    }
    # every tambon's first need before anyone's second; the community's own need is no candidate
    assert _ids(result) == {needs["road"].pk, needs["bridge"].pk}
    assert needs["clean"].pk not in {need.pk for need in result.needs}
    drain = next(n for n in result.needs if n.pk == needs["drain"].pk)
    assert "ไม่พอ" in drain.reason


def test_a_need_that_does_not_fit_stops_the_queue_no_jumping(needs):
    result = whatif(area_code="24", cycle=2570, envelopes={"lao": "350000"})
    # the road (300,000) fits; the bridge (400,000) does not, and the cheaper drain waits behind it
    assert _ids(result) == {needs["road"].pk}
    assert result.summary()["tambons_without_funded_need"] == 1


def test_the_top_two_rule_leaves_the_third_out_whatever_the_money(needs):
    result = whatif(area_code="2401", cycle=2570, envelopes={"agency": "1e9", "RID": "1e9"})
    assert needs["canal"].pk in _ids(result)
    weir = next(n for n in result.needs if n.pk == needs["weir"].pk)
    assert not weir.funded_by
    assert "2 ลำดับแรก" in weir.reason


def test_a_named_agency_pays_first_then_the_agencies_envelope(needs):
    named = whatif(area_code="24", cycle=2570, envelopes={"RID": "1000000"})
    canal = next(n for n in named.needs if n.pk == needs["canal"].pk)
    assert canal.funded_by == "agency:RID"
    fallback = whatif(area_code="24", cycle=2570, envelopes={"RID": "10", "agency": "1000000"})
    canal = next(n for n in fallback.needs if n.pk == needs["canal"].pk)
    assert canal.funded_by == "agency"
    # the province's own needs go to the cluster when the province's envelope is spent
    cluster = whatif(area_code="24", cycle=2570, envelopes={"province": "0", "cluster": "1e6"})
    market = next(n for n in cluster.needs if n.pk == needs["market"].pk)
    assert market.funded_by == "cluster"


def test_the_area_narrows_the_needs(needs):
    tambon = whatif(area_code="240102", cycle=2570, envelopes={"lao": "1e9", "pao": "1e9"})
    assert _ids(tambon) == {needs["bridge"].pk, needs["hall"].pk}
    assert tambon.summary()["tambons_with_needs"] == 1


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_the_what_if_writes_nothing(needs):
    before = _row_counts()
    ranks = dict(Project.objects.values_list("pk", "priority"))
    whatif(area_code="24", cycle=2570, envelopes={"lao": "5e6", "agency": "1e6", "RID": "5"})
    out = io.StringIO()
    call_command(
        "whatif", "--area", "24", "--cycle", "2570", "--envelope", "lao=5000000",
        "--envelope", "province=100000", "--json", "--needs", stdout=out,
    )  # fmt: skip
    printed = json.loads(out.getvalue())
    assert SUMMARY_KEYS <= set(printed)
    assert printed["funded"] == 4
    assert _row_counts() == before
    assert dict(Project.objects.values_list("pk", "priority")) == ranks


budgets = st.lists(
    st.integers(min_value=0, max_value=3_000_000).map(lambda n: Decimal(n)), min_size=7, max_size=7
)
envelopes = st.fixed_dictionaries(
    {
        source: st.integers(min_value=0, max_value=4_000_000)
        for source in ("lao", "pao", "province", "cluster", "agency", "RID")
    }
)
growth = st.fixed_dictionaries(
    {
        source: st.integers(min_value=0, max_value=2_000_000)
        for source in ("lao", "pao", "province", "cluster", "agency", "RID")
    }
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(budgets=budgets, amounts=envelopes, more=growth)
def test_never_over_an_envelope_and_more_money_funds_at_least_as_many(
    needs, budgets, amounts, more
):
    candidates = sorted(
        pk for key, project in needs.items() if key != "clean" for pk in [project.pk]
    )
    for pk, baht in zip(candidates, budgets, strict=True):
        Project.objects.filter(pk=pk).update(budget=baht)
    small = whatif(area_code="24", cycle=2570, envelopes=dict(amounts.items()))
    large = whatif(
        area_code="24",
        cycle=2570,
        envelopes={source: amount + more[source] for source, amount in amounts.items()},
    )
    for result in (small, large):
        spent: dict[str, Decimal] = {}
        for need in result.funded:
            spent[need.funded_by] = spent.get(need.funded_by, Decimal(0)) + need.budget
        for source, amount in result.envelopes.items():
            assert spent.get(source, Decimal(0)) <= amount
        summary = result.summary()
        assert Decimal(summary["funded_baht"]) <= sum(result.envelopes.values())
    assert len(large.funded) >= len(small.funded)
    assert _ids(large) >= _ids(small)


def test_scenarios_are_saved_compared_and_exported(needs):
    lean = whatif(area_code="24", cycle=2570, envelopes={"lao": "700000"})
    rich = whatif(area_code="24", cycle=2570, envelopes={"lao": "900000", "pao": "2000000"})
    first = scenario_save(result=lean, name="งบ อปท. 7 แสน", actor=None)
    second = scenario_save(result=rich, name="งบ อปท. 9 แสน และ อบจ. 2 ล้าน", actor=None)
    compared = scenario_compare(first, second)
    assert compared["only_first"] == []
    assert {row["id"] for row in compared["only_second"]} == {
        needs["drain"].pk,
        needs["hall"].pk,
    }
    funded = next(row for row in compared["figures"] if row["key"] == "funded")
    assert (funded["first"], funded["second"]) == (2, 4)
    with pytest.raises(DomainError):
        scenario_save(result=lean, name="   ", actor=None)
    assert WhatIfScenario.objects.count() == 2

    workbook = load_workbook(io.BytesIO(whatif_xlsx(rich, title="งบ อปท. 9 แสน")))
    assert workbook.sheetnames == ["สรุป", "ได้รับงบ", "ไม่ได้รับงบ", "ตามประเด็น", "ตามตำบล"]
    titles = [row[1].value for row in workbook["ได้รับงบ"].iter_rows(min_row=2)]
    assert "อาคารอเนกประสงค์" in titles
    assert workbook["ได้รับงบ"].max_row == 1 + 4
    assert workbook["ได้รับงบ"]["K2"].number_format == "#,##0.00"


@pytest.mark.parametrize(
    "envelope",
    ["lao", "lao=-5", "lao=ห้าล้าน", "กรมที่ไม่มี=100", "lao=1e30"],
)
def test_bad_envelopes_are_refused_in_thai(needs, envelope):
    with pytest.raises(CommandError, match="[ก-๙]"):
        call_command(
            "whatif", "--area", "24", "--cycle", "2570", "--envelope", envelope, "--json",
            stdout=io.StringIO(),
        )  # fmt: skip


def test_unknown_area_or_cycle_is_refused(needs):
    with pytest.raises(DomainError):
        whatif(area_code="99", cycle=2570, envelopes={})
    with pytest.raises(DomainError):
        whatif(area_code="24", cycle=2599, envelopes={})
    with pytest.raises(DomainError):
        whatif(area_code="24", cycle=2570, envelopes={"lao": "1", "LAO": "2"})
