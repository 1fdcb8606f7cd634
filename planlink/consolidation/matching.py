"""Duplicate, shared need or different (issue 12): "the same need, in the same place".

The rule.  Two entries are a **duplicate** (one need: merge, keep every source) only when
1. they ask for the same kind of work (ก่อสร้าง/สร้าง/จัดสร้าง one kind; ปรับปรุง/พัฒนา/ยกระดับ
   one; ซ่อม/ซ่อมแซม/ปรับปรุงซ่อมแซม one; วางท่อประปา = ขยายเขตท่อประปา; ขุดลอก, ติดตั้ง, วางท่อ …
   each their own),
2. on the same object (the same named road, canal, school, hospital, programme, equipment
   type; an unnamed object is the same when the place is), and
3. in the same place (หมู่ที่, บ้าน, ตำบล, segment; a level left out is inherited from the
   item's scope — its area code — and does not conflict).
The same work and object in **different places** is a **shared need**: the tambon may group
them into one project, but each place stays a component with its own fate (docs/reference/PROCESS.md rule
1; Lampang circular ๔ พ.ค. ๒๕๖๐, docs/reference/seeds/002 ข้อ ๕.๑ "ประมวลความต้องการ").  Anything else is
**different**.  Wording, order, abbreviations, digits, spacing, typos, the decomposed sara
am and appended sizes and amounts change nothing.

How.  ``areas.places.read_places`` reads a title's places as structure and cuts them out; what
remains (the *need text*, numbers folded) is compared by a logistic model
(``features.need_features``, weights in ``data/need_model.json`` fitted by ``training.py``
on the training pairs) — that decides "same work on the same object".  ``compare_places``
then compares the places level by level with scope inheritance: any level that differs
makes a same-need pair a shared need.  ``relation`` returns the kind, the model's
probability, the facets that decided it and a Thai reason; ``Matcher.same`` is
``relation(...).kind == "duplicate"``.

Grouping.  ``group_shared_needs`` blocks by ``issue_code``, then by shared object words,
compares each distinct need text once (villages repeat needs), joins need texts only when
every pair across two clusters is the same need (no "ซ่อม ~ ปรับปรุง ~ สร้าง" chains; the
rationale can lift a pair that falls just short), and splits each group into components by
place.  ``group_duplicates`` flattens the components.  Pure Python (no Django).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from rapidfuzz import fuzz

from planlink.areas.places import Places, read_places
from planlink.consolidation.features import (
    facet_comparison,
    need_features,
    probability,
    title_need_text,
)
from planlink.consolidation.features import (
    need_profile as title_profile_of_need,
)
from planlink.consolidation.text import FACET_WORDS, GENERIC_WORDS, normalise

# The need model (``training.py``) is a logistic regression: "same work on the same object"
# when its probability is at least one half.
DEFAULT_THRESHOLD = 0.5
GENERIC_WEIGHT = 0.35
RATIONALE_MARGIN = 0.1
RATIONALE_MINIMUM = 0.5

# Different action words that still describe the same need (install ≈ buy ≈ build …).
COMPATIBLE_ACTIONS = frozenset(
    frozenset(pair)
    for pair in (
        ("build", "install"),
        ("install", "procure"),
        ("build", "dig"),
        ("install", "extend"),
    )
)

FACET_LABELS_TH: dict[str, str] = {
    "action": "ลักษณะงาน",
    "material": "วัสดุ/ผิวทาง",
    "target": "กลุ่มเป้าหมาย",
    "volunteer": "อาสาสมัคร",
    "animal": "ชนิดสัตว์",
    "crop": "ชนิดพืช",
    "occupation": "ประเภทอาชีพ",
    "disease": "โรค",
    "water_body": "แหล่งน้ำ",
    "structure": "สิ่งก่อสร้าง/อุปกรณ์",
    "venue": "สถานที่",
    "festival": "ประเพณี",
}

LocationAgreement = Literal["same", "overlap", "different", "unknown"]
RelationKind = Literal["duplicate", "shared_need", "different"]
PlaceVerdict = Literal["same", "overlap", "different", "missing"]


@dataclass(frozen=True, slots=True)
class MatchItem:
    """One village project to group: title, rationale (เหตุผล), issue (ประเด็น), area code."""

    title: str
    rationale: str = ""
    issue_code: str = ""
    area_code: str = ""


@dataclass(frozen=True, slots=True)
class FacetConflict:
    """Two titles name incompatible values on one facet, e.g. action fix vs build."""

    dimension: str
    values_a: tuple[str, ...]
    values_b: tuple[str, ...]

    @property
    def label_th(self) -> str:
        return FACET_LABELS_TH.get(self.dimension, self.dimension)


@dataclass(frozen=True, slots=True)
class MatchReason:
    """Why two projects are (or are not) the same need — shown next to every proposal."""

    score: float
    same: bool
    shared_words: tuple[str, ...]
    only_in_a: tuple[str, ...]
    only_in_b: tuple[str, ...]
    conflicts: tuple[FacetConflict, ...]
    location_agreement: LocationAgreement
    locations_a: tuple[str, ...]
    locations_b: tuple[str, ...]
    same_issue: bool | None = None
    same_area: bool | None = None
    rationale_shared_words: tuple[str, ...] = field(default=())
    relation: str = "different"

    @property
    def summary_th(self) -> str:
        """A one-line Thai explanation, e.g. "คำร่วม: ถนน, คอนกรีตเสริมเหล็ก · ต่างพื้นที่"."""
        parts = [f"คะแนน {self.score:.2f}"]
        if self.shared_words:
            parts.append("คำร่วม: " + ", ".join(self.shared_words))
        for conflict in self.conflicts:
            parts.append(
                f"{conflict.label_th}ต่างกัน ({', '.join(conflict.values_a)} / "
                f"{', '.join(conflict.values_b)})"
            )
        if self.same_issue is not None:
            parts.append("ประเด็นเดียวกัน" if self.same_issue else "ต่างประเด็น")
        parts.append(_LOCATION_TH[self.location_agreement])
        if self.rationale_shared_words:
            parts.append("เหตุผลร่วม: " + ", ".join(self.rationale_shared_words[:6]))
        return " · ".join(parts)


_LOCATION_TH: dict[str, str] = {
    "same": "พื้นที่เดียวกัน",
    "overlap": "พื้นที่ซ้อนกันบางส่วน",
    "different": "ต่างพื้นที่",
    "unknown": "ไม่ระบุพื้นที่",
}


@dataclass(frozen=True, slots=True)
class _Signature:
    """Everything pair scoring needs, computed once per distinct meaning + facets."""

    key: int
    words: frozenset[str]
    tokens: tuple[str, ...]  # the meaning words in title order
    weight: float
    specific_text: str
    facets: dict[str, frozenset[str]]


_signature_keys: dict[tuple[Any, ...], int] = {}


# Target-group words say *who*, not *what*: the facet veto already keeps ผู้สูงอายุ apart
# from คนพิการ, so in the similarity they count like generic words.
_LOW_WEIGHT_WORDS = GENERIC_WORDS | {
    word for word, pairs in FACET_WORDS.items() if any(name == "target" for name, _ in pairs)
}


def _weight(word: str) -> float:
    return GENERIC_WEIGHT if word in _LOW_WEIGHT_WORDS else 1.0


_DIGIT_RUNS = re.compile(r"[0-9๐-๙]+")
_LATIN = re.compile(r"[A-Za-z]")


def _signature(title: str) -> _Signature:
    """The title's signature; titles that differ only in their numbers share one.

    Numbers in a Thai project title are quantities, budgets, village and alley numbers —
    none of them says which need it is (the normaliser files them as quantity or
    location) — so "ถนน คสล. ยาว 200 เมตร ม.3" and "ถนน คสล. ยาว ๕๐๐ เมตร ม.7" are
    normalised once, not twice: a national year has ~17 times fewer distinct titles
    so written. A title with Latin letters is read as written, numbers and all (there a
    number can belong to a name or a model code).
    """
    if not _LATIN.search(title):
        title = _DIGIT_RUNS.sub("0", title)
    return _signature_of(title)


@lru_cache(maxsize=100_000)
def _signature_of(title: str) -> _Signature:
    normalised = normalise(title)
    identity = (normalised.meaning_tokens, normalised.facets)
    key = _signature_keys.setdefault(identity, len(_signature_keys))
    facets: dict[str, set[str]] = {}
    for dimension, value in normalised.facets:
        facets.setdefault(dimension, set()).add(value)
    words = frozenset(normalised.meaning_tokens)
    return _Signature(
        key=key,
        words=words,
        tokens=normalised.meaning_tokens,
        weight=sum(_weight(word) for word in words),
        specific_text="".join(w for w in normalised.meaning_tokens if w not in _LOW_WEIGHT_WORDS),
        facets={dimension: frozenset(values) for dimension, values in facets.items()},
    )


def _compatible(dimension: str, first: str, second: str) -> bool:
    if first == second or first.startswith(second + "/") or second.startswith(first + "/"):
        return True
    return dimension == "action" and frozenset((first, second)) in COMPATIBLE_ACTIONS


def _conflicts(a: _Signature, b: _Signature) -> tuple[FacetConflict, ...]:
    found = []
    for dimension in sorted(a.facets.keys() & b.facets.keys()):
        values_a, values_b = a.facets[dimension], b.facets[dimension]
        if not any(_compatible(dimension, x, y) for x in values_a for y in values_b):
            found.append(FacetConflict(dimension, tuple(sorted(values_a)), tuple(sorted(values_b))))
    return tuple(found)


def word_overlap(first: Iterable[str], second: Iterable[str]) -> float:
    """Weighted Jaccard overlap of two word sets (generic words count ``GENERIC_WEIGHT``)."""
    first_set, second_set = set(first), set(second)
    union = sum(_weight(word) for word in first_set | second_set)
    if not union:
        return 0.0
    return sum(_weight(word) for word in first_set & second_set) / union


def baseline_score(a: str, b: str) -> float:
    """Plain string similarity without Thai segmentation: rapidfuzz ``fuzz.ratio`` on raw text."""
    return fuzz.ratio(a or "", b or "") / 100.0


@dataclass(frozen=True, slots=True)
class NeedMatch:
    """Whether two titles ask for the same work on the same object (place aside)."""

    same: bool
    score: float
    facets: dict[str, Any]


class Matcher:
    """Scores and groups Thai village project titles (ตัวจับคู่ชื่อโครงการ)."""

    def __init__(
        self, threshold: float = DEFAULT_THRESHOLD, model: dict[str, Any] | None = None
    ) -> None:
        from planlink.consolidation.training import load_model

        self.threshold = threshold
        self.model = model or load_model()
        self.weights: tuple[float, ...] = tuple(self.model["weights"])
        self._pairs: dict[tuple[str, str], float] = {}

    def _pair(self, first: str, second: str) -> float:
        """P(same work on the same object) of two need texts, cached by the texts."""
        if first == second:
            return 1.0 if title_profile_of_need(first).tokens else 0.0
        cache_key = (first, second) if first < second else (second, first)
        cached = self._pairs.get(cache_key)
        if cached is None:
            profile_a, profile_b = title_profile_of_need(first), title_profile_of_need(second)
            if not (profile_a.tokens and profile_b.tokens):
                cached = 0.0
            else:
                cached = round(probability(self.weights, need_features(profile_a, profile_b)), 6)
            if len(self._pairs) > 500_000:
                self._pairs.clear()
            self._pairs[cache_key] = cached
        return cached

    def score(self, a: str, b: str) -> float:
        """Similarity of two titles' needs, 0..1 (places, amounts and budget words cut out)."""
        return self.need(a, b).score

    def shared_words(self, a: str, b: str) -> tuple[str, ...]:
        """The meaning words two titles share, in the first title's order (memoised).

        The whole titles, not their need texts: a named place both ask for (คลองหนองบัว)
        is part of what an officer reads as the reason (the need text cuts it out)."""
        first, second = _signature(a), _signature(b)
        return tuple(word for word in first.tokens if word in second.words)

    def same(self, a: str | MatchItem, b: str | MatchItem) -> bool:
        """True when two entries are the same need in the same place (a duplicate)."""
        return self.relation(a, b).kind == "duplicate"

    def need(self, a: str, b: str) -> NeedMatch:
        """Same work on the same object? (place aside: places are cut out first)."""
        text_a, text_b = title_need_text(a), title_need_text(b)
        score = self._pair(text_a, text_b)
        profile_a, profile_b = title_profile_of_need(text_a), title_profile_of_need(text_b)
        conflicts, _agreements = facet_comparison(profile_a, profile_b)
        facets: dict[str, Any] = {
            "action": [sorted(profile_a.actions), sorted(profile_b.actions)],
            "object": [sorted(profile_a.objects), sorted(profile_b.objects)],
            "conflicts": {
                name: [sorted(profile_a.facets[name]), sorted(profile_b.facets[name])]
                for name in conflicts
            },
            "need_probability": score,
        }
        if score < self.threshold:
            reasons = []
            if (
                profile_a.actions
                and profile_b.actions
                and not profile_a.actions & profile_b.actions
            ):
                reasons.append(FACET_LABELS_TH["action"] + "ต่างกัน")
            reasons += [FACET_LABELS_TH.get(name, name) + "ต่างกัน" for name in conflicts]
            facets["why_different_th"] = ", ".join(reasons) or "สิ่งที่ขอต่างกัน"
        return NeedMatch(same=score >= self.threshold, score=score, facets=facets)

    def relation(
        self,
        a: str | MatchItem,
        b: str | MatchItem,
        *,
        scope_a: str | None = None,
        scope_b: str | None = None,
    ) -> Relation:
        """Duplicate, shared need or different (see the module function ``relation``)."""
        title_a, title_b = _title(a), _title(b)
        places_a, places_b = read_places(title_a), read_places(title_b)
        code_a, code_b = _scope_code(a, scope_a), _scope_code(b, scope_b)
        need = self.need(title_a, title_b)
        verdicts = compare_places(places_a, places_b, code_a, code_b)
        agreement = place_verdict(verdicts)
        if not need.same:
            kind: RelationKind = "different"
        elif agreement in ("different", "overlap"):
            kind = "shared_need"
        else:
            kind = "duplicate"
        facets = {
            **need.facets,
            "place": verdicts,
            "place_agreement": agreement,
            "places_a": places_a.as_dict(),
            "places_b": places_b.as_dict(),
        }
        return Relation(
            kind=kind, score=need.score, facets=facets, reason_th=_relation_reason(kind, facets)
        )

    def explain(self, a: str | MatchItem, b: str | MatchItem) -> MatchReason:
        """Shared meaning words, facet conflicts, location (and issue/area/rationale) agreement."""
        item_a = a if isinstance(a, MatchItem) else MatchItem(title=a)
        item_b = b if isinstance(b, MatchItem) else MatchItem(title=b)
        first, second = normalise(item_a.title), normalise(item_b.title)
        signature_a = _signature(title_need_text(item_a.title))
        signature_b = _signature(title_need_text(item_b.title))
        found = self.relation(item_a, item_b)
        rationale_words: tuple[str, ...] = ()
        if item_a.rationale and item_b.rationale:
            rationale_a = normalise(item_a.rationale).meaning_tokens
            rationale_b = set(normalise(item_b.rationale).meaning_tokens)
            rationale_words = tuple(word for word in rationale_a if word in rationale_b)
        different_issue = bool(
            item_a.issue_code and item_b.issue_code and item_a.issue_code != item_b.issue_code
        )
        location = found.facets["place_agreement"]
        return MatchReason(
            score=found.score,
            same=found.kind == "duplicate" and not different_issue,
            shared_words=tuple(w for w in first.meaning_tokens if w in set(second.meaning_tokens)),
            only_in_a=tuple(w for w in first.meaning_tokens if w not in set(second.meaning_tokens)),
            only_in_b=tuple(w for w in second.meaning_tokens if w not in set(first.meaning_tokens)),
            conflicts=_conflicts(signature_a, signature_b),
            location_agreement=location,
            locations_a=first.location_tokens,
            locations_b=second.location_tokens,
            same_issue=(item_a.issue_code == item_b.issue_code)
            if item_a.issue_code and item_b.issue_code
            else None,
            same_area=(item_a.area_code == item_b.area_code)
            if item_a.area_code and item_b.area_code
            else None,
            rationale_shared_words=rationale_words,
            relation=found.kind if not different_issue else "different",
        )

    @staticmethod
    def _rationales_agree(a: MatchItem, b: MatchItem) -> bool:
        if not (a.rationale and b.rationale):
            return False
        first, second = normalise(a.rationale), normalise(b.rationale)
        return word_overlap(first.meaning_tokens, second.meaning_tokens) >= RATIONALE_MINIMUM

    def group_duplicates(self, items: Sequence[MatchItem]) -> list[list[int]]:
        """Partition item indices into duplicates (same need, same place); singletons too.

        Only items with the same ``issue_code`` are compared.  Groups are ordered by their
        smallest index and each group's indices are sorted.  The same need in two villages
        is *not* a duplicate: see ``group_shared_needs``.
        """
        groups = [component for project in self.group_shared_needs(items) for component in project]
        return sorted(groups, key=lambda group: group[0])

    def group_shared_needs(self, items: Sequence[MatchItem]) -> list[list[list[int]]]:
        """Projects of shared needs, each a list of components (duplicate groups).

        ``[[[0, 4], [2]], [[1]], [[3]]]``: items 0 and 4 are one need in one place (a
        duplicate: one component with two sources), item 2 is the same work and object in
        another place (a second component of the same project); 1 and 3 stand alone.
        Blocking: only items with the same ``issue_code`` are compared; titles are compared
        by their need signatures (places cut out, numbers folded), so a tambon whose
        villages all ask for "ถนน คสล." compares one signature, not every pair.  The place
        of an item is its title's places, with its ``area_code`` filling what the title
        leaves out.  Ordering: projects by their smallest index, components likewise,
        indices sorted.
        """
        blocks: dict[str, list[int]] = {}
        for index, item in enumerate(items):
            blocks.setdefault(item.issue_code, []).append(index)
        projects: list[list[list[int]]] = []
        for indices in blocks.values():
            for group in self._group_block(items, indices):
                projects.append(_components(items, group))
        return sorted(projects, key=lambda project: project[0][0])

    def _group_block(self, items: Sequence[MatchItem], indices: list[int]) -> list[list[int]]:
        """Groups of the same need (place aside) within one block."""
        by_text: dict[str, list[int]] = {}
        groups: list[list[int]] = []
        for index in indices:
            text = title_need_text(items[index].title)
            if not title_profile_of_need(text).tokens:
                groups.append([index])  # nothing to compare: an empty title stands alone
                continue
            by_text.setdefault(text, []).append(index)
        keys = list(by_text)
        clusters = self._cluster(items, keys, by_text) if len(keys) > 1 else [keys]
        for cluster in clusters:
            groups.append([index for key in cluster for index in by_text[key]])
        return groups

    def _cluster(
        self, items: Sequence[MatchItem], keys: list[str], by_text: dict[str, list[int]]
    ) -> list[list[str]]:
        """Join need texts along edges, best first, and only when every pair across the two
        clusters is itself the same need (so "ซ่อม ~ ปรับปรุง ~ สร้าง" chains cannot form).

        Blocking: only need texts that share an object word (ถนน, ประปา, อาหารกลางวัน …) or
        its first four letters are scored at all; two texts with no object word in common
        are never the same need.
        """
        index: dict[str, list[str]] = {}
        for key in keys:
            profile = title_profile_of_need(key)
            words = profile.objects or profile.tokens
            # a word and its first four letters: ห้องสมุด meets ห้องสมุดประชาชน
            for word in words | {word[:4] for word in words if len(word) > 4}:
                index.setdefault(word, []).append(key)
        candidates: set[tuple[str, str]] = set()
        for block in index.values():
            if len(block) < 2:
                continue
            for position, first in enumerate(block):
                for second in block[position + 1 :]:
                    candidates.add((first, second) if first < second else (second, first))
        edges: list[tuple[float, str, str]] = []
        for first, second in sorted(candidates):
            score = self._pair(first, second)
            if score >= self.threshold or (
                score >= self.threshold - RATIONALE_MARGIN
                and any(
                    self._rationales_agree(items[x], items[y])
                    for x in by_text[first]
                    for y in by_text[second]
                )
            ):
                edges.append((max(score, self.threshold), first, second))
        linked = {(first, second) for _score, first, second in edges}
        linked |= {(second, first) for first, second in list(linked)}
        cluster_of = {key: key for key in keys}
        members = {key: [key] for key in keys}
        for _score, first, second in sorted(edges, reverse=True):
            left, right = cluster_of[first], cluster_of[second]
            if left == right:
                continue
            if not all((x, y) in linked for x in members[left] for y in members[right]):
                continue
            for key in members[right]:
                cluster_of[key] = left
            members[left].extend(members.pop(right))
        return [members[key] for key in keys if key in members]


