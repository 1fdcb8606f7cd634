from django.contrib import admin

from planlink.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Read-only view of the queue; change jobs with ``planlink jobs retry/cancel``."""

    list_display = ("id", "kind", "state", "progress", "attempts", "scope_code", "created_at")
    list_filter = ("state", "kind")
    search_fields = ("kind", "scope_code", "message")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: Job | None = None) -> bool:
        return False
