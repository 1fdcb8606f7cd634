from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "planlink.areas"
    label = "areas"
    verbose_name = "เขตการปกครอง (Administrative areas)"
