from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    name = "planlink.jobs"
    label = "jobs"
    verbose_name = "งานเบื้องหลัง · Background jobs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Every installed app may declare its tasks in ``<app>/tasks.py``; import
        # them all so that a worker knows every ``kind`` before it claims a job.
        autodiscover_modules("tasks")
        from planlink.jobs import checks  # noqa: F401 - registers the system checks
