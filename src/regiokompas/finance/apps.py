from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "regiokompas.finance"
    verbose_name = "Financiële gevolgen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from regiokompas.finance import integration

        integration.install()
