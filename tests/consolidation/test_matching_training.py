"""The need model's weights come from the training part by a reproducible fit."""

from __future__ import annotations

import json
from pathlib import Path

from planlink.consolidation.features import FEATURE_NAMES
from planlink.consolidation.training import MODEL_PATH, load_model, train

ROOT = Path(__file__).resolve().parents[2]


def test_refitting_on_the_training_files_gives_the_stored_weights(tmp_path):
    fresh = train(ROOT, out=tmp_path / "model.json")
    stored = load_model()
    assert fresh["weights"] == stored["weights"]
    assert [source["file"] for source in stored["trained_on"]] == [
        "tests/consolidation/data/title_pairs.csv",
        "tests/consolidation/data/title_pairs_train.csv",
        "tests/consolidation/data/title_pairs_hand.csv",
    ]
    assert stored["cross_validated_accuracy"] >= 0.9


def test_the_stored_model_names_its_features_and_learns_that_other_work_is_different():
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    weights = dict(zip(model["features"], model["weights"], strict=True))
    assert tuple(model["features"]) == FEATURE_NAMES
    assert weights["action_conflict"] < 0
    assert weights["facet_conflicts"] < 0
    assert weights["char3_jaccard"] > 0
