"""The regio Alkmaar example is data: two dossier files loaded by the dossier import that users use.

The test database loads them in tests/conftest.py (``examples.loader``), so every test here looks at
the register as the files make it."""

import json
import re
from importlib import resources
from pathlib import Path

import pytest
from django.apps import apps

from regiokompas import examples
from regiokompas.examples import loader
from regiokompas.register import constants as c
from regiokompas.register.dossier import SCHEMA, dossier_json
from regiokompas.register.models import Condition, Decision, Trajectory

pytestmark = pytest.mark.django_db

FILES = dict(zip(examples.EXAMPLE_SLUGS, examples.DOSSIER_FILES, strict=True))
SEEDS = Path(resources.files("regiokompas.examples")) / "seeds"

# What the example's former Python loader put in the register (per model, all apps; the CBS
# municipalities of the data migration left out). Loading the files must give the same register.
COUNTS_BEFORE = {
    "finance.AllocationKey": 6, "finance.AllocationKeyValue": 14, "finance.CostItem": 12, "finance.CostSettings": 1,
    "finance.CurrentCost": 5, "finance.SharedOrganisationScenario": 1,
    "options.AnalysisRun": 0, "options.CriteriaSet": 1, "options.Criterion": 8, "options.PreferenceSet": 8,
    "options.PreferenceStatement": 12, "options.Score": 24, "options.Variant": 3,
    "planning.Consultation": 10, "planning.ConsultationBody": 9, "planning.CouncilProcedure": 3, "planning.Dependency": 10,
    "planning.Milestone": 18, "planning.Plan": 1, "planning.PlanVersion": 2, "planning.PrerequisiteRule": 5,
    "publications.InformationEvent": 3, "publications.Publication": 2,
    "register.ArrangementParticipation": 13, "register.Assignment": 1, "register.Condition": 2, "register.Decision": 22,
    "register.Document": 5, "register.DocumentSection": 10, "register.ExecutionOrganisation": 4, "register.Gate": 5,
    "register.GoverningBody": 21, "register.JointArrangement": 4, "register.Law": 2, "register.Organisation": 8,
    "register.Person": 2, "register.PopulationFigure": 8, "register.Region": 1, "register.RegionMembership": 10,
    "register.Role": 2, "register.Trajectory": 2, "register.TrajectoryLaw": 2, "register.TrajectoryParticipant": 15,
}


def read(name: str) -> str:
    return (resources.files("regiokompas.examples") / name).read_text(encoding="utf-8")


def rows(name: str):
    data = json.loads(read(name))
    for kind, items in data["objects"].items():
        for row in items:
            yield kind, row


def test_the_files_are_dossiers_in_the_documented_format_one_per_trajectory():
    for slug, name in FILES.items():
        data = json.loads(read(name))
        assert data["schema"] == SCHEMA and data["trajectory"] == slug
        assert [r["slug"] for r in data["objects"]["trajectory"]] == [slug]


def test_loading_the_files_gives_the_register_of_before():
    counts = {label: apps.get_model(label).objects.count() for label in COUNTS_BEFORE}
    assert counts == COUNTS_BEFORE


def test_bergen_holds_the_2012_gate_with_two_conditions():
    t = Trajectory.objects.get(slug=examples.SLUG_2012)
    gate = t.gates.get(ordinal=2)
    decisions = Decision.objects.filter(gate=gate, municipality__cbs_code="GM0373")
    current = decisions.get(is_current=True)
    assert current.outcome == c.Outcome.HOLD
    assert current.supersedes is not None and current.supersedes.outcome == c.Outcome.HOLD  # the history is kept
    assert current.date_precision == c.DatePrecision.MONTH
    conditions = Condition.objects.filter(decision=current).order_by("pk")
    assert [x.category for x in conditions] == [c.ConditionCategory.ANALYSIS, c.ConditionCategory.PROCESS]
    assert all(x.status == c.ConditionStatus.OPEN for x in conditions)
    assert "ondernemingsraden" in conditions[1].text
    assert current.document.title == "Hoofdlijnennotitie regionale samenwerking sociale zaken"
    assert current.source.startswith("seed:2012-05-29-memo-bergen-hoofdlijnennotitie.txt")


