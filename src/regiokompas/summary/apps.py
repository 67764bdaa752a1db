from django.apps import AppConfig


class SummaryConfig(AppConfig):
    name = "regiokompas.summary"
    verbose_name = "Samenvatting per gemeente"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from regiokompas.summary import integration

        integration.install()