def read_ahead(title: str) -> None:
    """Do (and memoise) the per-title Thai text work grouping needs: places, need text and
    need profile — so the engine can do it before a unit's write transaction opens."""
    title_profile_of_need(title_need_text(title))


@lru_cache(maxsize=1)
def default_matcher() -> Matcher:
    """The engine's matcher with the tuned threshold (one per process)."""
    return Matcher()


def group_duplicates(items: Sequence[MatchItem], matcher: Matcher | None = None) -> list[list[int]]:
    """Group items that are the same need in the same place, blocking by ``issue_code``."""
    return (matcher or default_matcher()).group_duplicates(items)


def group_shared_needs(
    items: Sequence[MatchItem], matcher: Matcher | None = None
) -> list[list[list[int]]]:
    """Projects (shared needs) of components (duplicates); see ``Matcher.group_shared_needs``."""
    return (matcher or default_matcher()).group_shared_needs(items)


# =============================================================================== relation
# Issue 12: "the same need, in the same place".  Two entries are a *duplicate* only when
# they ask for the same kind of work on the same object in the same place; the same work
# and object in different places is a *shared need* (one project, one component per place);
# anything else is *different*.  The place is compared as structure (``areas.places.read_places``):
# หมู่ที่, บ้าน, ตำบล, อำเภอ, จังหวัด, segment, named facility, route number.  A level a title
# leaves out is inherited from the item's scope (its area code) and never conflicts.

