"""The engine beats a plain string baseline on the hand-labelled Thai title pairs."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from planlink.consolidation.evaluation import (
    _engine_scorer,
    evaluate,
    evaluate_engine_and_baseline,
    load_pairs,
    split_halves,
)
from planlink.consolidation.matching import DEFAULT_THRESHOLD, Matcher

PAIRS = Path(__file__).parent / "data" / "title_pairs.csv"
HARD_CASES = {
    "location_only", "rewording", "digits", "spacing", "typo", "prefix", "budget",
    "abbreviation", "different_action", "different_material", "different_target",
    "different_object", "same_village_different_need", "unrelated",
}  # fmt: skip


@pytest.fixture(scope="module")
def report() -> dict:
    return evaluate_engine_and_baseline(PAIRS)


def test_the_labelled_set_has_at_least_320_pairs_and_every_hard_case():
    pairs = load_pairs(PAIRS)
    kinds = Counter(pair.kind for pair in pairs)
    assert len(pairs) >= 320
    assert set(kinds) == HARD_CASES
    assert min(kinds.values()) >= 15
    assert len({(pair.a, pair.b) for pair in pairs}) == len(pairs)


def test_engine_f1_stays_above_the_floor_on_all_pairs_and_on_the_held_out_half(report):
    assert report["engine"]["all"]["f1"] >= 0.95
    assert report["engine"]["held_out"]["f1"] >= 0.95
    assert report["engine"]["all"]["precision"] >= 0.95


def test_engine_beats_the_plain_string_baseline_by_a_wide_margin(report):
    assert report["baseline"]["all"]["f1"] < 0.85
    assert report["engine"]["all"]["f1"] - report["baseline"]["all"]["f1"] >= 0.15
    assert report["engine"]["held_out"]["f1"] > report["baseline"]["held_out"]["f1"]


def test_the_engine_threshold_is_among_the_best_on_the_fit_half():
    fit, _held_out = split_halves(load_pairs(PAIRS))
    grid = [step / 100 for step in range(30, 70, 2)]
    scores = {t: evaluate(fit, _engine_scorer(Matcher(t)), t).f1 for t in grid}
    best = max(scores.values())
    assert evaluate(fit, _engine_scorer(Matcher()), DEFAULT_THRESHOLD).f1 == best


def test_the_halves_split_every_kind_between_fit_and_held_out():
    fit, held_out = split_halves(load_pairs(PAIRS))
    assert {pair.kind for pair in fit} == {pair.kind for pair in held_out} == HARD_CASES
    assert abs(len(fit) - len(held_out)) <= len(HARD_CASES) * 2


def test_the_report_names_both_thresholds_and_the_method_of_the_baseline(report):
    assert report["engine"]["threshold"] == DEFAULT_THRESHOLD
    assert (
        report["baseline"]["method"] == "rapidfuzz fuzz.ratio on raw titles, no word segmentation"
    )
    assert 0 < report["baseline"]["threshold"] < 1
    assert report["pairs"] == report["fit_pairs"] + report["held_out_pairs"]
    assert sum(row["pairs"] for row in report["by_kind"].values()) == report["pairs"]
