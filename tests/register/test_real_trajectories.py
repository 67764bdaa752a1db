"""A register that fits real trajectories (issue 12 §2): gates with several bodies and a counting
body, information moments, proposals and noted outcomes, date precision, corrections that keep
conditions, legal forms beyond the Wgr, successions of arrangements and appointments. Tested on a
fictitious region of four municipalities that are not in the example, and on the example."""

import datetime as dt

import pytest
from tests.register.helpers import database_counts

from regiokompas.accounts.actors import SystemActor
from regiokompas.register import constants as c
from regiokompas.register import query
from regiokompas.register import services as s
from regiokompas.register.dates import FuzzyDate
from regiokompas.register.models import (
    Appointment,
    ArrangementParticipation,
    Condition,
    Decision,
    Document,
    Gate,
    JointArrangement,
    Municipality,
    Trajectory,
)

pytestmark = pytest.mark.django_db

# Gouda, Bodegraven-Reeuwijk, Krimpenerwaard, Zuidplas: in the CBS list, not in the example
REGION = ["GM0513", "GM1901", "GM1931", "GM1892"]
G = c.GoverningBodyKind
OC = c.Outcome


@pytest.fixture
def region(db):
    munis = [Municipality.objects.get(cbs_code=code) for code in REGION]
    t = s.save_object(SystemActor("test"), Trajectory(slug="midden-holland-werk", name="Samenwerking werk Midden-Holland", source="test"))
    for muni in munis:
        s.add_participant(SystemActor("test"), t, muni, source="test")
    info = s.save_gate(SystemActor("test"), Gate(trajectory=t, ordinal=1, title="Informatieavond raden", kind=c.GateKind.INFORMATION,
                                    bodies=[G.RAAD], source="test"))
    gate = s.save_gate(SystemActor("test"), Gate(trajectory=t, ordinal=2, title="Besluit bedrijfsvoeringsorganisatie",
                                    bodies=[G.COLLEGE, G.RAAD], planned_date=dt.date(2025, 3, 1),
                                    planned_date_precision=c.DatePrecision.MONTH, source="test"))
    return t, munis, info, gate


def record(gate, muni, outcome, body, day=dt.date(2025, 3, 4), precision=c.DatePrecision.DAY, **kw):
    return s.record_decision(SystemActor("test"), s.DecisionInput(gate=gate, municipality=muni, outcome=outcome, body_kind=body,
                                                     date=day, date_precision=precision, source="test", **kw))


# --- gates ------------------------------------------------------------------------------------------


def test_counting_body_is_the_last_in_the_list_unless_named(region):
    _t, _m, info, gate = region
    assert gate.counting_body_kind == G.RAAD and gate.deciding_body_kind == G.RAAD
    gate.counting_body = G.COLLEGE
    s.save_gate(SystemActor("test"), gate)
    assert Gate.objects.get(pk=gate.pk).counting_body_kind == G.COLLEGE
    assert info.kind == c.GateKind.INFORMATION and info.bodies == ["raad"]


@pytest.mark.parametrize("changes, message", [
    ({"bodies": []}, "ten minste één orgaan"),
    ({"bodies": ["college", "wethouder"]}, "Onbekend orgaan: wethouder"),
    ({"bodies": ["college", "college"]}, "maar één keer"),
    ({"bodies": ["college"], "counting_body": "raad"}, "staat niet in de lijst"),
    ({"bodies": ["college", "algemeen_bestuur"]}, "van welke regeling of organisatie"),
    ({"kind": "informatie", "counting_body": "raad"}, "er telt geen besluit"),
    ({"planned_date_precision": "eeuw"}, "nauwkeurigheid"),
])
def test_bad_gate_is_refused_in_dutch_and_changes_nothing(region, changes, message):
    t, _m, _info, _gate = region
    counts = database_counts()
    gate = Gate(trajectory=t, ordinal=3, title="Nog een moment", bodies=["college", "raad"], planned_date=dt.date(2026, 1, 1), source="test")
    for name, value in changes.items():
        setattr(gate, name, value)
    with pytest.raises(s.RegisterError, match=message):
        s.save_gate(SystemActor("test"), gate)
    assert database_counts() == counts


