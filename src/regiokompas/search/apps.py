from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "regiokompas.search"
    verbose_name = "Zoeken"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from regiokompas.search import database, index

        index.connect()
        post_migrate.connect(database.fill_after_migrate, sender=self, dispatch_uid="search-fill")
