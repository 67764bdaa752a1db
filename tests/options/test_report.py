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
    # a short main part, then the annexes with the detail
    main = [s.type for s in doc.sections if not s.annex]
    assert main == ["samenvatting", "vraag", "varianten", "criteria", "resultaten", "gevoeligheid", "financien", "datakwaliteit"]
    assert types[:len(main)] == main
    annexes = [s.type for s in doc.sections if s.annex]
    assert annexes == ["scores", "voor_en_nadelen", "voorkeuren", "financien_uitwerking", "datakwaliteit_volledig"]
    assert doc.toc_after == 1  # the conclusion on page 1, before the table of contents
    text = {s.type: s.text for s in doc.sections}
    assert "nog geen conclusie: Er is nog geen analyse uitgevoerd." in text["samenvatting"]
    assert "effectiviteit, efficiency en klantgerichtheid" in text["vraag"]
    assert "niet onderbouwd" in text["scores"]
    assert "(illustratief)" in text["varianten"]
    assert "23 van de 24 scores zijn niet onderbouwd" in text["datakwaliteit"]
    assert "Illustratieve voorbeeldgegevens" in text["datakwaliteit"]
    # in brief in the main part, every case in the annex
    assert "Variant 1 × Effectiviteit" not in text["datakwaliteit"] and "Variant 1 × Effectiviteit" in text["datakwaliteit_volledig"]
    assert doc.illustrative_note and "illustratief" in doc.illustrative_note
    assert doc.kind == "onderbouwing"
    for name in ("Bergen", "Alkmaar", "Castricum", "Heiloo", "Heerhugowaard", "Langedijk", "Schermer", "Graft-De Rijp"):
        assert name in text["voorkeuren"]


def test_report_of_an_empty_trajectory_says_what_is_missing(users):
    from tests.register.helpers import new_trajectory

    t, _ = new_trajectory("leeg-traject")
    doc = report.build(t, None, problem_error="Een analyse vergelijkt ten minste twee varianten.")
    text = {s.type: s.text for s in doc.sections}
    assert "nog geen varianten" in text["varianten"] and "nog geen criteria" in text["criteria"]
    assert "ten minste twee varianten" in text["resultaten"]
    assert "Er zijn nog geen criteria vastgesteld." in text["datakwaliteit"]
    assert doc.illustrative_note is None


def test_preferences_need_criteria_first(m, users):
    from tests.options.helpers import database_counts
    from tests.register.helpers import new_trajectory

    from regiokompas.options import services
    from regiokompas.options.errors import OptionsError
    from regiokompas.options.problem import Statement

    t, _ = new_trajectory("zonder-criteria-2", municipalities=[m["bergen"]])
    before = database_counts()
    with pytest.raises(OptionsError, match="nog geen \\(of te weinig\\) criteria"):
        services.save_preferences(users["bergen"], t, m["bergen"], [Statement("ranking", {"order": [["a"], ["b"]]})])
    assert database_counts() == before


def test_report_names_a_confidential_evidence_document_only_to_who_may_see_it(users):
    from regiokompas.options import services
    from regiokompas.options.models import Score
    from regiokompas.register import services as rs
    from regiokompas.register.models import Document

    t = Trajectory.objects.get(slug=SLUG)
    secret = rs.save_document(users["projectleider"], Document(
        trajectory=t, kind="rapport", title="Vertrouwelijke doorrekening personeelsgevolgen", confidential=True))
    score = Score.objects.filter(variant__trajectory=t).first()
    score.evidence_document = secret
    services.save_score(users["projectleider"], score)

    def evidence_text(viewer):
        doc = report.build(t, None, problem_error="Nog geen analyse.", viewer=viewer)
        return next(s.text for s in doc.sections if s.type == "voor_en_nadelen")

    assert secret.title in evidence_text(users["projectleider"])
    # the command line writes a report for any reader (raad, public): it names only public documents
    assert secret.title not in evidence_text(None)
    hidden = evidence_text(users["raadslid-bergen"])
    assert secret.title not in hidden and "vertrouwelijk document" in hidden


def test_the_same_report_downloaded_again_is_not_laid_out_again(monkeypatch):
    from regiokompas.documents import render as render_module

    t = Trajectory.objects.get(slug=SLUG)
    calls = []
    real = render_module.render
    monkeypatch.setattr(render_module, "render", lambda document, fmt: calls.append(fmt) or real(document, fmt))
    first = report.render_report(t, "md", None, problem_error="Nog geen analyse.")
    assert report.render_report(t, "md", None, problem_error="Nog geen analyse.") == first and calls == ["md"]
    # a change of the content is a new document
    Trajectory.objects.filter(pk=t.pk).update(aim="Een nieuw doel van de samenwerking.")
    changed = report.render_report(Trajectory.objects.get(slug=SLUG), "md", None, problem_error="Nog geen analyse.")
    assert "Een nieuw doel van de samenwerking." in changed.decode() and calls == ["md", "md"]
