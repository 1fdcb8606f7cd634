from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "planlink.core"
    label = "core"
    verbose_name = "PlanLink core"

    def ready(self) -> None:
        from planlink.core.lookups import register

        register()  # long id lists bound as one parameter (planlink.core.lookups)
