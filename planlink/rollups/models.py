"""Roll-up tables (ตารางสรุปผล): docs/reference/PROCESS.md's measures per area, cycle and issue.

In the spirit of Zulip's ``analytics`` counts: the dashboards, the public tracker, the maps
and the funnel read these rows and never aggregate the ledger per request. Every row is
recomputed from the ledger, set-based, by :mod:`planlink.rollups.fill` — after each engine
step and import (per province) and after a person's decision (after commit) — so a re-run
gives the same table. ``planlink rollups verify`` recounts an area from the ledger.

Rows of ``AreaCount`` (one per cycle × level × area × issue):

- ``level="own"``: what is attributed to exactly that area code (the plan's ``scope_code``):
  the working rows every other level is summed from;
- ``village`` … ``province``: everything inside the area (its code is a prefix), as the
  funnel counts it; ``cluster`` (``area_code`` ``C01`` … ``C18``) and ``nation`` (``""``)
  are sums of province rows plus the cluster's own rows (``own`` rows of ``C05``: its plans,
  whose ``scope_code`` is the cluster's code, issue 17), and for the nation the plans that
  belong to no area;
- ``issue_code="*"`` is every issue together, ``""`` is "no issue" (also where measures that
  are not per issue live: villages with a plan).

Every measure is additive (a sum over the rows below), so a level is the sum of the level
below it and of what is attributed to the area itself. "Duplicates merged" counts each
village need merged into a tambon project that already had an earlier source (for a
tambon and above that equals sources − receiving projects, the manual's figure).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models


class Level(models.TextChoices):
    OWN = "own", "เฉพาะพื้นที่นี้"
    VILLAGE = "village", "หมู่บ้าน"
    TAMBON = "tambon", "ตำบล"
    DISTRICT = "district", "อำเภอ"
    PROVINCE = "province", "จังหวัด"
    CLUSTER = "cluster", "กลุ่มจังหวัด"
    NATION = "nation", "ประเทศ"


# Area levels by code length (codes are ancestry: DOPA codes).
LEVEL_BY_LENGTH = {8: Level.VILLAGE, 6: Level.TAMBON, 4: Level.DISTRICT, 2: Level.PROVINCE}
ALL_ISSUES = "*"
NO_ISSUE = ""

FUNDING_SOURCES = ("lao", "pao", "province", "cluster", "agency", "other")


def _count(help_text: str) -> models.BigIntegerField[Any, Any]:
    return models.BigIntegerField(default=0, help_text=help_text)


def _baht(help_text: str) -> models.DecimalField[Any, Any]:
    return models.DecimalField(
        max_digits=18, decimal_places=2, default=Decimal("0"), help_text=help_text
    )


class Measures(models.Model):
    """The measures of one roll-up row (docs/reference/PROCESS.md "How success is measured")."""

    village_plans = _count("หมู่บ้านที่มีแผน · villages with a village plan")
    needs_raised = _count("ความต้องการจากแผนหมู่บ้าน · village projects")
    needs_budget = _baht("งบที่หมู่บ้านขอ · baht the villages asked")
    public_needs = _count("needs of sent (public) village plans")
    public_needs_budget = _baht("baht of public needs")
    public_needs_funded = _count("public needs whose fate is funded (lineage)")
    kept_by_villages = _count("หมู่บ้านทำเอง · village needs the village does itself")
    collected_by_tambons = _count("village needs merged or included into tambon plans")
    duplicates_merged = _count("village needs merged into a need already raised")
    shared_need_groups = _count("tambon projects grouping one need of several places")
    shared_need_components = _count("the places (components) of those grouped projects")
    tambon_projects = _count("projects of tambon plans")
    lao_coordination_items = _count("tambon projects sent to LAOs (บัญชีประสานโครงการ)")
    sent_to_districts = _count("tambon projects sent to district needs plans")
    district_projects = _count("projects of district needs plans")
    sent_to_provinces = _count("district projects sent to provincial plans")
    pao_items = _count("projects sent to the อบจ.")
    province_projects = _count("projects of provincial development plans")
    cluster_projects = _count("projects of provincial cluster development plans (issue 17)")
    sent_to_agencies = _count("projects sent to line agencies")
    sent_to_agencies_baht = _baht("budget of projects sent to agencies")
    agency_requests = _count("included in agencies' budget requests")
    agency_requests_baht = _baht("budget of projects included by agencies")
    agency_funded = _count("funded by agencies")
    agency_funded_baht = _baht("baht funded by agencies")
    funded_referrals_baht = _baht("baht of every funded referral (any receiver)")
    funded_lao = _count("approved funding requests: LAO")
    funded_lao_baht = _baht("approved baht: LAO")
    funded_pao = _count("approved funding requests: อบจ.")
    funded_pao_baht = _baht("approved baht: อบจ.")
    funded_province = _count("approved funding requests: province")
    funded_province_baht = _baht("approved baht: province")
    funded_cluster = _count("approved funding requests: cluster")
    funded_cluster_baht = _baht("approved baht: cluster")
    funded_agency = _count("approved funding requests: agency")
    funded_agency_baht = _baht("approved baht: agency")
    funded_other = _count("approved funding requests: other")
    funded_other_baht = _baht("approved baht: other")
    funded_items = _count("funded items recorded (supply)")
    funded_items_baht = _baht("baht of the funded items")
    funded_items_answering_need = _count("funded items that answered a recorded need")
    funded_items_answering_need_baht = _baht("baht of the items that answered a need")
    funded_items_proposed = _count("funded items with a match proposed, not yet confirmed")

    class Meta:
        abstract = True


MEASURES: tuple[str, ...] = tuple(field.name for field in Measures._meta.local_fields)
BAHT_MEASURES = frozenset(
    field.name for field in Measures._meta.local_fields if isinstance(field, models.DecimalField)
)


# DERIVED_ROWS: the count tables hold no constraint to their cycle in the database. Their rows
# are derived, rewritten wholesale by every refresh (``fill.refresh_province``) for the cycle
# it has locked, and removed with their cycle by the ORM (``on_delete``). On PostgreSQL the
# deferred check of every row written cost about half a second at the commit of a large
# province's refresh on a quiet machine, 21 s over the refreshes of one engine run
# (docs/benchmarks.md).


class AreaCount(Measures):
    cycle = models.ForeignKey(
        "cycles.PlanningCycle",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,  # see DERIVED_ROWS
    )
    level = models.CharField(max_length=10, choices=Level.choices)
    area_code = models.CharField(max_length=8, blank=True)
    issue_code = models.CharField(max_length=20, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "level", "area_code", "issue_code"], name="one_rollup_row"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cycle_id} {self.level} {self.area_code or '-'} {self.issue_code}"


class PlanCount(models.Model):
    """Plans of one kind inside an area by state, and lateness against its milestone.

    ``units`` are the areas that owe the plan (villages for village plans, …); ``on_time`` and
    ``submitted_late`` count units whose plan was submitted (or accepted) by / after the
    deadline. At read time a unit is late if it submitted late, or, once the deadline has
    passed, if it has not submitted (``units − on_time − submitted_late``), as
    ``cycles.services.late_units`` decides.
    """

    cycle = models.ForeignKey(
        "cycles.PlanningCycle",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,  # see DERIVED_ROWS
    )
    level = models.CharField(max_length=10, choices=Level.choices)
    area_code = models.CharField(max_length=8, blank=True)
    plan_kind = models.CharField(max_length=30)
    units = models.BigIntegerField(default=0)
    draft = models.BigIntegerField(default=0)
    submitted = models.BigIntegerField(default=0)
    accepted = models.BigIntegerField(default=0)
    returned = models.BigIntegerField(default=0)
    on_time = models.BigIntegerField(default=0)
    submitted_late = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "level", "area_code", "plan_kind"], name="one_plan_count_row"
            )
        ]

    def late(self, *, deadline_passed: bool) -> int:
        missing = max(0, self.units - self.on_time - self.submitted_late)
        return self.submitted_late + (missing if deadline_passed else 0)


class AgencyCount(models.Model):
    """Per line agency: projects an area (province, or the nation ``""``) sent and the answers."""

    cycle = models.ForeignKey(
        "cycles.PlanningCycle",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,  # see DERIVED_ROWS
    )
    area_code = models.CharField(max_length=8, blank=True)
    agency_code = models.CharField(max_length=20)
    sent = models.BigIntegerField(default=0)
    pending = models.BigIntegerField(default=0)
    included = models.BigIntegerField(default=0)
    funded = models.BigIntegerField(default=0)
    not_funded = models.BigIntegerField(default=0)
    returned = models.BigIntegerField(default=0)
    funded_baht = models.DecimalField(max_digits=18, decimal_places=2, default=Decimal("0"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "area_code", "agency_code"], name="one_agency_count_row"
            )
        ]


class CycleVersion(models.Model):
    """Bumped on every refresh of a cycle's roll-ups: versions the public pages (ETag)."""

    cycle = models.OneToOneField(
        "cycles.PlanningCycle", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    version = models.BigIntegerField(default=0)
    refreshed_at = models.DateTimeField(null=True, blank=True)


class RebuildRun(models.Model):
    """One ``planlink rollups rebuild`` of a cycle: the provinces done so far (resumable)."""

    cycle = models.ForeignKey("cycles.PlanningCycle", on_delete=models.CASCADE, related_name="+")
    area_code = models.CharField(max_length=8, blank=True)
    done = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]


class StaleProvince(models.Model):
    """A change to a province committed and its roll-ups are not refreshed yet.

    Written in the changing transaction (so it commits with the change), deleted by the
    refresh. The refresh normally runs right after the commit; a reader that still finds a
    row refreshes that province before reading, so a page never shows numbers older than
    a committed change (if a refresh failed, or in a test where nothing commits).
    """

    cycle = models.ForeignKey(
        "cycles.PlanningCycle", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    province = models.CharField(max_length=2, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["cycle", "province"], name="stale_province")]