PLACE_LEVELS: tuple[str, ...] = (
    "province", "amphoe", "tambon", "village", "facility", "route", "segment",
)  # fmt: skip

_PLACE_LABELS_TH: dict[str, str] = {
    "province": "จังหวัด",
    "amphoe": "อำเภอ",
    "tambon": "ตำบล",
    "village": "หมู่บ้าน",
    "facility": "สถานที่/สิ่งก่อสร้างที่ระบุชื่อ",
    "route": "สายทาง",
    "segment": "ช่วง/ตอน/โซน",
}
_CODE_LENGTH = {"province": 2, "amphoe": 4, "tambon": 6, "village": 8}


@dataclass(frozen=True, slots=True)
class Relation:
    """How two entries relate under the rule of issue 12.

    ``kind``: ``duplicate`` (same work, object and place: merge, keep every source),
    ``shared_need`` (same work and object, different place: one project, one component per
    place), ``different``.  ``score`` is the probability that the two ask for the same work
    on the same object (place aside), 0..1.  ``facets`` holds what decided it, JSON-ready:
    ``{"action": [a, b], "object": {...}, "place": {level: verdict}, "places_a": {...},
    "places_b": {...}}``.  ``reason_th`` is one Thai line for officers.
    """

    kind: RelationKind
    score: float
    facets: dict[str, Any]
    reason_th: str

    @property
    def duplicate(self) -> bool:
        return self.kind == "duplicate"

    @property
    def same_need(self) -> bool:
        """Same work on the same object, whatever the place (duplicate or shared need)."""
        return self.kind != "different"


