from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "regiokompas.jobs"
    label = "jobs"
    verbose_name = "Achtergrondtaken"
