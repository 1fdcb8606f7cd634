"""``planlink tokens create|list|revoke``."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from planlink.accounts.models import ApiToken
from planlink.accounts.tokens import token_hash, token_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("tokens", *args, stdout=out)
    return out.getvalue()


def test_create_prints_the_token_once_and_stores_only_its_hash():
    user = UserFactory(username="somchai")
    output = run("create", "--user", "somchai", "--name", "สคริปต์รายงานอำเภอ", "--json")
    created = json.loads(output)
    stored = ApiToken.objects.get(pk=created["id"])
    assert stored.key_hash == token_hash(created["token"])
    assert stored.name == "สคริปต์รายงานอำเภอ"
    assert token_user(created["token"]) == user


def test_list_never_shows_the_token():
    UserFactory(username="somchai")
    raw = json.loads(run("create", "--user", "somchai", "--json"))["token"]
    listing = run("list", "--json")
    assert raw not in listing
    rows = json.loads(listing)
    assert [(row["user"], row["prefix"], row["revoked"]) for row in rows] == [
        ("somchai", raw[:10], False)
    ]


def test_revoke_by_id_turns_the_token_off():
    UserFactory(username="somchai")
    created = json.loads(run("create", "--user", "somchai", "--json"))
    output = run("revoke", str(created["id"]))
    assert "ยกเลิกโทเค็น" in output
    assert token_user(created["token"]) is None
    assert json.loads(run("list", "--json"))[0]["revoked"] is True


def test_revoking_twice_says_so():
    UserFactory(username="somchai")
    created = json.loads(run("create", "--user", "somchai", "--json"))
    run("revoke", str(created["id"]))
    with pytest.raises(CommandError, match="โทเค็นนี้ถูกยกเลิกแล้ว"):
        run("revoke", str(created["id"]))


def test_create_for_an_unknown_user_is_refused_and_creates_nothing():
    with pytest.raises(CommandError, match="ไม่พบผู้ใช้ 'nobody'"):
        run("create", "--user", "nobody")
    assert ApiToken.objects.count() == 0
