from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "planlink.referrals"
    label = "referrals"
    verbose_name = "การส่งต่อและงบประมาณ (Referrals and funding)"
