"""Fit the need model's weights on the training pairs (``planlink dedupe train``).

A logistic regression over ``features.FEATURE_NAMES`` answers "same kind of work on the
same object?" (a pair labelled ``duplicate`` or ``shared_need`` is positive, ``different``
negative).  It is fitted by full-batch gradient descent with a small L2 penalty, in pure
Python (no numpy in the project), from zero weights for a fixed number of steps, so the
result is the same on every machine.  The training files are the relabelled
``title_pairs.csv`` and ``title_pairs_train.csv``; the frozen ``title_pairs_eval.csv`` is
never read here.  The weights go to ``planlink/consolidation/data/need_model.json`` with
the sha256 of every file they came from.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from pathlib import Path

from planlink.consolidation.features import FEATURE_NAMES, need_features, title_profile

DATA = Path(__file__).parent / "data"
MODEL_PATH = DATA / "need_model.json"
TRAINING_FILES: tuple[str, ...] = (
    "tests/consolidation/data/title_pairs.csv",
    "tests/consolidation/data/title_pairs_train.csv",
)
L2 = 0.001
STEPS = 3000
RATE = 0.5


def pair_features(a: str, b: str) -> list[float]:
    """The need features of two titles (places cut out first)."""
    return need_features(title_profile(a), title_profile(b))


def fit(rows: Sequence[tuple[list[float], int]], steps: int = STEPS) -> list[float]:
    """Logistic regression weights by gradient descent (deterministic, from zeros)."""
    width = len(FEATURE_NAMES)
    weights = [0.0] * width
    count = len(rows)
    for _step in range(steps):
        gradient = [0.0] * width
        for features, label in rows:
            z = sum(w * x for w, x in zip(weights, features, strict=True))
            z = max(-30.0, min(30.0, z))
            error = 1.0 / (1.0 + math.exp(-z)) - label
            for index, value in enumerate(features):
                gradient[index] += error * value
        for index in range(width):
            penalty = L2 * weights[index] if index else 0.0
            weights[index] -= RATE * (gradient[index] / count + penalty)
    return [round(weight, 6) for weight in weights]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def train(root: Path | str = ".", out: Path | None = None) -> dict:
    """Fit on the training files under ``root`` and write the model JSON; return it."""
    from planlink.consolidation.evaluation import load_pairs

    root = Path(root)
    rows: list[tuple[list[float], int]] = []
    sources = []
    for name in TRAINING_FILES:
        path = root / name
        pairs = load_pairs(path)
        sources.append({"file": name, "pairs": len(pairs), "sha256": _sha256(path)})
        rows.extend(
            (pair_features(pair.a, pair.b), int(pair.label != "different")) for pair in pairs
        )
    weights = fit(rows)
    model = {
        "model": "logistic regression: same kind of work on the same object (place aside)",
        "features": list(FEATURE_NAMES),
        "weights": weights,
        "threshold": 0.5,
        "l2": L2,
        "steps": STEPS,
        "rate": RATE,
        "trained_on": sources,
    }
    target = out or MODEL_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(model, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return model


def load_model(path: Path | None = None) -> dict:
    """The stored model (weights in ``FEATURE_NAMES`` order)."""
    model = json.loads((path or MODEL_PATH).read_text(encoding="utf-8"))
    if tuple(model["features"]) != FEATURE_NAMES:
        raise ValueError("need_model.json was fitted on other features: run planlink dedupe train")
    return model
