"""The dossier stays lossless with gates of several bodies, college and raad decisions, corrected
decisions with carried conditions, legal forms, successions, appointments and trajectory laws."""

import datetime as dt
import json

import pytest

from regiokompas.accounts.actors import SystemActor
from regiokompas.register import constants as c
from regiokompas.register import dossier
from regiokompas.register import services as s
from regiokompas.register.dates import FuzzyDate
from regiokompas.register.models import (
    Condition,
    Decision,
    Document,
    Gate,
    JointArrangement,
    Law,
    Municipality,
    Trajectory,
)

pytestmark = pytest.mark.django_db
SLUG, COPY = "regio-midden-holland", "kopie-regio-midden-holland"
REGION = ["GM0513", "GM1901", "GM1931", "GM1892"]


def _renamed(data: dict, old: str, new: str) -> dict:
    return json.loads(json.dumps(data).replace(f'"{old}"', f'"{new}"'))


@pytest.fixture
def full_trajectory():
    munis = [Municipality.objects.get(cbs_code=code) for code in REGION]
    law = s.save_object(SystemActor("test"), Law(name="Wet inburgering 2021", abbreviation="Wi2021", status=c.LawStatus.IN_FORCE, source="test"))
    t = s.save_object(SystemActor("test"), Trajectory(slug=SLUG, name="Werk Midden-Holland", start_date=dt.date(2023, 9, 1),
                                         start_precision=c.DatePrecision.MONTH, source="test"))
    s.set_trajectory_law(SystemActor("test"), t, law, remark="Alleen de inburgeringstaak valt binnen dit traject.", source="test")
    for muni in munis:
        s.add_participant(SystemActor("test"), t, muni, source="test")
    old = s.save_arrangement(SystemActor("test"), JointArrangement(name="GR Oude IJssel Werk", legal_form=c.LegalForm.OPENBAAR_LICHAAM,
                                                      arrangement_type=c.ArrangementType.GEMENGD, source="test"), participants=munis[:3])
    new = s.save_arrangement(SystemActor("test"), JointArrangement(name="GR Werkbedrijf Midden-Holland", legal_form=c.LegalForm.OPENBAAR_LICHAAM,
                                                      valid_from=dt.date(2024, 1, 1), valid_from_precision=c.DatePrecision.YEAR,
                                                      source="test"), participants=munis)
    s.record_succession(SystemActor("test"), new, [old], c.SuccessionKind.AMENDED, date=FuzzyDate(dt.date(2024, 1, 1), "year"), source="Gemeenteblad")
    s.save_arrangement(SystemActor("test"), JointArrangement(name="Stichting Leerwerk", legal_form=c.LegalForm.STICHTING, source="test"), participants=munis[:1])
    s.record_appointment(SystemActor("test"), s.AppointmentInput(new, c.AppointmentOrgan.ALGEMEEN_BESTUUR, munis[0], person_name="P. Visser",
                                                    start=FuzzyDate(dt.date(2024, 1, 1), "month"), source="test"))
    s.record_appointment(SystemActor("test"), s.AppointmentInput(new, c.AppointmentOrgan.ALGEMEEN_BESTUUR, munis[0], person_name="Q. de Boer",
                                                    capacity=c.AppointmentCapacity.DEPUTY, source="test"))
    info = s.save_gate(SystemActor("test"), Gate(trajectory=t, ordinal=1, title="Informatieavond", kind=c.GateKind.INFORMATION, bodies=["raad"], source="test"))
    gate = s.save_gate(SystemActor("test"), Gate(trajectory=t, ordinal=2, title="Besluit", bodies=["college", "raad"], planned_date=dt.date(2024, 5, 1),
                                    planned_date_precision=c.DatePrecision.MONTH, source="test"))
    ab = s.save_gate(SystemActor("test"), Gate(trajectory=t, ordinal=3, title="Begroting", bodies=["algemeen_bestuur"], body_arrangement=new, source="test"))
    proof = s.save_document(SystemActor("test"), Document(trajectory=t, kind=c.DocumentKind.RAPPORT, title="Kostenraming", date=dt.date(2024, 1, 1),
                                            date_precision=c.DatePrecision.YEAR, source="test"))
    for i, muni in enumerate(munis):
        s.record_decision(SystemActor("test"), s.DecisionInput(gate=info, municipality=muni, outcome=c.Outcome.NOTED, body_kind="raad", source="test"))
        s.record_decision(SystemActor("test"), s.DecisionInput(gate=gate, municipality=muni, outcome=c.Outcome.PROPOSED, body_kind="college",
                                                  date=dt.date(2024, 4, 2), source="test"))
        d = s.record_decision(SystemActor("test"), s.DecisionInput(
            gate=gate, municipality=muni, outcome=c.Outcome.AGREE_WITH_CONDITIONS, body_kind="raad", date=dt.date(2024, 5, 1),
            date_precision=c.DatePrecision.MONTH, source="test", conditions=[s.ConditionInput("Kostenraming per gemeente", c.ConditionCategory.FINANCIAL)]))
        if i == 0:
            s.set_condition_status(SystemActor("test"), d.conditions.get(), c.ConditionStatus.MET, fulfilled_by=proof, note="Raming ontvangen")
            s.supersede_decision(SystemActor("test"), d, s.DecisionInput(gate=gate, municipality=muni, outcome=c.Outcome.AGREE_WITH_CONDITIONS,
                                                            date=dt.date(2024, 5, 14), source="test"), reason="Dag bekend geworden")
        s.record_decision(SystemActor("test"), s.DecisionInput(gate=ab, municipality=muni, outcome=c.Outcome.AGREE, body_kind="algemeen_bestuur",
                                                  date=dt.date(2024, 7, 1), source="test"))
    return t