def test_a_body_with_decisions_stays_on_the_gate(region):
    _t, munis, _info, gate = region
    record(gate, munis[0], OC.PROPOSED, G.COLLEGE)
    gate.bodies = [G.RAAD]
    with pytest.raises(s.RegisterError, match="college van B&W"):
        s.save_gate(SystemActor("test"), gate)
    assert Gate.objects.get(pk=gate.pk).bodies == ["college", "raad"]


def test_algemeen_bestuur_of_the_arrangement_named_at_the_gate(region):
    t, munis, _info, _gate = region
    gr = s.save_arrangement(SystemActor("test"), JointArrangement(name="GR Werk Midden-Holland", legal_form=c.LegalForm.OPENBAAR_LICHAAM, source="test"),
                            participants=munis)
    gate = s.save_gate(SystemActor("test"), Gate(trajectory=t, ordinal=3, title="Begroting", bodies=[G.ALGEMEEN_BESTUUR], body_arrangement=gr, source="test"))
    d = record(gate, munis[0], OC.AGREE, G.ALGEMEEN_BESTUUR)
    assert d.governing_body.arrangement == gr and d.governing_body.kind == G.ALGEMEEN_BESTUUR
    state = query.trajectory_state(t)
    assert state.cell(gate, munis[0]).decision == d


# --- college and raad on the same gate -------------------------------------------------------------


def test_college_proposes_and_raad_decides_on_the_same_gate(region):
    t, munis, _info, gate = region
    gouda = munis[0]
    proposal = record(gate, gouda, OC.PROPOSED, G.COLLEGE, day=dt.date(2025, 2, 11))
    state = query.trajectory_state(t)
    cell = state.cell(gate, gouda)
    assert cell.decision is None and cell.decisions == [proposal]  # a proposal decides nothing
    assert gouda in state.results[gate.pk].undecided
    raad = record(gate, gouda, OC.AGREE, G.RAAD, day=dt.date(2025, 3, 1), precision=c.DatePrecision.MONTH)
    cell = query.trajectory_state(t).cell(gate, gouda)
    assert cell.decision == raad and cell.decisions == [proposal, raad] and cell.other_decisions == [proposal]
    assert raad.governing_body.kind == G.RAAD and proposal.governing_body.kind == G.COLLEGE
    assert FuzzyDate.of(raad).dutch() == "maart 2025" and FuzzyDate.of(proposal).dutch() == "11 februari 2025"


def test_only_the_counting_body_decides_the_gate(region):
    t, munis, _info, gate = region
    for muni in munis:
        record(gate, muni, OC.AGREE, G.COLLEGE)  # colleges agree, the raden have not decided
    result = query.trajectory_state(t).results[gate.pk]
    assert result.status == c.GateStatus.OPEN and len(result.undecided) == 4
    for muni in munis:
        record(gate, muni, OC.AGREE, G.RAAD)
    assert query.trajectory_state(t).results[gate.pk].status == c.GateStatus.PASSED


def test_a_raad_rejection_stops_the_unanimous_gate_whatever_the_college_proposed(region):
    t, munis, _info, gate = region
    for muni in munis:
        record(gate, muni, OC.PROPOSED, G.COLLEGE)
        record(gate, muni, OC.REJECT if muni.cbs_code == "GM1931" else OC.AGREE, G.RAAD)
    result = query.trajectory_state(t).results[gate.pk]
    assert result.status == c.GateStatus.STOPPED
    assert [m.cbs_code for m in result.rejected] == ["GM1931"]


@pytest.mark.parametrize("outcome, body, message", [
    (OC.PROPOSED, G.RAAD, "orgaan dat voorstelt"),
    (OC.NOTED, G.RAAD, "kennisgenomen' past alleen"),
    (OC.AGREE, G.ALGEMEEN_BESTUUR, "besluit het orgaan 'algemeen bestuur' niet"),
    (OC.AGREE, "wethouder", "Onbekend orgaan"),
    ("misschien", G.RAAD, "Onbekende uitkomst"),
])
def test_bad_decision_is_refused_in_dutch_and_changes_nothing(region, outcome, body, message):
    _t, munis, _info, gate = region
    counts = database_counts()
    with pytest.raises(s.RegisterError, match=message):
        record(gate, munis[0], outcome, body)
    assert database_counts() == counts


