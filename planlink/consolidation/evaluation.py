"""Measure title matching honestly (issue 12): a frozen evaluation part, a fair baseline.

Labelled pairs (columns ``a,b,label,kind``; label = ``duplicate`` / ``shared_need`` /
``different`` by the rule of issue 12; ``kind`` names the case):

* ``tests/consolidation/data/title_pairs_eval.csv`` — the **frozen evaluation part**
  (360 pairs), committed before any tuning; its sha256 is in docs/benchmarks.md and a test
  asserts it.  Nothing is fitted or tuned on it.
* ``title_pairs.csv`` (the earlier hand-written set, relabelled), ``title_pairs_train.csv``
  and ``title_pairs_hand.csv`` (hand-written minimal pairs) — the training part: the need
  model's weights (``training.py``) and the baseline's threshold are fitted here.

``evaluate_engine_and_baseline()`` is what ``make bench`` prints: precision, recall and F1
with *duplicate* as the positive class, overall and per kind, for the engine and for the
baseline (PyThaiNLP-segmented tokens + rapidfuzz ``token_set_ratio``), plus the engine's
three-way accuracy and confusion.  Pure Python (no Django).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from planlink.consolidation.matching import Matcher, default_matcher
from planlink.consolidation.text import clean_text, segment

Scorer = Callable[[str, str], float]
_TRUE_WORDS = {"true", "1", "yes", "y", "same", "ใช่"}


@dataclass(frozen=True, slots=True)
class LabelledPair:
    """Two project titles and how they relate (``duplicate``/``shared_need``/``different``).

    ``same`` is the positive class of issue 12: the same need in the same place (a duplicate).
    """

    a: str
    b: str
    label: str
    kind: str = ""

    @property
    def same(self) -> bool:
        return self.label == "duplicate"


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


LABELS = ("duplicate", "shared_need", "different")


def load_pairs(path: str | Path) -> list[LabelledPair]:
    """Read a UTF-8 CSV with columns ``a,b,label`` (and optional ``kind``).

    A legacy ``same`` column (true/false) reads as duplicate/different.
    """
    pairs = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("label"):
                label = row["label"].strip()
                if label not in LABELS:
                    raise ValueError(f"unknown label {label!r} in {path}")
            else:
                same = (row.get("same") or "").strip().lower() in _TRUE_WORDS
                label = "duplicate" if same else "different"
            pairs.append(
                LabelledPair(
                    a=row["a"], b=row["b"], label=label, kind=(row.get("kind") or "").strip()
                )
            )
    return pairs


def read_title_pairs(path: str | Path) -> list[tuple[str, str]]:
    """Read a CSV with columns ``a,b`` (other columns ignored) for ``planlink dedupe pairs``."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [(row["a"], row["b"]) for row in csv.DictReader(handle)]


def match_title_pairs(
    pairs: Sequence[tuple[str, str]], matcher: Matcher | None = None
) -> list[dict[str, object]]:
    """One row per pair for ``planlink dedupe pairs``: ``a, b, same, score`` (the contract),
    plus ``relation`` (duplicate / shared_need / different), ``facets`` (what decided it)
    and ``reason_th``.  ``same`` is true for a duplicate only (issue 12); ``score`` is the
    probability that the two ask for the same work on the same object."""
    matcher = matcher or default_matcher()
    rows: list[dict[str, object]] = []
    for a, b in pairs:
        found = matcher.relation(a, b)
        rows.append(
            {
                "a": a,
                "b": b,
                "same": found.kind == "duplicate",
                "score": round(found.score, 4),
                "relation": found.kind,
                "facets": found.facets,
                "reason_th": found.reason_th,
            }
        )
    return rows


def evaluate(pairs: Sequence[LabelledPair], scorer: Scorer, threshold: float) -> Metrics:
    """Count a pair as predicted "same" (duplicate) when ``scorer(a, b) >= threshold``."""
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


