from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "planlink.committees"
    label = "committees"
    verbose_name = "คณะกรรมการ การประชุม และเวทีประชาคม (Committees, meetings and forums)"
