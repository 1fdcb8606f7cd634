"""Write the labelled pairs of issue 12 (``title_pairs_eval.csv`` and ``title_pairs_train.csv``).

Run: ``.venv/bin/python tests/consolidation/data/make_title_pairs.py`` (deterministic).

The entries imitate how Thai plan and budget books write projects (แผนพัฒนาท้องถิ่น,
ข้อบัญญัติงบประมาณ, งบลงทุนของ อบจ./กรมทางหลวงชนบท/กรมชลประทาน): long descriptions with
หมู่ที่/บ้าน/ตำบล/อำเภอ/จังหวัด, road specifications (ผิวจราจรกว้าง … หนา 0.15 เมตร หรือมีพื้นที่
ไม่น้อยกว่า … ตารางเมตร), km segments (กม. 12+300 – 14+000), named schools and hospitals,
subsidies (อุดหนุน), abbreviations and OCR slips (decomposed sara am, dropped tone marks,
stray spaces, Thai digits).  The phrasings were written for this file by hand; they are not
the demo generator's vocabulary (``planlink.consolidation.vocabulary``).

Each pair is labelled by the rule of issue 12 *by construction*: a duplicate is the same
need type written twice for the same place; a shared need is the same need type for another
place (another หมู่, บ้าน, ตำบล, segment, named school/hospital/canal, route); different is
another need type (another kind of work, or another object) — the pairs of need types that
count as "different" are listed by hand in ``CONTRASTS``.

The evaluation part is built from its own pools of names and from need types that the
training part never sees (``EVAL_ONLY``), so a matcher tuned on the training part cannot
have memorised its places or its objects.  It was written and committed before any tuning
(its sha256 is recorded in docs/benchmarks.md and asserted by a test).
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent

# ----------------------------------------------------------------------------- name pools
TRAIN_NAMES = {
    "village": "นาดี โนนสูง หนองแวง ดอนแดง โคกสว่าง ท่าช้าง ป่าหวาย หนองบัวแดง นาคำ โนนสะอาด "
    "หนองหิน ห้วยทราย สร้างแป้น ดงเย็น นาแค โพธิ์ศรี หัวนา โคกกลาง ท่าลาด หนองผือ".split(),
    "tambon": "นาดี หนองแวง บ้านเหล่า โคกสี ท่าพระ หนองไผ่ ดอนหัน เชียงพิณ".split(),
    "amphoe": "เมืองอุดรธานี กุมภวาปี เมืองขอนแก่น บ้านไผ่ ห้างฉัตร สูงเนิน ปักธงชัย".split(),
    "province": "อุดรธานี ขอนแก่น ลำปาง นครราชสีมา".split(),
    "school_named": "ชุมชนหนองแวง อนุบาลนาดี ท่าพระวิทยา เชียงพิณวิทยาคม".split(),
    "temple": "ศรีสุข โพธิ์ชัย ป่าสามัคคี สว่างอารมณ์".split(),
    "canal": "ห้วยหลวง คลองหนองโพ ลำพะเนียง ห้วยเสือเต้น ห้วยทรายขมิ้น คลองบางหลวง".split(),
    "hospital": "กุมภวาปี บ้านไผ่ ห้างฉัตร สูงเนิน".split(),
}
EVAL_NAMES = {
    "village": "แม่ตีบ ทุ่งโป่ง หนองกุง โพนทอง บ่อแก้ว วังยาง ดงมะไฟ นาหว้า โนนทัน คำบอน "
    "ปากห้วย ห้วยยาง นาเชือก ทุ่งใหญ่ โคกล่าม สามขา".split(),
    "tambon": "ทุ่งกว้าง ม่วงไข่ วังหิน แม่กา ดอนตาล ธาตุ".split(),
    "amphoe": "พังโคน งาว ปราสาท ภูเขียว ร่อนพิบูลย์ วาริชภูมิ".split(),
    "province": "สกลนคร พะเยา สุรินทร์ ชัยภูมิ นครศรีธรรมราช".split(),
    "school_named": "อนุบาลพังโคน ปราสาทวิทยาคาร ภูเขียววิทยา ชุมชนวังหิน".split(),
    "temple": "ธาตุเชิงชุม ศรีบุญเรือง ป่าโนนทัน บ้านดอนตาล".split(),
    "canal": "ห้วยทรายคำ ลำน้ำพุง ห้วยน้ำอูน ห้วยคะคาง คลองท่าดี".split(),
    "hospital": "พังโคน งาว ปราสาท ภูเขียว".split(),
}


@dataclass(frozen=True)
class Need:
    key: str
    actions: tuple[str, ...]  # phrasings of one kind of work
    objects: tuple[str, ...]  # phrasings of one object
    specs: tuple[str, ...]  # appended dimensions / amounts ({n}, {m}, {k} filled in)
    place: str  # village | school | hospital | rph | child_centre | canal | route | temple


def _need(key: str, actions: str, objects: str, specs: str, place: str) -> Need:
    return Need(
        key, tuple(actions.split("|")), tuple(objects.split("|")), tuple(specs.split("|")), place
    )


_ROAD_SPECS = (
    "ผิวจราจรกว้าง {n} เมตร ยาว {m} เมตร หนา 0.15 เมตร|ขนาดกว้าง {n} ม. ยาว {m} ม. หนา 0.15 ม."
    "|ผิวจราจรกว้าง {n} เมตร ยาว {m} เมตร หนา 0.15 เมตร หรือมีพื้นที่ไม่น้อยกว่า {k} ตารางเมตร"
    "|ระยะทาง {m} เมตร|"
)
# fmt: off
NEEDS: tuple[Need, ...] = (
    _need("road_concrete", "ก่อสร้าง|สร้าง|จัดสร้าง|ก่อสร้าง", "ถนนคอนกรีตเสริมเหล็ก|ถนน คสล.|ถนน ค.ส.ล.|ถนนคอนกรีตเสริมเหล็ก (คสล.)", _ROAD_SPECS, "village"),
    _need("road_concrete_repair", "ซ่อมแซม|ซ่อม|ปรับปรุงซ่อมแซม", "ถนนคอนกรีตเสริมเหล็ก|ถนน คสล. ที่ชำรุด|ผิวถนน คสล.", "พื้นที่ {k} ตารางเมตร|ระยะทาง {m} เมตร|", "village"),
    _need("road_laterite_upgrade", "ปรับปรุง|พัฒนา|ยกระดับ", "ถนนลูกรัง|ถนนดินลูกรังเพื่อการเกษตร|ถนนลูกรังเข้าพื้นที่การเกษตร", "ระยะทาง {m} เมตร|กว้าง {n} เมตร ยาว {m} เมตร|", "village"),
    _need("road_asphalt", "ก่อสร้าง|สร้าง", "ถนนลาดยางแอสฟัลท์ติกคอนกรีต|ถนนแอสฟัลท์ติก|ถนนลาดยาง (แอสฟัลท์ติกคอนกรีต)", _ROAD_SPECS, "village"),
    _need("drain_channel", "ก่อสร้าง|สร้าง", "รางระบายน้ำ คสล. พร้อมฝาปิด|รางระบายน้ำคอนกรีตเสริมเหล็กพร้อมฝาปิด|ร่องระบายน้ำ คสล. พร้อมฝาตะแกรง", "ยาว {m} เมตร|ขนาดกว้าง 0.50 เมตร ยาว {m} เมตร|", "village"),
    _need("drain_pipe", "วาง|วาง", "ท่อระบายน้ำ คสล.|ท่อระบายน้ำคอนกรีตเสริมเหล็ก ขนาด 0.60 เมตร|ท่อระบายน้ำ ค.ส.ล. พร้อมบ่อพัก", "ความยาว {m} เมตร|จำนวน {n} ท่อน|", "village"),
    _need("water_pipe", "วางท่อ|ขยายเขตท่อ|วางท่อเมน", "ประปา|ประปาหมู่บ้าน|ประปา PVC ขนาด 2 นิ้ว", "ระยะทาง {m} เมตร|ยาว {m} ม.|", "village"),
    _need("water_supply_build", "ก่อสร้าง|สร้าง|จัดสร้าง", "ระบบประปาหมู่บ้านแบบบาดาลขนาดกลาง|ระบบประปาหมู่บ้าน แบบบาดาล ขนาดกลาง|ประปาบาดาลขนาดกลาง", "พร้อมหอถังสูง {n} เมตร|จำนวน 1 แห่ง|", "village"),
    _need("water_supply_repair", "ซ่อมแซม|ซ่อม|ปรับปรุงซ่อมแซม", "ระบบประปาหมู่บ้าน|ประปาหมู่บ้านที่ชำรุด|ระบบผลิตน้ำประปาหมู่บ้าน", "จำนวน 1 แห่ง|งบประมาณ {k},000 บาท|", "village"),
    _need("pond_dredge", "ขุดลอก|ขุดลอก", "หนองน้ำสาธารณะ|หนองสาธารณะประจำหมู่บ้าน|หนองน้ำสาธารณะที่ตื้นเขิน", "ปริมาณดินขุด {k} ลูกบาศก์เมตร|ลึกเฉลี่ย 2 เมตร|", "village"),
    _need("canal_dredge", "ขุดลอก|ขุดลอก", "คลอง|ลำคลอง", "ความยาว {m} เมตร|ปริมาณดินขุดไม่น้อยกว่า {k} ลบ.ม.|", "canal"),
    _need("weir_build", "ก่อสร้าง|สร้าง", "ฝายน้ำล้น คสล.|ฝายน้ำล้นคอนกรีตเสริมเหล็ก|ฝายน้ำล้น ค.ส.ล.", "สันฝายสูง 1.50 เมตร กว้าง {n} เมตร|ขนาดกว้าง {n} เมตร|", "canal"),
    _need("street_light", "ติดตั้ง|ติดตั้ง", "ไฟฟ้าส่องสว่างทางสาธารณะ|เสาไฟฟ้าส่องสว่าง|โคมไฟส่องสว่างถนน", "จำนวน {n} จุด|จำนวน {n} ต้น|", "village"),
    _need("power_extension", "ขยายเขต|ขยายเขต", "ไฟฟ้าแรงต่ำ|ระบบจำหน่ายไฟฟ้าแรงต่ำ|ไฟฟ้า", "ระยะทาง {m} เมตร|พร้อมปักเสา {n} ต้น|", "village"),
    _need("school_building_build", "ก่อสร้าง|สร้าง", "อาคารเรียน แบบ สปช.105/29|อาคารเรียน 2 ชั้น 4 ห้องเรียน|อาคารเรียนแบบ สปช. 105/29", "จำนวน 1 หลัง|", "school"),
    _need("school_toilet_repair", "ซ่อมแซม|ปรับปรุงซ่อมแซม|ซ่อม", "ห้องน้ำห้องส้วมนักเรียน|ส้วมนักเรียน|ห้องส้วมนักเรียน", "จำนวน {n} ห้อง|", "school"),
    _need("school_lunch", "อุดหนุน|เงินอุดหนุน|อุดหนุนค่า", "อาหารกลางวันนักเรียน|อาหารกลางวัน|อาหารกลางวันสำหรับนักเรียน", "จำนวน {n} คน|งบประมาณ {k},000 บาท|", "school"),
    _need("school_milk", "อุดหนุน|อุดหนุนค่า|เงินอุดหนุน", "อาหารเสริม (นม)|อาหารเสริมนมโรงเรียน|นมอาหารเสริม", "จำนวน {n} คน|{n} วัน|", "school"),
    _need("hospital_opd", "ก่อสร้าง|สร้าง", "อาคารผู้ป่วยนอก|อาคารผู้ป่วยนอก 4 ชั้น|อาคารบริการผู้ป่วยนอก", "จำนวน 1 หลัง|งบประมาณ {n}0,000,000 บาท|", "hospital"),
    _need("hospital_staff_housing", "ก่อสร้าง|สร้าง", "บ้านพักเจ้าหน้าที่|อาคารที่พักเจ้าหน้าที่|แฟลตพักเจ้าหน้าที่", "จำนวน 1 หลัง|12 ห้อง|", "hospital"),
    _need("rph_upgrade", "ปรับปรุง|พัฒนา|ยกระดับ", "อาคาร|อาคารบริการ|อาคารหลัก", "จำนวน 1 หลัง|", "rph"),
    _need("rph_equipment", "จัดซื้อ|จัดหา", "ครุภัณฑ์การแพทย์|ครุภัณฑ์ทางการแพทย์|เครื่องมือแพทย์", "จำนวน {n} รายการ|", "rph"),
    _need("child_centre_build", "ก่อสร้าง|สร้าง|จัดสร้าง", "อาคาร|อาคารเรียน|อาคาร", "ขนาด 3 ห้องเรียน|จำนวน 1 หลัง|", "child_centre"),
    _need("child_centre_lunch", "อุดหนุน|อุดหนุนค่า", "อาหารกลางวัน|อาหารกลางวันเด็กเล็ก", "จำนวน {n} คน|", "child_centre"),
    _need("temple_landscape", "ปรับปรุง|พัฒนา", "ภูมิทัศน์|ภูมิทัศน์บริเวณ", "|", "temple"),
    _need("highway_resurface", "ซ่อมสร้าง|ซ่อมแซม|ซ่อม", "ผิวทางแอสฟัลท์ติก|ผิวทางลาดยาง|ผิวจราจรแอสฟัลท์คอนกรีต", "|ระยะทาง {n} กม.", "route"),
    _need("highway_widen", "ขยาย|ขยาย", "ช่องจราจรเป็น 4 ช่องจราจร|ทางเป็น 4 ช่องจราจร|ถนนเป็น 4 ช่องจราจร", "|", "route"),
    _need("canal_line", "ดาดคอนกรีต|ดาดคอนกรีต", "คลองส่งน้ำ|คลองส่งน้ำชลประทาน", "ระยะทาง {m} เมตร|", "route_canal"),
    _need("canal_repair", "ซ่อมแซม|ปรับปรุงซ่อมแซม", "คลองส่งน้ำ|คันคลองส่งน้ำ", "ระยะทาง {m} เมตร|", "route_canal"),
    _need("well_drill", "ขุดเจาะ|เจาะ", "บ่อบาดาล|บ่อน้ำบาดาล|บ่อบาดาลเพื่อการเกษตร", "ขนาด 6 นิ้ว ลึก {n} เมตร|", "village"),
    _need("hall_build", "ก่อสร้าง|สร้าง", "ศาลาอเนกประสงค์|ศาลาเอนกประสงค์ประจำหมู่บ้าน|ศาลาอเนกประสงค์ประจำหมู่บ้าน", "ขนาด 8x12 เมตร|จำนวน 1 หลัง|", "village"),
    _need("vhv_training", "ฝึกอบรม|อบรม|จัดอบรม", "พัฒนาศักยภาพ อสม.|พัฒนาศักยภาพอาสาสมัครสาธารณสุขประจำหมู่บ้าน|เพิ่มศักยภาพ อสม.", "จำนวน {n} คน|", "village"),
    _need("bridge_build", "ก่อสร้าง|สร้าง", "สะพาน คสล.|สะพานคอนกรีตเสริมเหล็ก|สะพาน ค.ส.ล.", "ขนาดกว้าง 6 เมตร ยาว {n} เมตร|", "canal"),
    _need("garbage_truck", "จัดซื้อ|จัดหา", "รถบรรทุกขยะ แบบอัดท้าย|รถเก็บขนขยะมูลฝอยแบบอัดท้าย|รถบรรทุกขยะมูลฝอย ชนิดอัดท้าย", "ขนาด 6 ตัน จำนวน 1 คัน|จำนวน 1 คัน|", "tambon_only"),
    _need("water_truck", "จัดซื้อ|จัดหา", "รถบรรทุกน้ำอเนกประสงค์|รถบรรทุกน้ำ|รถบรรทุกน้ำดับเพลิง", "ขนาด 6,000 ลิตร จำนวน 1 คัน|จำนวน 1 คัน|", "tambon_only"),
)
# fmt: on
EVAL_ONLY = frozenset(
    {"bridge_build", "hall_build", "rph_equipment", "highway_widen", "canal_repair", "water_truck"}
)

# Need types that are the same object with another kind of work, or another object in
# the same place: each pair here is "different" by the rule.
CONTRASTS: tuple[tuple[str, str, str], ...] = (
    ("road_concrete", "road_concrete_repair", "action_differs"),
    ("road_concrete", "road_asphalt", "object_differs"),
    ("road_concrete", "drain_channel", "object_differs"),
    ("road_concrete", "road_laterite_upgrade", "object_differs"),
    ("road_concrete", "street_light", "object_differs"),
    ("drain_channel", "drain_pipe", "action_differs"),
    ("water_pipe", "water_supply_build", "action_differs"),
    ("water_supply_build", "water_supply_repair", "action_differs"),
    ("water_pipe", "water_supply_repair", "action_differs"),
    ("water_pipe", "drain_pipe", "object_differs"),
    ("pond_dredge", "well_drill", "object_differs"),
    ("canal_dredge", "weir_build", "action_differs"),
    ("canal_dredge", "bridge_build", "action_differs"),
    ("weir_build", "bridge_build", "object_differs"),
    ("street_light", "power_extension", "action_differs"),
    ("school_building_build", "school_toilet_repair", "object_differs"),
    ("school_lunch", "school_milk", "object_differs"),
    ("school_lunch", "school_building_build", "object_differs"),
    ("hospital_opd", "hospital_staff_housing", "object_differs"),
    ("rph_upgrade", "rph_equipment", "action_differs"),
    ("child_centre_build", "child_centre_lunch", "object_differs"),
    ("highway_resurface", "highway_widen", "action_differs"),
    ("canal_line", "canal_repair", "action_differs"),
    ("hall_build", "road_concrete", "object_differs"),
    ("vhv_training", "street_light", "object_differs"),
    ("garbage_truck", "water_truck", "object_differs"),
    ("well_drill", "water_supply_build", "object_differs"),
    ("road_laterite_upgrade", "road_concrete_repair", "action_differs"),
)

_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


# ----------------------------------------------------------------------------- places
@dataclass
class Place:
    village_no: int
    village: str
    tambon: str
    amphoe: str
    province: str
    facility: str = ""  # the named school/hospital/canal/temple
    segment: str = ""
    route: str = ""
    named_only: bool = False  # write บ้าน<name> without หมู่ที่


def _place(rng: random.Random, names: dict, need: Need) -> Place:
    village = rng.choice(names["village"])
    tambon = rng.choice(names["tambon"])
    place = Place(
        village_no=rng.randint(1, 18),
        village=village,
        tambon=tambon,
        amphoe=rng.choice(names["amphoe"]),
        province=rng.choice(names["province"]),
    )
    kind = need.place
    if kind == "school":
        place.facility = rng.choice(
            [f"โรงเรียนบ้าน{village}", f"โรงเรียนวัด{rng.choice(names['temple'])}"]
            + [f"โรงเรียน{name}" for name in names["school_named"]]
        )
    elif kind == "hospital":
        place.facility = f"โรงพยาบาล{rng.choice(names['hospital'])}"
    elif kind == "rph":
        place.facility = f"โรงพยาบาลส่งเสริมสุขภาพตำบลบ้าน{village}"
    elif kind == "child_centre":
        place.facility = f"ศูนย์พัฒนาเด็กเล็กบ้าน{village}"
    elif kind == "temple":
        place.facility = f"วัด{rng.choice(names['temple'])}"
    elif kind == "canal":
        canal = rng.choice(names["canal"])
        place.facility = ("ลำ" + canal) if canal.startswith("ห้วย") and rng.random() < 0.4 else canal
        if rng.random() < 0.4:
            place.segment = f"ช่วงที่ {rng.randint(1, 4)}"
    elif kind == "route":
        place.route = str(rng.choice([12, 22, 201, 212, 226, 2023, 2146, 2316]))
        start = rng.randint(5, 120)
        place.segment = f"{start}+{rng.choice(['000', '250', '500', '800'])}-{start + rng.randint(2, 9)}+{rng.choice(['000', '300', '600'])}"
    elif kind == "route_canal":
        place.route = rng.choice(["1R", "2R", "3L", "1L-2R", "3L-1R", "4R-1L", "5L"])
    return place


def _moved(place: Place, rng: random.Random, names: dict, need: Need) -> tuple[Place, str]:
    """Another place for the same need: (place, which level moved)."""
    other = Place(**place.__dict__)
    choices = ["village_no"]
    if need.place in ("school", "hospital", "temple", "canal"):
        choices = ["facility", "facility"]
    if need.place == "canal" and place.segment:
        choices.append("segment")
    if need.place == "route":
        choices = ["segment", "route"]
    if need.place == "route_canal":
        choices = ["route"]
    if need.place == "tambon_only":
        choices = ["tambon"]
    if need.place in ("village", "rph", "child_centre"):
        choices += ["village_name", "tambon"]
    level = rng.choice(choices)
    while other.__dict__ == place.__dict__:
        if level == "village_no":
            other.village_no = rng.randint(1, 18)
        elif level == "village_name":
            place.named_only = other.named_only = True
            other.village_no = rng.randint(1, 18)
            other.village = rng.choice([v for v in names["village"] if v != place.village])
            if need.place in ("rph", "child_centre"):
                other.facility = place.facility.replace(place.village, other.village)
        elif level == "tambon":
            other.tambon = rng.choice(names["tambon"])
        elif level == "facility":
            fresh = _place(rng, names, need)
            other.facility = fresh.facility
            if fresh.facility == place.facility:
                continue
            if need.place == "canal":
                other.segment = ""
        elif level == "segment":
            fresh = _place(rng, names, need)
            other.segment = fresh.segment if fresh.segment else f"ช่วงที่ {rng.randint(5, 9)}"
        elif level == "route":
            other.route = _place(rng, names, need).route
    kinds = {
        "village_no": "location_only",
        "village_name": "village_name",
        "tambon": "tambon",
        "facility": "facility",
        "segment": "segment",
        "route": "route",
    }
    return other, kinds[level]


# ----------------------------------------------------------------------------- writing
def _place_text(place: Place, need: Need, rng: random.Random, detail: str) -> str:
    """Where, written in one of several real styles; ``detail`` = full | short | village."""
    parts: list[str] = []
    if place.facility:
        facility = place.facility
        if rng.random() < 0.5:
            facility = (
                facility.replace("โรงพยาบาลส่งเสริมสุขภาพตำบล", "รพ.สต.")
                .replace("ศูนย์พัฒนาเด็กเล็ก", "ศพด.")
                .replace("โรงเรียน", rng.choice(["โรงเรียน", "ร.ร."]))
            )
        parts.append(facility)
    if place.segment and need.place == "route":
        parts.append(f"ตอน {place.tambon} - {place.amphoe} กม. {place.segment.replace('-', ' - ')}")
    elif place.segment:
        parts.append(place.segment)
    if place.route and need.place == "route":
        parts.insert(
            0, rng.choice(["ทางหลวงหมายเลข ", "ทางหลวงแผ่นดินหมายเลข ", "ทล. "]) + place.route
        )
    elif place.route:
        parts.insert(0, "สาย " + place.route)
    if need.place in ("village", "rph", "child_centre", "canal", "school", "temple"):
        style = rng.random()
        if need.place in ("school", "temple", "canal") and rng.random() < 0.5:
            pass  # a named facility often stands alone
        elif place.named_only:
            parts.append(f"บ้าน{place.village}")
        elif style < 0.3:
            parts.append(f"หมู่ที่ {place.village_no} บ้าน{place.village}")
        elif style < 0.55:
            parts.append(f"บ้าน{place.village} หมู่ที่ {place.village_no}")
        elif style < 0.8:
            parts.append(f"ม.{place.village_no}")
        else:
            parts.append(f"บ้าน{place.village} ม.{place.village_no}")
    if detail == "full" or need.place == "tambon_only":
        if rng.random() < 0.5 or need.place == "tambon_only":
            parts.append(f"ตำบล{place.tambon} อำเภอ{place.amphoe} จังหวัด{place.province}")
        else:
            parts.append(f"ต.{place.tambon} อ.{place.amphoe} จ.{place.province}")
    elif detail == "short" and rng.random() < 0.5:
        parts.append(f"ต.{place.tambon}")
    return " ".join(parts)


def _entry(
    need: Need,
    place: Place,
    rng: random.Random,
    *,
    detail: str = "short",
    phrase: int | None = None,
) -> str:
    action = (
        need.actions[phrase % len(need.actions)] if phrase is not None else rng.choice(need.actions)
    )
    obj = (
        need.objects[phrase % len(need.objects)] if phrase is not None else rng.choice(need.objects)
    )
    where = _place_text(place, need, rng, detail)
    spec = rng.choice(need.specs).format(
        n=rng.choice([4, 5, 6, 8, 10, 12, 20, 25, 40]),
        m=rng.choice([120, 200, 350, 480, 650, 1200, 2500]),
        k=rng.choice([150, 480, 600, 1250, 2400]),
    )
    glue = "" if action.endswith(("ท่อ", "ค่า")) or rng.random() < 0.5 else " "
    if need.place == "route_canal":
        body = f"{action}{glue}{obj} {where}"
    elif need.place == "route":
        body = f"{action}{glue}{obj} {where}"
    else:
        body = f"{action}{glue}{obj} {where}"
    if spec and rng.random() < 0.7:
        body += " " + spec
    prefix = rng.random()
    if prefix < 0.4:
        body = "โครงการ" + body
    elif prefix < 0.5:
        body = "ขอรับการสนับสนุนงบประมาณ" + body
    if rng.random() < 0.15:
        body += f" งบประมาณ {rng.choice(['250,000', '1,480,000', '4,500,000', '95,000'])} บาท"
    return " ".join(body.split())


def _ocr(text: str, rng: random.Random) -> str:
    """One or two slips a scanned or retyped book makes."""
    slips = [
        lambda t: t.replace("ำ", "\u0e4d\u0e32"),
        lambda t: t.replace("แ", "เเ", 1),
        lambda t: t.replace("่", "", 1),
        lambda t: t.replace("้", "", 1),
        lambda t: t.replace("ก่อสร้าง", "ก่อสรัาง", 1),
        lambda t: t.replace("คอนกรีต", "คอนกรีด", 1),
        lambda t: t.replace("ถนน", "ถนน ", 1).replace("  ", " "),
        lambda t: t.replace(" ", "  ", 2),
        lambda t: t.replace("ระบาย", "ระบ่าย", 1),
        lambda t: t.replace("ปรับปรุง", "ปรับปรง", 1),
        lambda t: t.replace("โรงเรียน", "โรงเรีอน", 1),
        lambda t: t.replace("หมู่ที่", "หมูที่", 1),
    ]
    for slip in rng.sample(slips, 2):
        changed = slip(text)
        if changed != text:
            text = changed
    return text


def _duplicate(need: Need, rng: random.Random, names: dict) -> tuple[str, str, str]:
    place = _place(rng, names, need)
    variation = rng.choice(["wording", "abbreviation", "digits", "ocr", "amount", "scope", "order"])
    a = _entry(need, place, rng, detail=rng.choice(["full", "short", "village"]), phrase=0)
    b_phrase = 1 if variation in ("wording", "abbreviation") else 0
    b = _entry(need, place, rng, detail=rng.choice(["full", "short", "village"]), phrase=b_phrase)
    if variation == "digits":
        b = b.translate(_THAI)
    elif variation == "ocr":
        b = _ocr(b, rng)
    elif variation == "amount":
        b = b + rng.choice(
            [" งบประมาณ 1,250,000 บาท", " (งบประมาณ 480,000.- บาท)", " ปีงบประมาณ 2568"]
        )
    elif variation == "scope":
        a = _entry(need, place, rng, detail="full", phrase=0)
        b = _entry(need, place, rng, detail="village", phrase=0)
    elif variation == "order" and need.place in ("village", "rph", "child_centre"):
        where = _place_text(place, need, rng, "short")
        b = f"{where} {rng.choice(need.actions)}{rng.choice(need.objects)}"
    if a == b:
        b = _ocr(b, rng)
    return a, b, variation


def _shared(need: Need, rng: random.Random, names: dict) -> tuple[str, str, str]:
    place = _place(rng, names, need)
    other, kind = _moved(place, rng, names, need)
    a = _entry(need, place, rng, detail=rng.choice(["full", "short", "village"]))
    b = _entry(need, other, rng, detail=rng.choice(["full", "short", "village"]))
    if kind == "tambon":  # only the tambon differs: say it on both sides
        a = _entry(need, place, rng, detail="full")
        b = _entry(need, other, rng, detail="full")
    if rng.random() < 0.2:
        b = _ocr(b, rng)
    return a, b, kind


def _different(
    first: Need, second: Need, kind: str, rng: random.Random, names: dict
) -> tuple[str, str, str]:
    place = _place(rng, names, first)
    other_place = _place(rng, names, second)
    # the same place where both need types live in one kind of place
    if first.place == second.place or {first.place, second.place} <= {"village", "tambon_only"}:
        other_place = place
    a = _entry(first, place, rng)
    b = _entry(second, other_place, rng)
    if rng.random() < 0.2:
        b = _ocr(b, rng)
    return a, b, kind


def build(seed: int, names: dict, needs: list[Need], count: int) -> list[tuple[str, str, str, str]]:
    rng = random.Random(seed)
    by_key = {need.key: need for need in needs}
    contrasts = [c for c in CONTRASTS if c[0] in by_key and c[1] in by_key]
    rows: list[tuple[str, str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    while len(rows) < count:
        roll = rng.random()
        if roll < 0.36:
            need = rng.choice(needs)
            a, b, kind = _duplicate(need, rng, names)
            label = "duplicate"
        elif roll < 0.68:
            need = rng.choice(needs)
            a, b, kind = _shared(need, rng, names)
            label = "shared_need"
        elif roll < 0.95:
            first, second, kind = rng.choice(contrasts)
            if rng.random() < 0.5:
                first, second = second, first
            a, b, kind = _different(by_key[first], by_key[second], kind, rng, names)
            label = "different"
        else:
            first, second = rng.sample(needs, 2)
            a, b, kind = _different(first, second, "unrelated", rng, names)
            label = "different"
        if a == b or (a, b) in seen:
            continue
        seen.add((a, b))
        if rng.random() < 0.5:
            a, b = b, a
        rows.append((a, b, label, kind))
    return rows


def write(path: Path, rows: list[tuple[str, str, str, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["a", "b", "label", "kind"])
        writer.writerows(rows)


def main() -> None:
    """Write the training part; ``--write-eval`` rewrites the frozen part too (don't).

    The frozen ``title_pairs_eval.csv`` was written by this script as of commit 5c1fe3c
    (seed 20261206); later fixes to the script change the training part only.
    """
    import sys

    train_needs = [need for need in NEEDS if need.key not in EVAL_ONLY]
    if "--write-eval" in sys.argv:
        write(HERE / "title_pairs_eval.csv", build(20261206, EVAL_NAMES, list(NEEDS), 360))
    write(HERE / "title_pairs_train.csv", build(12, TRAIN_NAMES, train_needs, 420))


if __name__ == "__main__":
    main()
