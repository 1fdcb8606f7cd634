from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "planlink.accounts"
    label = "accounts"
    verbose_name = "ผู้ใช้และสิทธิ์ (People and access)"
