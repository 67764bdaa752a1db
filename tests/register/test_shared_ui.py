"""The shared parts of every page: one date input, Dutch words for codes, one chart palette, the
error summary that names every field."""

import datetime as dt
import re

import pytest
from django.apps import apps

from regiokompas import charts
from regiokompas.labels import UNKNOWN, action_label
from regiokompas.register.forms import DateTextInput, DecisionForm, DutchDateField


def test_audit_actions_read_as_dutch_words_never_as_codes():
    assert action_label("decision.correction") == "besluit gecorrigeerd"
    assert action_label("decision.new_decision") == "besluit vervangen door een nieuw besluit"
    assert action_label("condition.status") == "voorwaarde status gewijzigd"
    assert action_label("publication.ter_akkoord") == "raadsinformatie ter akkoord aangeboden"
    assert action_label("trajectoryparticipant.import") == "deelnemende gemeente ingelezen"
    assert action_label("api.token.create") == "API-token aangemaakt"
    assert action_label("iets.onbekends") == UNKNOWN and action_label("") == UNKNOWN


@pytest.mark.django_db
def test_every_audit_action_of_the_example_has_a_label():
    from regiokompas.audit.models import AuditEntry

    codes = set(AuditEntry.objects.values_list("action", flat=True))
    assert codes, "the example dossier writes audit rows"
    assert {code for code in codes if action_label(code) == UNKNOWN} == set()


@pytest.mark.django_db
def test_the_decision_page_shows_audit_actions_in_words(client, users):
    from regiokompas.register.models import Decision

    decision = Decision.objects.filter(gate__trajectory__slug="alkmaar-participatiewet-2019").first()
    client.force_login(users["projectleider"])
    html = client.get(f"/besluiten/{decision.pk}/").content.decode()
    assert not re.search(r"<td>[a-z_]+\.[a-z_]+</td>", html)


def test_one_date_widget_dd_mm_jjjj_in_every_form():
    from regiokompas.finance.forms import AllocationKeyForm
    from regiokompas.options.forms import ScoreForm
    from regiokompas.publications.forms import DraftForm, InformationEventForm

    for form_class, name in ((DraftForm, "date"), (InformationEventForm, "date"), (ScoreForm, "evidence_date")):
        field = form_class.base_fields[name]
        assert isinstance(field, DutchDateField) and isinstance(field.widget, DateTextInput), form_class
        assert field.widget.input_type == "text"
    field = AllocationKeyForm.base_fields["reference_date"]
    assert isinstance(field, DutchDateField) and field.widget.input_type == "text"
    assert 'type="date"' not in DraftForm(municipalities=[]).as_p()
    rendered = DutchDateField().widget.render("d", dt.date(2012, 4, 3))
    assert 'value="03-04-2012"' in rendered and 'inputmode="numeric"' in rendered


@pytest.mark.parametrize("bad", ["31-02-2024", "2024-02-31", "3 april", "13-13-2013", "0-0-0"])
def test_a_bad_date_gives_a_dutch_message_naming_the_format(bad):
    form = DecisionForm(data={"body": "college", "outcome": "agree", "date": bad})
    assert not form.is_valid()
    assert "date" in form.errors and re.search(r"datum|dd-mm-jjjj", form.errors["date"][0])
    field = DutchDateField()
    with pytest.raises(Exception, match="dd-mm-jjjj"):
        field.clean(bad)


@pytest.mark.django_db
def test_a_bad_date_on_the_decision_form_changes_nothing_and_the_summary_links_the_field(client, users):
    from regiokompas.register.models import Gate

    def counts():
        return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label in {"register", "audit"}}

    gate = Gate.objects.filter(trajectory__slug="alkmaar-participatiewet-2019").order_by("ordinal").first()
    client.force_login(users["bergen"])
    before = counts()
    response = client.post(f"/besluitmomenten/{gate.pk}/besluit/GM0373/", {"body": "college", "outcome": "agree", "date": "31-02-2024"})
    html = response.content.decode()
    assert response.status_code == 400 and counts() == before
    assert 'id="fouten"' in html and "Verbeter de gemarkeerde velden" not in html
    assert re.search(r'<li><a href="#id_date">Datum van het besluit</a>: ', html)


def test_one_palette_with_contrast_and_distinct_markers_and_lines():
    def luminance(hex_colour):
        rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    for colour in charts.PALETTE:
        assert 1.05 / (luminance(colour) + 0.05) >= 4.5, colour  # lines and white text on fills
    n = len(charts.PALETTE)
    assert len(set(charts.MARKERS[:n])) == n and len(set(charts.DASHES[:n])) == n
    assert charts.colour(0) == charts.colour(n)
    from regiokompas.finance import charts as finance_charts
    from regiokompas.options import charts as options_charts
    from regiokompas.planning import timeline

    assert finance_charts.PALETTE is charts.PALETTE and options_charts.PALETTE is charts.PALETTE
    assert set(timeline.FILL.values()) <= set(charts.PALETTE)


def test_direct_labels_of_close_lines_never_overlap():
    placed = charts.spread_labels([100.0, 101.0, 103.0], gap=15)
    ordered = sorted(placed)
    assert all(b - a >= 15 for a, b in zip(ordered, ordered[1:], strict=False))
    assert charts.spread_labels([50.0, 200.0], gap=15) == [50.0, 200.0]


def test_the_finance_band_chart_marks_and_labels_each_line():
    from regiokompas.finance.charts import band_chart

    series = [{"label": f"Variant {k}", "mean": [10e6 + k * 1e5] * 10, "p05": [9e6] * 10, "p95": [12e6] * 10, "index": k - 1}
              for k in (1, 2, 3)]
    svg = band_chart(list(range(2022, 2032)), series, ident="t", title="t", desc="d")
    assert 'viewBox="0 0 720 340"' in svg
    for k in (1, 2, 3):
        assert f">Variant {k}</text>" in svg  # a direct label at the end of each line
    assert 'stroke-dasharray="8 4"' in svg and 'stroke-dasharray="2 3"' in svg
    assert "<polygon points=" in svg and "<rect x=" in svg and "<circle" in svg  # three marker shapes
    label_ys = [float(y) for y in re.findall(r'<text x="[\d.]+" y="([\d.]+)"[^>]*font-weight="bold"', svg)]
    assert len(label_ys) == 3 and min(abs(a - b) for i, a in enumerate(label_ys) for b in label_ys[i + 1:]) >= 15


@pytest.mark.django_db
def test_pages_are_dutch_whatever_the_browser_asks(client, users):
    from regiokompas.register.models import Gate

    gate = Gate.objects.filter(trajectory__slug="alkmaar-participatiewet-2019").order_by("ordinal").first()
    client.force_login(users["bergen"])
    html = client.post(f"/besluitmomenten/{gate.pk}/besluit/GM0373/", {"body": "college", "date": "01-02-2024"},
                       HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Dit veld is verplicht." in html and "This field is required" not in html