def test_withdrawal_follows_only_from_the_counting_body(region):
    _t, munis, _info, gate = region
    counts = database_counts()
    with pytest.raises(s.RegisterError, match="Uittreden volgt uit het besluit"):
        record(gate, munis[0], OC.REJECT, G.COLLEGE, withdraws=True)
    assert database_counts() == counts


def test_not_yet_decided_needs_no_date(region):
    t, munis, _info, gate = region
    d = record(gate, munis[1], OC.NOT_YET_DECIDED, G.RAAD, day=None)
    assert d.date is None and d.date_precision == c.DatePrecision.UNKNOWN
    assert query.trajectory_state(t).cell(gate, munis[1]).status == c.ParticipationStatus.ACTIVE


def test_decision_dates_keep_their_precision_without_an_invented_first_of_january(region):
    _t, munis, _info, gate = region
    d = record(gate, munis[2], OC.AGREE, G.RAAD, day=dt.date(2015, 7, 19), precision=c.DatePrecision.YEAR)
    assert d.date == dt.date(2015, 1, 1) and FuzzyDate.of(d).dutch() == "2015"
    assert FuzzyDate.of(d).iso() == "2015"


def test_a_decision_in_the_future_month_or_of_a_merged_municipality_is_refused(m):
    t = s.save_object(SystemActor("test"), Trajectory(slug="fusie-test", name="Fusietest", source="test"))
    s.add_participant(SystemActor("test"), t, m["heerhugowaard"])
    gate = s.save_gate(SystemActor("test"), Gate(trajectory=t, ordinal=1, title="Besluit", bodies=["college", "raad"], source="test"))
    counts = database_counts()
    with pytest.raises(s.RegisterError, match="bestond niet in maart 2022.*Dijk en Waard"):
        s.record_decision(SystemActor("test"), s.DecisionInput(gate=gate, municipality=m["heerhugowaard"], outcome=OC.AGREE, body_kind="raad",
                                                  date=dt.date(2022, 3, 1), date_precision=c.DatePrecision.MONTH))
    assert database_counts() == counts


# --- information moments ----------------------------------------------------------------------------


def test_information_moment_decides_nothing_and_keeps_participation(region):
    t, munis, info, gate = region
    noted = record(info, munis[0], OC.NOTED, G.RAAD, day=None)
    with pytest.raises(s.RegisterError, match="informatiemoment: er wordt niets besloten"):
        record(info, munis[1], OC.AGREE, G.RAAD)
    state = query.trajectory_state(t)
    result = state.results[info.pk]
    assert result.status == c.GateStatus.INFORMATION and "1 van 4" in result.explanation
    assert state.cell(info, munis[0]).decisions == [noted] and state.cell(info, munis[0]).decision is None
    assert all(state.cell(info, muni).status == c.ParticipationStatus.ACTIVE for muni in munis)
    assert all(state.cell(gate, muni).status == c.ParticipationStatus.ACTIVE for muni in munis)


def test_a_gate_with_decisions_does_not_become_an_information_moment(region):
    _t, munis, _info, gate = region
    record(gate, munis[0], OC.AGREE, G.RAAD)
    gate.kind = c.GateKind.INFORMATION
    with pytest.raises(s.RegisterError, match="informatiemoment"):
        s.save_gate(SystemActor("test"), gate)
    assert Gate.objects.get(pk=gate.pk).kind == c.GateKind.DECISION


# --- corrections keep conditions ----------------------------------------------------------------------


@pytest.fixture
def conditional(region):
    t, munis, _info, gate = region
    proof = s.save_document(SystemActor("test"), Document(trajectory=t, kind=c.DocumentKind.RAPPORT, title="Kostenvergelijking", source="test"))
    d = record(gate, munis[0], OC.AGREE_WITH_CONDITIONS, G.RAAD, conditions=[
        s.ConditionInput("Kostenvergelijking per gemeente", c.ConditionCategory.FINANCIAL),
        s.ConditionInput("Advies van de ondernemingsraad", c.ConditionCategory.STAFF),
    ])
    first, second = d.conditions.order_by("id")
    s.set_condition_status(SystemActor("test"), first, c.ConditionStatus.MET, fulfilled_by=proof, note="Rapport van maart", date=dt.date(2025, 4, 1))
    return d, proof


