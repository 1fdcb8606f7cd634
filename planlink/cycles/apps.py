from django.apps import AppConfig


class CyclesConfig(AppConfig):
    name = "planlink.cycles"
    label = "cycles"
    verbose_name = "รอบการวางแผนและปฏิทิน (Planning cycles and calendar)"
