from django.apps import AppConfig


class SupplyConfig(AppConfig):
    name = "planlink.supply"
    label = "supply"
    verbose_name = "งบประมาณที่ได้รับจัดสรร (Funded items)"
