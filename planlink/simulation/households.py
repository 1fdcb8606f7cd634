"""Synthetic จปฐ. household files for demos and the benchmark (ข้อมูลสังเคราะห์).

Everything here is invented. The failure rates below are PlanLink's own
plausible guesses, NOT published จปฐ. results: most indicators fail for a few
per cent of households, a handful (drinking, smoking, saving, income) fail
more often. Rates vary by area: every province, district, tambon and village
gets a deterministic factor (shared across indicators, so a poorer area
fails more things) times a factor per indicator.

The file is written by DuckDB ``COPY (SELECT … FROM range(N))``: chunked and
streaming, so 12 million households need a few hundred MB, whatever N is.
Parquet files carry the key-value metadata ``planlink_synthetic=true``, which the survey
import reads (``planlink.evidence.synthetic.is_synthetic_parquet``) to mark the import synthetic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from planlink.evidence.ingest.sources import connect, quote_identifier, quote_literal
from planlink.evidence.synthetic import SYNTHETIC_METADATA_KEY


@dataclass(frozen=True)
class IndicatorProfile:
    """Invented national failure rate, and share of households the indicator applies to."""

    failure_rate: float
    applicable_share: float = 1.0


# Keyed by indicator number in the จปฐ. 2560-2564 set (JPT60-NN). INVENTED FIGURES.
JPT60_PROFILES: dict[int, IndicatorProfile] = {
    1: IndicatorProfile(0.020, 0.03),  # newborn weight (only households with a newborn)
    2: IndicatorProfile(0.060, 0.03),  # exclusive breastfeeding
    3: IndicatorProfile(0.010, 0.15),  # vaccinations of children 0-12
    4: IndicatorProfile(0.015),
    5: IndicatorProfile(0.020),
    6: IndicatorProfile(0.030),
    7: IndicatorProfile(0.060),  # exercise
    8: IndicatorProfile(0.020),
    9: IndicatorProfile(0.020),
    10: IndicatorProfile(0.025),
    11: IndicatorProfile(0.015),
    12: IndicatorProfile(0.030),
    13: IndicatorProfile(0.020),
    14: IndicatorProfile(0.015),
    15: IndicatorProfile(0.010, 0.08),
    16: IndicatorProfile(0.005, 0.25),
    17: IndicatorProfile(0.030, 0.05),
    18: IndicatorProfile(0.080, 0.04),
    19: IndicatorProfile(0.010, 0.90),
    20: IndicatorProfile(0.020, 0.90),
    21: IndicatorProfile(0.080, 0.35),
    22: IndicatorProfile(0.040),  # income >= 38,000 baht/person/year
    23: IndicatorProfile(0.080),  # saving
    24: IndicatorProfile(0.150),  # no alcohol
    25: IndicatorProfile(0.120),  # no smoking
    26: IndicatorProfile(0.030),
    27: IndicatorProfile(0.010, 0.35),
    28: IndicatorProfile(0.010, 0.05),
    29: IndicatorProfile(0.010, 0.20),
    30: IndicatorProfile(0.040),
    31: IndicatorProfile(0.030),
}
DEFAULT_PROFILE = IndicatorProfile(0.04)

# Spread (in log space) of the area factors: exp(spread * (u - 0.5)), u uniform in [0, 1).
LEVEL_SPREAD = {2: 1.2, 4: 0.8, 6: 0.6, 8: 1.0}
MAXIMUM_RATE = 0.9


def profile_for(indicator_code: str) -> IndicatorProfile:
    """The invented profile for a JPT60 indicator, or a default for other sets."""
    prefix, _, number = indicator_code.rpartition("-")
    if prefix == "JPT60" and number.isdigit():
        return JPT60_PROFILES.get(int(number), DEFAULT_PROFILE)
    return DEFAULT_PROFILE


def _uniform(*parts: str) -> str:
    """SQL for a deterministic pseudo-random number in [0, 1) from the hash of ``parts``."""
    return f"((hash({', '.join(parts)}) % 1000003) / 1000003.0)"


def _area_factor(index: int, seed: int) -> str:
    factors = []
    for length, spread in LEVEL_SPREAD.items():
        prefix = f"substr(village_code, 1, {length})"
        common = _uniform(prefix, str(seed))
        specific = _uniform(prefix, str(index), str(seed))
        factors.append(f"exp({spread / 2} * (({common} - 0.5) + ({specific} - 0.5)))")
    return " * ".join(factors)


def write_synthetic_households(
    path: Path,
    *,
    households: int,
    village_codes: Sequence[str],
    indicator_codes: Sequence[str],
    seed: int = 2567,
    area_seed: int | None = None,
    rate_factor: float = 1.0,
    file_format: str | None = None,
    memory_limit: str | None = "1GB",
) -> dict[str, object]:
    """Write ``households`` synthetic households over ``village_codes`` to CSV or Parquet.

    ``seed`` drives the household draws; ``area_seed`` (default: ``seed``) the
    area factors, so two years generated with the same ``area_seed`` keep the
    same poorer and better-off areas. ``rate_factor`` scales every failure rate
    (e.g. a yearly improvement). Village sizes vary (about 0.5x to 1.5x the
    mean). The same arguments give the same file. Returns what was written.
    """
    if households < 0 or not village_codes:
        raise ValueError("households must be >= 0 and village_codes must not be empty")
    chosen = file_format or ("parquet" if path.suffix.lower() in {".parquet", ".pq"} else "csv")
    if chosen not in {"csv", "parquet"}:
        raise ValueError(f"unknown format {chosen!r}: use csv or parquet")
    connection = connect(memory_limit=memory_limit)
    try:
        connection.register(
            "village_input",
            pa.table({"village_code": pa.array(list(village_codes), pa.string())}),
        )
        size = _uniform("village_code", str(seed if area_seed is None else area_seed), "'size'")
        connection.execute(
            "CREATE TEMP TABLE village_weights AS SELECT row_number() OVER (ORDER BY village_code) "
            f"AS position, village_code, 0.5 + {size} AS weight "
            "FROM (SELECT DISTINCT village_code FROM village_input)"
        )
        rates = []
        for index, code in enumerate(indicator_codes):
            profile = profile_for(code)
            rates.append(
                f"least({MAXIMUM_RATE}, {profile.failure_rate * rate_factor} * "
                f"{_area_factor(index, seed if area_seed is None else area_seed)}) "
                f"AS rate_{index}"
            )
        connection.execute(
            "CREATE TEMP TABLE villages AS SELECT village_code, "
            "coalesce(floor(sum(weight) OVER (ORDER BY position ROWS BETWEEN UNBOUNDED PRECEDING "
            f"AND 1 PRECEDING) / sum(weight) OVER () * {int(households)}), 0)::BIGINT AS start, "
            + ", ".join(rates)
            + " FROM village_weights"
        )
        columns = [
            "v.village_code AS village_code",
            "printf('%s%04d', v.village_code, h.i - v.start + 1) AS household_id",
            f"(1 + hash(h.i, {seed}, 'members') % 6)::INTEGER AS members",
        ]
        for index, code in enumerate(indicator_codes):
            profile = profile_for(code)
            applies = _uniform("h.i", str(index), str(seed), "'applies'")
            fails = _uniform("h.i", str(index), str(seed), "'fails'")
            columns.append(
                f"CASE WHEN {applies} < {profile.applicable_share} THEN "
                f"CASE WHEN {fails} < v.rate_{index} THEN 0 ELSE 1 END END::TINYINT "
                f"AS {quote_identifier(code)}"
            )
        query = (
            f"SELECT {', '.join(columns)} FROM range({int(households)}) h(i) "
            "ASOF JOIN villages v ON h.i >= v.start ORDER BY h.i"
        )
        if chosen == "parquet":
            options = (
                f"FORMAT parquet, KV_METADATA {{{SYNTHETIC_METADATA_KEY}: 'true', "
                f"planlink_seed: {quote_literal(str(seed))}}}"
            )
        else:
            options = "FORMAT csv, HEADER true"
        path.parent.mkdir(parents=True, exist_ok=True)
        connection.execute(f"COPY ({query}) TO {quote_literal(str(path))} ({options})")
        villages = connection.execute("SELECT count(*) FROM villages").fetchall()[0][0]
    finally:
        connection.close()
    return {"path": str(path), "format": chosen, "households": households, "villages": villages}
