from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """เอกสารและตารางคำนวณ — plan books, tambon forms, reports, Excel export and import."""

    name = "planlink.documents"
    label = "documents"
    verbose_name = "เอกสาร (Documents)"
    default_auto_field = "django.db.models.BigAutoField"
