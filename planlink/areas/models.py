"""Thailand's administrative hierarchy, local governments (อปท.) and line agencies.

Areas use official DOPA codes (กรมการปกครอง): province 2 digits, district 4,
tambon 6, village 8. A child's code starts with its parent's code, so "all of
Chachoengsao" is the indexed range ``"24" <= code < "24:"`` (``Area.objects.within``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

# ":" is the character right after "9": every digit string starting with the
# prefix sorts inside [prefix, prefix + ":"), an index range scan on any database.
_PREFIX_END = ":"


def prefix_range(field: str, prefix: str) -> Q:
    """A ``Q`` that selects codes starting with ``prefix`` using an index range.

    The empty prefix is everything — also the provincial clusters' codes (``C05``), which
    sort after every digit (issue 17)."""
    if not prefix:
        return Q()
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + _PREFIX_END})


class ProvincialCluster(models.Model):
    """กลุ่มจังหวัด — the 18 provincial clusters (announcement of Nov 2017, B.E. 2560)."""

    number = models.PositiveSmallIntegerField(unique=True)
    name_th = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200, blank=True)
    macro_region_th = models.CharField(max_length=100, blank=True)
    macro_region_en = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name_th

    @property
    def code(self) -> str:
        """``C05`` — the cluster's code: its plans' ``scope_code`` and its roll-up rows' area."""
        return cluster_code(self.number)


def cluster_code(number: int) -> str:
    """The code of provincial cluster ``number`` (``C01`` … ``C18``); never a DOPA code."""
    return f"C{number:02d}"


class AreaQuerySet(models.QuerySet["Area"]):
    def within(self, code: str) -> AreaQuerySet:
        """The area ``code`` and everything below it (code-prefix range)."""
        return self.filter(prefix_range("code", code))

    def below(self, code: str) -> AreaQuerySet:
        """Descendants only."""
        return self.within(code).exclude(code=code)

    def provinces(self) -> AreaQuerySet:
        return self.filter(level=Area.Level.PROVINCE)


class Area(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", "จังหวัด"
        DISTRICT = "district", "อำเภอ/เขต"
        TAMBON = "tambon", "ตำบล/แขวง"
        VILLAGE = "village", "หมู่บ้าน"

    CODE_LENGTH = {Level.PROVINCE: 2, Level.DISTRICT: 4, Level.TAMBON: 6, Level.VILLAGE: 8}

    code = models.CharField(max_length=8, primary_key=True)
    level = models.CharField(max_length=10, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name_th = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200, blank=True)
    name_en_alt = models.CharField(max_length=200, blank=True)
    kind = models.CharField(
        max_length=10, blank=True, help_text="amphoe/khet, tambon/khwaeng, or village"
    )
    cluster = models.ForeignKey(
        ProvincialCluster,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="provinces",
    )
    region_th = models.CharField(max_length=100, blank=True)
    region_en = models.CharField(max_length=100, blank=True)
    postal_codes = models.CharField(max_length=100, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    synthetic = models.BooleanField(
        default=False, help_text="Generated for demos (ข้อมูลสังเคราะห์), not an official record"
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(level="province", code__regex=r"^[0-9]{2}$")
                    | Q(level="district", code__regex=r"^[0-9]{4}$")
                    | Q(level="tambon", code__regex=r"^[0-9]{6}$")
                    | Q(level="village", code__regex=r"^[0-9]{8}$")
                ),
                name="area_code_matches_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name_th} ({self.code})"

    @property
    def display_name(self) -> str:
        """The name officials write: จังหวัด…, อำเภอ…, ตำบล…, or the village name."""
        if self.level == self.Level.PROVINCE:
            return self.name_th if self.code == "10" else f"จังหวัด{self.name_th}"
        if self.level == self.Level.DISTRICT:
            return self.name_th if self.name_th.startswith("เขต") else f"อำเภอ{self.name_th}"
        if self.level == self.Level.TAMBON:
            prefix = "แขวง" if self.kind == "khwaeng" else "ตำบล"
            return f"{prefix}{self.name_th}"
        return self.name_th

    def ancestor_codes(self) -> list[str]:
        """Codes of this area's ancestors, province first (derived from the code)."""
        return [self.code[:length] for length in (2, 4, 6) if length < len(self.code)]


class AbolishedCode(models.Model):
    """A DOPA code no longer in use, with its successor(s) where known (GeoThai abolished list)."""

    code = models.CharField(max_length=8, primary_key=True)
    level = models.CharField(max_length=12)
    parent_code = models.CharField(max_length=8, blank=True)
    name_th = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200, blank=True)
    abolished_on = models.DateField(null=True, blank=True)
    successor_codes = models.CharField(max_length=200, blank=True, help_text="';'-separated")
    successors_basis = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_th} (ยกเลิก)"

    @property
    def successors(self) -> list[str]:
        return [code for code in self.successor_codes.split(";") if code]


class LocalGovernment(models.Model):
    """องค์กรปกครองส่วนท้องถิ่น (อปท.) with its DLA code."""

    class Kind(models.TextChoices):
        PAO = "provincial_admin_org", "องค์การบริหารส่วนจังหวัด (อบจ.)"
        CITY = "city_municipality", "เทศบาลนคร"
        TOWN = "town_municipality", "เทศบาลเมือง"
        SUBDISTRICT_MUNICIPALITY = "subdistrict_municipality", "เทศบาลตำบล"
        SAO = "subdistrict_admin_org", "องค์การบริหารส่วนตำบล (อบต.)"
        SPECIAL = "special_admin_area", "เมืองพัทยา"
        BMA = "bangkok_metropolitan_administration", "กรุงเทพมหานคร"

    code = models.CharField(max_length=10, primary_key=True)
    name_th = models.CharField(max_length=200)
    full_name_th = models.CharField(max_length=250)
    kind = models.CharField(max_length=40, choices=Kind.choices, db_index=True)
    province = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="local_governments"
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    tambons: models.ManyToManyField[Area, LocalGovernmentCoverage] = models.ManyToManyField(
        Area, through="LocalGovernmentCoverage", related_name="covering_local_governments"
    )

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.full_name_th

    @property
    def area_code(self) -> str:
        """The smallest area that contains this LAO (district, or province for อบจ.)."""
        return self.district_id or self.province_id


class LocalGovernmentCoverage(models.Model):
    """Which tambons an LAO covers. Imported, or inferred for demos (``inferred=True``)."""

    local_government = models.ForeignKey(
        LocalGovernment, on_delete=models.CASCADE, related_name="coverage"
    )
    tambon = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="lao_coverage")
    inferred = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["local_government", "tambon"], name="unique_lao_tambon_coverage"
            )
        ]


class Agency(models.Model):
    """ส่วนราชการ — a ministry or department that funds projects (supply side)."""

    code = models.CharField(max_length=20, primary_key=True)
    name_th = models.CharField(max_length=250)
    name_en = models.CharField(max_length=250, blank=True)
    ministry_th = models.CharField(max_length=250, blank=True)
    ministry_en = models.CharField(max_length=250, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name_th
