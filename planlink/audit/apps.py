from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "planlink.audit"
    label = "audit"
    verbose_name = "บันทึกการเปลี่ยนแปลง (Audit)"
