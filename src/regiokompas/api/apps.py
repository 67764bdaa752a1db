from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "regiokompas.api"
    label = "api"
    verbose_name = "REST API"
