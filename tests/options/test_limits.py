"""An analysis started from the application meets the same bounds as `regiokompas analyse`."""

import pytest
from django.urls import reverse
from tests.options.helpers import SLUG, database_counts

from regiokompas.accounts.actors import SystemActor
from regiokompas.options import services
from regiokompas.options.errors import OptionsError
from regiokompas.register.models import Trajectory

pytestmark = pytest.mark.django_db


def test_too_large_analysis_from_the_web_gets_the_dutch_limit_and_stores_nothing(client, users, settings):
    settings.REGIOKOMPAS_MAX_ANALYSIS_CELLS = 100_000
    before = database_counts()
    client.force_login(users["bergen"])
    response = client.post(reverse("options:runs", args=[SLUG]),
                           {"samples": "50000", "seed": "1", "label": "", "pooled_weighting": "equal"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "het maximum is 100.000 (REGIOKOMPAS_MAX_ANALYSIS_CELLS)" in page
    assert database_counts() == before


def test_too_many_alternatives_in_the_register_are_refused_by_the_service(settings):
    settings.REGIOKOMPAS_MAX_ALTERNATIVES = 2
    before = database_counts()
    with pytest.raises(OptionsError) as exc:
        services.run_analysis(SystemActor("test"), Trajectory.objects.get(slug=SLUG), samples=1000, seed=1)
    assert "3 alternatieven; het maximum is 2 (REGIOKOMPAS_MAX_ALTERNATIVES)" in exc.value.message
    assert database_counts() == before
