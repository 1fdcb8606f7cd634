"""Matching figures for ``make bench`` (issue 12): quality on the frozen evaluation part and speed.

Quality: P/R/F1 (duplicate as the positive class) overall and per kind, for the engine and
for the fair baseline, from ``evaluation.evaluate_engine_and_baseline``.

Speed, at the demo scale only (never national):

* ``relation`` pairs per second over every labelled pair, cold (all memoised normalisation
  cleared, a fresh matcher) and warm (second pass);
* grouping: ``group_shared_needs`` over synthetic tambons (``BENCH_MATCH_TAMBONS`` tambons of
  10 villages × 20 projects, titles rendered by the demo vocabulary), items per second,
  blocked by issue as the engine blocks.

Run alone: ``.venv/bin/python -m benchmarks.matching`` or ``BENCH_ONLY=matching make bench``.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _clear_caches() -> None:
    from planlink.areas import places
    from planlink.consolidation import features, matching, text

    for cached in (
        places.read_places,
        features.need_profile,
        features.title_need_text,
        text.normalise,
        text._segment_chunk,
        matching._signature_of,
        matching.default_matcher,
    ):
        cached.cache_clear()


def relation_speed() -> dict:
    from planlink.consolidation.evaluation import EVAL_FILE, load_pairs
    from planlink.consolidation.matching import Matcher
    from planlink.consolidation.text import warm_up
    from planlink.consolidation.training import TRAINING_FILES

    pairs = [p for name in (EVAL_FILE, *TRAINING_FILES) for p in load_pairs(ROOT / name)]
    warm_up()  # the tokenizer's dictionary loads once per process (~1 s), not per pair
    _clear_caches()
    matcher = Matcher()
    started = time.perf_counter()
    for pair in pairs:
        matcher.relation(pair.a, pair.b)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    for pair in pairs:
        matcher.relation(pair.a, pair.b)
    warm = time.perf_counter() - started
    return {
        "pairs": len(pairs),
        "cold_seconds": round(cold, 3),
        "cold_pairs_per_second": round(len(pairs) / cold),
        "warm_pairs_per_second": round(len(pairs) / warm),
    }


def grouping_speed(tambons: int = 50, villages: int = 10, projects: int = 20) -> dict:
    from planlink.consolidation.matching import Matcher, MatchItem
    from planlink.consolidation.vocabulary import PROJECT_KINDS, render_title

    rng = random.Random(7)
    blocks: list[list[MatchItem]] = []
    for tambon in range(tambons):
        tambon_code = f"41{tambon // 20 + 1:02d}{tambon % 20 + 1:02d}"
        items = []
        for village in range(1, villages + 1):
            label = f"หมู่ที่ {village} บ้านตัวอย่าง{village}"
            for kind in rng.sample(PROJECT_KINDS, projects):
                items.append(
                    MatchItem(
                        title=render_title(kind, rng, label),
                        issue_code=kind.issue_code,
                        area_code=f"{tambon_code}{village:02d}",
                    )
                )
        blocks.append(items)
    _clear_caches()
    matcher = Matcher()
    started = time.perf_counter()
    components = projects_count = 0
    for items in blocks:
        grouped = matcher.group_shared_needs(items)
        projects_count += len(grouped)
        components += sum(len(project) for project in grouped)
    seconds = time.perf_counter() - started
    items_total = sum(len(items) for items in blocks)
    return {
        "tambons": tambons,
        "items": items_total,
        "seconds": round(seconds, 2),
        "items_per_second": round(items_total / seconds),
        "projects": projects_count,
        "components": components,
    }


def run(write: Callable[[str], None] = print) -> dict:
    from planlink.consolidation.evaluation import evaluate_engine_and_baseline, report_lines

    report = evaluate_engine_and_baseline(ROOT)
    write("\n== Thai title matching (issue 12): frozen evaluation part ==")
    for line in report_lines(report):
        write(line)
    speed = relation_speed()
    write(
        f"\nrelation(): {speed['pairs']} labelled pairs — cold {speed['cold_pairs_per_second']:,} pairs/s "
        f"(normalisation caches cleared), warm {speed['warm_pairs_per_second']:,} pairs/s"
    )
    tambons = int(os.environ.get("BENCH_MATCH_TAMBONS", "50"))
    grouping = grouping_speed(tambons)
    write(
        f"group_shared_needs(): {grouping['items']:,} village projects in {grouping['tambons']} "
        f"synthetic tambons — {grouping['seconds']} s, {grouping['items_per_second']:,} items/s "
        f"→ {grouping['projects']:,} projects, {grouping['components']:,} components"
    )
    return {"quality": report, "relation_speed": speed, "grouping_speed": grouping}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planlink.settings")
    result = run()
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "matching.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
    )
