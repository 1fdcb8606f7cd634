"""``planlink revisions list|show --plan ID [--revision N] --json`` reads what the API reads:
the same revisions, the same keys and values; ``--user`` applies that person's access (another
province's officer is told the plan is not found); it writes nothing (synthetic LAO plan)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from planlink.audit.models import AuditEntry
from tests.revisions.conftest import snapshot
from tests.revisions.test_api_revisions import call, revision_body

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("revisions", *args, stdout=out)
    return out.getvalue()


def test_list_and_show_print_what_the_api_returns(plan, people, client):
    created = call(
        client, people["lao"], "post", f"/plans/{plan.pk}/revisions", revision_body(plan)
    )
    assert created.status_code == 201, created.content
    revision_id = created.json()["id"]
    before = snapshot(plan)
    audit = AuditEntry.objects.count()

    listed = json.loads(run("list", "--plan", str(plan.pk), "--json"))
    api_list = call(client, people["district"], "get", f"/plans/{plan.pk}/revisions").json()
    assert listed == api_list
    assert [row["label"] for row in listed] == ["เพิ่มเติม ครั้งที่ 5/2567"]

    shown = json.loads(
        run("show", "--plan", str(plan.pk), "--revision", str(revision_id), "--json", "--user",
            "district-2401")
    )  # fmt: skip
    api_one = call(client, people["lao"], "get", f"/plans/{plan.pk}/revisions/{revision_id}")
    assert shown == api_one.json()
    assert shown["approval_th"].startswith("อนุมัติโดย นายสมชาย ใจดี")
    assert {item["action"] for item in shown["items"]} == {"add", "change", "move", "withdraw"}

    text = run("show", "--plan", str(plan.pk), "--revision", str(revision_id))
    assert "เพิ่มเติม ครั้งที่ 5/2567" in text
    assert "อนุมัติโดย นายสมชาย ใจดี" in text
    assert snapshot(plan) == before  # read-only
    assert AuditEntry.objects.count() == audit


def test_another_province_and_an_unknown_revision_are_refused(plan, people, client):
    created = call(
        client, people["lao"], "post", f"/plans/{plan.pk}/revisions", revision_body(plan)
    )
    revision_id = created.json()["id"]
    with pytest.raises(CommandError, match="ไม่พบ"):
        run("list", "--plan", str(plan.pk), "--json", "--user", "province-50")
    with pytest.raises(CommandError, match="ไม่พบ"):
        run("show", "--plan", str(plan.pk), "--revision", str(revision_id + 99), "--json")
    with pytest.raises(CommandError, match="ไม่พบแผน"):
        run("list", "--plan", "999999", "--json")
    assert json.loads(run("list", "--plan", str(plan.pk), "--json", "--user", "province-24"))