def test_round_trip_is_lossless_with_the_new_model(full_trajectory):
    first = dossier.export_dossier(full_trajectory)
    objects = first["objects"]
    for kind in ("arrangement_succession", "appointment", "trajectory_law"):
        assert objects[kind], kind
    gates = {g["title"]: g for g in objects["gate"]}
    assert gates["Besluit"]["bodies"] == ["college", "raad"] and gates["Besluit"]["planned_date_precision"] == "month"
    assert gates["Informatieavond"]["kind"] == "informatie" and gates["Begroting"]["body_arrangement"].startswith("arrangement:")
    assert {a["legal_form"] for a in objects["arrangement"]} >= {"openbaar_lichaam", "stichting"}
    assert any(cond["carried_from"] for cond in objects["condition"])
    assert [law["remark"] for law in objects["trajectory_law"]] == ["Alleen de inburgeringstaak valt binnen dit traject."]

    copy = dossier.import_dossier(SystemActor("test"), _renamed(first, SLUG, COPY))
    second = dossier.export_dossier(copy)
    assert _renamed(second, COPY, SLUG)["objects"] == first["objects"]

    kept = Condition.objects.get(decision__gate__trajectory=copy, decision__is_current=True, carried_from__isnull=False)
    assert kept.status == c.ConditionStatus.MET and kept.fulfilled_by.trajectory == copy and kept.category == c.ConditionCategory.FINANCIAL
    raad = Decision.objects.filter(gate__trajectory=copy, governing_body__kind="raad", is_current=True, gate__ordinal=2)
    assert raad.count() == 4 and {d.date_precision for d in raad} == {"day", "month"}
    assert copy.law_links.get().remark.startswith("Alleen de inburgeringstaak")


def test_import_refuses_a_broken_new_object_and_changes_nothing(full_trajectory):
    from tests.register.helpers import database_counts

    data = _renamed(dossier.export_dossier(full_trajectory), SLUG, COPY)
    data["objects"]["gate"][1]["bodies"] = ["college", "wethouder"]
    counts = database_counts()
    with pytest.raises(s.RegisterError, match="Onbekend orgaan"):
        dossier.import_dossier(SystemActor("test"), data)
    assert database_counts() == counts
