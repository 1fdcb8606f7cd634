"""``planlink rollups rebuild`` commits province by province and a stopped rebuild resumes
where it stopped; ``--fresh`` starts over."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from planlink.rollups.models import AreaCount, RebuildRun
from planlink.rollups.services import rollups_rebuild
from tests.rollups.world import a_year

pytestmark = pytest.mark.django_db


def test_a_rebuild_stopped_after_one_province_does_only_the_rest(reference_data, monkeypatch):
    year = a_year()
    AreaCount.objects.all().delete()
    import planlink.rollups.services as services

    done = []
    real = services.refresh_province

    def stop_after_one(cycle_id: int, province: str) -> None:
        if done:
            raise KeyboardInterrupt  # the operator pressed Ctrl+C
        real(cycle_id, province)
        done.append(province)

    monkeypatch.setattr(services, "refresh_province", stop_after_one)
    with pytest.raises(KeyboardInterrupt):
        rollups_rebuild(cycle_id=year.pk)
    run = RebuildRun.objects.get()
    assert run.done == ["83"]
    assert run.finished_at is None
    assert AreaCount.objects.filter(level="province", area_code="83").exists()
    assert not AreaCount.objects.filter(level="province", area_code="85").exists()

    seen = []
    monkeypatch.setattr(services, "refresh_province", lambda c, p: (seen.append(p), real(c, p)))
    result = rollups_rebuild(cycle_id=year.pk)
    assert seen == ["85"]
    assert result["refreshed"] == 1
    assert AreaCount.objects.filter(level="province", area_code="85").exists()
    run.refresh_from_db()
    assert run.finished_at is not None


def test_the_command_rebuilds_afresh(reference_data, capsys):
    year = a_year()
    call_command("rollups", "rebuild", "--cycle", str(year.pk))
    call_command("rollups", "rebuild", "--cycle", str(year.pk), "--fresh")
    assert "2 จังหวัด" in capsys.readouterr().out
    assert RebuildRun.objects.filter(finished_at__isnull=False).count() == 2