def _correct(d, **kw):
    data = s.DecisionInput(gate=d.gate, municipality=d.municipality, outcome=kw.pop("outcome", OC.AGREE_WITH_CONDITIONS),
                           date=d.date, date_precision=d.date_precision, **kw)
    return s.supersede_decision(SystemActor("test"), d, data, reason="Datum verkeerd overgenomen")


def test_a_correction_keeps_conditions_with_status_category_document_and_note(conditional):
    d, proof = conditional
    new = _correct(d)
    kept = list(new.conditions.order_by("id"))
    assert [(x.text, x.status, x.category, x.fulfilled_by, x.status_note, x.status_date) for x in kept] == [
        ("Kostenvergelijking per gemeente", c.ConditionStatus.MET, c.ConditionCategory.FINANCIAL, proof, "Rapport van maart", dt.date(2025, 4, 1)),
        ("Advies van de ondernemingsraad", c.ConditionStatus.OPEN, c.ConditionCategory.STAFF, None, "", None),
    ]
    assert [x.carried_from_id for x in kept] == list(d.conditions.order_by("id").values_list("id", flat=True))
    assert new.governing_body == d.governing_body


def test_a_correction_with_the_same_texts_keeps_their_status(conditional):
    d, proof = conditional
    new = _correct(d, conditions=[s.ConditionInput("Kostenvergelijking  per gemeente"), s.ConditionInput("Nieuwe voorwaarde")])
    kept = list(new.conditions.order_by("id"))
    assert kept[0].status == c.ConditionStatus.MET and kept[0].fulfilled_by == proof and kept[0].category == c.ConditionCategory.FINANCIAL
    assert kept[1].status == c.ConditionStatus.OPEN and kept[1].carried_from is None
    assert len(kept) == 2  # the OR advice was left out explicitly


def test_a_correction_changes_a_condition_only_where_it_says_so(conditional):
    d, _proof = conditional
    met, staff = d.conditions.order_by("id")
    new = _correct(d, conditions=[s.ConditionInput(met.text, carry=met, status=c.ConditionStatus.OPEN),
                                  s.ConditionInput(staff.text, carry=staff, category=c.ConditionCategory.PROCESS)])
    reopened, recategorised = new.conditions.order_by("id")
    assert reopened.status == c.ConditionStatus.OPEN and reopened.fulfilled_by is None
    assert recategorised.category == c.ConditionCategory.PROCESS and recategorised.status == c.ConditionStatus.OPEN


def test_a_correction_cannot_carry_another_decisions_condition_and_changes_nothing(conditional, region):
    d, _proof = conditional
    _t, munis, _info, gate = region
    other = record(gate, munis[1], OC.AGREE_WITH_CONDITIONS, G.RAAD, conditions=[s.ConditionInput("Iets anders")])
    counts = database_counts()
    with pytest.raises(s.RegisterError, match="hoort niet bij het besluit"):
        _correct(d, conditions=[s.ConditionInput("Iets anders", carry=other.conditions.get())])
    with pytest.raises(s.RegisterError, match="Geef aan met welk stuk"):
        _correct(d, conditions=[s.ConditionInput("x", carry=d.conditions.order_by("id")[1], status=c.ConditionStatus.MET)])
    assert database_counts() == counts
    assert Decision.objects.get(pk=d.pk).is_current


def test_status_of_a_superseded_decisions_condition_is_not_changed(conditional):
    d, proof = conditional
    _correct(d)
    old = d.conditions.order_by("id")[1]
    with pytest.raises(s.RegisterError, match="vervangen besluit"):
        s.set_condition_status(SystemActor("test"), old, c.ConditionStatus.MET, fulfilled_by=proof)
    assert Condition.objects.get(pk=old.pk).status == c.ConditionStatus.OPEN


def test_correction_keeps_conditions_on_the_example(m):
    gate = Gate.objects.get(trajectory__slug="alkmaar-participatiewet-2019", ordinal=2)
    d = Decision.objects.filter(gate=gate, is_current=True).first()
    cond = Condition.objects.create(decision=d, text="Voorbeeldvoorwaarde", source="test")
    doc = Document.objects.filter(trajectory=gate.trajectory).first()
    s.set_condition_status(SystemActor("test"), cond, c.ConditionStatus.MET, fulfilled_by=doc)
    new = s.supersede_decision(SystemActor("test"), d, s.DecisionInput(gate=gate, municipality=d.municipality, outcome=d.outcome, date=d.date,
                                                         date_precision=d.date_precision), reason="Correctie")
    carried = new.conditions.get(text="Voorbeeldvoorwaarde")
    assert carried.status == c.ConditionStatus.MET and carried.fulfilled_by == doc


