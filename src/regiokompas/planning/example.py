"""Planning and participation for the regio Alkmaar example (2012 trajectory).

Facts carry their seed source; dates and objects the sources do not give are marked illustrative
(``illustrative=True``, shown as "illustratief").
"""

from __future__ import annotations

import datetime as dt

from regiokompas.accounts.actors import EXAMPLE
from regiokompas.examples.alkmaar import SEED_MEMO, SLUG_2012
from regiokompas.planning import constants as pc
from regiokompas.planning import services as ps
from regiokompas.planning import standard_rules
from regiokompas.planning.models import (
    Consultation,
    ConsultationBody,
    CouncilProcedure,
    Plan,
    PrerequisiteRule,
)
from regiokompas.planning.services import DependencyInput as Dep
from regiokompas.planning.services import MilestoneInput as M
from regiokompas.register import constants as c
from regiokompas.register import services as rs
from regiokompas.register.models import Gate, Law, Municipality, Region, Trajectory

ACTOR = EXAMPLE
MEMO_DATE = dt.date(2012, 5, 29)
ILLUSTRATIVE = "illustratief: datum niet in de bron"
WOR = "WOR art. 2 en 25 (wetten.overheid.nl/BWBR0002747)"

PARTICIPANTS_2012 = ("GM0361", "GM0373", "GM0383", "GM0365", "GM0398", "GM0399", "GM0416", "GM0458")


def _v1(t: Trajectory, wwnv: Law, gate2: Gate, gate3: Gate) -> list[M]:
    return [
        M("start", "Start projectorganisatie Sociale Zaken", dt.date(2012, 1, 15), status=pc.MilestoneStatus.DONE,
          owner="Projectorganisatie", source=SEED_MEMO + " ('medio januari 2012')"),
        M("pora-2012-03", "PORA Sociale Zaken bespreekt het dienstverleningsmodel", dt.date(2012, 3, 14), status=pc.MilestoneStatus.DONE,
          owner="PORA Sociale Zaken", source=SEED_MEMO),
        M("gate-2", "Colleges besluiten over de Hoofdlijnennotitie (2e go/no-go)", dt.date(2012, 4, 3), kind=pc.MilestoneKind.GATE,
          gate=gate2, owner="Colleges regio Alkmaar", source=SEED_MEMO),
        M("gate-3", "Colleges besluiten over de blauwdruk (3e go/no-go)", dt.date(2012, 12, 1), kind=pc.MilestoneKind.GATE,
          gate=gate3, owner="Colleges regio Alkmaar", illustrative=True, source=ILLUSTRATIVE,
          depends_on=[Dep(wwnv, -31)]),
        M("wwnv", "Geplande invoering Wet werken naar vermogen", dt.date(2013, 1, 1), kind=pc.MilestoneKind.LAW,
          source=SEED_MEMO, depends_on=[Dep(wwnv, 0)]),
        M("invoering", "Invoering regionale samenwerking (gelijk met de Wwnv)", dt.date(2013, 1, 1), kind=pc.MilestoneKind.DELIVERABLE,
          owner="Projectorganisatie", source=SEED_MEMO + " ('Beide invoeringsdata zijn gepland op 1 januari 2013')",
          depends_on=[Dep(wwnv, 0)]),
    ]


