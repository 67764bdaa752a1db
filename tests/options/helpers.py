"""Helpers for options tests."""

from django.apps import apps

SLUG = "alkmaar-sociale-zaken-2012"


def database_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"options", "register", "audit"}
    }


def engine_available() -> bool:
    try:
        from regiokompas.engine import ProblemError, analyse  # noqa: F401
    except ImportError:
        return False
    return True
