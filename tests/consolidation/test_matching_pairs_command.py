"""What ``planlink dedupe pairs FILE.csv --json`` prints, built on the engine's own matcher."""

from __future__ import annotations

import csv

from planlink.consolidation.evaluation import match_title_pairs, read_title_pairs


def test_each_row_of_a_two_column_csv_gets_same_and_score(tmp_path):
    path = tmp_path / "pairs.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["a", "b"])
        writer.writerow(["ก่อสร้างถนน คสล. หมู่ที่ ๕", "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 5"])
        writer.writerow(["ซ่อมแซมถนนลูกรัง", "ก่อสร้างถนนลูกรัง"])
    rows = match_title_pairs(read_title_pairs(path))
    assert [row["same"] for row in rows] == [True, False]
    first = rows[0]
    assert {key: first[key] for key in ("a", "b", "same")} == {
        "a": "ก่อสร้างถนน คสล. หมู่ที่ ๕",
        "b": "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 5",
        "same": True,
    }
    assert first["score"] >= 0.9
    assert first["relation"] == "duplicate"
    assert first["facets"]["place"]["village"] == "same"
    assert first["facets"]["action"] == [["build"], ["build"]]
    assert rows[1]["relation"] == "different"
    assert 0.0 <= rows[1]["score"] < 0.5


def test_the_same_road_in_another_village_is_not_same_but_a_shared_need(tmp_path):
    path = tmp_path / "pairs.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["a", "b"])
        writer.writerow(["ก่อสร้างถนน คสล. หมู่ที่ 3", "ก่อสร้างถนน คสล. หมู่ที่ 7"])
    (row,) = match_title_pairs(read_title_pairs(path))
    assert row["same"] is False
    assert row["relation"] == "shared_need"
    assert row["facets"]["place"]["village"] == "different"
    assert row["facets"]["places_a"] == {"village_no": [3]}
