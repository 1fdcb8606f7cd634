from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "planlink.evidence"
    label = "evidence"
    verbose_name = "ข้อมูล จปฐ. และ กชช.๒ค (Survey evidence)"
