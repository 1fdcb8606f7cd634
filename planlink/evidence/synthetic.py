"""The mark of a synthetic household file (ข้อมูลสังเคราะห์), read by the survey import.

The simulation writes synthetic จปฐ. files (``planlink.simulation.households``) with the
Parquet key-value metadata ``planlink_synthetic=true``; the import reads the mark here and
labels the import, its aggregates and every screen that shows them synthetic.
"""

from __future__ import annotations

from pathlib import Path

from planlink.evidence.ingest.sources import connect

SYNTHETIC_METADATA_KEY = "planlink_synthetic"


def is_synthetic_parquet(path: Path) -> bool:
    """True when a Parquet file carries ``planlink_synthetic=true`` (as the simulation writes it)."""
    if path.suffix.lower() not in {".parquet", ".pq"}:
        return False
    connection = connect()
    try:
        rows = connection.execute(
            "SELECT key::VARCHAR, value::VARCHAR FROM parquet_kv_metadata(?)", [str(path)]
        ).fetchall()
    except Exception:  # noqa: BLE001 - an unreadable file is reported by the importer instead
        return False
    finally:
        connection.close()
    return (SYNTHETIC_METADATA_KEY, "true") in rows
