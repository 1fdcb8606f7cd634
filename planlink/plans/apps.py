from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "planlink.plans"
    label = "plans"
    verbose_name = "แผนและโครงการ (Plans and projects)"
