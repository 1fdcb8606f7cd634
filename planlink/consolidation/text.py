"""Normalise Thai project titles (ชื่อโครงการ) so the same need can be recognised.

Thai is written without spaces between words, villages phrase one need in many ways
("ก่อสร้างถนน คสล. ม.๕" / "โครงการสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 5"), and titles carry
location and budget words that say nothing about the need itself.  ``normalise`` splits a
title into three bags of words:

* ``meaning_tokens`` — what is asked for (segmented with PyThaiNLP ``newmm``, stopwords
  dropped, equivalent words folded: ก่อสร้าง/สร้าง, ซ่อมแซม/ซ่อม, คอนกรีต/คสล.);
* ``location_tokens`` — หมู่ที่ N, บ้าน<name>, ซอย, ตำบล/อำเภอ names, "สายบ้าน…ถึงบ้าน…";
* ``quantity_tokens`` — budget and size words (งบประมาณ, บาท, "500 เมตร", ขนาด …);

and reads ``facets``: the action, surface material, target group, animal, crop, occupation,
disease, water body, structure, venue and festival a title names.  Titles whose values on
one dimension are disjoint name different needs (ซ่อมถนน ≠ สร้างถนน, ถนนคอนกรีต ≠ ถนนลูกรัง);
``planlink.consolidation.matching`` uses that as a veto.

Folding decisions, because they decide what counts as "the same need":
ซ่อม/ซ่อมแซม/ซ่อมบำรุง/บูรณะ and ปรับปรุง all mean *fix what exists* (action ``fix``);
ก่อสร้าง/สร้าง mean *build new* (``build``); ขุดลอก (desilt) ≠ ขุด (dig new) ≠ ขุดเจาะ
(drill a well); ขยายเขต (extend a network) ≠ build a new system.  Training and promotion
verbs (อบรม, ส่งเสริม, สนับสนุน) are ordinary low-weight words, not facets.

Location is kept apart because the tambon plan merges "the same need raised by several
villages" into one project that remembers its sources (docs/reference/PROCESS.md rule 1; Lampang
circular ๔ พ.ค. ๒๕๖๐ in docs/reference/seeds/002, ข้อ ๕.๑ "ประมวลความต้องการจากแผนชุมชน/หมู่บ้าน").
The abbreviation and synonym tables are our own, written for village-plan titles.
Pure Python (no Django); ``normalise`` is memoised per distinct string.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pythainlp.util import Trie

# ---------------------------------------------------------------- word tables (ours)
# fmt: off

_T = "\u0e00-\u0e7f"  # the Thai block
_NOT_THAI_BEFORE = rf"(?<![{_T}])"

ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    (r"ค\.\s?ส\.\s?ล\.?|คสล\.?", " คอนกรีตเสริมเหล็ก "),
    (r"รพ\.\s?สต\.?", " โรงพยาบาลส่งเสริมสุขภาพตำบล "),
    (r"ศพด\.?", " ศูนย์พัฒนาเด็กเล็ก "),
    (r"อบต\.?", " องค์การบริหารส่วนตำบล"),
    (r"อบจ\.?", " องค์การบริหารส่วนจังหวัด "),
    (r"อสม\.?", " อาสาสมัครสาธารณสุขประจำหมู่บ้าน "),
    (r"อปพร\.?", " อาสาสมัครป้องกันภัยฝ่ายพลเรือน "),
    (r"ชรบ\.?", " ชุดรักษาความปลอดภัยหมู่บ้าน "),
    (r"ปภ\.", " ป้องกันและบรรเทาสาธารณภัย "),
    (r"ร\.ร\.|รร\.", " โรงเรียน"),
    (r"ตร\.ม\.?", " ตารางเมตร "),
    (r"ลบ\.ม\.?", " ลูกบาศก์เมตร "),
    (r"(?<=\d)\s*กม\.?", " กิโลเมตร "),
    (r"กม\.", " คณะกรรมการหมู่บ้าน "),
    (r"ซม\.", " เซนติเมตร "),
    (r"ชั้น\s*ม\.\s*(?=\d)", " ชั้นมัธยมศึกษาปีที่ "),
    (r"ชั้น\s*ป\.\s*(?=\d)", " ชั้นประถมศึกษาปีที่ "),
    (r"(?<=\d)\s*ม\.(?!\s*\d)", " เมตร "),
    (_NOT_THAI_BEFORE + r"ม\.\s*(?=\d)", " หมู่ที่ "),
    (_NOT_THAI_BEFORE + r"ซ\.\s*", " ซอย"),
    (_NOT_THAI_BEFORE + r"ถ\.\s*", " ถนน"),
    (_NOT_THAI_BEFORE + r"ต\.\s*", " ตำบล"),
    (_NOT_THAI_BEFORE + r"อ\.\s*", " อำเภอ"),
    (_NOT_THAI_BEFORE + r"จ\.\s*", " จังหวัด"),
    (r"(?i)กล้อง\s*cctv|cctv", " กล้องวงจรปิด "),
)

PHRASE_SYNONYMS: tuple[tuple[str, str], ...] = (
    (r"(?:ลาดยาง\s*)?(?:พารา\s*)?แอสฟัล[ทต]์(?:ติก)?(?:\s*คอนกรีต)?|ยางมะตอย", " ลาดยาง "),
    (r"เสาไฟฟ้าส่องสว่าง|ไฟฟ้าส่องสว่าง|ไฟส่องสว่าง|ไฟฟ้าสาธารณะ|โคมไฟถนน|ไฟถนน|ไฟกิ่ง",
     " ไฟฟ้าส่องสว่าง "),
    (r"(?i)โซ(?:ลาร์|ล่าร์|ล่า)\s*เซลล?์?|solar\s*cell", " พลังงานแสงอาทิตย์ "),
    (r"(?:ระบบ)?(?:น้ำ)?ประปา(?:ประจำ)?หมู่บ้าน|น้ำประปา", " ประปา "),
    (r"บ่อ(?:น้ำ)?บาดาล|น้ำบาดาล", " บ่อบาดาล "),
    (r"(?:ราง|ร่อง|คู|ทาง)ระบายน้ำ", " รางระบายน้ำ "),
    (r"(?:ระบบ|เครื่อง|ตู้)(?:ผลิต|กรอง)?น้ำดื่ม(?:สะอาด)?|เครื่องกรองน้ำ(?:สะอาด)?",
     " เครื่องกรองน้ำดื่ม "),
    (r"ขยะมูลฝอย|มูลฝอย", " ขยะ "),
    (r"ปลอดสาร(?:พิษ|เคมี)?|ปลอดภัยจากสาร(?:พิษ|เคมี)", " ปลอดสารพิษ "),
    (r"เพิ่มประสิทธิภาพ|เพิ่มศักยภาพ|พัฒนาศักยภาพ|เสริมสร้างศักยภาพ", " พัฒนาศักยภาพ "),
    (r"เอนกประสงค์", "อเนกประสงค์"),
    (r"วัวเนื้อ", "โคเนื้อ"),
    (r"วัวนม", "โคนม"),
    (r"ไก่บ้าน", "ไก่พื้นเมือง"),
    (r"ลด\s*ละ\s*เลิก", " ลดละเลิก "),
    (r"(?i)wi-?fi|ไวไฟ", " อินเทอร์เน็ตไร้สาย "),
)

TOKEN_SYNONYMS: dict[str, str] = {
    "สร้าง": "ก่อสร้าง", "จัดสร้าง": "ก่อสร้าง", "ซ่อม": "ซ่อมแซม", "ซ่อมบำรุง": "ซ่อมแซม",
    "เจาะ": "ขุดเจาะ", "ซื้อ": "จัดซื้อ", "จัดหา": "จัดซื้อ", "อบรม": "ฝึกอบรม",
    "ฝึก": "ฝึกอบรม", "สนับสนุน": "ส่งเสริม", "ก่อตั้ง": "จัดตั้ง",
    "คอนกรีต": "คอนกรีตเสริมเหล็ก", "วัว": "โค", "ควาย": "กระบือ", "หมู": "สุกร",
    "ผู้พิการ": "คนพิการ", "ผู้สูงวัย": "ผู้สูงอายุ", "คนชรา": "ผู้สูงอายุ",
    "ผู้ยากจน": "ผู้ยากไร้", "คนยากจน": "ผู้ยากไร้", "ผู้ด้อยโอกาส": "ผู้ยากไร้",
    "คนยากไร้": "ผู้ยากไร้", "การเกษตร": "เกษตร", "เกษตรกรรม": "เกษตร", "ห้วย": "ลำห้วย",
    "สืบสาน": "อนุรักษ์", "สืบทอด": "อนุรักษ์", "หนองน้ำ": "หนอง", "สระน้ำ": "สระ",
    "การออกกำลังกาย": "ออกกำลังกาย", "ป่าชุมชน": "ป่า", "ว่างงาน": "ผู้ว่างงาน",
    "การท่องเที่ยว": "ท่องเที่ยว",
}

STOPWORDS: frozenset[str] = frozenset(
    "การ ความ และ หรือ ของ ใน ภายใน ที่ เพื่อ ให้ แก่ กับ จาก ตาม โดย พร้อม ประจำ ช่วง "
    "ระหว่าง ถึง เชื่อม สาย ไป มา ทำ จัดทำ จัด ผลิต เรื่อง แบบ ต่าง ๆ หมู่บ้าน ตำบล อำเภอ "
    "จังหวัด ปี ประจำปี ทาง ใช้ เอง ได้ มี ข้าม บริเวณ เข้า สู่ ทั่วไป โครงการ แผนงาน ทั้ง "
    "หมู่ อย่าง ด้าน ระดับ ฯ ฯลฯ พื้นที่ ชำรุด ตื้นเขิน เสียหาย ทรุดโทรม ให้แก่ แห่ง ซึ่ง "
    "อัน เป็นต้น สำหรับ".split()
)

# Words that change a road's surface: "ปรับปรุงถนนลูกรังเป็นถนน คสล." asks for concrete.
CHANGE_WORDS: frozenset[str] = frozenset({"เป็น", "ด้วย"})

QUANTITY_WORDS: frozenset[str] = frozenset(
    "งบประมาณ งบ บาท ล้าน ล้านบาท จำนวน ขนาด กว้าง ยาว หนา ลึก ระยะทาง ระยะ ความยาว "
    "ความกว้าง ความหนา ความลึก ประมาณ ประมาณการ วงเงิน ปริมาณ ไม่น้อยกว่า รวม ละ เมตร "
    "กิโลเมตร ตารางเมตร ลูกบาศก์เมตร ใบ ตัว จุด รุ่น ครั้ง ไร่ ลิตร กิโลกรัม ตัน".split()
)

UNITS: tuple[str, ...] = tuple(
    "เมตร กิโลเมตร ตารางเมตร ลูกบาศก์เมตร เซนติเมตร มิลลิเมตร นิ้ว ล้านบาท บาท จุด แห่ง ตัว "
    "ใบ ชุด เครื่อง คน ราย ครัวเรือน หลังคาเรือน หลัง บ่อ สาย ต้น กลุ่ม รุ่น ครั้ง วัน เดือน "
    "ปี ไร่ งาน ตัน กิโลกรัม ลิตร ท่อน อัน คัน แผ่น เส้น ห้อง ดวง โคม หมู่บ้าน ตำบล "
    "โครงการ ช่อง กระชัง ถัง ชิ้น".split()
)

# Markers followed by a place name, and the prefix the name is stored under.
NAMED_PLACE_MARKERS: dict[str, str] = {
    "บ้าน": "บ้าน", "ตำบล": "ตำบล", "อำเภอ": "อำเภอ", "จังหวัด": "จังหวัด", "ซอย": "ซอย",
    "องค์การบริหารส่วนตำบล": "ตำบล", "เทศบาลตำบล": "ตำบล",
}
# After บ้าน these words mean "house", not a village name: ซ่อมแซมบ้านผู้ยากไร้.
HOUSE_CONTEXT: frozenset[str] = frozenset({"พัก", "พักอาศัย", "เรือน", "มั่นคง", "ปลอดภัย"})
NAME_STOPPERS: frozenset[str] = frozenset(
    set(NAMED_PLACE_MARKERS) | {"หมู่", "ถึง", "เชื่อม", "สาย", "และ", "เพื่อ", "ประจำ", "ภายใน",
                                "ใน", "ที่", "ระหว่าง", "หมู่บ้าน", "กับ", "ไป", "จำนวน", "งบประมาณ"}
)
MAX_NAME_WORDS = 3

# Dictionary words starting with these heads are split: ถนนลูกรัง → ถนน + ลูกรัง.
SPLIT_HEADS: tuple[str, ...] = ("บ้าน", "ถนน", "คลอง", "สะพาน", "ฝาย", "โรค", "หมู่", "ตำบล")
KEEP_COMPOUNDS: frozenset[str] = frozenset(
    {"บ้านพัก", "บ้านพักอาศัย", "บ้านเรือน", "บ้านเช่า", "หมู่บ้าน"}
)

DOMAIN_WORDS: frozenset[str] = frozenset(
    "คอนกรีตเสริมเหล็ก ขุดลอก ขุดเจาะ ขยายเขต หินคลุก ลาดยาง ลูกรัง บ่อบาดาล ไฟฟ้าส่องสว่าง "
    "รางระบายน้ำ ท่อระบายน้ำ ท่อลอดเหลี่ยม หอกระจายข่าว เสียงตามสาย หอถัง เครื่องกรองน้ำดื่ม "
    "ประปา กล้องวงจรปิด พลังงานแสงอาทิตย์ ลานกีฬา ไก่ไข่ ไก่พื้นเมือง ไก่เนื้อ ปลานิล "
    "ติดเตียง หญิงตั้งครรภ์ หญิงหลังคลอด หลังคลอด ผู้ว่างงาน กายอุปกรณ์ ภาวะพึ่งพิง แนวกันไฟ "
    "ธนาคารน้ำใต้ดิน ธนาคารขยะ คัดกรอง คัดแยก ความดันโลหิตสูง โรงพยาบาลส่งเสริมสุขภาพตำบล "
    "ศูนย์พัฒนาเด็กเล็ก อาสาสมัครสาธารณสุขประจำหมู่บ้าน อาสาสมัครป้องกันภัยฝ่ายพลเรือน "
    "ชุดรักษาความปลอดภัยหมู่บ้าน องค์การบริหารส่วนตำบล องค์การบริหารส่วนจังหวัด เทศบาลตำบล "
    "คณะกรรมการหมู่บ้าน ถังดับเพลิง เครื่องดับเพลิง เครื่องสูบน้ำ ระบบสูบน้ำ เครื่องออกกำลังกาย "
    "กระจกโค้ง ป้ายจราจร ถังเก็บน้ำ น้ำหมักชีวภาพ ปุ๋ยอินทรีย์ เยี่ยมบ้าน ส่งน้ำ สองข้างทาง "
    "จุดเสี่ยง ผักสวนครัว ปลอดสารพิษ ไฟฟ้าแรงต่ำ กลุ่มออมทรัพย์ บัญชีครัวเรือน ลดละเลิก "
    "พัฒนาศักยภาพ ทักษะชีวิต กีฬาสัมพันธ์ หญ้าแฝก บุญบั้งไฟ แห่เทียนพรรษา มะเร็งปากมดลูก "
    "ผู้ยากไร้ คนพิการ ผู้สูงอายุ อเนกประสงค์ โคเนื้อ โคนม ลำห้วย ตรวจสุขภาพ วันเด็ก "
    "วันผู้สูงอายุ ปรับสภาพ ไม้ผล แก้ไขปัญหา อินเทอร์เน็ตไร้สาย".split()
)

_F = "action"
FACET_WORDS: dict[str, tuple[tuple[str, str], ...]] = {
    **{word: ((_F, value),) for word, value in {
        "ก่อสร้าง": "build", "ซ่อมแซม": "fix", "ปรับปรุง": "fix", "บูรณะ": "fix",
        "ขุดลอก": "dredge", "ขุด": "dig", "ขุดเจาะ": "drill", "ขยายเขต": "extend",
        "ติดตั้ง": "install", "วาง": "install", "จัดซื้อ": "procure"}.items()},
    **{word: (("material", value),) for word, value in {
        "คอนกรีตเสริมเหล็ก": "concrete", "ลาดยาง": "asphalt", "ลูกรัง": "laterite",
        "หินคลุก": "crushed_rock"}.items()},
    **{word: (("target", value),) for word, value in {
        "ผู้สูงอายุ": "elderly", "วันผู้สูงอายุ": "elderly", "คนพิการ": "disabled",
        "เด็ก": "child", "เด็กเล็ก": "child", "ปฐมวัย": "child", "วันเด็ก": "child",
        "นักเรียน": "child/student", "เยาวชน": "child/youth", "แม่บ้าน": "women",
        "สตรี": "women", "ตั้งครรภ์": "women/pregnant", "หญิงตั้งครรภ์": "women/pregnant",
        "หลังคลอด": "women/postpartum", "หญิงหลังคลอด": "women/postpartum",
        "ผู้ป่วย": "patient", "ติดเตียง": "patient", "ผู้ยากไร้": "poor",
        "ผู้ว่างงาน": "unemployed", "แรงงาน": "workers", "เกษตรกร": "farmers"}.items()},
    **{word: (("volunteer", value),) for word, value in {
        "อาสาสมัครสาธารณสุขประจำหมู่บ้าน": "health_volunteer",
        "อาสาสมัครป้องกันภัยฝ่ายพลเรือน": "civil_defence_volunteer",
        "ชุดรักษาความปลอดภัยหมู่บ้าน": "village_guard"}.items()},
    **{word: (("animal", value),) for word, value in {
        "โค": "cattle", "โคเนื้อ": "cattle/beef", "โคนม": "cattle/dairy", "กระบือ": "buffalo",
        "สุกร": "pig", "ไก่": "chicken", "ไก่ไข่": "chicken/layer",
        "ไก่พื้นเมือง": "chicken/native", "ไก่เนื้อ": "chicken/broiler", "เป็ด": "duck",
        "ปลา": "fish", "ปลาดุก": "fish/catfish", "ปลานิล": "fish/tilapia", "กบ": "frog",
        "แพะ": "goat", "จิ้งหรีด": "cricket", "ผึ้ง": "bee", "กุ้ง": "shrimp"}.items()},
    **{word: (("crop", value),) for word, value in {
        "ข้าว": "rice", "ผัก": "vegetable", "ผักสวนครัว": "vegetable", "มันสำปะหลัง": "cassava",
        "อ้อย": "sugarcane", "ยางพารา": "rubber", "ข้าวโพด": "maize", "ไม้ผล": "fruit_tree",
        "เห็ด": "mushroom", "ปาล์ม": "oil_palm", "สมุนไพร": "herb", "ป่า": "forest",
        "ต้นไม้": "forest", "หญ้าแฝก": "vetiver"}.items()},
    **{word: (("occupation", value),) for word, value in {
        "เลี้ยง": "raise", "ปลูก": "plant", "เพาะ": "plant", "ทอผ้า": "weave", "ทอ": "weave",
        "จักสาน": "basketry", "แปรรูป": "process"}.items()},
    **{word: (("disease", value),) for word, value in {
        "ไข้เลือดออก": "dengue", "พิษสุนัขบ้า": "rabies", "เบาหวาน": "diabetes",
        "ความดันโลหิตสูง": "hypertension", "มะเร็ง": "cancer",
        "มะเร็งปากมดลูก": "cancer/cervical", "วัณโรค": "tuberculosis"}.items()},
    **{word: (("water_body", value),) for word, value in {
        "คลอง": "canal", "หนอง": "pond", "สระ": "pond", "บึง": "pond", "ลำห้วย": "stream",
        "ลำน้ำ": "stream", "แม่น้ำ": "river"}.items()},
    **{word: (("structure", value),) for word, value in {
        "ถนน": "road", "สะพาน": "bridge", "ฝาย": "weir", "ฝายน้ำล้น": "weir",
        "รางระบายน้ำ": "drain/channel", "ท่อระบายน้ำ": "drain/pipe", "ท่อลอดเหลี่ยม": "culvert",
        "ศาลา": "hall", "ศาลาประชาคม": "hall", "ลานกีฬา": "sports_court",
        "สนามกีฬา": "sports_court", "ถังเก็บน้ำ": "water_tank", "หอถัง": "water_tank",
        "ประปา": "water_supply", "บ่อบาดาล": "well", "รั้ว": "fence",
        "ไฟฟ้าส่องสว่าง": "electricity/street_light", "ไฟฟ้า": "electricity",
        "ไฟฟ้าแรงต่ำ": "electricity/grid",
        "กล้องวงจรปิด": "cctv", "หอกระจายข่าว": "broadcast", "เสียงตามสาย": "broadcast",
        "ป้ายจราจร": "traffic_sign", "กระจกโค้ง": "traffic_sign", "ลูกระนาด": "speed_bump",
        "เครื่องกรองน้ำดื่ม": "water_purifier", "เครื่องสูบน้ำ": "pump", "ระบบสูบน้ำ": "pump",
        "ถังขยะ": "bin", "ถังดับเพลิง": "extinguisher", "เครื่องดับเพลิง": "extinguisher",
        "เครื่องออกกำลังกาย": "exercise_equipment", "ธนาคารน้ำใต้ดิน": "groundwater_bank",
        "โรงเรือน": "shed", "ศูนย์พัฒนาเด็กเล็ก": "child_centre",
        "โรงพยาบาลส่งเสริมสุขภาพตำบล": "health_centre"}.items()},
    **{word: (("venue", value),) for word, value in {
        "วัด": "temple", "สำนักสงฆ์": "temple", "โรงเรียน": "school", "มัสยิด": "mosque",
        "โบสถ์": "church", "ศาลเจ้า": "shrine"}.items()},
    **{word: (("festival", value),) for word, value in {
        "ลอยกระทง": "loy_krathong", "สงกรานต์": "songkran", "บั้งไฟ": "rocket",
        "บุญบั้งไฟ": "rocket", "แห่เทียนพรรษา": "candle", "เทียนพรรษา": "candle"}.items()},
}
# Materials read from the word before: ถนนดิน, สะพานไม้, สะพานเหล็ก.
CONTEXT_MATERIALS: dict[tuple[str, str], str] = {
    ("ถนน", "ดิน"): "earth", ("สะพาน", "ไม้"): "wood", ("สะพาน", "เหล็ก"): "steel",
}

# Words that say little about which need it is (weighted down in matching).
GENERIC_WORDS: frozenset[str] = frozenset(
    "ก่อสร้าง ซ่อมแซม ปรับปรุง ติดตั้ง จัดซื้อ ส่งเสริม ฝึกอบรม พัฒนา พัฒนาศักยภาพ อาชีพ "
    "กลุ่ม ระบบ ชุมชน สาธารณะ ประชาชน ป้องกัน แก้ไข ปัญหา ควบคุม รณรงค์ ให้ความรู้ จัดตั้ง "
    "แก้ไขปัญหา ดูแล อาคาร ครัวเรือน เกษตร แหล่ง กิจกรรม วัสดุ อุปกรณ์ วัสดุอุปกรณ์ โรค ตรวจ "
    "ลด เพิ่ม บริการ ชาวบ้าน คุณภาพชีวิต ความรู้ งาน น้ำ".split()
)

# A place name stops at a word we know as meaning (from the second word of the name on).
MEANING_LEXICON: frozenset[str] = frozenset(
    DOMAIN_WORDS | set(FACET_WORDS) | set(TOKEN_SYNONYMS) | set(TOKEN_SYNONYMS.values())
    | GENERIC_WORDS | QUANTITY_WORDS | STOPWORDS
)
_JOINABLE: frozenset[str] = frozenset(DOMAIN_WORDS | set(FACET_WORDS))

# fmt: on

# ---------------------------------------------------------------- the normaliser

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_ABBREVIATIONS = [(re.compile(pattern), repl) for pattern, repl in ABBREVIATIONS]
_PHRASES = [(re.compile(pattern), repl) for pattern, repl in PHRASE_SYNONYMS]
_REQUEST_WORDS = re.compile(r"ขอ(?:รับ)?(?:การ)?สนับสนุน(?:งบประมาณ)?")
_LEADING_FILLER = re.compile(r"^(?:[\s/(),\-]*(?:โครงการ|แผนงาน|กิจกรรม))+")
_VILLAGE_NUMBER = re.compile(r"หมู่\s*(?:ที่)?\s*(\d+)")
_ALLEY_NUMBER = re.compile(r"ซอย\s*(\d+)")
_QUANTITY = re.compile(
    rf"({_NUMBER}(?:\s*[x×*]\s*{_NUMBER})*)\s*({'|'.join(sorted(UNITS, key=len, reverse=True))})?"
)
_BARE_NUMBER = re.compile(_NUMBER)
_BREAK = re.compile(r"[\s()\[\]{}/\\\"'“”‘’:;,.!?|+=_*•·–—\-]*")
_WHITESPACE = re.compile(r"\s+")
_SEGMENT_DEBRIS = re.compile(rf"[{_T}]")  # one Thai letter alone is left-over from a typo


@dataclass(frozen=True, slots=True)
class NormalisedTitle:
    """A project title split into meaning, location and quantity (ชื่อโครงการที่ปรับรูปแบบแล้ว)."""

    original: str
    text: str
    meaning_tokens: tuple[str, ...]
    location_tokens: tuple[str, ...]
    quantity_tokens: tuple[str, ...]
    facets: tuple[tuple[str, str], ...]

    @property
    def meaning_key(self) -> str:
        """The meaning words, sorted and joined: equal keys are the same wording of a need."""
        return " ".join(sorted(self.meaning_tokens))

    def facet_values(self, dimension: str) -> frozenset[str]:
        """The values this title names on one facet dimension (e.g. ``"action"``)."""
        return frozenset(value for name, value in self.facets if name == dimension)


def clean_text(text: str) -> str:
    """NFC, Thai digits → Arabic, common typing slips, abbreviations, phrase synonyms."""
    cleaned = unicodedata.normalize("NFC", text or "").translate(_THAI_DIGITS)
    cleaned = cleaned.replace("\u0e4d\u0e32", "\u0e33")  # ํ + า typed for ำ (sara am)
    cleaned = cleaned.replace("เเ", "แ")  # two sara e typed for sara ae
    cleaned = re.sub("[\u200b\u200c\u200d\ufeff]", "", cleaned)
    for pattern, replacement in _ABBREVIATIONS:
        cleaned = pattern.sub(replacement, cleaned)
    for pattern, replacement in _PHRASES:
        cleaned = pattern.sub(replacement, cleaned)
    return _WHITESPACE.sub(" ", cleaned).strip()


_tokenizer_dictionary: Trie | None = None


def _dictionary() -> Trie:
    """Build the segmentation dictionary once: PyThaiNLP's words + ours − misleading compounds."""
    global _tokenizer_dictionary
    if _tokenizer_dictionary is None:
        from pythainlp.corpus import thai_words
        from pythainlp.tokenize import Trie

        words = set(thai_words())
        glue = MEANING_LEXICON | set(NAMED_PLACE_MARKERS)
        ours = glue | KEEP_COMPOUNDS | set(UNITS)
        compounds = {
            word
            for word in words - ours
            if any(word.startswith(head) and len(word) > len(head) for head in SPLIT_HEADS)
            or any(word[:cut] in glue and word[cut:] in glue for cut in range(1, len(word)))
        }
        _tokenizer_dictionary = Trie((words - compounds) | ours)
    return _tokenizer_dictionary