def _scope_code(item: str | MatchItem, scope: str | None) -> str:
    if scope is not None:
        return scope
    return item.area_code if isinstance(item, MatchItem) else ""


def _title(item: str | MatchItem) -> str:
    return item.title if isinstance(item, MatchItem) else (item or "")


def _same_name(first: str, second: str) -> bool:
    """Two written place names are one place (spaces, a typo or a เมือง prefix aside)."""
    first, second = first.replace(" ", ""), second.replace(" ", "")
    if first == second:
        return True
    if first.startswith("เมือง") and second.startswith("เมือง"):
        first, second = first[5:] or first, second[5:] or second
    if len(first) >= 4 and len(second) >= 4:
        return fuzz.ratio(first, second) >= 88
    return False


def _compare_names(first: Sequence[str], second: Sequence[str]) -> PlaceVerdict:
    matched_a = [any(_same_name(x, y) for y in second) for x in first]
    matched_b = [any(_same_name(y, x) for x in first) for y in second]
    if all(matched_a) and all(matched_b):
        return "same"
    return "overlap" if any(matched_a) else "different"


def _compare_sets(first: Sequence[Any], second: Sequence[Any]) -> PlaceVerdict:
    a, b = set(first), set(second)
    if a == b:
        return "same"
    return "overlap" if a & b else "different"


