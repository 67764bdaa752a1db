import pytest


@pytest.fixture
def gates(db):
    from regiokompas.register.models import Gate

    by = {}
    for g in Gate.objects.select_related("trajectory"):
        if g.title.startswith("Vaststellen Hoofdlijnennotitie"):
            by["hoofdlijnen"] = g
        elif g.title.startswith("Bestuursopdracht aan Berenschot"):
            by["berenschot"] = g
    return by


def counts() -> dict[str, int]:
    from django.apps import apps

    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"register", "audit", "publications"}
    }
