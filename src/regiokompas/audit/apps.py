from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "regiokompas.audit"
    verbose_name = "Audittrail"
    default_auto_field = "django.db.models.BigAutoField"
