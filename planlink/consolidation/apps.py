from django.apps import AppConfig


class ConsolidationConfig(AppConfig):
    name = "planlink.consolidation"
    label = "consolidation"
    verbose_name = "การบูรณาการแผน (Consolidation engine)"
