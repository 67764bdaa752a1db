"""A fictitious trajectory of three municipalities that are not in the regio Alkmaar example, built
only through the service functions, for tests that must not see anything of the example dossier."""

from __future__ import annotations

import datetime as dt
import decimal

from regiokompas.accounts.actors import SystemActor

SLUG = "waddeneilanden-sociaal"
MUNICIPALITIES = [("GM0448", "Texel", 13_600), ("GM0096", "Vlieland", 1_150), ("GM0093", "Terschelling", 4_900)]
ACTOR = SystemActor("test")

# names and words that belong to the regio Alkmaar example and must never appear for another trajectory
EXAMPLE_WORDS = ["BUCH", "WNK", "Bergen", "Alkmaar", "Wwnv", "Berenschot", "Castricum", "Heiloo", "Uitgeest",
                 "Dijk en Waard", "Heerhugowaard", "Langedijk", "Schermer", "Graft-De Rijp", "seed:", "domain.md"]


def municipalities():
    from regiokompas.register import services as rs
    from regiokompas.register.models import Municipality, PopulationFigure

    out = []
    for code, name, inhabitants in MUNICIPALITIES:
        m = Municipality.objects.filter(cbs_code=code).first() or rs.save_object(ACTOR, Municipality(cbs_code=code, name=name))
        if not m.population_figures.filter(reference_date=dt.date(2025, 1, 1)).exists():
            rs.save_object(ACTOR, PopulationFigure(municipality=m, reference_date=dt.date(2025, 1, 1), inhabitants=inhabitants,
                                                   source="CBS StatLine, bevolking op 1 januari 2025"))
        out.append(m)
    return out


def build(*, names=None) -> dict:
    """The trajectory with gates (one dated and passed, one without date with an overdue OR advice),
    variants (one without cost items), a cost model with an indexation of 1.5 %, a plan, roles and
    decisions. Returns the objects by name."""
    from regiokompas.finance import services as fs
    from regiokompas.finance.models import (
        AllocationKey,
        Behaviour,
        CostItem,
        CostSettings,
        CurrentCost,
        KeyMethod,
    )
    from regiokompas.options import services as os_
    from regiokompas.options.models import Variant
    from regiokompas.planning import constants as pc
    from regiokompas.planning import services as ps
    from regiokompas.planning.models import Consultation, ConsultationBody
    from regiokompas.register import constants as c
    from regiokompas.register import services as rs
    from regiokompas.register.models import Gate, Person, Role, Trajectory

    munis = municipalities()
    texel, vlieland, terschelling = munis
    t = rs.save_object(ACTOR, Trajectory(slug=SLUG, name="Samenwerking sociaal domein Waddeneilanden", domain="sociaal domein"))
    for m in munis:
        rs.add_participant(ACTOR, t, m, source="Raadsvoorstel Texel, 3 maart 2025")
    g1 = rs.save_object(ACTOR, Gate(trajectory=t, ordinal=1, title="Startnotitie", planned_date=dt.date(2025, 4, 1),
                                    description="Interne notitie: wethouder Texel belt eerst met Vlieland."))
    g2 = rs.save_object(ACTOR, Gate(trajectory=t, ordinal=2, title="Keuze uitvoeringsvariant",
                                    description="Interne notitie: niet delen met de raden."))
    for m in munis:
        rs.record_decision(ACTOR, rs.DecisionInput(gate=g1, municipality=m, outcome=c.Outcome.AGREE, date=dt.date(2025, 4, 8),
                                                   motivation="Het college stemt in met de startnotitie.",
                                                   source="Besluitenlijst college, 8 april 2025"))
    person = Person.objects.create(name="J. de Vries")
    rs.save_object(ACTOR, Role(person=person, kind=c.RoleKind.PORTEFEUILLEHOUDER, municipality=texel,
                               valid_from=dt.date(2022, 6, 1), valid_to=dt.date(2026, 5, 31), source="texel.nl, college"))
    contact = Person.objects.create(name="A. Bakker")
    rs.save_object(ACTOR, Role(person=contact, kind=c.RoleKind.CONTACT, municipality=texel, valid_from=dt.date(2024, 1, 1),
                               valid_to=dt.date(2026, 5, 31), source="texel.nl, organisatie"))
    # planning: the first gate planned on 1 April 2025 (decided on 8 April), the second has no date yet
    ps.create_plan(ACTOR, t, title="Eerste planning", reason="Start", milestones=[
        ps.MilestoneInput("start", "Besluit startnotitie", dt.date(2025, 4, 1), kind=pc.MilestoneKind.GATE, gate=g1),
    ])
    body = ps.save_body(ACTOR, ConsultationBody(trajectory=t, kind=pc.BodyKind.OR, name="Ondernemingsraad Texel",
                                                 employer_municipality=texel))
    ps.save_consultation(ACTOR, Consultation(body=body, gate=g2, kind=pc.ConsultationKind.OR_ADVICE, subject="Keuze uitvoeringsvariant",
                                             requested=dt.date(2025, 5, 1), due=dt.date(2025, 6, 15)))
    v1 = os_.save_variant(ACTOR, Variant(trajectory=t, number=1, name="Samenwerking op onderdelen"))
    v2 = os_.save_variant(ACTOR, Variant(trajectory=t, number=2, name="Eén uitvoeringsorganisatie"))
    settings = fs.save_settings(ACTOR, CostSettings(trajectory=t, start_year=2026, years=5, indexation=0.015, samples=2000, seed=7,
                                                     source="Begroting 2026 Texel"))
    inhabitants = fs.save_key(ACTOR, AllocationKey(trajectory=t, code="inwoners", name="Inwoners 1-1-2025",
                                                   method=KeyMethod.PER_INHABITANT, reference_date=dt.date(2025, 1, 1),
                                                   source="CBS StatLine"))
    settings.structural_key = settings.transition_key = settings.deficit_key = inhabitants
    fs.save_settings(ACTOR, settings)
    # only fixed costs: the Shapley division is equal shares whatever the size of the islands
    fs.save_item(ACTOR, CostItem(variant=v1, code="coordinatie", name="Coördinatie", behaviour=Behaviour.FIXED,
                                 low=decimal.Decimal(200_000), likely=decimal.Decimal(250_000), high=decimal.Decimal(320_000),
                                 source="Raming projectgroep"))
    fs.save_item(ACTOR, CostItem(variant=v1, code="inrichting", name="Inrichting", behaviour=Behaviour.FIXED,
                                 category="transition", first_year=2026, last_year=2026, low=decimal.Decimal(50_000),
                                 likely=decimal.Decimal(60_000), high=decimal.Decimal(90_000), illustrative=True,
                                 source="illustratief: schatting zonder bron"))
    for m, amount in zip(munis, (900_000, 90_000, 330_000), strict=True):
        fs.save_current_cost(ACTOR, CurrentCost(trajectory=t, municipality=m, low=decimal.Decimal(amount * 9 // 10),
                                                likely=decimal.Decimal(amount), high=decimal.Decimal(amount * 11 // 10),
                                                source="Jaarrekening 2024"))
    return {"trajectory": t, "gates": [g1, g2], "municipalities": munis, "variants": [v1, v2], "settings": settings,
            "body": body}