def segment(text: str) -> list[str]:
    """Segment Thai text into words with PyThaiNLP ``newmm`` and our dictionary."""
    return list(_segment(text))


def _segment(text: str) -> tuple[str, ...]:
    """Segment space-separated chunks one by one, each memoised.

    A space is a word boundary in a title, so segmenting "ก่อสร้างถนน บ้านหนองบัว" chunk by
    chunk gives the words of the whole; but the chunks repeat far more than whole titles do
    (a village's name recurs in each of its projects, a need's wording in every village), so
    a national year segments each distinct chunk once instead of each distinct title.
    """
    words: list[str] = []
    for index, chunk in enumerate(text.split(" ")):
        if index:
            words.append(" ")
        if chunk:
            words.extend(_segment_chunk(chunk))
    return tuple(words)


@lru_cache(maxsize=200_000)
def _segment_chunk(chunk: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    return tuple(
        word_tokenize(chunk, engine="newmm", custom_dict=_dictionary(), keep_whitespace=True)
    )


def warm_up() -> None:
    """Load the dictionary and tokenizer once per process (the first call takes ~1 s)."""
    normalise("โครงการก่อสร้างถนน คสล. หมู่ที่ 1 บ้านตัวอย่าง")


def _is_break(token: str) -> bool:
    return bool(_BREAK.fullmatch(token))


def _take_name(tokens: Sequence[str], start: int) -> tuple[str, int]:
    """Read a place name of up to three words from ``start``; return (name, next index)."""
    name: list[str] = []
    index = start
    while index < len(tokens) and len(name) < MAX_NAME_WORDS:
        token = tokens[index]
        if _is_break(token) or token.isdigit() or token in NAME_STOPPERS:
            break
        if name and token in MEANING_LEXICON:
            break
        name.append(token)
        index += 1
    return "".join(name), index


def _is_house(marker: str, following: str) -> bool:
    """บ้าน before a person word means a house (ซ่อมแซมบ้านผู้ยากไร้), not a village name."""
    return marker == "บ้าน" and (
        following in HOUSE_CONTEXT
        or following.startswith(("ผู้", "คน", "หญิง"))
        or any(name == "target" for name, _value in FACET_WORDS.get(following, ()))
    )


def _split_tokens(tokens: Sequence[str]) -> tuple[list[str], list[str], list[str]]:
    """Sort segmented words into meaning, location and quantity words."""
    meaning: list[str] = []
    locations: list[str] = []
    quantities: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if token in NAMED_PLACE_MARKERS and not _is_house(token, following):
            name, after = _take_name(tokens, index + 1)
            if name:
                locations.append(NAMED_PLACE_MARKERS[token] + name)
                index = after
                continue
        index += 1
        if _is_break(token):
            continue
        if token in QUANTITY_WORDS or _BARE_NUMBER.fullmatch(token):
            quantities.append(token)
        elif token not in STOPWORDS and not _SEGMENT_DEBRIS.fullmatch(token):
            meaning.append(token.lower())
    return (
        [TOKEN_SYNONYMS.get(word, word) for word in _join_split_words(meaning)],
        locations,
        quantities,
    )


def _join_split_words(words: list[str]) -> list[str]:
    """Re-join our own words that a stray space split: "ไฟฟ้า ส่องสว่าง" → "ไฟฟ้าส่องสว่าง"."""
    joined: list[str] = []
    index = 0
    while index < len(words):
        for width in (3, 2):
            candidate = "".join(words[index : index + width])
            if index + width <= len(words) and candidate in _JOINABLE:
                joined.append(candidate)
                index += width
                break
        else:
            joined.append(words[index])
            index += 1
    return joined


def _facets(meaning: list[str]) -> tuple[tuple[str, str], ...]:
    """Read facet values; a material named after เป็น/ด้วย replaces the ones before it."""
    found: set[tuple[str, str]] = set()
    changed_to: set[tuple[str, str]] = set()
    after_change = False
    previous = ""
    for token in meaning:
        if token in CHANGE_WORDS:
            after_change = True
        pairs = set(FACET_WORDS.get(token, ()))
        if (previous, token) in CONTEXT_MATERIALS:
            pairs.add(("material", CONTEXT_MATERIALS[(previous, token)]))
        found |= pairs
        if after_change:
            changed_to |= {pair for pair in pairs if pair[0] == "material"}
        previous = token
    if changed_to:
        found = {pair for pair in found if pair[0] != "material"} | changed_to
    return tuple(sorted(found))


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _extract_locations_and_quantities(text: str) -> tuple[str, list[str], list[str]]:
    locations: list[str] = []
    quantities: list[str] = []

    def village(match: re.Match[str]) -> str:
        locations.append(f"หมู่ที่ {int(match.group(1))}")
        return " "

    def alley(match: re.Match[str]) -> str:
        locations.append(f"ซอย {int(match.group(1))}")
        return " "

    def quantity(match: re.Match[str]) -> str:
        number = _WHITESPACE.sub("", match.group(1)).replace(",", "")
        quantities.append(f"{number} {match.group(2) or ''}".strip())
        return " "

    text = _VILLAGE_NUMBER.sub(village, text)
    text = _ALLEY_NUMBER.sub(alley, text)
    text = _QUANTITY.sub(quantity, text)
    return text, locations, quantities


@lru_cache(maxsize=100_000)
def normalise(text: str) -> NormalisedTitle:
    """Normalise one title; memoised per distinct string (national runs repeat titles).

    >>> normalise("โครงการก่อสร้างถนน คสล. ม.๕ บ้านหนองบัว").meaning_tokens
    ('ก่อสร้าง', 'ถนน', 'คอนกรีตเสริมเหล็ก')
    """
    cleaned = clean_text(text)
    working = _LEADING_FILLER.sub(" ", _REQUEST_WORDS.sub(" ", cleaned))
    working, numbered_locations, quantities = _extract_locations_and_quantities(working)
    tokens = _segment(_WHITESPACE.sub(" ", working).strip())
    meaning, named_locations, quantity_words = _split_tokens(tokens)
    facets = _facets(meaning)
    return NormalisedTitle(
        original=text,
        text=cleaned,
        meaning_tokens=_unique([token for token in meaning if token not in CHANGE_WORDS]),
        location_tokens=_unique(numbered_locations + named_locations),
        quantity_tokens=_unique(quantities + quantity_words),
        facets=facets,
    )