def _v2(v1: list[M], bergen: Municipality) -> list[M]:
    items = {m.key: m for m in ps.copy_inputs(v1)}
    items["gate-2"].status = pc.MilestoneStatus.DONE
    items["gate-2"].note = "Het merendeel van de colleges, Bergen inbegrepen, hield de notitie op 3 april 2012 aan."
    items["wwnv"].status = pc.MilestoneStatus.DROPPED
    items["wwnv"].note = "De Wwv gaat in de huidige vorm niet door."
    gate3 = items["gate-3"]
    gate3.depends_on = []
    gate3.note = "Andere gemeenten houden vast aan de oorspronkelijke planning."
    del items["invoering"]
    result = list(items.values()) + [
        M("blauwdruk", "Blauwdruk nieuwe regionale uitvoeringsorganisatie gereed", dt.date(2013, 1, 1), kind=pc.MilestoneKind.DELIVERABLE,
          owner="Projectorganisatie", source=SEED_MEMO + " (andere gemeenten: 'per 1 januari 2013 een blauwdruk')",
          depends_on=[Dep("gate-3", 31)]),
        M("implementatie", "Implementatie van de afspraken", dt.date(2013, 1, 1), end_date=dt.date(2013, 12, 31),
          owner="Projectorganisatie", source=SEED_MEMO + " ('2013 te gebruiken voor de implementatie')", depends_on=[Dep("blauwdruk", 0)]),
        M("or-toegang", "Ondernemingsraden krijgen toegang tot alle stukken en worden geïnformeerd", MEMO_DATE,
          kind=pc.MilestoneKind.CONSULTATION, status=pc.MilestoneStatus.DONE, owner="Projectgroep",
          source=SEED_MEMO + " (besluit vermeld in de memo; de memodatum is gebruikt)"),
        M("procesbeschrijving", "Procesbeschrijving communicatie met en betrekken van de ondernemingsraden", dt.date(2012, 7, 1),
          kind=pc.MilestoneKind.DELIVERABLE, owner="Projectgroep", illustrative=True,
          source=SEED_MEMO + " (voorwaarde van Bergen; " + ILLUSTRATIVE + ")", depends_on=[Dep("or-toegang", 30)]),
        M("or-advies-bergen", "Adviesaanvraag ondernemingsraad Bergen (WOR art. 25, personele gevolgen)", dt.date(2012, 10, 1),
          end_date=dt.date(2012, 11, 15), kind=pc.MilestoneKind.CONSULTATION, municipality=bergen, owner="College Bergen",
          illustrative=True, source=ILLUSTRATIVE, depends_on=[Dep("procesbeschrijving", 90)]),
        M("analyse", "Analyse van dienstverleningsmodellen (effectiviteit, efficiency, klantgerichtheid)", dt.date(2013, 3, 1),
          kind=pc.MilestoneKind.DELIVERABLE, municipality=bergen, owner="Projectorganisatie", illustrative=True,
          source=SEED_MEMO + " (voorwaarde van Bergen; " + ILLUSTRATIVE + ")"),
        M("gate-3-bergen", "College Bergen besluit over de blauwdruk (3e go/no-go, trager spoor)", dt.date(2013, 6, 1),
          kind=pc.MilestoneKind.GATE, gate=gate3.gate, municipality=bergen, owner="College Bergen", illustrative=True,
          source=SEED_MEMO + " ('in een langzamer tempo'; " + ILLUSTRATIVE + ")",
          depends_on=[Dep("analyse", 90), Dep("or-advies-bergen", 30)]),
    ]
    return result


