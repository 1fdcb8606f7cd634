"""``planlink serve`` migrates, loads the areas into an empty database, then the demo."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from planlink.web.management.commands import serve

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(monkeypatch):
    calls: list[tuple] = []
    monkeypatch.setattr(serve, "call_command", lambda *args, **kwargs: calls.append(args))
    return calls


def run(**options) -> str:
    out = io.StringIO()
    call_command("serve", "--prepare-only", stdout=out, **options)
    return out.getvalue()


def test_an_empty_database_gets_the_areas_and_the_demo(recorded, monkeypatch):
    monkeypatch.setattr(serve, "has_areas", lambda: False)
    monkeypatch.setattr(serve, "get_commands", lambda: {"demo": "planlink.demo"})
    output = run()
    assert recorded == [("migrate",), ("areas", "load"), ("demo",)]
    assert "ข้อมูลสาธิต" in output


def test_without_the_demo_command_it_says_so_and_still_starts(recorded, monkeypatch):
    monkeypatch.setattr(serve, "has_areas", lambda: False)
    monkeypatch.setattr(serve, "get_commands", lambda: {})
    output = run()
    assert recorded == [("migrate",), ("areas", "load")]
    assert "the 'demo' command is not installed" in output


def test_a_database_with_areas_and_plans_is_left_alone(recorded, people, monkeypatch):
    from planlink.plans.models import PlanKind
    from tests.factories import area_plan

    area_plan(PlanKind.VILLAGE, "24010101")
    monkeypatch.setattr(serve, "get_commands", lambda: {"demo": "planlink.demo"})
    run()
    assert recorded == [("migrate",)]


def test_production_never_loads_the_demo(recorded, monkeypatch, settings):
    settings.PRODUCTION = True
    monkeypatch.setattr(serve, "has_areas", lambda: True)
    monkeypatch.setattr(serve, "get_commands", lambda: {"demo": "planlink.demo"})
    run()
    assert recorded == [("migrate",), ("collectstatic",)]
