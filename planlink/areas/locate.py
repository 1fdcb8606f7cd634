"""Resolve the place a Thai funded-item text names to a DOPA area code (issue 13, "locate").

Real budget files name their place in the text ("… ตำบลสะเตง อำเภอเมืองยะลา จังหวัดยะลา",
"หมู่ที่ 9 ต.ท่าสาป อ.เมือง จ.ยะลา"), with abbreviations, OCR noise and misspelt names. The
place facets are read by :func:`planlink.areas.places.read_places` (pure text); this
module resolves them against the real area tables, **each name inside its parent**: a
district inside the named (or the unit's) province, a tambon inside the named district (or,
without one, inside the province when the name is unique there), a village inside its tambon.

* A misspelt name is accepted by a bounded fuzzy match (rapidfuzz ``ratio`` ≥ ``FUZZY_MIN``)
  only among the children of the resolved parent, and only when the best candidate beats
  the runner-up by ``FUZZY_MARGIN``; otherwise the name is *ambiguous*.
* Never a guess across provinces: an ambiguous or conflicting name leaves the location at
  the level above it (``district`` when the tambon cannot be told, and so on).
* A tambon name found only among the abolished codes of its district is mapped through the
  crosswalk when it has exactly one successor (:mod:`planlink.areas.crosswalk`).

The result records the level reached (village, tambon, district, province, none) and the
text it came from. A :class:`Gazetteer` reads the tables once and memoises every text it
has located, so a 50,000-row budget file reads each distinct title once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from planlink.areas.models import AbolishedCode, Area
from planlink.areas.places import Places, read_places

FUZZY_MIN = 75.0
FUZZY_MARGIN = 8.0
LEVELS = ("village", "tambon", "district", "province", "none")
_LENGTH_LEVEL = {2: "province", 4: "district", 6: "tambon", 8: "village"}
_BANGKOK = re.compile(r"กรุงเทพ(?:มหานคร|ฯ)?|กทม\.?")
# Where a title's places begin: its work text before is cut off, so titles that differ only
# in their work share one memo entry (a budget bill names a few thousand places 50,000 times).
_TAMBON_WORD = re.compile(r"(?:ตำบล|แขวง|(?<![ก-๙.])ต\.)\s?(?P<word>[ก-๙]{2,})")
_PLACE_START = re.compile(r"หมู่|ม\.\s*[0-9๐-๙]|บ้าน|ตำบล|ต\.|แขวง|อำเภอ|อ\.|เขต|จังหวัด|จ\.|กรุงเทพ|กทม")


def place_part(text: str) -> str:
    """The text from the word holding the first place marker on ("" when none)."""
    found = _PLACE_START.search(text or "")
    if found is None:
        return ""
    return text[text.rfind(" ", 0, found.start()) + 1 :]


def level_of(code: str) -> str:
    """The level of a DOPA code by its length (``"none"`` for an empty code)."""
    return _LENGTH_LEVEL.get(len(code or ""), "none")


def _norm(name: str) -> str:
    text = unicodedata.normalize("NFC", name or "").replace("\u0e4d\u0e32", "\u0e33")
    return re.sub(r"[\s.]", "", text.replace("เเ", "แ"))


def _bare_village(name: str) -> str:
    name = _norm(name)
    name = re.sub(r"^หมู่(?:ที่)?\d+", "", name)
    return name[4:] if name.startswith("บ้าน") and len(name) > 5 else name


@dataclass(frozen=True, slots=True)
class Location:
    """Where one text is: ``code`` ('' when nothing), ``level``, the ``text`` it came from.

    ``via``: ``code`` (given), ``crosswalk`` (an abolished code or name mapped), ``text``
    (names matched exactly), ``fuzzy`` (a misspelt name matched inside its parent), or ``""``.
    ``notes`` say what was read but not used (ambiguous or unknown names), in Thai.
    """

    code: str = ""
    level: str = "none"
    text: str = ""
    via: str = ""
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "level": self.level,
            "text": self.text,
            "via": self.via,
            "notes": list(self.notes),
        }


@dataclass
class _Found:
    """A name resolved (``code``), ambiguous (``ambiguous``) or unknown (neither)."""

    code: str = ""
    fuzzy: bool = False
    crosswalk: bool = False
    ambiguous: tuple[str, ...] = ()


@dataclass
class _Walk:
    code: str = ""
    pieces: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fuzzy: bool = False
    crosswalk: bool = False


class Gazetteer:
    """The area names, indexed by parent, read once; ``locate`` memoised per (text, hint)."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.children: dict[str, dict[str, list[str]]] = {}  # parent → name → codes
        self.by_level: dict[str, dict[str, list[str]]] = {"province": {}, "district": {}}
        self.abolished: dict[str, dict[str, list[str]]] = {}  # district → name → successors
        self._memo: dict[tuple[str, str], Location] = {}
        self._fuzzy_memo: dict[tuple[str, str], _Found] = {}
        self._choice_memo: dict[tuple[str, int], dict[str, list[str]]] = {}
        rows = Area.objects.values_list("code", "level", "name_th").iterator(chunk_size=20000)
        for code, level, name in rows:
            self.names[code] = name
            keys = {_norm(name)}
            if level == Area.Level.VILLAGE:
                keys = {_bare_village(name)} if _bare_village(name) else set()
            elif level == Area.Level.DISTRICT and name.startswith("เขต") and len(name) > 4:
                keys.add(_norm(name[3:]))
            parent = code[: len(code) - 2] if len(code) > 2 else ""
            for key in keys:
                self.children.setdefault(parent, {}).setdefault(key, []).append(code)
                if level in self.by_level:
                    self.by_level[level].setdefault(key, []).append(code)
        for row in AbolishedCode.objects.filter(level="subdistrict").values_list(
            "parent_code", "name_th", "successor_codes"
        ):
            parent, name, successors = row
            self.abolished.setdefault(parent, {})[_norm(name)] = [
                code for code in successors.split(";") if code
            ]

    # ----- one name inside one parent ----------------------------------------------------
    def _within(self, parent: str, name: str, *, level_length: int) -> _Found:
        """Resolve ``name`` among the children of ``parent`` at codes of ``level_length``.

        ``parent`` may be two levels up (a tambon inside a province): then the candidates
        are every grandchild of that length.
        """
        key = _norm(name)
        if not key:
            return _Found()
        choices = self._choices(parent, level_length)
        exact = choices.get(key, [])
        if len(exact) == 1:
            return _Found(code=exact[0])
        if len(exact) > 1:
            return _Found(ambiguous=tuple(sorted(exact)))
        memo_key = (parent + "/" + str(level_length), key)
        cached = self._fuzzy_memo.get(memo_key)
        if cached is not None:
            return cached
        found = self._fuzzy(choices, key)
        self._fuzzy_memo[memo_key] = found
        return found

    def _choices(self, parent: str, level_length: int) -> dict[str, list[str]]:
        if len(parent) + 2 == level_length:
            return self.children.get(parent, {})
        cached = self._choice_memo.get((parent, level_length))
        if cached is not None:
            return cached
        merged: dict[str, list[str]] = {}
        self._choice_memo[(parent, level_length)] = merged
        for code in self.children_codes(parent):
            if len(code) + 2 == level_length:
                for name, codes in self.children.get(code, {}).items():
                    merged.setdefault(name, []).extend(codes)
            elif len(code) + 2 < level_length:
                for name, codes in self._choices(code, level_length).items():
                    merged.setdefault(name, []).extend(codes)
        return merged

    def children_codes(self, parent: str) -> list[str]:
        return [code for codes in self.children.get(parent, {}).values() for code in codes]

    @staticmethod
    def _fuzzy(choices: dict[str, list[str]], key: str) -> _Found:
        if len(key) < 3 or not choices:
            return _Found()
        best = process.extract(key, list(choices), scorer=fuzz.ratio, limit=3)
        best = [hit for hit in best if hit[1] >= FUZZY_MIN]
        if not best:
            return _Found()
        top_name, top_score = best[0][0], best[0][1]
        rivals = [hit for hit in best[1:] if top_score - hit[1] < FUZZY_MARGIN]
        codes = choices[top_name]
        if rivals or len(codes) > 1:
            tied = set(codes) | {code for hit in rivals for code in choices[hit[0]]}
            return _Found(ambiguous=tuple(sorted(tied)))
        return _Found(code=codes[0], fuzzy=True)

    # ----- the walk down -------------------------------------------------------------
    def locate(self, text: str, hint: str = "") -> Location:
        """The deepest area ``text`` names, read inside ``hint`` (the unit's own area, if any)."""
        key = (place_part(text), hint or "")
        cached = self._memo.get(key)
        if cached is None:
            cached = self._locate(*key)
            if len(self._memo) > 300_000:
                self._memo.clear()
            self._memo[key] = cached
        return cached

    def _locate(self, text: str, hint: str) -> Location:
        places = read_places(text)
        spans: dict[str, list[str]] = {}
        for span in places.spans:
            spans.setdefault(span.field, []).append(places.text[span.start : span.end])
        walk = _Walk()
        self._province(places, spans, hint, walk)
        if walk.code or places.amphoe:
            self._district(places, spans, hint, walk)
        if len(walk.code) in (2, 4) and places.tambon:
            self._tambon(places, spans, walk)
        if len(walk.code) in (2, 4) and not places.tambon:
            self._tambon_marked(places.text, walk)
        if len(walk.code) == 6:
            self._village(places, spans, walk)
        via = ""
        if walk.code:
            via = "crosswalk" if walk.crosswalk else "fuzzy" if walk.fuzzy else "text"
        return Location(
            code=walk.code,
            level=level_of(walk.code),
            text=" ".join(dict.fromkeys(walk.pieces)),
            via=via,
            notes=tuple(walk.notes),
        )

    def _province(
        self, places: Places, spans: dict[str, list[str]], hint: str, walk: _Walk
    ) -> None:
        names = list(places.province)
        bangkok = _BANGKOK.search(places.text)
        if bangkok and not names:
            names = ["กรุงเทพมหานคร"]
            spans.setdefault("province", []).append(bangkok.group(0))
        found: set[str] = set()
        fuzzy = False
        for name in names:
            hit = self._within("", name, level_length=2)
            if hit.code:
                found.add(hit.code)
                fuzzy = fuzzy or hit.fuzzy
            else:
                walk.notes.append(f"ไม่พบจังหวัด '{name}'")
        if len(found) == 1:
            walk.code = found.pop()
            walk.fuzzy = fuzzy
            walk.pieces.extend(spans.get("province", []))
        elif len(found) > 1:
            walk.notes.append("ระบุหลายจังหวัด ไม่ระบุพื้นที่ข้ามจังหวัด")
            walk.code = hint[:2] if hint and hint[:2] in found else ""
        elif hint:
            walk.code = hint[:2]

    def _district(
        self, places: Places, spans: dict[str, list[str]], hint: str, walk: _Walk
    ) -> None:
        names = list(places.amphoe)
        if not names:
            if len(hint) >= 4 and hint[:2] == walk.code:
                walk.code = hint[:4]
            return
        found: set[str] = set()
        for name in names:
            hit = self._district_name(name, walk.code)
            if hit.code:
                found.add(hit.code)
                walk.fuzzy = walk.fuzzy or hit.fuzzy
            elif hit.ambiguous:
                walk.notes.append(f"ชื่ออำเภอ '{name}' กำกวม ({', '.join(hit.ambiguous[:5])})")
            else:
                walk.notes.append(f"ไม่พบอำเภอ '{name}'" + (" ในจังหวัดที่ระบุ" if walk.code else ""))
        if len(found) == 1:
            walk.code = found.pop()
            walk.pieces.extend(spans.get("amphoe", []))
        elif len(found) > 1:
            walk.notes.append("ระบุหลายอำเภอ คงไว้ที่ระดับจังหวัด")

    def _district_name(self, name: str, province: str) -> _Found:
        key = _norm(name)
        if province:
            if key == "เมือง":
                mueang = [
                    code
                    for code in self.children_codes(province)
                    if self.names[code].startswith("เมือง") or self.names[code] == "เขตพระนคร"
                ]
                return _Found(code=mueang[0]) if len(mueang) == 1 else _Found()
            return self._within(province, name, level_length=4)
        codes = self.by_level["district"].get(key, [])
        # No province: only an exact name that exists once in the whole country.
        if len(codes) == 1:
            return _Found(code=codes[0])
        return _Found(ambiguous=tuple(sorted(codes))) if codes else _Found()

    def _tambon(self, places: Places, spans: dict[str, list[str]], walk: _Walk) -> None:
        parent = walk.code
        found: set[str] = set()
        for name in places.tambon:
            hit = self._within(parent, name, level_length=6)
            if not hit.code and not hit.ambiguous and len(parent) == 4:
                hit = self._abolished(parent, name)
            if hit.code:
                found.add(hit.code)
                walk.fuzzy = walk.fuzzy or hit.fuzzy
                walk.crosswalk = walk.crosswalk or hit.crosswalk
            elif hit.ambiguous:
                walk.notes.append(
                    f"ชื่อตำบล '{name}' กำกวม ({', '.join(hit.ambiguous[:5])}) คงไว้ที่ระดับ"
                    + ("อำเภอ" if len(parent) == 4 else "จังหวัด")
                )
            else:
                walk.notes.append(f"ไม่พบตำบล '{name}' ใน{self.names.get(parent, parent)}")
        if len(found) == 1:
            walk.code = found.pop()
            walk.pieces.extend(spans.get("tambon", []))
        elif len(found) > 1:
            walk.notes.append("ระบุหลายตำบล คงไว้ที่ระดับที่สูงกว่า")

    def _tambon_marked(self, text: str, walk: _Walk) -> None:
        """A tambon whose name the facet reader took for something else ("ตำบลตลาดเหนือ" read
        as a market): the longest leading part of the word after ตำบล/ต./แขวง that is exactly
        one tambon of the parent."""
        found: dict[str, str] = {}
        for match in _TAMBON_WORD.finditer(text):
            word = _norm(match.group("word"))
            for end in range(len(word), 1, -1):
                hit = self._within(walk.code, word[:end], level_length=6)
                if hit.code and not hit.fuzzy:
                    found[hit.code] = match.group(0)
                    break
        if len(found) == 1:
            walk.code, piece = next(iter(found.items()))
            walk.pieces.append(piece)

    def _abolished(self, district: str, name: str) -> _Found:
        successors = self.abolished.get(district, {}).get(_norm(name))
        if successors and len(successors) == 1 and successors[0] in self.names:
            return _Found(code=successors[0], crosswalk=True)
        return _Found()

    def _village(self, places: Places, spans: dict[str, list[str]], walk: _Walk) -> None:
        tambon = walk.code
        numbers = places.village_no
        if len(numbers) == 1:
            code = f"{tambon}{numbers[0]:02d}"
            if code in self.names:
                walk.code = code
                walk.pieces = spans.get("village_no", [])[:1] + walk.pieces
                walk.pieces.extend(spans.get("village_name", [])[:1])
            else:
                walk.notes.append(f"หมู่ที่ {numbers[0]} ยังไม่มีในทะเบียนหมู่บ้านของตำบล")
            return
        if len(numbers) > 1:
            walk.notes.append("ระบุหลายหมู่บ้าน คงไว้ที่ระดับตำบล")
            return
        if len(places.village_name) == 1:
            hit = self._within(tambon, places.village_name[0], level_length=8)
            if hit.code:
                walk.code = hit.code
                walk.fuzzy = walk.fuzzy or hit.fuzzy
                walk.pieces = spans.get("village_name", [])[:1] + walk.pieces


def located_code(code: str) -> Location:
    """A location given as a current code (``via="code"``)."""
    return Location(code=code, level=level_of(code), text=f"รหัสพื้นที่ {code}", via="code")
