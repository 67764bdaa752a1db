from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "regiokompas.accounts"
    verbose_name = "Accounts en rollen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from regiokompas.accounts import signals

        signals.connect()
