"""The "nothing changed" check shared by every app's tests: a refused form, import, API call or
command leaves every table of the project as it was."""

from django.apps import apps

# Bookkeeping, not data: the cache's data versions (a row per audited change, pruned after commit).
NOT_DATA = {"audit.DataVersion"}


def database_counts() -> dict[str, int]:
    """Rows per model, over the models of every Regiokompas app."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()
            if model._meta.app_config.name.startswith("regiokompas.") and model._meta.label not in NOT_DATA}


def page_queries(client, url: str) -> int:
    """The database queries of one view of ``url`` with an empty cache (so the count does not
    depend on what an earlier view left there); the page must answer 200."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    caches["default"].clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)
