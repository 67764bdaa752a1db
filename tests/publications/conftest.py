import pytest
from tests.counts import database_counts


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


counts = database_counts
