"""Mask personal data in free text the public sees (ข้อมูลส่วนบุคคล, PDPA).

Titles of needs, reasons for returning a need and other free text are typed by people and
often name people: "ซ่อมถนนหน้าบ้านนายสมชาย ใจดี", "ติดต่อ 081-234-5678". The public
tracker shows such text only through :func:`mask_personal`, which keeps the shape of the
sentence and hides

* a name after a personal title — นาย, นาง, นางสาว (น.ส.), ด.ช./ด.ญ. (เด็กชาย/เด็กหญิง),
  นายแพทย์/แพทย์หญิง (นพ./พญ.), กำนัน + a name, Mr./Mrs./Ms./Miss — and the surname that follows it after
  one space: the title stays ("บ้านนาย***"); words that begin with a title but are offices
  or places (นายกเทศมนตรี, นายอำเภอ, นายช่าง, นางพยาบาล, อำเภอนางรอง …) are left alone;
* Thai telephone numbers — mobiles 0[689]x-xxx-xxxx, land lines 0x-xxx-xxxx, +66 …, with
  or without dashes, dots or spaces, in Arabic or Thai digits: each digit becomes ``x``;
* 13-digit identification numbers (เลขประจำตัวประชาชน), with or without dashes;
* e-mail addresses (the part before ``@``).

Pure Python, no Django; the same function masks pages and public JSON.
"""

from __future__ import annotations

import re

__all__ = ["MASK", "mask_personal"]

MASK = "***"

# Thai letters and marks (not Thai digits): ก (U+0E01) … ๎ (U+0E4E).
_THAI = "\u0e01-\u0e4e"
# A name begins with a consonant (ก–ฮ) or a leading vowel (เ แ โ ใ ไ), never with a
# following vowel: "บ้านนายาว" (นา + ยาว) is a place, not นาย + a name.
_NAME_START = "\u0e01-\u0e2e\u0e40-\u0e44"
_NAME = f"[{_NAME_START}][{_THAI}]*"

# Longest first: นางสาว before นาง, นายแพทย์ before นาย.
_TITLES = (
    "นางสาว",
    "น.ส.",
    "นส.",
    "เด็กชาย",
    "เด็กหญิง",
    "ด.ช.",
    "ด.ญ.",
    "ดช.",
    "ดญ.",
    "นายแพทย์",
    "แพทย์หญิง",
    "นพ.",
    "พญ.",
    "นาย",
    "นาง",
    # a kamnan named by office: กำนันสมศักดิ์ (not กำนันตำบล…, กำนันและผู้ใหญ่บ้าน)
    "กำนัน",
)

# What may follow นาย/นาง without being a person's name: offices, occupations, places.
_NOT_NAMES = (
    # นาย…
    "กเทศมนตรี",
    "กองค์การ",
    "กอบต",
    "กอบจ",
    "ก อบต",
    "ก อบจ",
    "กรัฐมนตรี",
    "กสมาคม",
    "กสภา",
    "กฯ",
    "อำเภอ",
    "ทะเบียน",
    "ช่าง",
    "จ้าง",
    "หน้า",
    "ทุน",
    "พราน",
    "ตรวจ",
    "ร้อย",
    "สิบ",
    "พัน",
    "พล",
    "ดาบ",
    "เรือ",
    "ประกัน",
    "ท้าย",
    "ห้าง",
    "งาน",
    "สัตวแพทย์",
    "ด่าน",
    "อากร",
    "ประตู",
    "บ่อน",
    # กำนัน… (the office, not a person)
    "บ้าน",
    "ตำบล",
    "และ",
    # นาง…
    "พยาบาล",
    "รอง",
    "งาม",
    "แบบ",
    "ฟ้า",
    "เอก",
    "กวัก",
    "เลิ้ง",
    "แล",
    "บวช",
    "นวล",
    "รำ",
    "ใน",
    "สนม",
    "พญา",
    "ไม้",
    "ข้าหลวง",
    "กำนัล",
)

