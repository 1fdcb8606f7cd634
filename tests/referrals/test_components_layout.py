"""How a merged project's sources fall into places (``referrals.components.layout``)."""

from decimal import Decimal

from planlink.referrals.components import layout, place_of


def source(pk, project, title, scope, budget, households=10, priority=1, villages=1):
    return {
        "pk": pk,
        "project_id": project,
        "project__title": title,
        "project__plan__scope_code": scope,
        "project__budget": Decimal(budget),
        "project__households": households,
        "project__priority": priority,
        "project__villages_count": villages,
    }


def test_a_segment_is_part_of_the_place():
    assert place_of("ก่อสร้างถนน คสล. ช่วงที่ 2 หมู่ที่ 3", "24010103") == (
        "24010103|ช่วง 2",
        "ช่วง 2",
    )
    assert place_of("ก่อสร้างถนน คสล. หมู่ที่ 3", "24010103") == ("24010103", "")


def test_duplicates_share_a_place_and_other_villages_are_other_places():
    plan = layout(
        [
            [
                source(1, 11, "ก่อสร้างถนน คสล. หมู่ที่ 3", "24010103", "800000"),
                source(2, 12, "ถนนคอนกรีตเสริมเหล็ก ม.3", "24010103", "200000", priority=2),
            ],
            [source(3, 13, "ก่อสร้างถนน คสล. หมู่ที่ 7", "24010107", "500000")],
        ],
        {},
    )
    assert plan.is_shared_need
    assert plan.duplicates == 1
    assert [(p.key, p.budget, p.households, p.referrals) for p in plan.places] == [
        ("24010103", Decimal("1000000"), 20, [1, 2]),
        ("24010107", Decimal("500000"), 10, [3]),
    ]


def test_a_grouped_source_brings_its_places_and_its_duplicates_are_not_counted_again():
    inherited = {
        21: [
            {"key": "24010103", "area_id": "24010103", "place_th": "", "title": "ถนน หมู่ 3",
             "budget": Decimal("1000000"), "households": 150, "sources_count": 2},
            {"key": "24010107", "area_id": "24010107", "place_th": "", "title": "ถนน หมู่ 7",
             "budget": Decimal("500000"), "households": 75, "sources_count": 1},
        ]
    }  # fmt: skip
    programme = source(5, 21, "ก่อสร้างถนน คสล. (รวม 2 หมู่บ้าน)", "240101", "1500000", villages=2)
    plan = layout([[programme]], inherited)
    assert plan.duplicates == 0
    assert [(p.key, p.sources_count) for p in plan.places] == [("24010103", 2), ("24010107", 1)]
    # A second place-less proposal of the same tambon's road is one more place, not a merge.
    again = source(6, 22, "ก่อสร้างถนน คสล.", "240101", "100000")
    plan = layout([[programme, again]], inherited)
    assert [p.key for p in plan.places] == ["240101", "24010103", "24010107"]
