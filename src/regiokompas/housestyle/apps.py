from django.apps import AppConfig


class HouseStyleConfig(AppConfig):
    name = "regiokompas.housestyle"
    verbose_name = "Huisstijl"
    default_auto_field = "django.db.models.BigAutoField"