def _facility_types(places: Places) -> dict[str, list[str]]:
    by_type: dict[str, list[str]] = {}
    for facility in places.facilities:
        kind = _facility_kind(facility)
        by_type.setdefault(kind, []).append(_facility_name(facility, kind))
    return by_type


_FACILITY_KINDS = (
    "รพ.สต.", "ศพด.", "โรงพยาบาล", "โรงเรียน", "สำนักสงฆ์", "วัด", "มัสยิด", "สสช.", "ตลาด",
    "อ่างเก็บน้ำ", "ฝาย", "คลอง", "ห้วย", "ลำน้ำ", "หนอง", "บึง", "กุด", "สระ", "สาย", "ถนน",
)  # fmt: skip


_WATERWAYS = ("คลอง", "ห้วย", "ลำ")


def _facility_kind(facility: str) -> str:
    for kind in _FACILITY_KINDS:
        if facility.startswith(kind):
            return "ทางน้ำ" if kind in _WATERWAYS else kind
    return ""


def _facility_name(facility: str, kind: str) -> str:
    """The name without its type; a waterway's คลอง/ลำ/ห้วย words are all dropped."""
    if kind != "ทางน้ำ":
        return facility[len(kind) :]
    name = facility
    while name.startswith(_WATERWAYS + ("น้ำ",)) and len(name) > 4:
        for word in _WATERWAYS + ("น้ำ",):
            if name.startswith(word):
                name = name[len(word) :]
                break
    return name


