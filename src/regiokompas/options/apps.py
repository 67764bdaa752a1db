from django.apps import AppConfig


class OptionsConfig(AppConfig):
    name = "regiokompas.options"
    verbose_name = "Uitvoeringsvarianten"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from regiokompas.options import integration

        integration.install()
