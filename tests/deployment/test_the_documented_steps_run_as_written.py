"""docs/deployment.md, "Steps", followed as written (issue 14: the operator's path tested in CI).

The session fixture ``documented_run`` reads the block from the document and runs its commands
in order on a fresh data directory; ``production_server`` starts its ``planlink serve`` line.
Here: every documented variable is one the fixture sets, every command ran and succeeded
(``check --deploy`` on the still-empty directory reports nothing), and ``planlink jobs
worker`` — the second service — runs as its own process and does the work the web server
(started ``--no-worker``) queued.
"""

from __future__ import annotations

import json
import signal
import subprocess
import time

from tests.deployment.conftest import (
    COMMAND_TIMEOUT,
    PLANLINK,
    REPOSITORY,
    Browser,
    planlink,
)


def test_the_documented_variables_are_the_ones_a_production_install_sets(documented_run):
    documented = documented_run.steps.variables
    assert documented["PLANLINK_ENV"] == "production"
    assert set(documented) <= set(documented_run.environment), (
        "the test must set every variable the Steps export"
    )
    # The variables table names them too, so an operator finds what each one means.
    table = (REPOSITORY / "docs" / "deployment.md").read_text(encoding="utf-8")
    for name in documented:
        assert f"`{name.removesuffix('_FILE')}" in table, name


def test_every_documented_command_ran_in_order_and_succeeded(documented_run):
    commands = [argv[0] for argv in documented_run.steps.commands]
    assert commands[:4] == ["check", "migrate", "areas", "collectstatic"]
    assert {"serve", "jobs"} <= set(commands)
    for argv in documented_run.steps.commands:
        if argv[0] in ("serve", "jobs"):
            continue
        assert documented_run.outputs[" ".join(argv)].returncode == 0, argv
    checked = documented_run.outputs["check --deploy"]
    assert "System check identified no issues" in checked.stdout, checked.stdout + checked.stderr
    loaded = documented_run.outputs["areas load"].stdout
    assert "new" in loaded


def test_areas_load_is_safe_on_every_deploy(documented_run):
    """The comment in the Steps says so: a second run adds nothing and changes nothing."""
    again = planlink(documented_run.environment, "areas", "load")
    assert "+0 new, 0 updated" in again.stdout
    assert all(
        "+0 new, 0 updated" in line for line in again.stdout.splitlines() if "new," in line
    ), again.stdout


def test_the_job_worker_is_its_own_process_and_runs_what_the_server_queued(
    documented_run, production_server, tmp_path
):
    environment = dict(documented_run.environment)
    created = planlink(environment, "tokens", "create", "--user", "somchai", "--json")
    token = json.loads(created.stdout)["token"]
    api = Browser(production_server.port)
    bearer = {"Authorization": f"Bearer {token}"}

    queued = api.get("/api/v1/documents/projects.xlsx?background=true", headers=bearer)
    assert queued.status == 202, queued.text[:500]
    job_id = queued.json()["id"]
    # The server runs with --no-worker: nothing in it takes the job.
    assert api.get(f"/api/v1/documents/jobs/{job_id}", headers=bearer).json()["state"] == "queued"

    log = (tmp_path / "worker.log").open("w", encoding="utf-8")
    worker = subprocess.Popen(  # noqa: S603 - our own command
        [*PLANLINK, *documented_run.steps.command("jobs")],
        cwd=REPOSITORY,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + COMMAND_TIMEOUT
        state = "queued"
        while time.monotonic() < deadline and state not in ("succeeded", "failed"):
            assert worker.poll() is None, (tmp_path / "worker.log").read_text(encoding="utf-8")
            time.sleep(0.5)
            job = api.get(f"/api/v1/documents/jobs/{job_id}", headers=bearer).json()
            state = job["state"]
        assert state == "succeeded", job
        made = api.get(f"/api/v1/documents/jobs/{job_id}/file", headers=bearer)
        assert made.status == 200
        assert made.body[:2] == b"PK"  # an .xlsx (a zip)
        assert worker.pid not in production_server.children()
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            stopped = worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            worker.kill()
            stopped = worker.wait(timeout=30)
        log.close()
    assert stopped == 0, (tmp_path / "worker.log").read_text(encoding="utf-8")


def test_serve_prepare_only_succeeds_and_skips_a_second_collectstatic(documented_run):
    """`planlink serve --prepare-only` exited 1 on the documented install (the manifest was
    missing). After the Steps it succeeds, loads no demo, and does not collect again."""
    prepared = planlink(documented_run.environment, "serve", "--prepare-only")
    assert "collecting static files" not in prepared.stdout
    assert "demo" not in prepared.stdout
    assert "loading the areas" not in prepared.stdout