def compare_places(
    first: Places, second: Places, scope_a: str = "", scope_b: str = ""
) -> dict[str, PlaceVerdict]:
    """Level by level: ``same``, ``overlap`` (lists that share some), ``different`` or
    ``missing`` (one side does not say, even through its scope: inherited, no conflict).

    Written names are compared with names, area codes with codes; a title's หมู่ที่ N is
    compared with the village number of the other item's village code.
    """
    return dict(_place_verdicts(first, second, scope_a, scope_b))


def places_compatible(first: Places, second: Places, scope_a: str = "", scope_b: str = "") -> bool:
    """No level differs or only overlaps (``place_verdict`` is ``same`` or ``unknown``); stops
    at the first level that does, cheapest levels first."""
    return not any(
        verdict in ("different", "overlap")
        for _level, verdict in _place_verdicts(first, second, scope_a, scope_b)
    )


def _place_verdicts(
    first: Places, second: Places, scope_a: str, scope_b: str
) -> Iterator[tuple[str, PlaceVerdict]]:
    named = {"province": "province", "amphoe": "amphoe", "tambon": "tambon"}
    for level, field_name in named.items():
        names_a, names_b = getattr(first, field_name), getattr(second, field_name)
        length = _CODE_LENGTH[level]
        if names_a and names_b:
            yield level, _compare_names(names_a, names_b)
        elif len(scope_a) >= length and len(scope_b) >= length and not (names_a or names_b):
            yield level, "same" if scope_a[:length] == scope_b[:length] else "different"
        else:
            yield level, "missing"
    numbers_a = first.village_no or _scope_village(scope_a)
    numbers_b = second.village_no or _scope_village(scope_b)
    if numbers_a and numbers_b:
        yield "village", _compare_sets(numbers_a, numbers_b)
    elif first.village_name and second.village_name:
        yield "village", _compare_names(first.village_name, second.village_name)
    else:
        yield "village", "missing"
    types_a, types_b = _facility_types(first), _facility_types(second)
    shared_types = types_a.keys() & types_b.keys()
    if shared_types:
        facility_verdicts = [_compare_names(types_a[t], types_b[t]) for t in shared_types]
        yield "facility", _worst(facility_verdicts)
    else:
        yield "facility", "missing"
    if first.route_ids and second.route_ids:
        yield "route", _compare_sets(first.route_ids, second.route_ids)
    else:
        yield "route", "missing"
    if first.segments and second.segments:
        yield "segment", _compare_sets(first.segments, second.segments)
    else:
        yield "segment", "missing"


