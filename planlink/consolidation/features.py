"""What two titles share, as numbers: the features the learned need model weighs (issue 12).

``need_features(a, b)`` compares what two titles ask for, their places already cut out
(``places.read_places(...).need_text``): the kind of work (``ACTION_CLASSES``, the classes of
the rule: ก่อสร้าง/สร้าง/จัดสร้าง one; ปรับปรุง/พัฒนา/ยกระดับ one; ซ่อม/ซ่อมแซม/ปรับปรุงซ่อมแซม
one; วางท่อประปา = ขยายเขตท่อประปา; ขุดลอก, ติดตั้ง, วางท่อ … each its own), the facets of
``text.normalise`` (material, target group, structure …), the segmented-token overlap,
character 3-gram overlap and rapidfuzz ratios of the object words, and the named facility
*types* (a school is not a hospital).  The word lists are features; the decision is made by
weights fitted on the training pairs (``training.py``, stored in ``data/need_model.json``).

Pure Python; every per-title piece is memoised in ``NeedProfile``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from planlink.areas.places import clean_place_text
from planlink.consolidation.text import GENERIC_WORDS, normalise

# Kinds of work, longest phrasing first (the first that matches at a position wins).
# fmt: off
ACTION_CLASSES: tuple[tuple[str, str], ...] = (
    (r"ปรับปรุงซ่อมแซม|ซ่อมแซม|ซ่อมบำรุง|ซ่อมสร้าง|ซ่อม|บูรณะ", "repair"),
    (r"(?:วาง|ขยายเขต)\s*(?:ระบบ)?\s*ท่อ\s*(?:เมน|จ่ายน้ำ)?\s*(?:น้ำ)?ประปา|ขยายเขต\s*(?:ระบบ)?\s*(?:น้ำ)?ประปา", "water_pipe"),
    (r"ขยายเขต\s*(?:ระบบ)?\s*(?:จำหน่าย)?\s*ไฟฟ้า", "power_extension"),
    (r"ขยาย(?:ช่อง|ผิว|ทาง|ถนน|สะพาน)", "widen"),
    (r"ดาดคอนกรีต|ดาด", "line"),
    (r"ขุดลอก|ขุดรอก", "dredge"),
    (r"ขุดเจาะ|เจาะ", "drill"),
    (r"ขุด", "dig"),
    (r"วางท่อ|วาง", "lay_pipe"),
    (r"ติดตั้ง", "install"),
    (r"ก่อสร้าง|จัดสร้าง|(?<!เสริม)สร้าง(?!ความ|เสริม|จิต|รายได้|อาชีพ|การ|ภูมิ|เครือข่าย|สรรค์|แรง|สุข)|ทำฝาย|ลงหินคลุก", "build"),
    (r"ปรับปรุง|พัฒนา(?!ศักยภาพ|เด็ก)|ยกระดับ", "improve"),
    (r"อุดหนุน", "subsidise"),
    (r"จัดซื้อ|จัดหา|ซื้อ", "procure"),
    (r"ฝึกอบรม|อบรม", "train"),
    (r"รณรงค์", "campaign"),
    (r"รื้อถอน", "demolish"),
)
# fmt: on
_ACTIONS = re.compile("|".join(f"(?P<a{i}>{p})" for i, (p, _) in enumerate(ACTION_CLASSES)))
_FACILITY_TYPES = (
    ("โรงพยาบาลส่งเสริมสุขภาพตำบล", "rph"), ("รพ.สต", "rph"), ("ศูนย์พัฒนาเด็กเล็ก", "child_centre"),
    ("ศพด", "child_centre"), ("โรงพยาบาล", "hospital"), ("รพ.", "hospital"), ("โรงเรียน", "school"),
    ("ร.ร.", "school"), ("วัด", "temple"), ("มัสยิด", "mosque"),
)  # fmt: skip

FEATURE_NAMES: tuple[str, ...] = (
    "bias",
    "action_same",
    "action_conflict",
    "action_missing",
    "facet_conflicts",
    "facet_agreements",
    "token_jaccard",
    "object_jaccard",
    "char3_jaccard",
    "token_set_ratio",
    "object_ratio",
    "unmatched_share",
    "facility_type_conflict",
    "facility_type_same",
    "thin_title",
)


@dataclass(frozen=True, slots=True)
class NeedProfile:
    """What one title asks for, in the pieces the features compare."""

    actions: frozenset[str]
    tokens: frozenset[str]
    objects: frozenset[str]  # meaning words that are neither actions nor generic
    object_text: str
    grams: frozenset[str]
    facets: dict[str, frozenset[str]]
    facility_types: frozenset[str]


def actions_of(text: str) -> frozenset[str]:
    """The kinds of work a text names (``repair`` wins over ``improve``/``build`` it contains)."""
    found: set[str] = set()
    for match in _ACTIONS.finditer(clean_place_text(text)):
        index = int(match.lastgroup[1:])  # type: ignore[index]
        found.add(ACTION_CLASSES[index][1])
    if "repair" in found:
        found -= {"improve", "build"}
    if "water_pipe" in found:
        found -= {"lay_pipe"}
    if "line" in found:
        found -= {"improve"}
    return frozenset(found)


_ACTION_WORDS = frozenset(
    "ก่อสร้าง สร้าง จัดสร้าง ซ่อมแซม ซ่อม ปรับปรุง พัฒนา ยกระดับ ขุดลอก ขุดเจาะ ขุด เจาะ วาง ติดตั้ง "
    "ขยายเขต ขยาย จัดซื้อ จัดหา อุดหนุน ฝึกอบรม อบรม ดาด บูรณะ ซ่อมสร้าง รณรงค์ ส่งเสริม เงินอุดหนุน "
    "ค่า".split()
)


@lru_cache(maxsize=50_000)  # need texts repeat across villages: far fewer than titles
def need_profile(need_text: str) -> NeedProfile:
    """The profile of a title's need text (places already cut out); memoised."""
    normalised = normalise(need_text)
    tokens = frozenset(normalised.meaning_tokens)
    objects = [
        token
        for token in normalised.meaning_tokens
        if token not in _ACTION_WORDS and token not in GENERIC_WORDS
    ]
    object_text = "".join(objects)
    grams = frozenset(object_text[i : i + 3] for i in range(max(0, len(object_text) - 2)))
    facets: dict[str, set[str]] = {}
    for dimension, value in normalised.facets:
        if dimension != "action":
            facets.setdefault(dimension, set()).add(value)
    cleaned = clean_place_text(need_text)
    return NeedProfile(
        actions=actions_of(need_text),
        tokens=tokens,
        objects=frozenset(objects),
        object_text=object_text,
        grams=grams,
        facets={name: frozenset(values) for name, values in facets.items()},
        facility_types=frozenset(kind for word, kind in _FACILITY_TYPES if word in cleaned),
    )


