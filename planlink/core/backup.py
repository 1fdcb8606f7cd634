"""Backups of the embedded SQLite database, consistent while the app runs.

``backup_sqlite`` copies the live database page by page with SQLite's online backup API
(``sqlite3.Connection.backup``): readers and writers may go on meanwhile, and the copy is one
consistent snapshot (WAL included). ``restore_sqlite`` copies a backup back the same way,
after checking it is a sound PlanLink database of *this* schema version: its applied
migrations must be exactly the migrations this code has (a backup from an older or newer
release is refused, with the difference named). The current database is saved first.

PostgreSQL is backed up with its own tools (``pg_dump``/``pg_restore``, docs/deployment.md).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from planlink.core.commands import UserFacingError


@dataclass(frozen=True)
class BackupResult:
    path: Path
    bytes: int
    migrations: int


def sqlite_database_path(alias: str = "default") -> Path:
    """The embedded database's file; a clear refusal on PostgreSQL."""
    database = settings.DATABASES[alias]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        raise UserFacingError(
            "ฐานข้อมูลนี้เป็น PostgreSQL: สำรองด้วย pg_dump และกู้คืนด้วย pg_restore (ดู docs/deployment.md)",
            "this database is PostgreSQL: use pg_dump / pg_restore (see docs/deployment.md)",
        )
    return Path(str(database["NAME"]))


def code_migrations() -> set[tuple[str, str]]:
    """Every migration this release of the code has, as ``(app, name)``."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return set(loader.disk_migrations)


def file_migrations(path: Path) -> set[tuple[str, str]]:
    """The migrations recorded as applied in a database file."""
    with _open_read_only(path) as database:
        try:
            rows = database.execute("SELECT app, name FROM django_migrations").fetchall()
        except sqlite3.DatabaseError as error:
            raise UserFacingError(
                f"ไฟล์ {path} ไม่ใช่ฐานข้อมูล PlanLink (ไม่มีตาราง django_migrations)",
                f"{path} is not a PlanLink database (no django_migrations table): {error}",
            ) from error
    return {(app, name) for app, name in rows}


def _open_read_only(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise UserFacingError(f"ไม่พบไฟล์ {path}", f"{path} does not exist")
    try:
        database = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        database.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        raise UserFacingError(
            f"ไฟล์ {path} ไม่ใช่ฐานข้อมูล SQLite", f"{path} is not an SQLite database: {error}"
        ) from error
    return database


def _check_sound(path: Path) -> None:
    with _open_read_only(path) as database:
        verdict = database.execute("PRAGMA quick_check").fetchone()[0]
    if verdict != "ok":
        raise UserFacingError(
            f"ไฟล์ {path} เสียหาย ({verdict})", f"{path} is damaged (quick_check: {verdict})"
        )


def _copy(source: Path, target: Path) -> None:
    """SQLite online backup of ``source`` into a new ``target`` (written next to it, then renamed)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    partial.unlink(missing_ok=True)
    try:
        with (
            sqlite3.connect(str(source), timeout=60) as live,
            sqlite3.connect(str(partial)) as copy,
        ):
            live.backup(
                copy
            )  # one step: a single consistent snapshot (WAL readers do not block writers)
            copy.execute("PRAGMA journal_mode=DELETE")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def backup_sqlite(target: Path) -> BackupResult:
    """Write a consistent copy of the live embedded database to ``target``."""
    source = sqlite_database_path()
    if target.resolve() == source.resolve():
        raise UserFacingError(
            "ไฟล์สำรองต้องไม่ใช่ไฟล์ฐานข้อมูลที่ใช้งานอยู่", "the backup must not be the live database"
        )
    _copy(source, target)
    _check_sound(target)
    return BackupResult(target, target.stat().st_size, len(file_migrations(target)))


def schema_difference(path: Path) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """``(missing_from_file, unknown_to_code)`` migrations; both empty when the versions match."""
    in_file = file_migrations(path)
    in_code = code_migrations()
    return in_code - in_file, in_file - in_code


def restore_sqlite(source: Path, *, safety_dir: Path | None = None) -> tuple[BackupResult, Path]:
    """Replace the live embedded database by the backup ``source``; returns (result, safety copy).

    Refused, changing nothing, when the file is not a sound SQLite database or its schema
    version differs from this code's.
    """
    target = sqlite_database_path()
    _check_sound(source)
    missing, unknown = schema_difference(source)
    if missing or unknown:
        named = sorted(f"{app}.{name}" for app, name in missing | unknown)
        shown = ", ".join(named[:8]) + (" …" if len(named) > 8 else "")
        raise UserFacingError(
            "ไฟล์สำรองนี้มาจากโครงสร้างฐานข้อมูลรุ่นอื่น กู้คืนไม่ได้ "
            f"(ไม่มีในไฟล์ {len(missing)} รายการ, ไม่รู้จัก {len(unknown)} รายการ: {shown})",
            f"the backup is from another schema version: {len(missing)} migration(s) missing "
            f"from the file, {len(unknown)} unknown to this code ({shown})",
        )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    safety = (safety_dir or target.parent / "backups") / f"before-restore-{stamp}.sqlite3"
    if target.exists():
        _copy(target, safety)
    connections.close_all()
    with (
        sqlite3.connect(str(source), timeout=60) as backup,
        sqlite3.connect(str(target), timeout=60) as live,
    ):
        backup.backup(live)
    return BackupResult(target, target.stat().st_size, len(file_migrations(target))), safety