@lru_cache(maxsize=100_000)
def _baseline_tokens(title: str) -> str:
    words = [w for w in segment(clean_text(title)) if w.strip()]
    return " ".join(words)


def baseline_token_set(a: str, b: str) -> float:
    """The fair baseline: PyThaiNLP-segmented tokens (same cleaning and abbreviations as the
    engine) compared with rapidfuzz ``token_set_ratio``, 0..1."""
    return fuzz.token_set_ratio(_baseline_tokens(a), _baseline_tokens(b)) / 100.0


def _by_kind(
    pairs: Sequence[LabelledPair], predicted: Sequence[bool], relations: Sequence[str] | None
) -> dict[str, dict[str, Any]]:
    kinds: dict[str, list[int]] = {}
    for index, pair in enumerate(pairs):
        kinds.setdefault(pair.kind or "-", []).append(index)
    table: dict[str, dict[str, Any]] = {}
    for kind, indices in sorted(kinds.items()):
        tp = sum(predicted[i] and pairs[i].same for i in indices)
        fp = sum(predicted[i] and not pairs[i].same for i in indices)
        fn = sum((not predicted[i]) and pairs[i].same for i in indices)
        tn = len(indices) - tp - fp - fn
        row = asdict(Metrics.from_counts(tp, fp, fn, tn))
        row["pairs"] = len(indices)
        row["label"] = sorted({pairs[i].label for i in indices})
        row["accuracy"] = round((tp + tn) / len(indices), 4)
        if relations is not None:
            row["relation_accuracy"] = round(
                sum(relations[i] == pairs[i].label for i in indices) / len(indices), 4
            )
        table[kind] = row
    return table


def score_engine(pairs: Sequence[LabelledPair], matcher: Matcher | None = None) -> dict[str, Any]:
    """The engine on labelled pairs: duplicate-vs-rest P/R/F1, 3-way accuracy, per kind."""
    matcher = matcher or default_matcher()
    relations = [matcher.relation(p.a, p.b).kind for p in pairs]
    predicted = [kind == "duplicate" for kind in relations]
    tp = sum(x and p.same for x, p in zip(predicted, pairs, strict=True))
    fp = sum(x and not p.same for x, p in zip(predicted, pairs, strict=True))
    fn = sum((not x) and p.same for x, p in zip(predicted, pairs, strict=True))
    confusion: dict[str, int] = {}
    for pair, kind in zip(pairs, relations, strict=True):
        key = f"{pair.label}->{kind}"
        confusion[key] = confusion.get(key, 0) + 1
    return {
        "all": asdict(Metrics.from_counts(tp, fp, fn, len(pairs) - tp - fp - fn)),
        "relation_accuracy": round(
            sum(kind == p.label for kind, p in zip(relations, pairs, strict=True)) / len(pairs), 4
        ),
        "confusion": dict(sorted(confusion.items())),
        "by_kind": _by_kind(pairs, predicted, relations),
    }


def score_baseline(pairs: Sequence[LabelledPair], threshold: float) -> dict[str, Any]:
    """The baseline at a fixed threshold: duplicate when token_set_ratio ≥ threshold."""
    predicted = [baseline_token_set(p.a, p.b) >= threshold for p in pairs]
    metrics = evaluate(pairs, baseline_token_set, threshold)
    return {"all": asdict(metrics), "by_kind": _by_kind(pairs, predicted, None)}


EVAL_FILE = "tests/consolidation/data/title_pairs_eval.csv"


