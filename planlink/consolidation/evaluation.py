"""Measure title matching on a labelled set of Thai title pairs (การวัดผลการจับคู่ชื่อโครงการ).

The labelled set lives in ``tests/consolidation/data/title_pairs.csv`` (columns
``a,b,same,kind``; ``same`` is about the *need*, ``kind`` names the hard case).  The pairs
were written by hand, not produced by the matcher.

``evaluate_engine_and_baseline(path)`` is what ``make bench`` and ``planlink dedupe`` call.
It reports the engine at its fixed threshold (``matching.DEFAULT_THRESHOLD``, chosen on the
*fit* half) on the whole set and on the *held-out* half, and the plain baseline
(rapidfuzz ``fuzz.ratio`` on raw strings, no segmentation) at its own best threshold.
The split is deterministic: within each ``kind``, rows alternate fit / held-out in file order.
Pure Python (no Django).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from planlink.consolidation.matching import Matcher, baseline_score, default_matcher

Scorer = Callable[[str, str], float]
_TRUE_WORDS = {"true", "1", "yes", "y", "same", "ใช่"}


@dataclass(frozen=True, slots=True)
class LabelledPair:
    """Two project titles and whether they raise the same need."""

    a: str
    b: str
    same: bool
    kind: str = ""


@dataclass(frozen=True, slots=True)
class Metrics:
    """Confusion counts with precision, recall and F1 (1.0 when nothing was asked of a side)."""

    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int
    tn: int

    @classmethod
    def from_counts(cls, tp: int, fp: int, fn: int, tn: int) -> Metrics:
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(round(precision, 4), round(recall, 4), round(f1, 4), tp, fp, fn, tn)


def load_pairs(path: str | Path) -> list[LabelledPair]:
    """Read a UTF-8 CSV with columns ``a,b,same`` (and optional ``kind``)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [
            LabelledPair(
                a=row["a"],
                b=row["b"],
                same=row["same"].strip().lower() in _TRUE_WORDS,
                kind=(row.get("kind") or "").strip(),
            )
            for row in csv.DictReader(handle)
        ]


def read_title_pairs(path: str | Path) -> list[tuple[str, str]]:
    """Read a CSV with columns ``a,b`` (other columns ignored) for ``planlink dedupe pairs``."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [(row["a"], row["b"]) for row in csv.DictReader(handle)]


def match_title_pairs(
    pairs: Sequence[tuple[str, str]], matcher: Matcher | None = None
) -> list[dict[str, object]]:
    """``{"a", "b", "same", "score"}`` per pair, using the engine's own matcher."""
    matcher = matcher or default_matcher()
    return [
        {"a": a, "b": b, "same": matcher.same(a, b), "score": round(matcher.score(a, b), 4)}
        for a, b in pairs
    ]


def evaluate(pairs: Sequence[LabelledPair], scorer: Scorer, threshold: float) -> Metrics:
    """Count a pair as predicted "same" when ``scorer(a, b) >= threshold``."""
    return _metrics([(scorer(p.a, p.b), p.same) for p in pairs], threshold)


def _metrics(scored: Sequence[tuple[float, bool]], threshold: float) -> Metrics:
    tp = fp = fn = tn = 0
    for score, label in scored:
        predicted = score >= threshold
        tp += predicted and label
        fp += predicted and not label
        fn += (not predicted) and label
        tn += (not predicted) and not label
    return Metrics.from_counts(tp, fp, fn, tn)


def best_threshold(pairs: Sequence[LabelledPair], scorer: Scorer) -> tuple[float, Metrics]:
    """The threshold with the best F1 (ties: the higher one), halfway between scores."""
    scored = [(scorer(p.a, p.b), p.same) for p in pairs]
    values = sorted({score for score, _label in scored})
    candidates = [(low + high) / 2 for low, high in zip(values, values[1:], strict=False)]
    candidates += [values[0], values[-1] + 1e-9] if values else [0.5]
    best: tuple[float, Metrics] | None = None
    for threshold in candidates:
        metrics = _metrics(scored, threshold)
        if best is None or (metrics.f1, threshold) > (best[1].f1, best[0]):
            best = (threshold, metrics)
    assert best is not None
    return round(best[0], 4), best[1]


def split_halves(pairs: Sequence[LabelledPair]) -> tuple[list[LabelledPair], list[LabelledPair]]:
    """(fit, held_out): within each kind, rows alternate between the halves in file order."""
    fit: list[LabelledPair] = []
    held_out: list[LabelledPair] = []
    seen: dict[tuple[str, bool], int] = {}
    for pair in pairs:
        position = seen.get((pair.kind, pair.same), 0)
        seen[(pair.kind, pair.same)] = position + 1
        (fit if position % 2 == 0 else held_out).append(pair)
    return fit, held_out


def _engine_scorer(matcher: Matcher) -> Scorer:
    """Score with the veto folded in, so ``score >= threshold`` means ``same``."""

    def scorer(a: str, b: str) -> float:
        return (
            matcher.score(a, b)
            if matcher.same(a, b)
            else min(matcher.score(a, b), matcher.threshold - 1e-6)
        )

    return scorer


def errors(pairs: Sequence[LabelledPair], matcher: Matcher | None = None) -> list[dict]:
    """The pairs the engine gets wrong, with its score — for reading, not for tuning."""
    matcher = matcher or default_matcher()
    return [
        {"a": p.a, "b": p.b, "same": p.same, "kind": p.kind, "score": matcher.score(p.a, p.b)}
        for p in pairs
        if matcher.same(p.a, p.b) != p.same
    ]


def evaluate_engine_and_baseline(path: str | Path) -> dict:
    """Everything the bench prints: engine vs. baseline metrics and thresholds (JSON-ready)."""
    pairs = load_pairs(path)
    fit, held_out = split_halves(pairs)
    matcher = default_matcher()
    engine = _engine_scorer(matcher)
    fit_threshold, _fit_metrics = best_threshold(fit, engine)
    baseline_threshold, baseline_metrics = best_threshold(pairs, baseline_score)
    baseline_fit_threshold, _ = best_threshold(fit, baseline_score)
    by_kind: dict[str, dict[str, int]] = {}
    for pair in pairs:
        row = by_kind.setdefault(
            pair.kind, {"pairs": 0, "engine_correct": 0, "baseline_correct": 0}
        )
        row["pairs"] += 1
        row["engine_correct"] += matcher.same(pair.a, pair.b) == pair.same
        row["baseline_correct"] += (baseline_score(pair.a, pair.b) >= baseline_threshold) == (
            pair.same
        )
    return {
        "pairs": len(pairs),
        "same_pairs": sum(pair.same for pair in pairs),
        "fit_pairs": len(fit),
        "held_out_pairs": len(held_out),
        "engine": {
            "threshold": matcher.threshold,
            "best_threshold_on_fit_half": fit_threshold,
            "all": asdict(evaluate(pairs, engine, matcher.threshold)),
            "fit": asdict(evaluate(fit, engine, matcher.threshold)),
            "held_out": asdict(evaluate(held_out, engine, matcher.threshold)),
        },
        "baseline": {
            "method": "rapidfuzz fuzz.ratio on raw titles, no word segmentation",
            "threshold": baseline_threshold,
            "all": asdict(baseline_metrics),
            "threshold_on_fit_half": baseline_fit_threshold,
            "held_out": asdict(evaluate(held_out, baseline_score, baseline_fit_threshold)),
        },
        "by_kind": by_kind,
    }
