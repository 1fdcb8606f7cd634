"""The restore drill of docs/deployment.md (issue 14, item 8), run as an operator would.

Embedded SQLite: ``planlink backup FILE`` while another process keeps writing (the copy is one
consistent snapshot), change the data, ``planlink restore FILE``, the data is back; a backup
from another schema version is refused and changes nothing.
PostgreSQL: ``pg_dump --format=custom`` / ``pg_restore --clean --if-exists`` with the same
check (skipped when no server answers on 127.0.0.1:5432).
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest

from tests.deployment.conftest import planlink, production_environment

USERS = (
    "import json; from django.contrib.auth import get_user_model; "
    "print(json.dumps(sorted(get_user_model().objects.values_list('username', flat=True))))"
)


def usernames(environment: dict[str, str]) -> list[str]:
    import json

    output = planlink(environment, "shell", "-c", USERS).stdout
    return json.loads(output.strip().splitlines()[-1])


def add_user(environment: dict[str, str], username: str) -> None:
    script = (
        "from django.contrib.auth import get_user_model; "
        f"get_user_model().objects.create_user('{username}', password='รหัสผ่าน-ยาว-2570')"
    )
    planlink(environment, "shell", "-c", script)


@pytest.fixture
def embedded(tmp_path) -> dict[str, str]:
    environment = production_environment(tmp_path / "data")
    planlink(environment, "migrate", "--noinput", "-v", "0")
    add_user(environment, "somchai")
    return environment


def test_backup_change_restore_brings_the_data_back(embedded, tmp_path):
    backup = tmp_path / "backups" / "planlink-2569-12-06.sqlite3"
    made = planlink(embedded, "backup", str(backup))
    assert "backed up to" in made.stdout
    assert backup.is_file()

    add_user(embedded, "intruder")
    planlink(
        embedded,
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; "
        "get_user_model().objects.filter(username='somchai').delete()",
    )
    assert usernames(embedded) == ["intruder"]

    restored = planlink(embedded, "restore", str(backup))
    assert "restored" in restored.stdout
    assert usernames(embedded) == ["somchai"]
    # The database it replaced is kept, in case the wrong file was restored.
    safety = list((Path(embedded["PLANLINK_DATA_DIR"]) / "backups").glob("before-restore-*"))
    assert len(safety) == 1


def test_a_backup_taken_while_the_app_writes_is_consistent(embedded, tmp_path):
    writer_script = (
        "import time\n"
        "from django.contrib.auth import get_user_model\n"
        "User = get_user_model()\n"
        "deadline = time.monotonic() + 20\n"
        "number = 0\n"
        "while time.monotonic() < deadline:\n"
        "    number += 1\n"
        "    User.objects.create(username=f'writer{number}')\n"
    )
    writer = threading.Thread(target=planlink, args=(embedded, "shell", "-c", writer_script))
    writer.start()
    time.sleep(6)  # the writer is running
    backup = tmp_path / "during-writes.sqlite3"
    planlink(embedded, "backup", str(backup))
    writer.join()
    with sqlite3.connect(backup) as copy:
        # Django's CHECK constraints use REGEXP, a function Django gives each connection.
        copy.create_function(
            "REGEXP",
            2,
            lambda pattern, text: text is not None and re.search(pattern, text) is not None,
        )
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        written = copy.execute(
            "SELECT count(*) FROM auth_user WHERE username LIKE 'writer%'"
        ).fetchone()[0]
    assert written > 0  # taken mid-stream, yet sound


def test_a_backup_from_another_schema_version_is_refused_and_changes_nothing(embedded, tmp_path):
    backup = tmp_path / "old.sqlite3"
    planlink(embedded, "backup", str(backup))
    other_version = tmp_path / "from-another-release.sqlite3"
    shutil.copy(backup, other_version)
    with sqlite3.connect(other_version) as copy:
        copy.execute(
            "INSERT INTO django_migrations (app, name, applied) "
            "VALUES ('plans', '9999_from_the_future', '2027-01-01')"
        )
        copy.execute("DELETE FROM django_migrations WHERE app = 'jobs'")
    add_user(embedded, "kept")

    refused = planlink(embedded, "restore", str(other_version), check=False)
    assert refused.returncode != 0
    assert "โครงสร้างฐานข้อมูลรุ่นอื่น" in refused.stderr
    assert "plans.9999_from_the_future" in refused.stderr
    assert usernames(embedded) == ["kept", "somchai"]


def test_a_file_that_is_not_a_database_is_refused(embedded, tmp_path):
    junk = tmp_path / "notes.sqlite3"
    junk.write_text("ไม่ใช่ฐานข้อมูล", encoding="utf-8")
    refused = planlink(embedded, "restore", str(junk), check=False)
    assert refused.returncode != 0
    assert "SQLite" in refused.stderr


def postgres_ready() -> bool:
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        return False
    try:
        import psycopg

        psycopg.connect(
            "host=127.0.0.1 port=5432 user=postgres dbname=postgres", connect_timeout=3
        ).close()
    except Exception:  # noqa: BLE001 - no server: the drill is skipped
        return False
    return True


@pytest.mark.skipif(not postgres_ready(), reason="no PostgreSQL on 127.0.0.1:5432")
def test_the_postgresql_drill_with_pg_dump_and_pg_restore(tmp_path):
    import psycopg

    name = f"pl_h4_drill_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(
        "host=127.0.0.1 port=5432 user=postgres dbname=postgres", autocommit=True
    )
    admin.execute(f'CREATE DATABASE "{name}"')
    url = f"postgres://postgres@127.0.0.1:5432/{name}"
    environment = production_environment(tmp_path / "data", DATABASE_URL=url)
    try:
        planlink(environment, "migrate", "--noinput", "-v", "0")
        add_user(environment, "somchai")
        dump = tmp_path / "planlink.dump"
        # The commands of docs/deployment.md, "PostgreSQL".
        subprocess.run(
            ["pg_dump", "--format=custom", f"--file={dump}", url], check=True, timeout=300
        )
        add_user(environment, "intruder")
        assert usernames(environment) == ["intruder", "somchai"]
        subprocess.run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", f"--dbname={url}", str(dump)],
            check=True,
            timeout=300,
        )
        assert usernames(environment) == ["somchai"]
        assert "No migrations to apply" in planlink(environment, "migrate", "--noinput").stdout
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
