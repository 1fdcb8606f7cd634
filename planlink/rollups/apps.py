from django.apps import AppConfig


class RollupsConfig(AppConfig):
    name = "planlink.rollups"
    label = "rollups"
    verbose_name = "ตารางสรุปผล (Roll-ups)"

    def ready(self) -> None:
        # Every service writes an audit row for its change: refresh after it commits.
        from planlink.audit.services import RECORD_OBSERVERS
        from planlink.rollups.services import audit_observer

        if audit_observer not in RECORD_OBSERVERS:
            RECORD_OBSERVERS.append(audit_observer)
