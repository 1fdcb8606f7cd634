"""Find the same need raised by several villages (ความต้องการเดียวกันจากหลายหมู่บ้าน).

What ``Matcher.same(a, b)`` answers: **"is this the same kind of need?" — location ignored.**
At tambon level the same need raised by three villages (each asking for ขุดลอกหนองน้ำ in its
own village) becomes one tambon project with three sources (PROCESS.md rule 1; Lampang
circular ๔ พ.ค. ๒๕๖๐, seeds/002 ข้อ ๕.๑).  So "ก่อสร้างถนน คสล. หมู่ที่ 3" and "ก่อสร้างถนน
คสล. หมู่ที่ 7" are the same need; ``explain`` reports that their locations differ, and the
merged project keeps both villages as sources.  The labelled set's ``same`` column is about
the need, with a ``kind`` column naming the hard case (``location_only`` for this one).

How a pair is scored (0..1):

* the meaning words of both titles (``text.normalise``) are compared twice — a weighted
  Jaccard overlap of the word sets (generic words such as ก่อสร้าง, ส่งเสริม count 0.35) and
  a character similarity (rapidfuzz ``ratio``) of the specific words joined together, which
  survives typos and odd segmentation; the two are averaged;
* a **facet conflict** halves the score and vetoes ``same``: both titles name an action,
  surface, target group, animal, crop, occupation, disease, water body, structure, venue
  or festival and no value of one is compatible with a value of the other (ซ่อม ≠ สร้าง,
  คอนกรีต ≠ ลูกรัง, ขุดลอกคลอง ≠ สร้างฝายกั้นคลอง, ผู้สูงอายุ ≠ คนพิการ).

``group_duplicates`` compares only items with the same ``issue_code`` (blocking), works on
distinct normalised signatures (villages repeat titles), caches pair scores, and refuses to
join two groups when any pair across them conflicts, so "ซ่อม ~ ปรับปรุง ~ สร้าง" chains
cannot form.  The rationale (เหตุผล) can lift a title pair that falls just short.
Pure Python (no Django).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz

from planlink.consolidation.text import FACET_WORDS, GENERIC_WORDS, normalise

# Chosen on the fit half of tests/consolidation/data/title_pairs.csv only: F1 there is
# highest for thresholds 0.40–0.48 (grid step 0.02), and we take the middle.  The held-out
# half is scored at this fixed value by ``evaluation.evaluate_engine_and_baseline``.
DEFAULT_THRESHOLD = 0.44
GENERIC_WEIGHT = 0.35
CONFLICT_FACTOR = 0.5
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


_signature_keys: dict[tuple, int] = {}


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


def _raw_score(a: _Signature, b: _Signature) -> float:
    if not a.words or not b.words:
        return 0.0
    shared = sum(_weight(word) for word in a.words & b.words)
    overlap = shared / (a.weight + b.weight - shared)
    if a.specific_text and b.specific_text:
        characters = fuzz.ratio(a.specific_text, b.specific_text) / 100.0
    else:  # one side has only generic words: the characters add nothing, let overlap speak
        characters = overlap
    return 0.5 * overlap + 0.5 * characters


def baseline_score(a: str, b: str) -> float:
    """Plain string similarity without Thai segmentation: rapidfuzz ``fuzz.ratio`` on raw text."""
    return fuzz.ratio(a or "", b or "") / 100.0


def _location_agreement(first: Sequence[str], second: Sequence[str]) -> LocationAgreement:
    if not first or not second:
        return "unknown"
    if set(first) == set(second):
        return "same"
    return "overlap" if set(first) & set(second) else "different"


class Matcher:
    """Scores and groups Thai village project titles (ตัวจับคู่ชื่อโครงการ)."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold
        self._pairs: dict[tuple[int, int], tuple[float, bool]] = {}

    def _pair(self, a: _Signature, b: _Signature) -> tuple[float, bool]:
        """(score, has_conflict) for two signatures, cached by signature keys."""
        if a.key == b.key:
            return (1.0 if a.words else 0.0), False
        cache_key = (a.key, b.key) if a.key < b.key else (b.key, a.key)
        cached = self._pairs.get(cache_key)
        if cached is None:
            conflicts = _conflicts(a, b)
            score = _raw_score(a, b) * (CONFLICT_FACTOR ** len(conflicts))
            cached = (round(score, 6), bool(conflicts))
            if len(self._pairs) > 500_000:
                self._pairs.clear()
            self._pairs[cache_key] = cached
        return cached

    def score(self, a: str, b: str) -> float:
        """Similarity of two titles' needs, 0..1 (location and budget words ignored)."""
        return self._pair(_signature(a), _signature(b))[0]

    def shared_words(self, a: str, b: str) -> tuple[str, ...]:
        """The meaning words two titles share, in the first title's order (cheap: memoised)."""
        first, second = _signature(a), _signature(b)
        return tuple(word for word in first.tokens if word in second.words)

    def same(self, a: str, b: str) -> bool:
        """True when two titles ask for the same kind of need (location ignored)."""
        score, conflict = self._pair(_signature(a), _signature(b))
        return score >= self.threshold and not conflict

    def explain(self, a: str | MatchItem, b: str | MatchItem) -> MatchReason:
        """Shared meaning words, facet conflicts, location (and issue/area/rationale) agreement."""
        item_a = a if isinstance(a, MatchItem) else MatchItem(title=a)
        item_b = b if isinstance(b, MatchItem) else MatchItem(title=b)
        first, second = normalise(item_a.title), normalise(item_b.title)
        signature_a, signature_b = _signature(item_a.title), _signature(item_b.title)
        score, conflict = self._pair(signature_a, signature_b)
        rationale_words: tuple[str, ...] = ()
        if item_a.rationale and item_b.rationale:
            rationale_a = normalise(item_a.rationale).meaning_tokens
            rationale_b = set(normalise(item_b.rationale).meaning_tokens)
            rationale_words = tuple(word for word in rationale_a if word in rationale_b)
        return MatchReason(
            score=score,
            same=self._items_same(item_a, item_b, score, conflict),
            shared_words=tuple(w for w in first.meaning_tokens if w in set(second.meaning_tokens)),
            only_in_a=tuple(w for w in first.meaning_tokens if w not in set(second.meaning_tokens)),
            only_in_b=tuple(w for w in second.meaning_tokens if w not in set(first.meaning_tokens)),
            conflicts=_conflicts(signature_a, signature_b),
            location_agreement=_location_agreement(first.location_tokens, second.location_tokens),
            locations_a=first.location_tokens,
            locations_b=second.location_tokens,
            same_issue=(item_a.issue_code == item_b.issue_code)
            if item_a.issue_code and item_b.issue_code
            else None,
            same_area=(item_a.area_code == item_b.area_code)
            if item_a.area_code and item_b.area_code
            else None,
            rationale_shared_words=rationale_words,
        )

    def _items_same(self, a: MatchItem, b: MatchItem, score: float, conflict: bool) -> bool:
        if conflict or (a.issue_code and b.issue_code and a.issue_code != b.issue_code):
            return False
        if score >= self.threshold:
            return True
        return score >= self.threshold - RATIONALE_MARGIN and self._rationales_agree(a, b)

    @staticmethod
    def _rationales_agree(a: MatchItem, b: MatchItem) -> bool:
        if not (a.rationale and b.rationale):
            return False
        first, second = normalise(a.rationale), normalise(b.rationale)
        return word_overlap(first.meaning_tokens, second.meaning_tokens) >= RATIONALE_MINIMUM

    def group_duplicates(self, items: Sequence[MatchItem]) -> list[list[int]]:
        """Partition item indices into groups of the same need; singletons are groups too.

        Only items with the same ``issue_code`` are compared.  Groups are ordered by their
        smallest index and each group's indices are sorted.
        """
        blocks: dict[str, list[int]] = {}
        for index, item in enumerate(items):
            blocks.setdefault(item.issue_code, []).append(index)
        groups: list[list[int]] = []
        for indices in blocks.values():
            groups.extend(self._group_block(items, indices))
        return sorted((sorted(group) for group in groups), key=lambda group: group[0])

    def _group_block(self, items: Sequence[MatchItem], indices: list[int]) -> list[list[int]]:
        by_signature: dict[int, list[int]] = {}
        signatures: dict[int, _Signature] = {}
        groups: list[list[int]] = []
        for index in indices:
            signature = _signature(items[index].title)
            if not signature.words:
                groups.append([index])  # nothing to compare: an empty title stands alone
                continue
            signatures[signature.key] = signature
            by_signature.setdefault(signature.key, []).append(index)
        keys = list(by_signature)
        if len(keys) > 1:
            clusters = self._cluster(items, keys, signatures, by_signature)
        else:
            clusters = [keys]
        for cluster in clusters:
            groups.append([index for key in cluster for index in by_signature[key]])
        return groups

    def _cluster(
        self,
        items: Sequence[MatchItem],
        keys: list[int],
        signatures: dict[int, _Signature],
        by_signature: dict[int, list[int]],
    ) -> list[list[int]]:
        """Join signatures along edges, best first, never across a facet conflict."""
        edges: list[tuple[float, int, int]] = []
        cannot: set[tuple[int, int]] = set()
        for position, first in enumerate(keys):
            for second in keys[position + 1 :]:
                score, conflict = self._pair(signatures[first], signatures[second])
                if conflict:
                    cannot.add((first, second))
                    cannot.add((second, first))
                elif score >= self.threshold:
                    edges.append((score, first, second))
                elif score >= self.threshold - RATIONALE_MARGIN and any(
                    self._rationales_agree(items[x], items[y])
                    for x in by_signature[first]
                    for y in by_signature[second]
                ):
                    edges.append((self.threshold, first, second))
        cluster_of = {key: key for key in keys}
        members = {key: [key] for key in keys}
        for _score, first, second in sorted(edges, reverse=True):
            left, right = cluster_of[first], cluster_of[second]
            if left == right:
                continue
            if cannot and any((x, y) in cannot for x in members[left] for y in members[right]):
                continue
            for key in members[right]:
                cluster_of[key] = left
            members[left].extend(members.pop(right))
        return list(members.values())


@lru_cache(maxsize=1)
def default_matcher() -> Matcher:
    """The engine's matcher with the tuned threshold (one per process)."""
    return Matcher()


def group_duplicates(items: Sequence[MatchItem], matcher: Matcher | None = None) -> list[list[int]]:
    """Group items that raise the same need, blocking by ``issue_code``; see ``Matcher``."""
    return (matcher or default_matcher()).group_duplicates(items)
