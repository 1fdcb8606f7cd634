from django.contrib import admin

from planlink.areas.models import (
    AbolishedCode,
    Agency,
    Area,
    LocalGovernment,
    LocalGovernmentCoverage,
    ProvincialCluster,
)


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "level", "synthetic"]
    list_filter = ["level", "synthetic"]
    search_fields = ["code", "name_th", "name_en"]
    raw_id_fields = ["parent"]


@admin.register(LocalGovernment)
class LocalGovernmentAdmin(admin.ModelAdmin):
    list_display = ["code", "full_name_th", "kind", "district"]
    list_filter = ["kind"]
    search_fields = ["code", "name_th", "full_name_th"]
    raw_id_fields = ["province", "district"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "ministry_th", "active"]
    search_fields = ["code", "name_th", "name_en"]


admin.site.register(ProvincialCluster)
admin.site.register(AbolishedCode)
admin.site.register(LocalGovernmentCoverage)
