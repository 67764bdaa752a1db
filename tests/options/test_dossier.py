"""Variants, criteria, scores, preferences (and runs) travel with the trajectory's dossier."""

import json
from importlib import resources

import pytest
from tests.options.helpers import SLUG

from regiokompas.accounts.actors import SystemActor
from regiokompas.engine import validate_results
from regiokompas.examples import loader as examples_loader
from regiokompas.options.models import AnalysisRun, PreferenceStatement, Score, Variant
from regiokompas.register import dossier
from regiokompas.register.models import Trajectory

pytestmark = pytest.mark.django_db

COPY = "kopie-sociale-zaken-2012"


def _renamed(data: dict, old: str, new: str) -> dict:
    text = json.dumps(data).replace(f'"{old}"', f'"{new}"')
    return json.loads(text)


def test_dossier_round_trip_keeps_options_data(engine):
    from regiokompas.options import services

    run = services.run_analysis(SystemActor("test"), Trajectory.objects.get(slug=SLUG), samples=500, seed=2)
    services.reproduce_run(SystemActor("test"), run)
    first = dossier.export_dossier(Trajectory.objects.get(slug=SLUG))
    assert len(first["objects"]["options_analysis_run"]) == 2
    for stored in first["objects"]["options_analysis_run"]:
        validate_results(stored["results"])  # runs travel in the engine's result format
    for kind in ("options_variant", "options_criterion", "options_score", "options_preference_set", "options_preference_statement"):
        assert first["objects"][kind], kind
    copy = dossier.import_dossier(SystemActor("test"), _renamed(first, SLUG, COPY))
    assert Variant.objects.filter(trajectory=copy).count() == 3
    assert Score.objects.filter(variant__trajectory=copy).count() == 24
    assert PreferenceStatement.objects.filter(preference_set__trajectory=copy).count() == \
        PreferenceStatement.objects.filter(preference_set__trajectory__slug=SLUG).count()
    fin3 = Score.objects.get(variant__trajectory=copy, variant__number=3, criterion__code="fin")
    assert fin3.evidence_document.trajectory == copy
    runs = AnalysisRun.objects.filter(trajectory=copy).order_by("number")
    assert [r.number for r in runs] == [1, 2] and runs[1].reproduces == runs[0] and runs[0].results == run.results
    second = dossier.export_dossier(copy)
    assert _renamed(second, COPY, SLUG)["objects"] == first["objects"]


@pytest.mark.parametrize("name", sorted(p.name for p in (resources.files("regiokompas.examples")).iterdir()
                                         if p.name.endswith(".dossier.json")))
def test_example_dossier_runs_have_the_engine_result_format(name):
    """Analysis runs stored in the example dossiers (none at present; a run added later is checked)."""
    for stored in examples_loader.dossier(name)["objects"].get("options_analysis_run", []):
        validate_results(stored["results"])
