"""The "nothing changed" check shared by every app's tests: a refused form, import, API call or
command leaves every table of the project as it was."""

from django.apps import apps

# Bookkeeping, not data: the cache's data versions (a row per audited change, pruned after commit).
NOT_DATA = {"audit.DataVersion"}


def database_counts() -> dict[str, int]:
    """Rows per model, over the models of every Regiokompas app."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()
            if model._meta.app_config.name.startswith("regiokompas.") and model._meta.label not in NOT_DATA}
