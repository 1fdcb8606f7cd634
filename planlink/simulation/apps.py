from django.apps import AppConfig


class SimulationConfig(AppConfig):
    name = "planlink.simulation"
    label = "simulation"
    verbose_name = "การจำลอง (ข้อมูลสังเคราะห์) · Simulation"
