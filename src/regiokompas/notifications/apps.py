from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "regiokompas.notifications"
    verbose_name = "Meldingen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from regiokompas.notifications import integration

        integration.install()
