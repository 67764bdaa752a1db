"""The substantiation report as a document model (rendering is tested with a full run)."""

import pytest
from tests.options.helpers import SLUG

from regiokompas.options import report
from regiokompas.register.models import Trajectory

pytestmark = pytest.mark.django_db


def test_report_without_run_has_all_chapters_and_says_what_is_missing():
    t = Trajectory.objects.get(slug=SLUG)
    doc = report.build(t, None, problem_error="Er is nog geen analyse uitgevoerd.")
    types = [s.type for s in doc.sections]
    assert types[:6] == ["vraag", "varianten", "criteria", "voor_en_nadelen", "scores", "voorkeuren"]
    assert "datakwaliteit" in types and "resultaten" in types
    text = {s.type: s.text for s in doc.sections}
    assert "effectiviteit, efficiency en klantgerichtheid" in text["vraag"]
    assert "niet onderbouwd" in text["scores"]
    assert "(illustratief)" in text["varianten"]
    assert "23 van de 24 scores zijn niet onderbouwd" in text["datakwaliteit"]
    assert "Illustratieve voorbeeldgegevens" in text["datakwaliteit"]
    assert doc.illustrative_note and "illustratief" in doc.illustrative_note
    assert doc.kind == "onderbouwing"
    for name in ("Bergen", "Alkmaar", "Castricum", "Heiloo", "Heerhugowaard", "Langedijk", "Schermer", "Graft-De Rijp"):
        assert name in text["voorkeuren"]
