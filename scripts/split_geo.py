"""Prepare PlanLink's map shapes (ขอบเขตพื้นที่) for the web app.

Reads the three boundary files prepared in ``shared/data`` (provinces จังหวัด, districts
อำเภอ/เขต, subdistricts ตำบล/แขวง; see ``planlink/web/static/geo/SOURCES.md`` for provenance)
and writes into ``planlink/web/static/geo/``:

* ``provinces.geojson``, ``districts.geojson``, ``tambons.geojson`` — the whole country, with
  only the properties a choropleth needs (codes and names);
* ``districts/<CC>.geojson`` and ``tambons/<CC>.geojson`` — one file per province, so a
  province page downloads tens of kilobytes rather than the 3 MB national tambon file;
* ``index.json`` — a list of the files written, their feature counts and sizes.

Every feature gets a uniform ``code`` property (the DOPA code at its level) as well as the
parent codes, so ``planlink.js`` can join values ``{code: number}`` without knowing the level.

Pure standard library; run once when the shared data change:

    .venv/bin/python scripts/split_geo.py [--source /work/shared/data]

This is a build step, not run-time code: the app only serves the files written here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = Path("/work/shared/data")
DEFAULT_TARGET = REPOSITORY_ROOT / "planlink" / "web" / "static" / "geo"

ATTRIBUTION = (
    "Boundaries: OCHA HDX COD-AB Thailand (Royal Thai Survey Department, 2019; CC BY-IGO) "
    "via piyayut-ch/mapthai (MIT). Names and codes: GeoThai data 2026.10.23 (CC BY 4.0). "
    "Simplified shapes for choropleths, not for measurement."
)

# level name -> (source file, code property in the source, properties kept, output stem)
LEVELS: dict[str, tuple[str, str, tuple[str, ...], str]] = {
    "province": (
        "th_provinces_boundaries.geojson",
        "province_code",
        ("province_code", "name_th", "name_en", "region6_en"),
        "provinces",
    ),
    "district": (
        "th_districts_boundaries.geojson",
        "district_code",
        ("district_code", "province_code", "name_th", "name_en"),
        "districts",
    ),
    "tambon": (
        "th_subdistricts_boundaries.geojson",
        "subdistrict_code",
        (
            "subdistrict_code",
            "district_code",
            "province_code",
            "name_th",
            "name_en",
            "in_current_dopa_list",
        ),
        "tambons",
    ),
}


def slim_feature(feature: dict[str, Any], code_property: str, kept: tuple[str, ...]) -> dict:
    """Return the feature with ``code`` first and only the kept properties (geometry as is)."""
    properties = feature["properties"]
    code = properties[code_property]
    if not isinstance(code, str) or not code.isdigit():
        raise ValueError(f"{code_property} must be a digit string, got {code!r}")
    slim = {"code": code}
    slim.update({name: properties.get(name) for name in kept})
    return {"type": "Feature", "properties": slim, "geometry": feature["geometry"]}


def feature_collection(name: str, features: list[dict], source_metadata: dict) -> dict:
    """Wrap features in a FeatureCollection carrying provenance as a foreign member."""
    return {
        "type": "FeatureCollection",
        "name": name,
        "metadata": {
            "attribution": ATTRIBUTION,
            "source": source_metadata.get("source", ""),
            "crs": source_metadata.get("crs", "EPSG:4326"),
            "codes": "DOPA codes; `code` is the code at this level",
            "generated_by": "scripts/split_geo.py",
        },
        "features": features,
    }


def write_json(path: Path, document: dict) -> int:
    """Write compact UTF-8 JSON (Thai kept readable) and return its size in bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    data = (text + "\n").encode("utf-8")
    path.write_bytes(data)
    return len(data)


def split_level(level: str, source_directory: Path, target_directory: Path) -> list[dict[str, Any]]:
    """Write the national file for one level and, below province level, one file per province.

    Returns index rows ``{"path", "level", "province_code", "features", "bytes"}``.
    """
    file_name, code_property, kept, stem = LEVELS[level]
    source = json.loads((source_directory / file_name).read_text(encoding="utf-8"))
    features = [slim_feature(feature, code_property, kept) for feature in source["features"]]
    features.sort(key=lambda feature: feature["properties"]["code"])
    codes = [feature["properties"]["code"] for feature in features]
    if len(set(codes)) != len(codes):
        raise ValueError(f"duplicate codes in {file_name}")

    metadata = source.get("metadata", {})
    rows = []
    size = write_json(
        target_directory / f"{stem}.geojson", feature_collection(stem, features, metadata)
    )
    rows.append(
        {
            "path": f"{stem}.geojson",
            "level": level,
            "province_code": None,
            "features": len(features),
            "bytes": size,
        }
    )
    if level == "province":
        return rows

    by_province: dict[str, list[dict]] = defaultdict(list)
    for feature in features:
        province_code = feature["properties"]["province_code"]
        if not feature["properties"]["code"].startswith(province_code):
            raise ValueError(f"{feature['properties']['code']} is not inside {province_code}")
        by_province[province_code].append(feature)

    province_directory = target_directory / stem
    if province_directory.exists():
        for old_file in province_directory.glob("*.geojson"):
            old_file.unlink()
    for province_code in sorted(by_province):
        province_features = by_province[province_code]
        relative = f"{stem}/{province_code}.geojson"
        size = write_json(
            target_directory / relative,
            feature_collection(f"{stem}_{province_code}", province_features, metadata),
        )
        rows.append(
            {
                "path": relative,
                "level": level,
                "province_code": province_code,
                "features": len(province_features),
                "bytes": size,
            }
        )
    if sum(row["features"] for row in rows[1:]) != len(features):
        raise AssertionError(f"per-province {stem} files lost features")
    return rows


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the process exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--target", type=Path, default=DEFAULT_TARGET)
    arguments = parser.parse_args(argv)

    rows: list[dict[str, Any]] = []
    for level in LEVELS:
        rows.extend(split_level(level, arguments.source, arguments.target))
    write_json(
        arguments.target / "index.json",
        {"attribution": ATTRIBUTION, "generated_by": "scripts/split_geo.py", "files": rows},
    )
    national = [row for row in rows if row["province_code"] is None]
    largest = max(
        (row for row in rows if row["province_code"] is not None), key=lambda row: row["bytes"]
    )
    for row in national:
        sys.stdout.write(f"{row['path']}: {row['features']} features, {row['bytes']} bytes\n")
    sys.stdout.write(
        f"{len(rows) - len(national)} per-province files; largest {largest['path']} "
        f"({largest['bytes']} bytes)\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