def evaluate_engine_and_baseline(root: str | Path = ".") -> dict[str, Any]:
    """Everything the bench prints (JSON-ready): the engine and the baseline on the frozen
    evaluation part; the baseline's threshold is tuned on the training part only."""
    from planlink.consolidation.training import TRAINING_FILES

    root = Path(root)
    if root.is_file():  # the old call passed a CSV path; read the project root from it
        root = root.parents[3]
    training = [pair for name in TRAINING_FILES for pair in load_pairs(root / name)]
    held_out = load_pairs(root / EVAL_FILE)
    baseline_threshold, baseline_train = best_threshold(training, baseline_token_set)
    return {
        "eval_file": EVAL_FILE,
        "eval_pairs": len(held_out),
        "eval_labels": {label: sum(p.label == label for p in held_out) for label in LABELS},
        "training_pairs": len(training),
        "positive_class": "duplicate (the same need in the same place)",
        "engine": {
            "method": "learned need model (features.py, data/need_model.json) + place facets",
            "eval": score_engine(held_out),
            "training": score_engine(training)["all"],
        },
        "baseline": {
            "method": "PyThaiNLP newmm tokens + rapidfuzz token_set_ratio, threshold tuned on training",
            "threshold": baseline_threshold,
            "training": asdict(baseline_train),
            "eval": score_baseline(held_out, baseline_threshold),
        },
    }


def _prf(row: dict[str, Any], *widths: int) -> str:
    width_p, width_r, width_f = (widths + (widths[-1],) * 3)[:3]
    if "duplicate" not in row["label"]:
        return f"{'-':>{width_p}}{'-':>{width_r}}{'-':>{width_f}}"
    return f"{row['precision']:>{width_p}.2f}{row['recall']:>{width_r}.2f}{row['f1']:>{width_f}.2f}"


def report_lines(report: dict[str, Any]) -> list[str]:
    """The report as a printed table: overall and per kind, engine and baseline."""
    engine, baseline = report["engine"]["eval"], report["baseline"]["eval"]
    labels = ", ".join(f"{n} {label}" for label, n in report["eval_labels"].items())
    lines = [
        f"frozen evaluation part: {report['eval_file']} — {report['eval_pairs']} pairs ({labels}); "
        f"training part: {report['training_pairs']} pairs",
        f"positive class: {report['positive_class']}",
        f"{'matcher':<44}{'precision':>10}{'recall':>8}{'F1':>8}",
    ]
    for name, side in (
        ("engine (learned need model + place facets)", engine),
        (f"baseline (token_set_ratio ≥ {report['baseline']['threshold']:.3f})", baseline),
    ):
        m = side["all"]
        lines.append(f"{name:<44}{m['precision']:>10.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}")
    lines.append(
        f"engine three-way accuracy (duplicate/shared_need/different): {engine['relation_accuracy']:.3f}"
    )
    lines.append("")
    lines.append(
        f"{'kind':<16}{'label':<13}{'pairs':>6}{'eng P':>7}{'eng R':>7}{'eng F1':>7}{'eng acc':>8}"
        f"{'3-way':>7}{'base P':>8}{'base R':>7}{'base F1':>8}{'base acc':>9}"
    )
    for kind, row in engine["by_kind"].items():
        base = baseline["by_kind"][kind]
        lines.append(
            f"{kind:<16}{'/'.join(row['label']):<13}{row['pairs']:>6}{_prf(row, 7)}"
            f"{row['accuracy']:>8.2f}{row['relation_accuracy']:>7.2f}{_prf(base, 8, 7, 8)}"
            f"{base['accuracy']:>9.2f}"
        )
    lines.append(
        "(a kind with no duplicate pair has no positive class: P/R/F1 show '-', read its "
        "accuracy; 3-way = duplicate/shared_need/different all right)"
    )
    return lines


def errors(pairs: Sequence[LabelledPair], matcher: Matcher | None = None) -> list[dict[str, Any]]:
    """The pairs the engine gets wrong (for reading, not for tuning on the frozen part)."""
    matcher = matcher or default_matcher()
    wrong = []
    for p in pairs:
        found = matcher.relation(p.a, p.b)
        if found.kind != p.label:
            wrong.append(
                {"a": p.a, "b": p.b, "label": p.label, "kind": p.kind, "relation": found.kind,
                 "score": found.score}
            )  # fmt: skip
    return wrong