def _scope_village(scope: str) -> tuple[int, ...]:
    return (int(scope[6:8]),) if len(scope) == 8 and scope.isdigit() else ()


def _worst(verdicts: Sequence[PlaceVerdict]) -> PlaceVerdict:
    for verdict in ("different", "overlap", "same"):
        if verdict in verdicts:
            return verdict
    return "missing"


def place_verdict(verdicts: dict[str, PlaceVerdict]) -> LocationAgreement:
    """One word for the place: ``different`` when any level differs, then ``overlap``,
    ``same`` when some level agrees, else ``unknown``."""
    values = set(verdicts.values())
    if "different" in values:
        return "different"
    if "overlap" in values:
        return "overlap"
    return "same" if "same" in values else "unknown"


def _relation_reason(kind: RelationKind, facets: dict[str, Any]) -> str:
    place = facets["place"]
    differing = [_PLACE_LABELS_TH[level] for level, v in place.items() if v == "different"]
    overlapping = [_PLACE_LABELS_TH[level] for level, v in place.items() if v == "overlap"]
    agreeing = [_PLACE_LABELS_TH[level] for level, v in place.items() if v == "same"]
    if kind == "different":
        why = facets.get("why_different_th") or "ลักษณะงานหรือสิ่งที่ขอต่างกัน"
        return f"ต่างความต้องการ: {why}"
    if kind == "shared_need":
        where = ", ".join(differing or overlapping) or "พื้นที่"
        return (
            f"ความต้องการร่วม: งานและสิ่งที่ขอเดียวกัน แต่ต่าง{where} "
            "— รวมเป็นโครงการเดียวได้ โดยแต่ละพื้นที่เป็นองค์ประกอบของตนเอง"
        )
    same_where = ", ".join(agreeing) if agreeing else "ไม่ระบุพื้นที่ต่างกัน (ใช้พื้นที่ของแผน)"
    return f"ความต้องการซ้ำ: งาน สิ่งที่ขอ และพื้นที่เดียวกัน ({same_where})"


