from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "planlink.web"
    label = "web"
    verbose_name = "หน้าเว็บ · Web"
