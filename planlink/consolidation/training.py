"""Fit the need model's weights on the training pairs (``planlink dedupe train``).

A logistic regression over ``features.FEATURE_NAMES`` answers "same kind of work on the
same object?" (a pair labelled ``duplicate`` or ``shared_need`` is positive, ``different``
negative).  It is fitted by Newton's method with an L2 penalty, in pure Python (no numpy in
the project), from zero weights until the steps vanish, so the result is the same on every
machine.  The training files are the relabelled
``title_pairs.csv``, ``title_pairs_train.csv`` and ``title_pairs_hand.csv`` (hand-written
minimal pairs: one object word apart, e.g. รถบรรทุกน้ำ / รถบรรทุกขยะ); the frozen ``title_pairs_eval.csv`` is
never read here.  The weights go to ``planlink/consolidation/data/need_model.json`` with
the sha256 of every file they came from.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from planlink.consolidation.features import (
    FEATURE_NAMES,
    need_features,
    probability,
    title_profile,
)

DATA = Path(__file__).parent / "data"
MODEL_PATH = DATA / "need_model.json"
TRAINING_FILES: tuple[str, ...] = (
    "tests/consolidation/data/title_pairs.csv",
    "tests/consolidation/data/title_pairs_train.csv",
    "tests/consolidation/data/title_pairs_hand.csv",
)
L2 = 1.0  # on the summed log-loss: keeps weights finite where the pairs separate cleanly
STEPS = 50
# The hand-written minimal pairs are few but are the cases templates miss (one object word
# apart); each counts this many times in the fit.
HAND_WEIGHT = 1


def pair_features(a: str, b: str) -> list[float]:
    """The need features of two titles (places cut out first)."""
    return need_features(title_profile(a), title_profile(b))


def fit(rows: Sequence[tuple[list[float], int]], steps: int = STEPS) -> list[float]:
    """Logistic regression weights by Newton's method (iteratively reweighted least squares)
    with an L2 penalty ``L2`` on every weight but the bias; deterministic, from zeros."""
    width = len(FEATURE_NAMES)
    weights = [0.0] * width
    for _step in range(steps):
        gradient = [L2 * w if i else 0.0 for i, w in enumerate(weights)]
        hessian = [[(L2 if i == j and i else 0.0) for j in range(width)] for i in range(width)]
        for features, label in rows:
            z = max(-30.0, min(30.0, sum(w * x for w, x in zip(weights, features, strict=True))))
            p = 1.0 / (1.0 + math.exp(-z))
            error, curvature = p - label, p * (1.0 - p)
            for i, x_i in enumerate(features):
                if not x_i:
                    continue
                gradient[i] += error * x_i
                row = hessian[i]
                for j, x_j in enumerate(features):
                    row[j] += curvature * x_i * x_j
        step = _solve(hessian, gradient)
        weights = [w - d for w, d in zip(weights, step, strict=True)]
        if max(abs(d) for d in step) < 1e-9:
            break
    return [round(weight, 6) for weight in weights]


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Solve ``matrix · x = vector`` by Gaussian elimination with partial pivoting."""
    size = len(vector)
    a = [row[:] + [vector[i]] for i, row in enumerate(matrix)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        if abs(a[col][col]) < 1e-12:
            a[col][col] = 1e-12
        for r in range(col + 1, size):
            factor = a[r][col] / a[col][col]
            if factor:
                for c in range(col, size + 1):
                    a[r][c] -= factor * a[col][c]
    x = [0.0] * size
    for r in range(size - 1, -1, -1):
        x[r] = (a[r][size] - sum(a[r][c] * x[c] for c in range(r + 1, size))) / a[r][r]
    return x


def cross_validate(rows: Sequence[tuple[list[float], int]], folds: int = 5) -> float:
    """Accuracy of the need decision in ``folds``-fold cross-validation (seeded shuffle):
    how model choices were compared without touching the frozen evaluation part."""
    import random

    order = list(range(len(rows)))
    random.Random(1).shuffle(order)
    right = 0
    for fold in range(folds):
        held = set(order[fold::folds])
        weights = fit([row for index, row in enumerate(rows) if index not in held])
        right += sum(
            (probability(weights, rows[index][0]) >= 0.5) == bool(rows[index][1]) for index in held
        )
    return round(right / len(rows), 4)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def train(root: Path | str = ".", out: Path | None = None) -> dict[str, Any]:
    """Fit on the training files under ``root`` and write the model JSON; return it."""
    from planlink.consolidation.evaluation import load_pairs

    root = Path(root)
    rows: list[tuple[list[float], int]] = []
    sources = []
    for name in TRAINING_FILES:
        path = root / name
        pairs = load_pairs(path)
        sources.append({"file": name, "pairs": len(pairs), "sha256": _sha256(path)})
        weight = HAND_WEIGHT if name.endswith("_hand.csv") else 1
        rows.extend(
            (pair_features(pair.a, pair.b), int(pair.label != "different"))
            for pair in pairs
            for _copy in range(weight)
        )
    weights = fit(rows)
    model = {
        "model": "logistic regression: same kind of work on the same object (place aside)",
        "cross_validated_accuracy": cross_validate(rows),
        "features": list(FEATURE_NAMES),
        "weights": weights,
        "threshold": 0.5,
        "l2": L2,
        "steps": STEPS,
        "hand_weight": HAND_WEIGHT,
        "trained_on": sources,
    }
    target = out or MODEL_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(model, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return model


def load_model(path: Path | None = None) -> dict[str, Any]:
    """The stored model (weights in ``FEATURE_NAMES`` order)."""
    model: dict[str, Any] = json.loads((path or MODEL_PATH).read_text(encoding="utf-8"))
    if tuple(model["features"]) != FEATURE_NAMES:
        raise ValueError("need_model.json was fitted on other features: run planlink dedupe train")
    return model
