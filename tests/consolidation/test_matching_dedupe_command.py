"""``planlink dedupe pairs FILE.csv --json``: the contract's keys plus relation and facets."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def _csv(tmp_path, rows, header=("a", "b")):
    path = tmp_path / "pairs.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_json_lines_keep_a_b_same_score_and_add_relation_and_facets(tmp_path):
    path = _csv(
        tmp_path,
        [
            ("ก่อสร้างถนน คสล. หมู่ที่ 3", "ก่อสร้างถนน คสล. หมู่ที่ 7"),
            ("ปรับปรุงระบบประปาหมู่บ้าน จ\u0e4d\u0e32นวน 1 แห่ง", "ปรับปรุงระบบประปาหมู่บ้าน จำนวน 1 แห่ง"),
            ("ขุดลอกคลองห้วยทราย", "ก่อสร้างฝายน้ำล้น คสล. คลองห้วยทราย"),
        ],
    )
    out = io.StringIO()
    call_command("dedupe", "pairs", str(path), "--json", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [row["relation"] for row in rows] == ["shared_need", "duplicate", "different"]
    assert [row["same"] for row in rows] == [False, True, False]
    for row in rows:
        assert {"a", "b", "same", "score", "relation", "facets", "reason_th"} <= set(row)
        assert 0.0 <= row["score"] <= 1.0
        assert {"action", "object", "place"} <= set(row["facets"])
    assert rows[0]["facets"]["place"]["village"] == "different"
    assert rows[2]["facets"]["action"] == [["dredge"], ["build"]]


def test_a_file_without_columns_a_and_b_is_refused_in_thai_and_english(tmp_path):
    path = _csv(tmp_path, [("x", "y")], header=("first", "second"))
    with pytest.raises(CommandError, match="คอลัมน์ a และ b / the CSV needs columns a and b"):
        call_command("dedupe", "pairs", str(path))
    with pytest.raises(CommandError, match="file not found"):
        call_command("dedupe", "pairs", str(tmp_path / "missing.csv"))
