from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "planlink.core"
    label = "core"
    verbose_name = "PlanLink core"
