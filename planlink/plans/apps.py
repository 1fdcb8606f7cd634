from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "planlink.plans"
    label = "plans"
    verbose_name = "แผนและโครงการ (Plans and projects)"

    def ready(self) -> None:
        # Plan revisions live in their own module (planlink.plans.revision_models).
        from planlink.plans import revision_models  # noqa: F401
