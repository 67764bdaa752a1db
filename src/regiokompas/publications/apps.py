from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "regiokompas.publications"
    verbose_name = "Raadsinformatie"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from regiokompas.publications import integration

        integration.install()