def extend() -> None:
    trajectory = Trajectory.objects.filter(slug=SLUG_2012).first()
    if trajectory is None or Plan.objects.filter(trajectory=trajectory).exists():
        return
    standard_rules.ensure(PrerequisiteRule)  # also after a flush of the database (transactional tests)
    wwnv = Law.objects.get(abbreviation="Wwnv")
    m = {x.cbs_code: x for x in Municipality.objects.filter(cbs_code__in=PARTICIPANTS_2012)}
    bergen, alkmaar = m["GM0373"], m["GM0361"]
    gate2 = trajectory.gates.get(ordinal=2)
    gate3 = rs.save_object(ACTOR, Gate(
        trajectory=trajectory, ordinal=3, title="Vaststellen blauwdruk regionale uitvoeringsorganisatie (derde go/no-go-moment)",
        description=("Voorbeeld van het volgende besluitmoment. De memo noemt dat andere gemeenten per 1 januari 2013 een blauwdruk "
                     "van de nieuwe regionale uitvoeringsorganisatie willen hebben; dit besluitmoment zelf staat niet in de bron."),
        planned_date=dt.date(2012, 12, 1), continuation_rule=c.ContinuationRule.COALITION_OF_THE_WILLING,
        illustrative=True, source=SEED_MEMO + " (blauwdruk per 1-1-2013); besluitmoment illustratief",
    ))

    v1 = _v1(trajectory, wwnv, gate2, gate3)
    ps.create_plan(ACTOR, trajectory, title="Planning afgestemd op de invoering van de Wwnv per 1 januari 2013", milestones=v1,
                   reason="De planning van het samenwerkingstraject is afgestemd op de planning van de Wwv.",
                   source=SEED_MEMO)

    # Works councils: one per employer municipality (WOR art. 2); the memo speaks of "de ondernemingsraden".
    bodies = {}
    for code in PARTICIPANTS_2012:
        muni = m[code]
        bodies[code] = ps.save_body(ACTOR, ConsultationBody(
            trajectory=trajectory, kind=pc.BodyKind.OR, name=f"Ondernemingsraad gemeente {muni.name}", employer_municipality=muni,
            source=SEED_MEMO + " ('de ondernemingsraden'); " + WOR,
        ))
        ps.save_consultation(ACTOR, Consultation(
            body=bodies[code], gate=gate2, kind=pc.ConsultationKind.INFORMATION, outcome=pc.AdviceOutcome.TAKEN_NOTE,
            subject="Toegang tot alle stukken; de projectgroep informeert over de voortgang", requested=MEMO_DATE,
            source=SEED_MEMO + " (besluit vermeld in de memo; de memodatum is gebruikt)",
        ))
    clients = ps.save_body(ACTOR, ConsultationBody(
        trajectory=trajectory, kind=pc.BodyKind.CLIENT_COUNCIL, name="Cliëntenraad Sociale Zaken (voorbeeld)",
        illustrative=True, source="illustratief; de memo benadrukt de positie van de cliënten (" + SEED_MEMO + ")",
    ))
    ps.save_consultation(ACTOR, Consultation(
        body=bodies["GM0373"], gate=gate3, kind=pc.ConsultationKind.OR_ADVICE, scope=pc.ConsultationScope.PERSONNEL,
        subject="Voorgenomen besluit over de blauwdruk: gevolgen voor het personeel van sociale zaken",
        requested=dt.date(2012, 10, 1), due=dt.date(2012, 11, 15), illustrative=True, source=ILLUSTRATIVE,
    ))
    ps.save_consultation(ACTOR, Consultation(
        body=clients, gate=gate3, kind=pc.ConsultationKind.CLIENT_ADVICE,
        subject="Voorgenomen besluit over de blauwdruk: gevolgen voor cliënten", requested=dt.date(2012, 10, 1),
        due=dt.date(2012, 11, 15), illustrative=True, source=ILLUSTRATIVE,
    ))

    ps.save_procedure(ACTOR, CouncilProcedure(
        gate=gate2, municipality=bergen, kind=pc.ProcedureKind.INFORM, sent=MEMO_DATE, completed=MEMO_DATE,
        outcome="Memo van college aan de raad, 'als onderdeel van de actieve informatieplicht'.", source=SEED_MEMO,
    ))
    ps.save_procedure(ACTOR, CouncilProcedure(
        gate=gate3, municipality=alkmaar, kind=pc.ProcedureKind.WENSEN, planned=dt.date(2012, 12, 13),
        illustrative=True, source=ILLUSTRATIVE,
    ))
    ps.save_procedure(ACTOR, CouncilProcedure(
        gate=gate3, municipality=bergen, kind=pc.ProcedureKind.WENSEN, planned=dt.date(2013, 5, 15),
        illustrative=True, source=ILLUSTRATIVE,
    ))

    region = Region.objects.filter(name="Regio Alkmaar").first()
    ps.save_rule(ACTOR, PrerequisiteRule(
        region=region, code="or-geinformeerd-voor-go-no-go", title="Ondernemingsraden geïnformeerd vóór elk go/no-go-moment",
        kind=pc.RuleKind.CONSULTATION, consultation_kinds="information,or_advice_art25", required=True,
        explanation="Regel van de regio als voorbeeld: Bergen vroeg het overleg met de OR-en op te nemen in de planning.",
        illustrative=True, source="illustratief; aanleiding: " + SEED_MEMO,
    ))

    ps.new_version(ACTOR, trajectory, title="Herplanning na het vervallen van de Wwnv; overleg met de ondernemingsraden opgenomen",
                   reason=("De Wwv gaat in de huidige vorm niet door. Andere gemeenten houden vast aan een blauwdruk per 1 januari 2013 "
                           "en implementatie in 2013; Bergen zet het traject voort in een langzamer tempo. Het overleg met de OR-en "
                           "is opgenomen in het planningsoverzicht."),
                   milestones=_v2(v1, bergen), date=MEMO_DATE, source=SEED_MEMO)