def relation(
    a: str | MatchItem,
    b: str | MatchItem,
    *,
    scope_a: str | None = None,
    scope_b: str | None = None,
    matcher: Matcher | None = None,
) -> Relation:
    """Duplicate, shared need or different, by the rule of issue 12.

    ``a``/``b`` are titles or ``MatchItem`` (whose ``area_code`` is the scope); ``scope_a``
    and ``scope_b`` (area codes) override the items' own.
    """
    return (matcher or default_matcher()).relation(a, b, scope_a=scope_a, scope_b=scope_b)


def _place_key(item: MatchItem) -> tuple[Any, ...]:
    return _place_key_of(item.title, item.area_code)


# One ``Places`` for each place key: two items with the same key are one place to compare.
_places_of_key: dict[tuple[Any, ...], Places] = {}


@lru_cache(maxsize=100_000)
def _place_key_of(title: str, area_code: str) -> tuple[Any, ...]:
    places = read_places(title)
    key = (area_code, tuple((name, tuple(v)) for name, v in places.as_dict().items()))
    if len(_places_of_key) > 200_000:  # bounded: forget every memo that names a key
        _places_of_key.clear()
        _keys_compatible.cache_clear()
        _place_key_of.cache_clear()
    _places_of_key.setdefault(key, places)
    return key


@lru_cache(maxsize=500_000)
def _keys_compatible(first: tuple[Any, ...], second: tuple[Any, ...]) -> bool:
    """No level of the two places differs or only overlaps (memoised by place: a tambon's
    villages meet again in every need they share)."""
    return places_compatible(_places_of_key[first], _places_of_key[second], first[0], second[0])


def _compatible_places(first: MatchItem, second: MatchItem) -> bool:
    return _keys_compatible(_place_key(first), _place_key(second))


def _components(items: Sequence[MatchItem], group: list[int]) -> list[list[int]]:
    """Split one shared need into components: items whose places agree (or are unsaid).

    Items with the same title places and area code are one place at once; other buckets
    join the first component whose every bucket is compatible (no level differs), most
    specific places first, so an unplaced entry joins a placed one rather than bridging
    two different places.
    """
    buckets: dict[tuple[Any, ...], list[int]] = {}
    for index in sorted(group):
        buckets.setdefault(_place_key(items[index]), []).append(index)
    ordered = sorted(
        buckets.values(),
        key=lambda members: (-len(read_places(items[members[0]].title).spans), members[0]),
    )
    components: list[list[list[int]]] = []
    for members in ordered:
        for component in components:
            if all(_compatible_places(items[members[0]], items[other[0]]) for other in component):
                component.append(members)
                break
        else:
            components.append([members])
    result = [sorted(i for members in component for i in members) for component in components]
    return sorted(result, key=lambda component: component[0])
