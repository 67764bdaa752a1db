"""iCalendar (validated with the icalendar library), docx and markdown through the shared renderer,
the `regiokompas plan` command, and the dossier round trip of the planning."""

import io

import pytest
from icalendar import Calendar

from regiokompas.examples import SLUG_2012
from regiokompas.planning import export, overview
from regiokompas.register.models import Trajectory

from .helpers import D, database_counts

pytestmark = pytest.mark.django_db
SLUG = SLUG_2012


@pytest.fixture
def data():
    return overview.build(Trajectory.objects.get(slug=SLUG), reference_date=D(2012, 6, 1))


def test_ics_validates_and_holds_every_row(data):
    raw = export.ics(data)
    cal = Calendar.from_ical(raw)
    events = cal.walk("VEVENT")
    assert len(events) == len(data.rows) > 10
    assert len({str(e["UID"]) for e in events}) == len(events)
    for e in events:
        assert e.decoded("DTSTART") < e.decoded("DTEND")
        assert str(e["SUMMARY"]).strip()
    assert str(cal["VERSION"]) == "2.0" and "Regiokompas" in str(cal["PRODID"])
    summaries = " ".join(str(e["SUMMARY"]) for e in events)
    assert "Adviesaanvraag" in summaries and "Wensen en bedenkingen" in summaries
    bergen = [e for e in events if "trager spoor" in str(e["SUMMARY"])]
    assert bergen and "Illustratief" in str(bergen[0]["DESCRIPTION"])


def test_overview_rows_flag_late_and_risk_against_the_reference_date(data):
    assert not data.late  # on 1 June 2012 nothing planned had passed yet
    risky = {r.key for r in data.at_risk}
    assert "gate-2" in risky  # decided before the works councils were informed
    assert "gate-3" in risky  # Alkmaar's council is planned after the regional decision
    assert "gate-3-bergen" not in risky  # Bergen's slower track has its advice and council in time
    later = overview.build(data.trajectory, reference_date=D(2013, 7, 1))
    assert "gate-3-bergen" in {r.key for r in later.late}


def test_overview_docx_and_md_through_the_shared_renderer(data):
    from docx import Document as Docx

    doc = export.overview_document(data)
    assert doc.kind == "planningsoverzicht" and doc.illustrative_note
    md = export.render(doc, "md").decode()
    assert "Planningsoverzicht" in md and "Colleges besluiten over de blauwdruk" in md and "illustratief" in md
    word = Docx(io.BytesIO(export.render(doc, "docx")))
    text = "\n".join(p.text for p in word.paragraphs) + "".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    assert "Planningsoverzicht" in text and "Wensen en bedenkingen" in text


def test_cli_plan_writes_ics_and_docx(tmp_path, capsys):
    from regiokompas.cli import main

    ics, docx = tmp_path / "p.ics", tmp_path / "p.docx"
    assert main(["plan", "--trajectory", SLUG, "--ics", str(ics), "--format", "docx", "-o", str(docx)]) == 0
    Calendar.from_ical(ics.read_bytes())
    assert docx.read_bytes()[:2] == b"PK"
    assert "Planning versie 2" in capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["--trajectory", "bestaat-niet", "--ics", "{d}/a.ics"], "bestaat niet"),
    (["--trajectory", SLUG], "Geef --ics"),
    (["--trajectory", SLUG, "--format", "pdf", "-o", "{d}/a.pdf"], "kies docx of md"),
    (["--trajectory", SLUG, "--format", "md"], "-o BESTAND"),
    (["--trajectory", SLUG, "--ics", "{d}/geen-map/a.ics"], "bestaat niet"),
    (["--trajectory", SLUG, "--ics", "{d}/a.ics", "--versie", "9"], "Versie '9'"),
    (["--trajectory", SLUG, "--ics", "{d}/a.ics", "--peildatum", "gisteren"], "geen geldige datum"),
])
def test_cli_plan_rejects_bad_input_in_dutch_and_writes_nothing(tmp_path, capsys, args, message):
    from regiokompas.cli import main

    before = database_counts()
    assert main(["plan", *[a.format(d=tmp_path) for a in args]]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
    assert database_counts() == before


def test_dossier_export_contains_the_planning():
    from regiokompas.register.dossier import export_dossier

    data = export_dossier(Trajectory.objects.get(slug=SLUG))["objects"]
    assert len(data["planning_version"]) == 2
    assert len(data["planning_milestone"]) > 10 and data["planning_dependency"]
    assert any(r["code"] == "or-geinformeerd-voor-go-no-go" for r in data["planning_rule"])
    assert {r["kind"] for r in data["planning_consultation"]} >= {"information", "or_advice_art25", "client_advice"}