def test_bergen_and_uitgeest_pause_in_2020_and_all_seven_agree_in_2021():
    t = Trajectory.objects.get(slug=examples.SLUG_2019)
    berenschot, zaffier = t.gates.get(ordinal=2), t.gates.get(ordinal=3)
    rejected = Decision.objects.filter(gate=berenschot, is_current=True, outcome=c.Outcome.REJECT)
    assert {d.municipality.name for d in rejected} == {"Bergen (NH.)", "Uitgeest"}
    agreed = Decision.objects.filter(gate=zaffier, is_current=True, outcome=c.Outcome.AGREE)
    assert agreed.count() == 7


def test_illustrative_facts_are_labelled_so():
    from regiokompas.finance.models import CostItem, CostSettings
    from regiokompas.options.models import Score, Variant

    variants = {v.number: v for v in Variant.objects.filter(trajectory__slug=examples.SLUG_2012)}
    assert variants[1].illustrative and variants[2].illustrative and not variants[3].illustrative
    assert not Score.objects.filter(variant__trajectory__slug=examples.SLUG_2012, illustrative=False).exists()
    assert not CostItem.objects.filter(illustrative=False).exists()
    assert CostSettings.objects.get(trajectory__slug=examples.SLUG_2012).illustrative
    gate3 = Trajectory.objects.get(slug=examples.SLUG_2012).gates.get(ordinal=3)
    assert gate3.illustrative and "illustratief" in gate3.source


@pytest.mark.parametrize("name", examples.DOSSIER_FILES)
def test_every_fact_in_the_files_keeps_a_public_source(name):
    seeds = {p.name for p in SEEDS.iterdir()}
    text = read(name)
    assert "domain.md" not in text and "file://" not in text
    absolute_path = re.compile(r"(?:^|[\s;(])/[\w.-]+/")  # a path on some machine, not a public address
    for _kind, row in rows(name):
        if "source" not in row:
            continue  # parts of another object (sections, statements, key values, dependencies)
        assert row["source"].strip(), f"{row['key']} zonder bron"
        assert not absolute_path.search(row["source"]), row["source"]
        assert isinstance(row.get("illustrative"), bool), row["key"]
        for seed in re.findall(r"seed:(\S+)", row["source"]):
            assert seed in seeds, f"{row['key']} noemt brondocument {seed}, dat niet in examples/seeds staat"
    assert "options_analysis_run" not in json.loads(text)["objects"] or not json.loads(text)["objects"]["options_analysis_run"]


@pytest.mark.parametrize("slug", examples.EXAMPLE_SLUGS)
def test_export_of_the_loaded_example_is_the_file_itself(slug):
    """Import (at set-up) and export again give the same dossier: lossless. On SQLite also the same
    text (stable order, pretty-printed); PostgreSQL's jsonb keeps the keys of a JSON field in its own
    order, so there the parsed documents are compared."""
    import json

    from django.db import connection

    exported = dossier_json(Trajectory.objects.get(slug=slug))
    if connection.vendor == "sqlite":
        assert exported == read(FILES[slug])
    assert json.loads(exported) == json.loads(read(FILES[slug]))


def test_loading_again_changes_nothing():
    before = {label: apps.get_model(label).objects.count() for label in COUNTS_BEFORE}
    outcomes = loader.load_example()
    assert [(o.slug, o.loaded) for o in outcomes] == [(slug, False) for slug in examples.EXAMPLE_SLUGS]
    assert all("bestaat al" in o.message for o in outcomes)
    assert loader.load_all_if_missing() is False
    assert {label: apps.get_model(label).objects.count() for label in COUNTS_BEFORE} == before


def test_demo_accounts_are_members_of_both_example_trajectories(users):
    for username in ("projectleider", "bergen", "or-bergen"):
        slugs = set(users[username].profile.trajectories.values_list("slug", flat=True))
        assert slugs >= set(examples.EXAMPLE_SLUGS), username
    assert users["or-bergen"].profile.organisation.name == "Ondernemingsraad gemeente Bergen"