# --- legal forms, succession, appointments --------------------------------------------------------


def test_legal_forms_beyond_the_wgr(region):
    _t, munis, _i, _g = region
    st = s.save_arrangement(SystemActor("test"), JointArrangement(name="Stichting Werkbedrijf", legal_form=c.LegalForm.STICHTING, source="test"),
                            participants=munis[:2])
    assert st.legal_personality and not st.is_wgr and st.get_legal_form_display() == "stichting"
    conv = s.save_arrangement(SystemActor("test"), JointArrangement(name="Convenant Werkgeversservicepunt", legal_form=c.LegalForm.CONVENANT, source="test"))
    assert not conv.legal_personality
    assert set(c.LegalForm.values) == {"openbaar_lichaam", "bedrijfsvoeringsorganisatie", "gemeenschappelijk_orgaan",
                                        "centrumgemeenteregeling", "regeling_zonder_meer", "stichting", "vereniging", "nv", "bv",
                                        "convenant"}
    counts = database_counts()
    with pytest.raises(s.RegisterError, match="geen Wgr-regeling"):
        s.save_arrangement(SystemActor("test"), JointArrangement(name="BV Re-integratie", legal_form=c.LegalForm.BV,
                                                    arrangement_type=c.ArrangementType.COLLEGEREGELING, source="test"))
    with pytest.raises(s.RegisterError, match="rechtsvorm"):
        s.save_arrangement(SystemActor("test"), JointArrangement(name="Iets", legal_form="kerkgenootschap", source="test"))
    assert database_counts() == counts


def test_amended_successor_and_merger_show_a_lineage(region):
    _t, munis, _i, _g = region
    old = s.save_arrangement(SystemActor("test"), JointArrangement(name="GR De IJssel", legal_form=c.LegalForm.OPENBAAR_LICHAAM, source="test"))
    renamed = s.save_arrangement(SystemActor("test"), JointArrangement(name="GR Werkland", legal_form=c.LegalForm.OPENBAAR_LICHAAM, source="test"))
    other = s.save_arrangement(SystemActor("test"), JointArrangement(name="BVO Inkomen", legal_form=c.LegalForm.BEDRIJFSVOERINGSORGANISATIE, source="test"))
    merged = s.save_arrangement(SystemActor("test"), JointArrangement(name="GR Werk en Inkomen", legal_form=c.LegalForm.OPENBAAR_LICHAAM, source="test"))
    s.record_succession(SystemActor("test"), renamed, [old], c.SuccessionKind.AMENDED, date=FuzzyDate(dt.date(2018, 1, 1), "month"), source="Gemeenteblad")
    s.record_succession(SystemActor("test"), merged, [renamed, other], c.SuccessionKind.MERGER, date=FuzzyDate(dt.date(2023, 1, 1), "year"), source="test")
    old.refresh_from_db()
    assert FuzzyDate.of(old, "valid_to").dutch() == "januari 2018"
    lineage = merged.lineage()
    assert [(link.predecessor.name, link.kind) for link in lineage] == [
        ("GR Werkland", "merger"), ("BVO Inkomen", "merger"), ("GR De IJssel", "amended")]
    assert [link.successor.name for link in old.descendants()] == ["GR Werkland", "GR Werk en Inkomen"]


@pytest.mark.parametrize("case, message", [
    ("self", "zichzelf"),
    ("two_amended", "precies één voorganger"),
    ("cycle", "kringloop"),
    ("kind", "Onbekende soort opvolging"),
    ("none", "ten minste één"),
])
def test_bad_succession_is_refused_and_changes_nothing(region, case, message):
    a = s.save_arrangement(SystemActor("test"), JointArrangement(name="GR A", legal_form=c.LegalForm.OPENBAAR_LICHAAM, source="test"))
    b = s.save_arrangement(SystemActor("test"), JointArrangement(name="GR B", legal_form=c.LegalForm.OPENBAAR_LICHAAM, source="test"))
    x = s.save_arrangement(SystemActor("test"), JointArrangement(name="GR X", legal_form=c.LegalForm.OPENBAAR_LICHAAM, source="test"))
    s.record_succession(SystemActor("test"), b, [a], c.SuccessionKind.RENAMED)
    counts = database_counts()
    args = {
        "self": (x, [x], "merger"), "two_amended": (x, [a, b], "amended"), "cycle": (a, [b], "merger"),
        "kind": (x, [a], "overname"), "none": (x, [], "merger"),
    }[case]
    with pytest.raises(s.RegisterError, match=message):
        s.record_succession(SystemActor("test"), *args)
    assert database_counts() == counts