# Words that follow a name but are not a surname (the sentence goes on).
_NOT_SURNAMES = (
    "ถึง",
    "ไป",
    "หมู่",
    "ม.",
    "ถนน",
    "บ้าน",
    "ซอย",
    "แจ้ง",
    "ผู้",
    "เพื่อ",
    "และ",
    "กับ",
    "ที่",
    "ของ",
    "ได้",
    "เป็น",
    "ซึ่ง",
    "โดย",
    "จาก",
    "สาย",
    "ขอ",
    "เสนอ",
    "ร้อง",
    "ให้",
    "ว่า",
    "เลขที่",
    "อายุ",
    "ต.",
    "อ.",
    "จ.",
    "ตำบล",
    "อำเภอ",
    "จังหวัด",
    "เบอร์",
    "โทร",
    "ประธาน",
    "กรรมการ",
    "กำนัน",
    "อสม",
    "ฯลฯ",
    "เป็นต้น",
    "เท่านั้น",
    "ด้วย",
    "จะ",
    "ไม่",
    "นาย",
    "นาง",
    "ด.ช.",
    "ด.ญ.",
)


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_THAI_NAME = re.compile(
    rf"(?P<title>{_alternation(_TITLES)})"
    rf"(?P<gap>[ \u00a0]?)"
    rf"(?!(?:{_alternation(_NOT_NAMES)}))"
    rf"(?P<name>{_NAME})"
    rf"(?:(?P<space>[ \u00a0])(?!(?:{_alternation(_NOT_SURNAMES)}))(?P<surname>{_NAME}))?"
)
_LATIN_NAME = re.compile(
    r"\b(?P<title>(?:Mr|Mrs|Ms|Miss|Dr)\.?)(?P<gap>\s+)(?P<name>[A-Z][a-z]+)"
    r"(?:(?P<space>\s+)(?P<surname>[A-Z][a-z]+))?"
)

_D = "[0-9\u0e50-\u0e59]"  # an Arabic or a Thai digit
_ZERO = "[0\u0e50]"
_SEP = "[-. \u00a0]?"
# Thirteen digits in the 1-2345-67890-12-3 grouping, or run together.
_ID = re.compile(
    rf"(?<![0-9\u0e50-\u0e59]){_D}{_SEP}{_D}{{4}}{_SEP}{_D}{{5}}{_SEP}{_D}{{2}}{_SEP}{_D}(?![0-9\u0e50-\u0e59])"
)
# A telephone number: 0 (or +66 / 66) then 8 or 9 more digits, separators anywhere.
_PHONE = re.compile(
    rf"(?<![0-9\u0e50-\u0e59+])(?:\+?66{_SEP}|{_ZERO}{_SEP}){_D}(?:{_SEP}{_D}){{7,8}}"
    rf"(?![0-9\u0e50-\u0e59])"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@(?=[A-Za-z0-9.-]+\.[A-Za-z]{2,})")
_DIGIT = re.compile(_D)


def _digits(match: re.Match[str]) -> str:
    return _DIGIT.sub("x", match.group(0))


def _phone(match: re.Match[str]) -> str:
    text = match.group(0)
    count = len(_DIGIT.findall(text))
    international = text.lstrip("+").startswith("66")
    # 0 + 8 or 9 digits (a land line or a mobile), or 66 + 8 or 9 digits.
    if international and count not in (10, 11):
        return text
    if not international and count not in (9, 10):
        return text
    return _DIGIT.sub("x", text)


def _name(match: re.Match[str]) -> str:
    masked = match.group("title") + match.group("gap") + MASK
    if match.group("surname"):
        masked += match.group("space") + MASK
    return masked


def mask_personal(text: str | None) -> str:
    """``text`` with names after personal titles, phone numbers, ID numbers and e-mail
    addresses masked; the rest unchanged. ``None`` gives ``""``."""
    if not text:
        return ""
    text = _ID.sub(_digits, text)
    text = _PHONE.sub(_phone, text)
    text = _EMAIL.sub(MASK + "@", text)
    text = _THAI_NAME.sub(_name, text)
    return _LATIN_NAME.sub(_name, text)
