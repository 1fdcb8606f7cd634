"""Read the place a Thai project title names (สถานที่ในชื่อโครงการ) as structure, not words.

A plan or budget entry says *where* in many ways: "หมู่ที่ ๓ บ้านนาดี ตำบลนาดี อำเภอเมือง
จังหวัดอุดรธานี", "ม.3 ต.นาดี อ.เมือง จ.อุดรธานี", "สายบ้านนาดี - บ้านโนนสูง", "กม. 1+000 –
2+500", "ช่วงที่ 2", "ฝั่งซ้าย", "โรงเรียนบ้านนาดี", "รพ.สต.บ้านโนนสูง", "คลองห้วยทราย",
"สาย 3L-1R", "ทางหลวงหมายเลข 232".  ``read_places`` reads each of these into a field of
``Places`` so that two titles can be compared level by level (issue 12, rule 3: the same
need must be in the same หมู่/บ้าน/ตำบล/segment; a level left out is inherited from the
plan's scope and does not conflict).

It also gives ``need_text``: the title with every place span cut out (a named facility
keeps its type word: "โรงเรียนบ้านนาดี" → "โรงเรียน"), which is what the matcher compares
to decide whether two entries ask for the same kind of work on the same object.

Spans index into ``Places.text``: the title after NFC, Thai digits → Arabic, the decomposed
sara am (U+0E4D U+0E32 → U+0E33) and doubled sara e (เเ → แ) repaired.  Names are stored
without their marker (``tambon=("นาดี",)``), facilities with a canonical type prefix
(``"โรงเรียนบ้านนาดี"``, ``"รพ.สต.บ้านโนนสูง"``, ``"คลองห้วยทราย"``).  h7's supply import
resolves the names against the area tables; this module has no database access.

Pure Python, memoised per distinct string.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["PlaceSpan", "Places", "clean_place_text", "read_places"]

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_T = "ก-๙"  # Thai letters, vowels, tone marks and digits
_NOT_THAI_BEFORE = rf"(?<![{_T}.])"

# A name ends before one of these (or at a space, a bracket, a dash, a comma, a digit).
_STOP_WORDS = (
    r"หมู่(?!บ้าน)|ม\.\s*\d|ตำบล|ต\.|แขวง|อำเภอ|อ\.|เขต(?=[ก-ฮ])|จังหวัด|จ\.|ถึง|เชื่อม|ไปยัง|ไป"
    r"|ระยะทาง|ระยะ|ขนาด|กว้าง|ยาว\s*\d|ยาวรวม|ความยาว|ความกว้าง|หนา|ลึก\s*\d|ปริมาณ|จำนวน|งบประมาณ"
    r"|โดย|พร้อม|เพื่อ|ประจำ|บริเวณ|ภายใน|ใน(?=[ก-ฮ])|ซอย|ซ\.|สาย(?=บ้าน)|และ|หรือ|รวม|แห่ง|ช่วง|ตอน"
    r"|โซน|ฝั่ง|กม\.|กิโลเมตร|เมตร|บ้าน(?=[ก-ฮ])|ตามแบบ|ตามโครงการ|ขององค์การ|ของ"
    r"|คสล|คอนกรีต|ลาดยาง|ลูกรัง|หินคลุก|อบต|อบจ|เทศบาล|องค์การ|ปีงบประมาณ|ประจำปี"
)
_NAME = rf"(?P<name>[{_T}]{{2,}}?)(?=$|[\s\-–—,()\[\]/.:;0-9\0]|{_STOP_WORDS})"

# Words after a facility's type word that are not a name: คลองส่งน้ำ, หนองน้ำสาธารณะ.
_GENERIC_HEADS = (
    "ส่งน้ำ", "ระบายน้ำ", "ไส้ไก่", "ชลประทาน", "สาธารณะ", "น้ำ", "ดาด", "คอนกรีต", "คสล",
    "ดิน", "แกน", "มีชีวิต", "ชะลอ", "กั้น", "ทด", "เก็บ", "ขนาด", "ประจำ", "ใน", "ที่", "เดิม",
    "ตื้น", "ข้าง", "สอง", "ต่างๆ", "เล็ก", "ใหญ่", "ของ", "แห่ง", "พร้อม", "เพื่อ",
    "เป็น", "ส่วน", "ทั้ง", "สายหลัก", "สายย่อย", "ถาวร", "ชั่วคราว", "ทิ้ง", "รอบ", "ระหว่าง",
    "หิน", "ลูกรัง", "ผิว", "ชนบท", "แผ่นดิน", "ท้องถิ่น", "สาย",
)  # fmt: skip
# Words after ถนน that describe the road, not name it: ถนนลาดยาง, ถนนภายในหมู่บ้าน.
_ROAD_WORDS = (
    "คอนกรีต", "คสล", "ค.ส.ล", "แอสฟัล", "พารา", "ลาดยาง", "ยาง", "ลูกรัง", "หินคลุก", "ดิน",
    "ผิว", "เพื่อ", "ภายใน", "สาธารณะ", "เข้า", "สู่", "ไป", "รอบ", "ทาง", "เลียบ", "ข้าม",
    "ชำรุด", "สายหลัก", "สายรอง", "ใน", "ที่", "การเกษตร", "เกษตร", "ระหว่าง", "หิน", "ซีเมนต์",
    "พร้อม", "เดิม", "ยกระดับ", "เส้น", "หน้า", "หลัง", "บริเวณ",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class PlaceSpan:
    """One place read from the text: which field, its value, where (in ``Places.text``)."""

    field: str
    value: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Places:
    """The place facets of one title; an empty tuple means the title does not say."""

    village_no: tuple[int, ...] = ()
    village_name: tuple[str, ...] = ()
    tambon: tuple[str, ...] = ()
    amphoe: tuple[str, ...] = ()
    province: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()
    facilities: tuple[str, ...] = ()
    route_ids: tuple[str, ...] = ()
    spans: tuple[PlaceSpan, ...] = ()
    text: str = ""
    need_text: str = ""

    FIELDS = (
        "village_no", "village_name", "tambon", "amphoe", "province", "segments", "facilities",
        "route_ids",
    )  # fmt: skip

    @property
    def is_empty(self) -> bool:
        """True when the title names no place at all."""
        return not self.spans

    def as_dict(self) -> dict[str, list[Any]]:
        """The non-empty fields, JSON-ready (``{"village_no": [3], "tambon": ["นาดี"]}``)."""
        return {name: list(getattr(self, name)) for name in self.FIELDS if getattr(self, name)}


def clean_place_text(text: str) -> str:
    """NFC, Thai digits → Arabic, decomposed sara am and doubled sara e repaired, spaces folded.

    The same repairs as ``text.clean_text`` makes first, without expanding abbreviations,
    so spans stay close to what the user wrote.
    """
    cleaned = unicodedata.normalize("NFC", text or "").translate(_THAI_DIGITS)
    cleaned = cleaned.replace("\u0e4d\u0e32", "\u0e33").replace("เเ", "แ")
    cleaned = re.sub("[\u200b\u200c\u200d\ufeff]", "", cleaned)
    cleaned = re.sub(r"(?<=\d),(?=\d{3})", "", cleaned)  # 1,200 → 1200
    return re.sub(r"\s+", " ", cleaned).strip()


# ----------------------------------------------------------------------------- the patterns
# Each: (field, compiled pattern, how to turn the match into a value, what to leave in
# need_text).  Order matters: a facility's name may contain บ้าน/ตำบล/หนอง, so facilities
# are read (and blanked) before villages, and villages before water bodies.

_KM = r"(\d{1,4}\s*\+\s*\d{3})"
_SEGMENT_KM = re.compile(
    rf"(?:กม\.?|กิโลเมตร)\s*(?:ที่\s*)?{_KM}(?:\s*(?:-|–|—|ถึง)\s*(?:(?:กม\.?|กิโลเมตร)\s*(?:ที่\s*)?)?{_KM})?"
)
_SEGMENT_NUMBERED = re.compile(
    r"(?P<kind>ช่วงที่|ช่วง|ตอนที่|ตอน|โซนที่|โซน|ระยะที่|เฟส|แปลงที่|จุดที่|ส่วนที่)\s*(?P<id>[0-9]+|[A-Za-z]\b|[ก-ฮ](?![ก-๙]))"
)
_SEGMENT_SIDE = re.compile(
    r"ฝั่ง\s*(?P<side>ซ้าย|ขวา|ทิศ(?:เหนือ|ใต้|ตะวันออก|ตะวันตก)|ตะวันออก|ตะวันตก|เหนือ|ใต้|(?:ตรง)?ข้าม)"
)
_ALLEY = re.compile(r"(?:ซอย|ซ\.)\s*(?P<id>\d+(?:/\d+)?|[" + _T + r"]{2,}?(?=$|[\s,()]))")

_ROUTE_HIGHWAY = re.compile(
    r"(?:ทางหลวง(?:แผ่นดิน|ชนบท|ท้องถิ่น)?|ทล\.|ทช\.)\s*(?:หมายเลข|สาย(?:ทาง)?|รหัส(?:สายทาง)?)?\s*"
    r"(?P<id>(?:[ก-ฮ]{1,3}\.?\s*(?:ถ\.?\s*)?)?\d[\d\-]*)"
)
_ROUTE_CODE = re.compile(
    r"(?:สาย(?:ทาง)?|รหัส(?:สายทาง)?)\s*(?:ที่\s*)?(?!ม\.\s*\d)(?P<id>(?=[A-Za-z0-9ก-ฮ.\-]*\d)"
    r"(?:[A-Za-z0-9]+|[ก-ฮ]{1,3}\.(?:[ก-ฮ]\.)?)(?:[\-./]?[A-Za-z0-9]+)*)(?![ก-๙])"
)
_ROUTE_VILLAGES = re.compile(
    rf"(?:ถนน|ถ\.)?\s*สาย(?:ทาง)?\s*(?P<from>บ้าน[{_T}]+?|[{_T}]+?)\s*(?:-|–|—|ถึง|ไป|เชื่อม)\s*"
    rf"(?P<to>(?:บ้าน)?[{_T}]{{2,}}?)(?=$|[\s\-–—,()/0-9]|{_STOP_WORDS})"
)

_FACILITY_TYPES: tuple[tuple[str, str], ...] = (
    (r"โรงพยาบาลส่งเสริมสุขภาพตำบล|รพ\.\s?สต\.?", "รพ.สต."),
    (r"ศูนย์พัฒนาเด็กเล็ก|ศพด\.?", "ศพด."),
    (r"โรงพยาบาล(?!ส่งเสริม)|รพ\.(?!\s?สต)", "โรงพยาบาล"),
    (r"โรงเรียน|ร\.ร\.|รร\.", "โรงเรียน"),
    (r"สำนักสงฆ์", "สำนักสงฆ์"),
    (r"(?<!จังห)(?<!ตรวจ)วัด(?!ผล|ระดับ|สุขภาพ|ความ|ขนาด|พื้นที่|ระยะ)", "วัด"),
    (r"มัสยิด", "มัสยิด"),
    (r"ศูนย์สาธารณสุขมูลฐาน|สสช\.", "สสช."),
    (r"ตลาด(?!นัด|สด)", "ตลาด"),
)
_WATER_TYPES: tuple[tuple[str, str], ...] = (
    (r"อ่างเก็บน้ำ", "อ่างเก็บน้ำ"),
    (r"ฝาย(?:น้ำล้น|ชะลอน้ำ|ทดน้ำ|แกนดินซีเมนต์)?", "ฝาย"),
    (r"(?:ลำ)?คลอง\s?(?:ลำ(?=ห้วย))?", "คลอง"),
    (r"(?:ลำ)?ห้วย", "ห้วย"),
    (r"(?<![ก-๙])ลำ(?!คลอง|ห้วย|น้ำ|ดับ|บาก|เลียง|ต้น|ไส้)", "ลำ"),
    (r"แม่น้ำ|ลำน้ำ", "ลำน้ำ"),
    (r"หนอง(?:น้ำ)?", "หนอง"),
    (r"บึง", "บึง"),
    (r"กุด", "กุด"),
    (r"สระ(?:น้ำ)?", "สระ"),
)
# Literal words one of which must be in the text for a pattern to be tried (speed: most
# titles name two or three kinds of place, and 30 regex scans per title add up nationally).
_TRIGGERS: dict[str, tuple[str, ...]] = {
    "รพ.สต.": ("สุขภาพตำบล", "รพ"), "ศพด.": ("เด็กเล็ก", "ศพด"), "โรงพยาบาล": ("โรงพยาบาล", "รพ."),
    "โรงเรียน": ("โรงเรียน", "ร.ร.", "รร."), "สำนักสงฆ์": ("สำนักสงฆ์",), "วัด": ("วัด",),
    "มัสยิด": ("มัสยิด",), "สสช.": ("มูลฐาน", "สสช."), "ตลาด": ("ตลาด",),
    "อ่างเก็บน้ำ": ("อ่างเก็บน้ำ",), "ฝาย": ("ฝาย",), "คลอง": ("คลอง",), "ห้วย": ("ห้วย",),
    "ลำ": ("ลำ",), "ลำน้ำ": ("แม่น้ำ", "ลำน้ำ"), "หนอง": ("หนอง",), "บึง": ("บึง",),
    "กุด": ("กุด",), "สระ": ("สระ",),
}  # fmt: skip
_FACILITY_PATTERNS = [
    (re.compile(rf"(?:{pattern})\s?" + _NAME), prefix, _TRIGGERS[prefix])
    for pattern, prefix in _FACILITY_TYPES
]
_WATER_PATTERNS = [
    (re.compile(rf"(?<!บ้าน)(?<!ตำบล)(?:{pattern})" + _NAME), prefix, _TRIGGERS[prefix])
    for pattern, prefix in _WATER_TYPES
]
_ADMIN_TRIGGERS = {
    "tambon": ("ตำบล", "ต.", "แขวง", "อบต.", "ทต."),
    "amphoe": ("อำเภอ", "อ.", "เขต"),
    "province": ("จังหวัด", "จ.", "อบจ."),
}

_VILLAGE_NO = re.compile(
    # หมู่ and ม. may follow a word without a space (บ้านนาดีหมู่ 3, คสล.ม.3); ม. not as the
    # end of กม./ซม./มม./ชม. or of ลบ.ม./ตร.ม.
    # and หมูที่ (the tone mark lost in a scan; a bare หมู is a pig)
    r"(?:หมู่(?!บ้าน)\s*(?:ที่|ที)?|หมูที่?|(?<![กซมช])(?<!ลบ\.)(?<!ตร\.)ม\.)"
    r"\s*(?P<first>\d{1,2})(?!\d|\s*\+)"
    r"(?P<more>(?:\s*(?:,|และ|/|-|–)\s*(?:หมู่\s*(?:ที่)?|ม\.)?\s*\d{1,2}(?!\d|\s*\+|\s*(?:เมตร|ม\.|กม|ซม)))*)"
)
# บ้าน as "house/home", not a village: หมู่บ้าน, เยี่ยมบ้าน, ที่บ้าน, บ้านพัก, บ้านผู้ยากไร้ …
_VILLAGE_NAME = re.compile(
    r"(?<!ใน)(?<!ชาว)(?<!หมู่)(?<!เยี่ยม)(?<!ที่)(?<!กลับ)(?<!ซ่อมแซม)(?<!ซ่อม)(?<!สร้าง)"
    r"บ้าน(?!พัก|เรือน|เช่า|มั่นคง|ผู้|คน|ของ|ดูแล|ปลอดภัย|หญิง|เด็ก|เรียน|สวย|น่าอยู่|ละ|ใคร)\s?" + _NAME
)
_ADMIN = (
    (
        "tambon",
        re.compile(
            r"(?:องค์การบริหารส่วนตำบล|อบต\.|เทศบาลตำบล|ทต\.|ตำบล|แขวง|"
            + _NOT_THAI_BEFORE
            + r"ต\.)\s?"
            + _NAME
        ),
    ),
    (
        "amphoe",
        re.compile(
            r"(?:อำเภอ|" + _NOT_THAI_BEFORE + r"อ\.|" + _NOT_THAI_BEFORE + r"เขต)\s?" + _NAME
        ),
    ),
    (
        "province",
        re.compile(r"(?:องค์การบริหารส่วนจังหวัด|อบจ\.|จังหวัด|" + _NOT_THAI_BEFORE + r"จ\.)\s?" + _NAME),
    ),
)


def _generic(name: str, water: bool = False) -> bool:
    return name.startswith(_GENERIC_HEADS) or (water and name.startswith(("บ้าน", "หมู่")))


_STEP_TRIGGERS: tuple[str, ...] = (
    "หมู",
    "+", "กม", "กิโลเมตร", "ทางหลวง", "ทล.", "ทช.", "สาย", "รหัส", "ช่วง", "ตอน", "โซน",
    "ระยะที่", "เฟส", "แปลงที่", "จุดที่", "ส่วนที่", "ฝั่ง", "ซอย", "ซ.", "หมู่", "ม.", "บ้าน",
)  # fmt: skip
_ALL_TRIGGERS = sorted(
    {word for words in _TRIGGERS.values() for word in words}
    | {word for words in _ADMIN_TRIGGERS.values() for word in words}
    | set(_STEP_TRIGGERS),
    key=len,
    reverse=True,
)
# At every position, the longest trigger that starts there; a trigger inside it counts too.
_TRIGGER_SCAN = re.compile("(?=(" + "|".join(re.escape(word) for word in _ALL_TRIGGERS) + "))")
_INSIDE = {word: {other for other in _ALL_TRIGGERS if other in word} for word in _ALL_TRIGGERS}


def _triggers_in(text: str) -> frozenset[str]:
    """Every trigger word that occurs in ``text`` (one regex scan instead of ~60 ``in``)."""
    found: set[str] = set()
    for word in set(_TRIGGER_SCAN.findall(text)):
        found |= _INSIDE[word]
    return frozenset(found)


def _has(found: frozenset[str], words: tuple[str, ...]) -> bool:
    return not found.isdisjoint(words)


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.current = text  # the text with every taken span blanked (\0)
        self.spans: list[PlaceSpan] = []
        self.keep: dict[int, str] = {}  # start → word left in need_text

    def free(self, start: int, end: int) -> bool:
        return "\0" not in self.current[start:end]

    def take(self, field: str, value: str, start: int, end: int, keep: str = "") -> None:
        self.spans.append(PlaceSpan(field, value, start, end))
        self.blank(start, end)
        if keep:
            self.keep[start] = keep

    def blank(self, start: int, end: int) -> None:
        self.current = self.current[:start] + "\0" * (end - start) + self.current[end:]

    def masked(self) -> str:
        return self.current

    def need_text(self) -> str:
        def fill(match: re.Match[str]) -> str:
            kept = [
                word for start, word in self.keep.items() if match.start() <= start < match.end()
            ]
            return " " + " ".join(kept) + " " if kept else " "

        return _SPACES.sub(" ", _BLANKS.sub(fill, self.current)).strip()


_BLANKS = re.compile("\0+")
_SPACES = re.compile(r"\s+")


def _read(reader: _Reader) -> None:  # noqa: C901 - one pass per facet, in order
    text = reader.text
    found = _triggers_in(text)
    if "+" in found and _has(found, ("กม", "กิโลเมตร")):
        for match in _SEGMENT_KM.finditer(text):
            first = re.sub(r"\s", "", match.group(1))
            second = re.sub(r"\s", "", match.group(2) or "")
            value = f"กม.{first}" + (f"-{second}" if second else "")
            reader.take("segments", value, match.start(), match.end())
    if _has(found, ("ทางหลวง", "ทล.", "ทช.")):
        for match in _ROUTE_HIGHWAY.finditer(reader.masked()):
            value = "ทางหลวง " + re.sub(r"[\s.]", "", match.group("id"))
            reader.take("route_ids", value, match.start(), match.end())
    has_route = _has(found, ("สาย", "รหัส"))
    if has_route:
        for match in _ROUTE_CODE.finditer(reader.masked()):
            value = "สาย " + match.group("id").upper()
            reader.take("route_ids", value, match.start(), match.end())
    for pattern, prefix, triggers in _FACILITY_PATTERNS:
        if not _has(found, triggers):
            continue
        for match in pattern.finditer(reader.masked()):
            name = match.group("name")
            if _generic(name) or not reader.free(match.start(), match.end()):
                continue
            if prefix == "ตลาด" and name.startswith(("ชุมชน", "ประชา")):
                continue  # ตลาดชุมชน is a kind of market, not a named one
            reader.take("facilities", prefix + name, match.start(), match.end(), keep=prefix)
    if has_route:
        for match in _ROUTE_VILLAGES.finditer(reader.masked()):
            first, second = match.group("from"), match.group("to")
            first = first if first.startswith("บ้าน") else "บ้าน" + first
            second = second if second.startswith("บ้าน") else "บ้าน" + second
            ends = sorted((first, second))
            reader.take("facilities", f"สาย{ends[0]}-{ends[1]}", match.start(), match.end(), "ถนน")
    if _has(found, ("ช่วง", "ตอน", "โซน", "ระยะที่", "เฟส", "แปลงที่", "จุดที่", "ส่วนที่")):
        for match in _SEGMENT_NUMBERED.finditer(reader.masked()):
            kind = match.group("kind").replace("ที่", "")
            reader.take(
                "segments", f"{kind} {match.group('id').upper()}", match.start(), match.end()
            )
    if "ฝั่ง" in found:
        for match in _SEGMENT_SIDE.finditer(reader.masked()):
            reader.take("segments", "ฝั่ง" + match.group("side"), match.start(), match.end())
    if _has(found, ("ซอย", "ซ.")):
        for match in _ALLEY.finditer(reader.masked()):
            reader.take("segments", "ซอย " + match.group("id"), match.start(), match.end())
    if _has(found, ("หมู่", "หมู", "ม.")):
        for match in _VILLAGE_NO.finditer(reader.masked()):
            numbers = [int(match.group("first"))]
            numbers += [int(n) for n in re.findall(r"\d{1,2}", match.group("more") or "")]
            for number in numbers:
                reader.spans.append(
                    PlaceSpan("village_no", str(number), match.start(), match.end())
                )
            reader.blank(match.start(), match.end())
    for field, pattern in _ADMIN:
        if _has(found, _ADMIN_TRIGGERS[field]):
            for match in pattern.finditer(reader.masked()):
                reader.take(field, match.group("name"), match.start(), match.end())
    if "บ้าน" in found:
        for match in _VILLAGE_NAME.finditer(reader.masked()):
            reader.take("village_name", match.group("name"), match.start(), match.end())
    for pattern, prefix, triggers in _WATER_PATTERNS:
        if not _has(found, triggers):
            continue
        for match in pattern.finditer(reader.masked()):
            name = match.group("name")
            if _generic(name, water=True):
                continue
            reader.take("facilities", prefix + name, match.start(), match.end(), keep=prefix)


@lru_cache(maxsize=20_000)  # ~1 KB each; a tambon's titles are read together, so 20,000 is ample
def read_places(text: str) -> Places:
    """The places one title names (memoised per distinct string).

    >>> read_places("ก่อสร้างถนน คสล. หมู่ที่ ๓ บ้านนาดี ต.นาดี อ.เมือง").village_no
    (3,)
    """
    cleaned = clean_place_text(text)
    reader = _Reader(cleaned)
    _read(reader)
    values: dict[str, list[Any]] = {name: [] for name in Places.FIELDS}
    for span in sorted(reader.spans, key=lambda span: span.start):
        value: object = int(span.value) if span.field == "village_no" else span.value
        if value not in values[span.field]:
            values[span.field].append(value)
    return Places(
        village_no=tuple(values["village_no"]),
        village_name=tuple(values["village_name"]),
        tambon=tuple(values["tambon"]),
        amphoe=tuple(values["amphoe"]),
        province=tuple(values["province"]),
        segments=tuple(values["segments"]),
        facilities=tuple(values["facilities"]),
        route_ids=tuple(values["route_ids"]),
        spans=tuple(sorted(reader.spans, key=lambda span: (span.start, span.field))),
        text=cleaned,
        need_text=reader.need_text(),
    )