def test_appointments_of_members_and_deputies_per_municipality(region):
    _t, munis, _i, _g = region
    gr = s.save_arrangement(SystemActor("test"), JointArrangement(name="GR Werk Midden-Holland", legal_form=c.LegalForm.OPENBAAR_LICHAAM, source="test"),
                            participants=munis)
    member = s.record_appointment(SystemActor("test"), s.AppointmentInput(gr, c.AppointmentOrgan.ALGEMEEN_BESTUUR, munis[0], person_name="A. de Vries",
                                                             start=FuzzyDate(dt.date(2022, 6, 1), "month"), source="raadsbesluit"))
    deputy = s.record_appointment(SystemActor("test"), s.AppointmentInput(gr, c.AppointmentOrgan.ALGEMEEN_BESTUUR, munis[0], person_name="B. Jansen",
                                                             capacity=c.AppointmentCapacity.DEPUTY, start=FuzzyDate(dt.date(2022, 6, 1), "month"),
                                                             source="raadsbesluit"))
    db = s.record_appointment(SystemActor("test"), s.AppointmentInput(gr, c.AppointmentOrgan.DAGELIJKS_BESTUUR, munis[1], person_name="C. Smit",
                                                         start=FuzzyDate(dt.date(2022, 1, 1), "year"), source="test"))
    assert str(deputy).startswith("B. Jansen: plaatsvervangend lid algemeen bestuur")
    assert set(s.appointments_on(gr, dt.date(2022, 6, 15))) == {member, deputy, db}
    assert s.appointments_on(gr, dt.date(2022, 5, 31)) == [db]
    s.end_appointment(SystemActor("test"), member, FuzzyDate(dt.date(2024, 3, 31)))
    assert member not in s.appointments_on(gr, dt.date(2024, 4, 1))
    counts = database_counts()
    other = Municipality.objects.get(cbs_code="GM0344")
    with pytest.raises(s.RegisterError, match="neemt niet deel"):
        s.record_appointment(SystemActor("test"), s.AppointmentInput(gr, c.AppointmentOrgan.ALGEMEEN_BESTUUR, other, person_name="D"))
    with pytest.raises(s.RegisterError, match="eindigen voordat"):
        s.record_appointment(SystemActor("test"), s.AppointmentInput(gr, c.AppointmentOrgan.ALGEMEEN_BESTUUR, munis[2], person_name="D",
                                                        start=FuzzyDate(dt.date(2023, 1, 1)), end=FuzzyDate(dt.date(2022, 1, 1), "year")))
    with pytest.raises(s.RegisterError, match="Onbekend bestuur"):
        s.record_appointment(SystemActor("test"), s.AppointmentInput(gr, "raad_van_toezicht", munis[2], person_name="D"))
    with pytest.raises(s.RegisterError, match="naam"):
        s.record_appointment(SystemActor("test"), s.AppointmentInput(gr, c.AppointmentOrgan.ALGEMEEN_BESTUUR, munis[2]))
    assert database_counts() == counts
    assert Appointment.objects.filter(arrangement=gr).count() == 3
    assert ArrangementParticipation.objects.filter(arrangement=gr).count() == 4


def test_reference_data_is_for_the_project_organisation_only(region, users):
    with pytest.raises(s.PermissionDenied):
        s.save_arrangement(users["bergen"], JointArrangement(name="GR Eigen", legal_form=c.LegalForm.OPENBAAR_LICHAAM, source="x"))
    assert not JointArrangement.objects.filter(name="GR Eigen").exists()
    s.save_arrangement(users["projectleider"], JointArrangement(name="GR Eigen", legal_form=c.LegalForm.OPENBAAR_LICHAAM, source="x"))
