"""Rendering synthetic titles: seeded, varied like real villages write, and mergeable."""

from __future__ import annotations

import itertools
import random
from decimal import Decimal

from planlink.consolidation.matching import default_matcher
from planlink.consolidation.vocabulary import (
    MODES,
    PROJECT_KINDS,
    draw_budget,
    draw_mode,
    draw_quantity,
    kind_by_key,
    render_objective,
    render_rationale,
    render_title,
    to_thai_digits,
)

VILLAGES = [
    f"หมู่ที่ {number} บ้าน{name}"
    for number, name in enumerate(["หนองบัว", "โนนสะอาด", "ดอนแดง", "นาคำ", "โคกกลาง", "ป่าตาล"], 1)
]


def test_the_same_seed_renders_the_same_title():
    kind = kind_by_key("road_concrete")
    first = [render_title(kind, random.Random(42), village) for village in VILLAGES]
    second = [render_title(kind, random.Random(42), village) for village in VILLAGES]
    assert first == second


def test_villages_phrase_one_kind_in_several_ways():
    kind = kind_by_key("road_concrete")
    rng = random.Random(3)
    titles = [render_title(kind, rng, "หมู่ที่ 5 บ้านหนองบัว") for _ in range(200)]
    assert any(title.startswith("โครงการ") for title in titles)
    assert any(not title.startswith(("โครงการ", "ขอรับ")) for title in titles)
    assert any("คสล." in title for title in titles)
    assert any("๕" in title for title in titles)
    assert any("ม.5" in title for title in titles)
    assert len(set(titles)) >= 20


def test_rendered_titles_of_one_kind_are_mostly_judged_the_same_need_place_aside():
    rng = random.Random(11)
    matcher = default_matcher()
    rendered = {kind.key: [render_title(kind, rng, v) for v in VILLAGES] for kind in PROJECT_KINDS}
    within = [
        matcher.relation(a, b).same_need
        for titles in rendered.values()
        for a, b in itertools.combinations(titles, 2)
    ]
    across = [
        matcher.relation(a, b).same_need
        for first, second in itertools.combinations(rendered, 2)
        for a in rendered[first][:2]
        for b in rendered[second][:2]
    ]
    assert sum(within) / len(within) >= 0.90
    assert sum(across) / len(across) <= 0.005


def test_quantities_and_budgets_stay_in_range_and_are_rounded_baht():
    rng = random.Random(5)
    for kind in PROJECT_KINDS:
        quantity = draw_quantity(kind, rng)
        budget = draw_budget(kind, rng, quantity)
        assert kind.quantity_range[0] <= quantity <= kind.quantity_range[1]
        assert isinstance(budget, Decimal)
        assert kind.budget_range[0] <= budget <= kind.budget_range[1]
        assert budget % 100 == 0


def test_a_larger_quantity_costs_more_on_average():
    kind = kind_by_key("road_concrete")
    rng = random.Random(9)
    short = sum(draw_budget(kind, rng, 100) for _ in range(50))
    long = sum(draw_budget(kind, rng, 800) for _ in range(50))
    assert long > short * 3


def test_modes_follow_the_weights():
    rng = random.Random(1)
    agency_kind = kind_by_key("concrete_weir")  # 0 self / 1 joint / 9 support
    modes = [draw_mode(agency_kind, rng) for _ in range(300)]
    assert set(modes) <= set(MODES)
    assert "self" not in modes
    assert modes.count("support") > modes.count("joint") * 4


def test_rationale_names_the_village_and_objective_starts_with_เพื่อ():
    kind = kind_by_key("pond_dredging")
    text = render_rationale(kind, random.Random(2), "หมู่ที่ 4 บ้านนาคำ")
    assert text == "หนองน้ำสาธารณะของหมู่ที่ 4 บ้านนาคำตื้นเขิน เก็บน้ำได้น้อย ขาดแคลนน้ำในฤดูแล้ง"
    assert render_objective(kind) == "เพื่อเพิ่มปริมาณการกักเก็บน้ำไว้ใช้ในฤดูแล้ง"


def test_thai_digits_are_written_with_thai_numerals():
    assert to_thai_digits("หมู่ที่ 12 ยาว 1,500 เมตร") == "หมู่ที่ ๑๒ ยาว ๑,๕๐๐ เมตร"
