"""Funded items at budget-bill scale (issue 13, build 7): import, locate and match 50,000 items.

``python -m benchmarks.supply --items 50000 --database sqlite|postgres --out FILE`` creates a
fresh database, loads the real areas, makes a labelled **synthetic** demand side (villages and
one tambon plan per tambon in ``--demand-provinces`` provinces, every need sent upward) and a
**synthetic** funded-items CSV whose titles name real tambons, districts and provinces of the
whole country the way budget files do (full words, ต./อ./จ. abbreviations, หมู่ที่ N, Thai
digits, OCR-style misspellings, long descriptions); a share of them repeat a recorded need.
Then it times one ``import_supply`` call: read and check every row, locate each from its
text, write, and propose matches. The target: under a minute on 2 cores.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import resource
import tempfile
import time
from pathlib import Path

WORKS = [
    ("ก่อสร้างถนนคอนกรีตเสริมเหล็ก", "กรมทางหลวงชนบท", "กระทรวงคมนาคม"),
    ("ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร", "กรมทรัพยากรน้ำบาดาล", "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม"),
    ("ก่อสร้างฝายชะลอน้ำ", "กรมชลประทาน", "กระทรวงเกษตรและสหกรณ์"),
    ("ขุดลอกหนองน้ำสาธารณะ", "กรมทรัพยากรน้ำ", "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม"),
    ("ก่อสร้างระบบประปาหมู่บ้าน", "กรมทรัพยากรน้ำ", "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม"),
    ("ปรับปรุงอาคารเรียน", "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน", "กระทรวงศึกษาธิการ"),
    ("ขยายเขตระบบไฟฟ้า", "การไฟฟ้าส่วนภูมิภาค", "กระทรวงมหาดไทย"),
    ("ซ่อมแซมถนนลูกรัง", "กรมส่งเสริมการปกครองท้องถิ่น", "กระทรวงมหาดไทย"),
    ("จัดซื้อครุภัณฑ์การแพทย์", "สำนักงานปลัดกระทรวงสาธารณสุข", "กระทรวงสาธารณสุข"),
    ("ปรับปรุงภูมิทัศน์แหล่งท่องเที่ยว", "มหาวิทยาลัยราชภัฏ (สังเคราะห์)", "กระทรวงการอุดมศึกษา"),
]
THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
OCR = {"ต": "ด", "บ": "ป", "ข": "ช", "ท": "ห", "อ": "ฮ", "ร": "ว"}


def _noisy(name: str, rng: random.Random) -> str:
    spots = [i for i, ch in enumerate(name) if ch in OCR]
    if not spots or len(name) < 5:
        return name
    at = rng.choice(spots)
    return name[:at] + OCR[name[at]] + name[at + 1 :]


def _place(rng: random.Random, tambon, district, province, village_no: int | None) -> str:
    t_name, d_name, p_name = tambon, district, province
    if rng.random() < 0.08:
        t_name = _noisy(t_name, rng)
    mu = ""
    if village_no:
        mu = f"หมู่ที่ {village_no} " if rng.random() < 0.5 else f"ม.{village_no} "
    d_written = d_name[3:] if d_name.startswith("เขต") else d_name
    if rng.random() < 0.5:
        text = f"{mu}ตำบล{t_name} อำเภอ{d_written} จังหวัด{p_name}"
    else:
        text = f"{mu}ต.{t_name} อ.{d_written} จ.{p_name}"
    return text.translate(THAI) if rng.random() < 0.1 else text


def make_file(items: int, demand: list[tuple[str, str]], seed: int = 2570) -> bytes:
    """A synthetic funded-items CSV: real place names, synthetic items (labelled in the name)."""
    from planlink.areas.models import Area

    names = dict(Area.objects.exclude(level="village").values_list("code", "name_th"))
    tambons = [code for code in names if len(code) == 6 and not code.startswith("10")]
    rng = random.Random(seed)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["ref", "รายการ", "จำนวนเงิน", "หน่วยรับงบประมาณ", "กระทรวง", "ปีงบประมาณ"])
    for number in range(items):
        if demand and rng.random() < 0.2:  # repeats a recorded need, in its own village
            village, title = rng.choice(demand)
            tambon, number_in_tambon = village[:6], int(village[6:])
            work = next((w for w in WORKS if title.startswith(w[0])), WORKS[0])
            place = _place(
                rng, names[tambon], names[tambon[:4]], names[tambon[:2]], number_in_tambon
            )
            text = f"{title.split(' หมู่ที่')[0]} {place}"
        else:
            tambon = rng.choice(tambons)
            work = rng.choice(WORKS)
            village_no = rng.randint(1, 15) if rng.random() < 0.4 else None
            place = _place(rng, names[tambon], names[tambon[:4]], names[tambon[:2]], village_no)
            detail = rng.choice(
                ["", " ขนาดกว้าง 5 เมตร ยาว 1,200 เมตร หนา 0.15 เมตร", " จำนวน 1 แห่ง",
                 " พร้อมอาคารประกอบ ตามแบบมาตรฐาน", " (งบลงทุน ค่าที่ดินและสิ่งก่อสร้าง)"]
            )  # fmt: skip
            text = f"{work[0]}{detail} {place}"
        amount = rng.randint(50, 5000) * 1000
        written = rng.choice([f"{amount:,}", f"{amount:,}.00", f"{amount:,}.-", f"{amount:,} บาท"])
        writer.writerow([f"SYN-{number:06d}", text, written, work[1], work[2], "2570"])
    return buffer.getvalue().encode("utf-8-sig")


def make_demand(province_codes: list[str], cycle) -> list[tuple[str, str]]:  # noqa: ANN001
    """Synthetic needs: in each tambon plan, one or two needs per village, sent upward."""
    from django.db import transaction

    from planlink.areas.models import Area
    from planlink.plans.frame import frame_ensure_default
    from planlink.plans.models import Plan, PlanKind, Project
    from planlink.referrals.models import Referral, TargetKind
    from planlink.simulation.villages import generate_villages

    demand: list[tuple[str, str]] = []
    rng = random.Random(7)
    for code in province_codes:
        with transaction.atomic():
            generate_villages(code)
            province = Area.objects.get(code=code)
            frame_ensure_default(province=province, cycle=cycle)
            districts = {
                area.code: Plan.objects.create(
                    kind=PlanKind.DISTRICT_NEEDS,
                    cycle=cycle,
                    owner_area=area,
                    scope_code=area.code,
                    title=f"แผนความต้องการ{area.name_th} (สังเคราะห์)",
                    synthetic=True,
                )  # fmt: skip
                for area in Area.objects.within(code).filter(level="district")
            }
            villages: dict[str, list[str]] = {}
            for village in (
                Area.objects.within(code).filter(level="village").values_list("code", flat=True)
            ):
                villages.setdefault(village[:6], []).append(village)
            for tambon, codes in villages.items():
                plan = Plan.objects.create(
                    kind=PlanKind.TAMBON, cycle=cycle, owner_area_id=tambon, scope_code=tambon,
                    title=f"แผนพัฒนาตำบล {tambon} (สังเคราะห์)", synthetic=True,
                )  # fmt: skip
                projects, places = [], []
                for village in codes:
                    for work in rng.sample(WORKS, rng.randint(1, 2)):
                        title = f"{work[0]} หมู่ที่ {int(village[6:])}"
                        projects.append(Project(plan=plan, title=title, budget=500000))
                        places.append(village)
                Project.objects.bulk_create(projects)
                Project.areas.through.objects.bulk_create(
                    Project.areas.through(project_id=p.pk, area_id=v)
                    for p, v in zip(projects, places, strict=True)
                )
                target = districts[tambon[:4]]
                Referral.objects.bulk_create(
                    Referral(
                        project=p,
                        target_kind=TargetKind.PLAN,
                        to_plan=target,
                        target_key=f"plan:{target.pk}",
                        scope_code=tambon,
                    )  # fmt: skip
                    for p in projects
                )
                demand.extend((v, p.title) for p, v in zip(projects, places, strict=True))
    return demand


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=50000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--demand-provinces", default="95,24,40")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    from benchmarks.engine_run import _configure, _drop

    scratch = Path(tempfile.mkdtemp(prefix="planlink-bench-supply-"))
    name = _configure(args.database, scratch)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from planlink.simulation.demo import ensure_reference_data
    from planlink.simulation.guard import synthetic_cycle
    from planlink.supply.imports import import_supply
    from planlink.supply.models import SupplyItem

    try:
        call_command("migrate", verbosity=0)
        ensure_reference_data()
        cycle = synthetic_cycle(2570)
        mark = time.perf_counter()
        demand = make_demand([c for c in args.demand_provinces.split(",") if c], cycle)
        data = make_file(args.items, demand)
        preparation = time.perf_counter() - mark
        if connection.vendor == "sqlite":  # start from a checkpointed WAL, like a live server
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        from planlink.rollups.services import rollups_deferred, rollups_refresh

        mark, cpu = time.perf_counter(), time.process_time()
        with rollups_deferred():  # the roll-up refresh after the commit is timed on its own
            report = import_supply(
                data, cycle_year=2570, source="budget-act",
                file_name=f"synthetic-budget-bill-{args.items}.csv", synthetic=True,
            )  # fmt: skip
        seconds, cpu_seconds = time.perf_counter() - mark, time.process_time() - cpu
        mark = time.perf_counter()
        provinces = rollups_refresh(
            cycle_id=2570,
            area_codes=set(SupplyItem.objects.values_list("province_code", flat=True)) - {""},
        )
        rollup_seconds = time.perf_counter() - mark
        mark = time.perf_counter()
        again = import_supply(data, cycle_year=2570, source="budget-act", synthetic=True)
        reimport = time.perf_counter() - mark
        result = {
            "database": args.database,
            "items": report["rows"],
            "synthetic": True,
            "demand_needs": len(demand),
            "seconds": round(seconds, 1),
            "cpu_seconds": round(cpu_seconds, 1),
            "load_average_1min": round(os.getloadavg()[0], 1),
            "items_per_second": round(report["rows"] / seconds),
            "phases_seconds": report["seconds"],
            "located": report["located"],
            "proposed": report["proposed"],
            "unmatched": report["unmatched"],
            "rollup_refresh_seconds": round(rollup_seconds, 1),
            "rollup_provinces": len(provinces),
            "reimport_seconds": round(reimport, 1),
            "reimport_created": again["created"],
            "preparation_seconds": round(preparation, 1),
            "peak_memory_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            "stored": SupplyItem.objects.count(),
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
        print(json.dumps(result, ensure_ascii=False, indent=2))
    finally:
        _drop(name)


if __name__ == "__main__":
    main()
