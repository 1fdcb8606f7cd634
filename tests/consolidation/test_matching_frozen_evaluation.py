"""The matcher measured honestly on the frozen evaluation part (issue 12).

The evaluation part was committed before any tuning; its hash cannot drift.  The engine
must reach F1 ≥ 0.90 on it (duplicate = the same need in the same place as the positive
class), report every kind, and beat the fair baseline (segmented tokens + token_set_ratio
with a threshold tuned on the training part).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest

from planlink.consolidation.evaluation import (
    EVAL_FILE,
    LABELS,
    evaluate_engine_and_baseline,
    load_pairs,
)
from planlink.consolidation.training import TRAINING_FILES

ROOT = Path(__file__).resolve().parents[2]
FROZEN_SHA256 = "a91e9e162fe866a9c4a3b3297aae2a2c4654517deeb068d81db11cf1b3cc5d3a"


@pytest.fixture(scope="module")
def report() -> dict:
    return evaluate_engine_and_baseline(ROOT)


def test_the_frozen_part_is_byte_for_byte_the_one_recorded_in_the_benchmarks_doc():
    digest = hashlib.sha256((ROOT / EVAL_FILE).read_bytes()).hexdigest()
    assert digest == FROZEN_SHA256
    assert FROZEN_SHA256 in (ROOT / "docs" / "benchmarks.md").read_text(encoding="utf-8")


def test_the_pairs_number_at_least_600_with_all_three_labels_and_no_overlap():
    held_out = load_pairs(ROOT / EVAL_FILE)
    training = [pair for name in TRAINING_FILES for pair in load_pairs(ROOT / name)]
    assert len(held_out) + len(training) >= 600
    assert len(held_out) >= 300
    for part in (held_out, training):
        labels = Counter(pair.label for pair in part)
        assert set(labels) == set(LABELS)
        assert min(labels.values()) >= 60
    assert not {(p.a, p.b) for p in held_out} & {(p.a, p.b) for p in training}
    assert EVAL_FILE not in TRAINING_FILES


def test_the_engine_reaches_f1_090_on_the_frozen_part(report):
    engine = report["engine"]["eval"]["all"]
    assert engine["f1"] >= 0.90, engine
    assert report["engine"]["eval"]["relation_accuracy"] >= 0.90


def test_every_kind_of_the_frozen_part_is_reported_for_both_matchers(report):
    kinds = {pair.kind for pair in load_pairs(ROOT / EVAL_FILE)}
    assert set(report["engine"]["eval"]["by_kind"]) == kinds
    assert set(report["baseline"]["eval"]["by_kind"]) == kinds
    assert {"location_only", "segment", "facility", "route", "ocr", "abbreviation"} <= kinds


def test_the_engine_beats_the_fair_baseline_by_a_wide_margin(report):
    assert report["baseline"]["method"].startswith("PyThaiNLP")
    assert report["engine"]["eval"]["all"]["f1"] >= report["baseline"]["eval"]["all"]["f1"] + 0.15


def test_the_same_work_in_another_place_is_never_called_a_duplicate_on_the_frozen_part(report):
    confusion = report["engine"]["eval"]["confusion"]
    total_shared = sum(v for k, v in confusion.items() if k.startswith("shared_need->"))
    assert confusion.get("shared_need->duplicate", 0) <= 0.05 * total_shared