def _jaccard(first: frozenset[str], second: frozenset[str]) -> float:
    union = len(first | second)
    return len(first & second) / union if union else 0.0


def _compatible(first: str, second: str) -> bool:
    return first == second or first.startswith(second + "/") or second.startswith(first + "/")


def facet_comparison(a: NeedProfile, b: NeedProfile) -> tuple[list[str], list[str]]:
    """(dimensions that conflict, dimensions that agree) among the facets both name."""
    conflicts, agreements = [], []
    for dimension in sorted(a.facets.keys() & b.facets.keys()):
        if any(_compatible(x, y) for x in a.facets[dimension] for y in b.facets[dimension]):
            agreements.append(dimension)
        else:
            conflicts.append(dimension)
    return conflicts, agreements


def need_features(a: NeedProfile, b: NeedProfile) -> list[float]:
    """The feature vector (``FEATURE_NAMES`` order) of two need profiles."""
    both_actions = bool(a.actions and b.actions)
    conflicts, agreements = facet_comparison(a, b)
    only = max(len(a.objects - b.objects), len(b.objects - a.objects))

    biggest = max(len(a.objects), len(b.objects), 1)
    if a.object_text and b.object_text:
        object_ratio = fuzz.ratio(a.object_text, b.object_text) / 100.0
        set_ratio = fuzz.token_set_ratio(" ".join(sorted(a.tokens)), " ".join(sorted(b.tokens)))
    else:
        object_ratio = 0.0
        set_ratio = 0.0
    facility_both = bool(a.facility_types and b.facility_types)
    return [
        1.0,
        float(both_actions and bool(a.actions & b.actions)),
        float(both_actions and not (a.actions & b.actions)),
        float(not both_actions),
        float(min(len(conflicts), 2)),
        float(min(len(agreements), 3)) / 3.0,
        _jaccard(a.tokens, b.tokens),
        _jaccard(a.objects, b.objects),
        _jaccard(a.grams, b.grams),
        set_ratio / 100.0,
        object_ratio,
        only / biggest,
        float(facility_both and not (a.facility_types & b.facility_types)),
        float(facility_both and bool(a.facility_types & b.facility_types)),
        float(min(len(a.objects), len(b.objects)) <= 1),
    ]


def probability(weights: list[float] | tuple[float, ...], features: list[float]) -> float:
    """The logistic model's probability for one feature vector."""
    z = sum(w * x for w, x in zip(weights, features, strict=True))
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


_DIGIT_RUNS = re.compile(r"[0-9๐-๙]+")
_LATIN = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=100_000)
def title_need_text(title: str) -> str:
    """A title's need text: places cut out, numbers folded to 0 unless it has Latin letters.

    Titles that differ only in their places and numbers ("ถนน คสล. ยาว 200 ม. ม.3" /
    "ถนน คสล. ยาว 500 ม. ม.7") share one need text, so they are profiled and compared once.
    """
    from planlink.areas.places import read_places

    text = read_places(title).need_text
    return text if _LATIN.search(text) else _DIGIT_RUNS.sub("0", text)


def title_profile(title: str) -> NeedProfile:
    """The need profile of a whole title (memoised twice over)."""
    return need_profile(title_need_text(title))
