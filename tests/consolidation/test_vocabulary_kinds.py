"""The vocabulary of project kinds is complete and uses only known codes."""

from __future__ import annotations

import csv
import re
from collections import Counter
from decimal import Decimal

import pytest

from planlink.consolidation.vocabulary import (
    AGENCY_CODES,
    CAPACITY_LEVELS,
    ISSUE_CODES,
    MODES,
    PROJECT_KINDS,
    kind_by_key,
    kinds_for_issue,
)

# The 31 จปฐ. 2560-2564 indicators, JPT60-01 … JPT60-31 (shared/data/bmn_jpt_indicators_2560_2564.csv).
INDICATOR = re.compile(r"JPT60-(0[1-9]|[12][0-9]|3[01])")


def test_there_are_60_to_90_kinds_with_unique_keys():
    keys = [kind.key for kind in PROJECT_KINDS]
    assert 60 <= len(keys) <= 90
    assert len(set(keys)) == len(keys)


def test_every_issue_of_the_default_frame_has_kinds():
    counts = Counter(kind.issue_code for kind in PROJECT_KINDS)
    assert set(counts) == set(ISSUE_CODES)
    assert min(counts.values()) >= 4
    assert len(kinds_for_issue("WATER")) == counts["WATER"]


@pytest.mark.parametrize("kind", PROJECT_KINDS, ids=lambda kind: kind.key)
def test_each_kind_uses_known_codes_and_sane_ranges(kind):
    assert kind.agency_code in AGENCY_CODES
    assert kind.capacity_level in CAPACITY_LEVELS
    assert all(INDICATOR.fullmatch(code) for code in kind.indicator_codes)
    low, high = kind.quantity_range
    assert 1 <= low <= high
    budget_low, budget_high = kind.budget_range
    assert isinstance(budget_low, Decimal)
    assert Decimal("1000") <= budget_low < budget_high
    assert set(kind.modes) == set(MODES)
    assert sum(kind.modes.values()) == 10
    assert len(kind.title_templates) >= 3
    assert all("{village}" in template for template in kind.title_templates)
    assert "{village}" in kind.rationale_template
    assert kind.objective_template.startswith("เพื่อ")
    assert kind_by_key(kind.key) is kind


def test_the_indicator_codes_exist_in_the_shared_indicator_list():
    path = "/work/shared/data/bmn_jpt_indicators_2560_2564.csv"
    try:
        with open(path, encoding="utf-8") as handle:
            known = {row["indicator_code"] for row in csv.DictReader(handle)}
    except FileNotFoundError:
        pytest.skip("shared reference data is not on this machine")
    used = {code for kind in PROJECT_KINDS for code in kind.indicator_codes}
    assert used <= known
    assert len(used) >= 20


def test_villages_do_most_community_projects_themselves_and_ask_support_for_big_works():
    community = [kind for kind in PROJECT_KINDS if kind.capacity_level == "community"]
    agency = [kind for kind in PROJECT_KINDS if kind.capacity_level == "agency"]
    assert all(
        kind.modes["self"] + kind.modes["joint"] >= kind.modes["support"] for kind in community
    )
    assert all(kind.modes["support"] >= 7 for kind in agency)
