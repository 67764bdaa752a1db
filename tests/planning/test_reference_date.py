"""The default peildatum: today for a running plan; for a plan entirely in the past or a stopped
trajectory the last recorded state; an older version on the day it was replaced. Explicit
?peildatum= still overrides. In a stopped trajectory open items read "niet uitgevoerd"."""

import datetime as dt

import pytest

from regiokompas.accounts.actors import SystemActor
from regiokompas.examples import SLUG_2012
from regiokompas.planning import export as pexport
from regiokompas.planning import overview as ov
from regiokompas.planning import timeline
from regiokompas.planning.models import Plan
from regiokompas.register import constants as c
from regiokompas.register import services as rs
from regiokompas.register.models import Trajectory

from .helpers import D, simple_plan, trajectory_with_law

pytestmark = pytest.mark.django_db
SLUG = SLUG_2012
BASE = f"/trajecten/{SLUG}/planning/"


def test_plan_in_the_past_is_judged_on_the_last_recorded_state():
    t = Trajectory.objects.get(slug=SLUG)
    data = ov.build(t)
    # version 2 dates from the memo of 29 May 2012, later than the last decision (May 2012)
    assert data.reference_date == D(2012, 5, 29) and not data.reference_chosen
    assert "ligt helemaal in het verleden" in data.reference_note and "versie 2" in data.reference_note
    assert data.late == []  # against today nearly everything would be "te laat"
    today = ov.build(t, reference_date=dt.date.today())
    assert len(today.late) > 5 and today.reference_chosen


def test_an_older_version_is_judged_on_the_day_it_was_replaced():
    t = Trajectory.objects.get(slug=SLUG)
    v1 = Plan.objects.get(trajectory=t).versions.get(number=1)
    data = ov.build(t, v1)
    assert data.reference_date == D(2012, 5, 29) and "versie 2 deze versie verving" in data.reference_note
    assert [r.key for r in data.late if r.category == "mijlpaal"] == ["gate-2"]  # held on 3 April 2012


def test_a_running_plan_uses_today():
    t, law, gates = trajectory_with_law("peil-loopt", law_date=dt.date.today() + dt.timedelta(days=400))
    simple_plan(t, law, gates)
    day, note = ov.default_reference_date(t, Plan.objects.get(trajectory=t).current)
    assert day == dt.date.today() and "loopt nog" in note


def test_stopped_trajectory_reads_not_done_and_uses_the_last_decision(m):
    t, law, gates = trajectory_with_law("peil-gestopt", municipalities=[m["bergen"]], law_date=D(2030, 1, 1))
    simple_plan(t, law, gates, done=("besluit",))
    bergen = m["bergen"]
    rs.record_decision(SystemActor("test"), rs.DecisionInput(gate=gates[1], municipality=bergen, outcome=c.Outcome.REJECT, date=D(2025, 7, 1)))
    t.status = c.TrajectoryStatus.STOPPED
    t.save()
    data = ov.build(t)
    assert data.reference_date == D(2025, 7, 1) and "het traject is gestopt" in data.reference_note
    assert data.late == [] and data.stopped
    not_done = {r.key for r in data.not_done}
    assert not_done == {"voorbereiding", "invoering", "evaluatie", "los"}
    assert all(r.status_label == "niet uitgevoerd" for r in data.not_done)
    # also with an explicit peildatum long after the plan: not "te laat", but "niet uitgevoerd"
    later = ov.build(t, reference_date=D(2040, 1, 1))
    assert later.late == [] and len(later.not_done) == 4
    svg = timeline.svg(data)
    assert "× niet uitgevoerd" in svg and "4 niet uitgevoerd (traject gestopt)" in svg
    md = pexport.render(pexport.overview_document(data), "md").decode()
    assert "niet uitgevoerd" in md and "het traject is gestopt" in md


def test_page_says_which_peildatum_and_why_and_keeps_the_override(client, users):
    client.force_login(users["raadslid-bergen"])
    html = client.get(BASE).content.decode()
    assert "29 mei 2012" in html and "29 mei 2012 – de planning eindigt op 31 december 2013 en ligt helemaal in het verleden" in html
    assert "<strong>Te laat:</strong>" not in html and "<strong>Risico:</strong>" in html
    html = client.get(BASE + "?peildatum=2013-07-01").content.decode()
    assert "1 juli 2013 – door u gekozen" in html and "! Te laat" in html
    assert "peildatum=2013-07-01" in html  # the export links keep the chosen date
    html = client.get(BASE + "?peildatum=2013-13-01").content.decode()
    assert "geen geldige datum" in html and "standaardpeildatum" in html and "29 mei 2012" in html


def test_exports_use_the_same_peildatum(client, users):
    client.force_login(users["raadslid-bergen"])
    md = client.get(BASE + "export.md").content.decode()
    assert "Peildatum 29 mei 2012" in md and "ligt helemaal in het verleden" in md
    md = client.get(BASE + "export.md?peildatum=2013-07-01").content.decode()
    assert "Peildatum 1 juli 2013: gekozen" in md
    bad = client.get(BASE + "export.md?peildatum=morgen")
    assert bad.status_code == 400 and "geen geldige datum" in bad.content.decode()


def test_cli_names_the_peildatum_and_keeps_the_override(tmp_path, capsys):
    from regiokompas.cli import main

    assert main(["plan", "--trajectory", SLUG, "--ics", str(tmp_path / "a.ics")]) == 0
    out = capsys.readouterr().out
    assert "0 te laat" in out and "Peildatum 29 mei 2012: de planning eindigt op 31 december 2013" in out
    assert main(["plan", "--trajectory", SLUG, "--ics", str(tmp_path / "b.ics"), "--peildatum", "2013-07-01"]) == 0
    out = capsys.readouterr().out
    assert "Peildatum 1 juli 2013: opgegeven met --peildatum." in out and "0 te laat" not in out
