from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "regiokompas.planning"
    verbose_name = "Planning en medezeggenschap"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from regiokompas.planning import integration

        integration.install()
