"""Admin: indicator sets and survey imports are browsable; aggregates are read-only."""

from django.contrib import admin
from django.http import HttpRequest

from planlink.evidence.models import Indicator, IndicatorSet, SurveyImport


class IndicatorInline(admin.TabularInline):
    model = Indicator
    fields = ["code", "number", "category_no", "title_th", "criterion"]
    extra = 0


@admin.register(IndicatorSet)
class IndicatorSetAdmin(admin.ModelAdmin):
    list_display = ["code", "kind", "name_th", "edition"]
    inlines = [IndicatorInline]


@admin.register(SurveyImport)
class SurveyImportAdmin(admin.ModelAdmin):
    list_display = [
        "imported_at",
        "year",
        "indicator_set",
        "kind",
        "source_name",
        "rows_read",
        "villages",
        "province_codes",
        "synthetic",
    ]
    list_filter = ["year", "kind", "synthetic"]
    readonly_fields = [field.name for field in SurveyImport._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
