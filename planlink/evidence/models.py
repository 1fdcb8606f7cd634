"""Indicator sets, survey imports and the stored aggregates (never household rows).

จปฐ. (ข้อมูลความจำเป็นพื้นฐาน, basic minimum needs) is a yearly household
survey scored pass/fail per indicator; กชช.๒ค (ข้อมูลพื้นฐานระดับหมู่บ้าน) scores
villages 1–3. The circulars ask that both be used to analyse and prioritise
needs in the tambon plan (docs/reference/seeds/000, มท 0810.3 พ.ค. 2562 ข้อ 2.3).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class IndicatorSet(models.Model):
    """One edition of an indicator framework, e.g. ``JPT60`` = จปฐ. 2560-2564 (31 indicators)."""

    class Kind(models.TextChoices):
        JPT = "jpt", "จปฐ. (ข้อมูลความจำเป็นพื้นฐาน)"
        KCHCH2K = "kchch2k", "กชช.๒ค (ข้อมูลพื้นฐานระดับหมู่บ้าน)"

    code = models.CharField(max_length=20, primary_key=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name_th = models.CharField(max_length=200)
    edition = models.CharField(max_length=20, help_text="years (B.E.), e.g. 2560-2564")
    source = models.TextField(blank=True, help_text="provenance of the definitions")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["kind", "code"]

    def __str__(self) -> str:
        return f"{self.name_th} ({self.code})"


class Indicator(models.Model):
    """ตัวชี้วัด — e.g. ``JPT60-24`` คนในครัวเรือนไม่ดื่มสุรา."""

    code = models.CharField(max_length=20, primary_key=True)
    indicator_set = models.ForeignKey(
        IndicatorSet, on_delete=models.PROTECT, related_name="indicators"
    )
    number = models.PositiveSmallIntegerField()
    category_no = models.PositiveSmallIntegerField()
    category_th = models.CharField(max_length=200)
    category_en = models.CharField(max_length=200, blank=True)
    title_th = models.CharField(max_length=500)
    title_en = models.CharField(max_length=500, blank=True, help_text="unofficial gloss")
    criterion = models.CharField(max_length=500, blank=True)
    source = models.TextField(blank=True)

    class Meta:
        ordering = ["indicator_set", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_set", "number"], name="unique_indicator_number_in_set"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title_th}"


class SurveyImport(models.Model):
    """The audit record of one import: what, when, by whom, how many rows, which provinces."""

    class Kind(models.TextChoices):
        HOUSEHOLDS = "households", "ข้อมูลรายครัวเรือน (จปฐ.)"
        VILLAGES = "villages", "ข้อมูลรวมรายหมู่บ้าน"
        SCORES = "scores", "คะแนนหมู่บ้าน (กชช.๒ค)"

    year = models.PositiveSmallIntegerField(help_text="survey year (B.E.)")
    indicator_set = models.ForeignKey(
        IndicatorSet, on_delete=models.PROTECT, related_name="imports"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    source_name = models.CharField(max_length=255)
    rows_read = models.PositiveBigIntegerField(default=0)
    villages = models.PositiveIntegerField(default=0)
    aggregates_stored = models.PositiveBigIntegerField(default=0)
    province_codes = models.CharField(
        max_length=250, blank=True, help_text="','-separated provinces replaced by this import"
    )
    remapped_codes = models.JSONField(
        default=dict, blank=True, help_text="old village code → current code (crosswalk)"
    )
    synthetic = models.BooleanField(default=False, help_text="ข้อมูลสังเคราะห์ (demo/benchmark)")
    imported_at = models.DateTimeField(default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    seconds = models.FloatField(null=True, blank=True, help_text="time taken")

    class Meta:
        ordering = ["-imported_at", "-id"]
        indexes = [models.Index(fields=["year", "indicator_set"], name="survey_import_year_set")]

    def __str__(self) -> str:
        return f"{self.indicator_set_id} {self.year} {self.source_name}"


class IndicatorAggregate(models.Model):
    """Households surveyed and failing for one indicator, area (any level) and year.

    ``share_failed`` = failed / surveyed (0.0–1.0). Rows with no household
    surveyed are not stored.
    """

    # A national import writes ~2.6 million rows, so the table carries only what readers
    # need: the area-first unique key and (year, indicator, level) for the worst villages.
    # The foreign keys have no index and no database constraint: checking three deferred
    # constraints per row cost PostgreSQL longer than the COPY itself. The import service
    # is the only writer and takes areas from the crosswalk, indicators from the set and
    # the import it has just created; Django still PROTECTs areas and indicators on delete.
    year = models.PositiveSmallIntegerField()
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="aggregates",
        db_index=False,
        db_constraint=False,
    )
    area = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        related_name="indicator_aggregates",
        db_index=False,
        db_constraint=False,
    )
    level = models.CharField(max_length=10)
    households_surveyed = models.PositiveIntegerField()
    households_failed = models.PositiveIntegerField()
    share_failed = models.FloatField()
    synthetic = models.BooleanField(default=False)
    survey_import = models.ForeignKey(
        SurveyImport,
        on_delete=models.PROTECT,
        related_name="aggregates",
        db_index=False,
        db_constraint=False,
    )

    class Meta:
        ordering = ["year", "area", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "year", "indicator"], name="unique_aggregate_area_year_indicator"
            ),
            models.CheckConstraint(
                condition=Q(households_failed__lte=models.F("households_surveyed")),
                name="aggregate_failed_within_surveyed",
            ),
        ]
        indexes = [
            models.Index(fields=["year", "indicator", "level"], name="aggregate_year_ind_level"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.area_id} {self.indicator_id}: {self.households_failed}/{self.households_surveyed}"


class VillageScore(models.Model):
    """กชช.๒ค: a village's level on one indicator (1 = most problems/lagging … 3 = advanced)."""

    year = models.PositiveSmallIntegerField()
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="scores")
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="village_scores")
    level = models.PositiveSmallIntegerField()
    synthetic = models.BooleanField(default=False)
    survey_import = models.ForeignKey(SurveyImport, on_delete=models.PROTECT, related_name="scores")

    class Meta:
        ordering = ["year", "area", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "area", "indicator"], name="unique_score_year_area_indicator"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=3), name="score_level_1_to_3"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.area_id} {self.indicator_id}: {self.level}"
