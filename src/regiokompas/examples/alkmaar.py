"""The regio Alkmaar example dossier, built from the two seed documents and domain.md.

Every fact names its source: ``seed:<file>`` for the seed documents, otherwise the web address
given in domain.md. Nothing here is invented; where the sources leave a value open (a date known
only to the month or year, a Wgr form not confirmed) the data says so.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources

from django.db import transaction

from regiokompas.accounts.actors import EXAMPLE
from regiokompas.register import constants as c
from regiokompas.register import services as s
from regiokompas.register.municipalities import SOURCE as CBS_LIST
from regiokompas.register.models import (
    ArrangementParticipation,
    Assignment,
    Document,
    ExecutionOrganisation,
    Gate,
    GoverningBody,
    JointArrangement,
    Law,
    Municipality,
    Organisation,
    Person,
    PopulationFigure,
    Region,
    RegionMembership,
    Role,
    Trajectory,
)

ACTOR = EXAMPLE
SEED_MEMO = "seed:2012-05-29-memo-bergen-hoofdlijnennotitie.txt (memo college Bergen aan de raad, 29 mei 2012)"
SEED_NEWS = "seed:2020-nieuwsbrief-bergen-participatiewet.txt (digitale nieuwsbrief Bergen aan de raad, 2020, CONCEPT)"
DOMAIN_MERGER_ALKMAAR = "herindeling.nl/dossier/alkmaar-een-kerngerichte-aanpak/; Stb. 2014, 190"
DOMAIN_MERGER_DIJK_EN_WAARD = "vng.nl/wetsvoorstellen/samenvoeging-van-de-gemeenten-heerhugowaard-en-langedijk (Kamerstuk 35621)"
REGION_2012 = "ruimtelijkeplannen.nl/documents/NL.IMRO.0398.STRUCTUUR2020CONSO-GC01/b_NL.IMRO.0398.STRUCTUUR2020CONSO-GC01_2.4.2.RegioAlkmaar.htm"

SLUG_2012 = "alkmaar-sociale-zaken-2012"
SLUG_2019 = "alkmaar-participatiewet-2019"

MUNICIPALITIES = [
    # code, name, valid_from, valid_to, successor code, source
    ("GM0361", "Alkmaar", None, None, None, "CBS-gemeentecode; noord-holland.nl/Bestuur/Regionale_bestuurskracht/Regio_s/Regio_Alkmaar"),
    ("GM0373", "Bergen (NH.)", None, None, None, "CBS-gemeentecode; " + SEED_MEMO),
    ("GM0383", "Castricum", None, None, None, "CBS-gemeentecode; noord-holland.nl/Bestuur/Regionale_bestuurskracht/Regio_s/Regio_Alkmaar"),
    ("GM0399", "Heiloo", None, None, None, "CBS-gemeentecode; noord-holland.nl/Bestuur/Regionale_bestuurskracht/Regio_s/Regio_Alkmaar"),
    ("GM0450", "Uitgeest", None, None, None, "CBS-gemeentecode; castricum105.nl/2014/10/14/regionale-samenwerking-op-de-rit-wat-gebeurt-er-voor-u/"),
    ("GM1980", "Dijk en Waard", dt.date(2022, 1, 1), None, None, "CBS-gemeentecode; " + DOMAIN_MERGER_DIJK_EN_WAARD),
    ("GM0398", "Heerhugowaard", None, dt.date(2021, 12, 31), "GM1980", "CBS-gemeentecode; " + DOMAIN_MERGER_DIJK_EN_WAARD),
    ("GM0416", "Langedijk", None, dt.date(2021, 12, 31), "GM1980", "CBS-gemeentecode; " + DOMAIN_MERGER_DIJK_EN_WAARD),
    ("GM0365", "Graft-De Rijp", None, dt.date(2014, 12, 31), "GM0361", "CBS-gemeentecode; " + DOMAIN_MERGER_ALKMAAR),
    ("GM0458", "Schermer", None, dt.date(2014, 12, 31), "GM0361", "CBS-gemeentecode; " + DOMAIN_MERGER_ALKMAAR),
]

# domain.md §4.2: approximate figures (CBS via Wikipedia infoboxes), with their reference dates.
POPULATION = [
    ("GM0361", dt.date(2021, 1, 1), 109_897, "denl.other.wiki/wiki/Alkmaar"),
    ("GM0361", dt.date(2022, 11, 1), 111_766, "en.wikipedia.org/wiki/Alkmaar"),
    ("GM0373", dt.date(2021, 1, 1), 29_715, "en.wikipedia.org/wiki/Bergen,_North_Holland"),
    ("GM0383", dt.date(2021, 1, 1), 36_086, "en.wikipedia.org/wiki/Castricum"),
    ("GM0399", dt.date(2021, 1, 1), 24_144, "alem.dynip.sapo.pt/wiki/content/wikipedia_en_all_maxi_2024-01/A/Heiloo (Wikipedia-spiegel)"),
    ("GM0450", dt.date(2021, 1, 1), 13_632, "Uitgeest (Wikipedia-spiegel; de.wiki.li/Uitgeest geeft 13.633)"),
    ("GM0398", dt.date(2021, 1, 1), 58_387, "wikikids.nl/Heerhugowaard"),
    ("GM1980", dt.date(2022, 1, 31), 87_783, "witgoed-service-nederland.nl (citeert CBS)"),
]


def seed_text(name: str) -> str:
    return (resources.files("regiokompas.examples") / "seeds" / name).read_text(encoding="utf-8")


def split_sections(text: str, headings: list[tuple[str, str]]) -> list[s.SectionInput]:
    """Split a seed text at the given heading lines (heading text, canonical type), in order."""
    lines = text.splitlines()
    positions = []
    start = 0
    for heading, kind in headings:
        for i in range(start, len(lines)):
            if lines[i].strip() == heading:
                positions.append((i, heading, kind))
                start = i + 1
                break
        else:
            raise ValueError(f"Kop '{heading}' niet gevonden in de brontekst")
    sections = []
    for n, (i, heading, kind) in enumerate(positions):
        end = positions[n + 1][0] if n + 1 < len(positions) else len(lines)
        body = "\n".join(line for line in lines[i + 1 : end] if line.strip() != "gemeente BERGEN").strip()
        sections.append(s.SectionInput(type=kind, heading=heading.rstrip(":"), text=body))
    return sections


def _save(obj, **m2m):
    return s.save_object(ACTOR, obj, m2m=m2m or None)


def is_loaded() -> bool:
    return Trajectory.objects.filter(slug__in=[SLUG_2012, SLUG_2019]).exists()


@transaction.atomic
def load() -> dict[str, Trajectory]:
    """Load the example dossier. Refuses to load twice (the slugs are unique)."""
    if is_loaded():
        raise s.RegisterError("Het voorbeelddossier regio Alkmaar is al geladen.")
    m = _municipalities()
    orgs = _organisations(m)
    laws = _laws()
    t1 = _trajectory_2012(m, orgs, laws)
    t2 = _trajectory_2019(m, orgs, laws)
    return {SLUG_2012: t1, SLUG_2019: t2}


def _municipalities() -> dict[str, Municipality]:
    result: dict[str, Municipality] = {}
    # The register holds every CBS municipality after `migrate` (register.municipalities); the example
    # reuses those rows and adds what its sources say (a start date, the source itself).
    for code, name, valid_from, _valid_to, _succ, source in MUNICIPALITIES:
        existing = Municipality.objects.filter(cbs_code=code).first()
        if existing is None:
            result[code] = _save(Municipality(cbs_code=code, name=name, valid_from=valid_from, source=source))
            continue
        changed = False
        if valid_from and existing.valid_from is None:
            existing.valid_from, changed = valid_from, True
        if existing.source in ("", CBS_LIST):
            existing.source, changed = source, True
        result[code] = _save(existing) if changed else existing
    for code, _name, _vf, valid_to, succ, source in MUNICIPALITIES:
        muni = result[code]
        if succ and muni.successor_id is None:
            s.record_merger(ACTOR, [muni], result[succ], valid_to + dt.timedelta(days=1), source=source,
                            new_municipality=result[succ].valid_from is not None)
    for code, day, inhabitants, source in POPULATION:
        if not PopulationFigure.objects.filter(municipality=result[code], reference_date=day).exists():
            _save(PopulationFigure(municipality=result[code], reference_date=day, inhabitants=inhabitants, source=source))
    region, _ = Region.objects.get_or_create(name="Regio Alkmaar", defaults={"source": REGION_2012})
    memberships = [
        ("GM0361", None, None, REGION_2012),
        ("GM0373", None, None, REGION_2012),
        ("GM0383", None, None, REGION_2012),
        ("GM0399", None, None, REGION_2012),
        ("GM0398", None, dt.date(2021, 12, 31), REGION_2012),
        ("GM0416", None, dt.date(2021, 12, 31), REGION_2012),
        ("GM0365", None, dt.date(2014, 12, 31), REGION_2012),
        ("GM0458", None, dt.date(2014, 12, 31), REGION_2012),
        ("GM0450", dt.date(2014, 1, 1), None, "castricum105.nl/2014/10/14/regionale-samenwerking-op-de-rit-wat-gebeurt-er-voor-u/"),
        ("GM1980", dt.date(2022, 1, 1), None, "noord-holland.nl/Bestuur/Regionale_bestuurskracht/Regio_s/Regionale_bestuurskracht_Alkmaar"),
    ]
    for code, vf, vt, source in memberships:
        _save(RegionMembership(region=region, municipality=result[code], valid_from=vf, valid_to=vt, source=source))
    for muni in result.values():
        s.college_of(muni)
        s.raad_of(muni)
    return result


def _organisations(m) -> dict[str, object]:
    o: dict[str, object] = {}
    o["project"] = _save(Organisation(
        name="Projectorganisatie Sociale Zaken regio Alkmaar",
        kind=c.OrganisationKind.PROJECT,
        description="Gestart medio januari 2012 om een regionaal samenwerkingsverband op het gebied van Sociale Zaken te verkennen en vorm te geven.",
        source=SEED_MEMO,
    ))
    o["pora"] = _save(Organisation(
        name="PORA Sociale Zaken",
        kind=c.OrganisationKind.REGIONAL_BODY,
        description="Portefeuillehoudersoverleg Regio Alkmaar Sociale Zaken: bereidt voor, besluit niet.",
        source=SEED_MEMO,
    ))
    o["pora_body"] = _save(GoverningBody(
        kind=c.GoverningBodyKind.PORTEFEUILLEHOUDERSOVERLEG, organisation=o["pora"], name="PORA Sociale Zaken", source=SEED_MEMO
    ))
    o["berenschot"] = _save(Organisation(name="Berenschot", kind=c.OrganisationKind.CONTRACTOR, source=SEED_NEWS))
    o["or_bergen"] = _save(Organisation(
        name="Ondernemingsraad gemeente Bergen",
        kind=c.OrganisationKind.WORKS_COUNCIL,
        description="De ondernemingsraden krijgen toegang tot alle stukken van het traject en worden door de projectgroep geïnformeerd.",
        source=SEED_MEMO,
    ))

    wnk = _save(JointArrangement(
        name="GR Werkvoorzieningschap Noord-Kennemerland (WNK)",
        legal_form=c.LegalForm.OPENBAAR_LICHAAM,
        arrangement_type=c.ArrangementType.GEMENGD,
        exit_rules="",
        source="docplayer.nl/105722074-Jaarstukken-april-2018.html; Wgr-vorm, regelingstype en deelnemers niet in de bronnen bevestigd",
    ))
    o["wnk"] = _save(ExecutionOrganisation(
        name="WNK",
        kind=c.OrganisationKind.EXECUTION,
        tasks="Sociale werkvoorziening (Wsw)\nRe-integratie van WWB-cliënten van de regiogemeenten (WNK Re-integratie)",
        legal_vehicle=wnk,
        description=("Volgens de nieuwsbrief van 2020 is er een begroot tekort bij de GR WNK, en is Bergen tevreden over de "
                     "huidige dienstverlening van WNK. Welke andere gemeenten WNK bedient, staat niet in de bronnen."),
        source="streekstadcentraal.nl/5139-wnk-en-staatsbosbeheer-slaan-handen-ineen-voor-onderhoud-duinen; " + SEED_NEWS,
    ), served_municipalities=[m["GM0373"]])

    halte = _save(JointArrangement(
        name="Gemeenschappelijke Regeling BVO Halte Werk",
        legal_form=c.LegalForm.BEDRIJFSVOERINGSORGANISATIE,
        arrangement_type=c.ArrangementType.COLLEGEREGELING,
        valid_from=dt.date(2015, 1, 1),
        source="heerhugowaardsdagblad.nl/regio/halte-werk-nieuwe-sociale-dienst-hal",
    ))
    for code in ("GM0398", "GM0361", "GM0416"):
        _save(ArrangementParticipation(arrangement=halte, municipality=m[code], organs="college", joined=dt.date(2015, 1, 1), source=halte.source))
    o["halte"] = _save(ExecutionOrganisation(
        name="Halte Werk",
        kind=c.OrganisationKind.EXECUTION,
        tasks="Uitkeringen (Participatiewet)\nBijzondere bijstand\nSchuldhulpverlening",
        legal_vehicle=halte,
        valid_from=dt.date(2015, 1, 1),
        source=halte.source,
    ), served_municipalities=[m["GM0398"], m["GM0361"], m["GM0416"]])

    buch = _save(JointArrangement(
        name="GR Werkorganisatie BUCH",
        legal_form=c.LegalForm.OPENBAAR_LICHAAM,
        arrangement_type=c.ArrangementType.COLLEGEREGELING,
        valid_from=dt.date(2017, 1, 1),
        source="castricum105.nl/2015/06/24/buch-fusie-beklonken-per-1-januari-2017-ambtelijke-samenvoeging/; Wgr-vorm niet in de bronnen bevestigd",
    ))
    for code in ("GM0373", "GM0450", "GM0383", "GM0399"):
        _save(ArrangementParticipation(arrangement=buch, municipality=m[code], organs="college", joined=dt.date(2017, 1, 1), source=buch.source))
    o["buch"] = _save(ExecutionOrganisation(
        name="BUCH werkorganisatie",
        kind=c.OrganisationKind.EXECUTION,
        tasks="Ambtelijke organisatie van Bergen, Uitgeest, Castricum en Heiloo (ambtelijke fusie)",
        legal_vehicle=buch,
        valid_from=dt.date(2017, 1, 1),
        description="Bijna 800 medewerkers; geen eigen inkomsten naast de bijdragen van de gemeenten.",
        source=buch.source,
    ), served_municipalities=[m["GM0373"], m["GM0450"], m["GM0383"], m["GM0399"]])

    zaffier = _save(JointArrangement(
        name="Gemeenschappelijke regeling Zaffier",
        legal_form=c.LegalForm.OPENBAAR_LICHAAM,
        arrangement_type=c.ArrangementType.COLLEGEREGELING,
        publication="CVDR723045",
        source="lokaleregelgeving.overheid.nl/CVDR723045/1; zoek.officielebekendmakingen.nl/gmb-2024-320264.html",
    ))
    for code in ("GM0361", "GM0373", "GM0383", "GM0399", "GM1980", "GM0450"):
        _save(ArrangementParticipation(arrangement=zaffier, municipality=m[code], organs="college", source=zaffier.source))
    o["zaffier"] = _save(ExecutionOrganisation(
        name="Zaffier",
        kind=c.OrganisationKind.EXECUTION,
        tasks="Wsw\nParticipatiewet\nBbz, IOAW, IOAZ\nWgs (schuldhulpverlening)\nWet inburgering 2021",
        legal_vehicle=zaffier,
        valid_from=dt.date(2022, 1, 1),
        source=zaffier.source + "; actief vanaf 2022 (reglement van orde AB 7 april 2022, CVDR680181)",
    ), served_municipalities=[m[k] for k in ("GM0361", "GM0373", "GM0383", "GM0399", "GM1980", "GM0450")])
    return o


def _laws() -> dict[str, Law]:
    wwnv = _save(Law(
        name="Wet werken naar vermogen",
        abbreviation="Wwnv",
        aliases="Wwv",
        kamerstuk="33161",
        status=c.LawStatus.WITHDRAWN,
        planned_start=dt.date(2013, 1, 1),
        status_note="Controversieel verklaard in 2012; omgewerkt tot de Participatiewet.",
        source=SEED_MEMO + "; openkamer.org/kamerstuk/33161/105/",
    ))
    pw = _save(Law(
        name="Participatiewet",
        abbreviation="Pw",
        kamerstuk="33161",
        status=c.LawStatus.IN_FORCE,
        planned_start=dt.date(2015, 1, 1),
        actual_start=dt.date(2015, 1, 1),
        source="wetten.overheid.nl/BWBR0035333/2018-01-01; zoek.officielebekendmakingen.nl/stb-2014-271.html",
    ))
    return {"wwnv": wwnv, "pw": pw}


def _decision(m, gate, outcome, *, day=None, precision=c.DatePrecision.DAY, motivation="", source="", conditions=(), document=None):
    return s.record_decision(ACTOR, s.DecisionInput(
        gate=gate, municipality=m, outcome=outcome, date=day, date_precision=precision,
        motivation=motivation, source=source, document=document,
        conditions=[s.ConditionInput(text=t, category=cat, source=source) for t, cat in conditions],
    ))


def _trajectory_2012(m, o, laws) -> Trajectory:
    t = _save(Trajectory(
        slug=SLUG_2012,
        name="Regionale samenwerking Sociale Zaken regio Alkmaar",
        domain="Sociale Zaken (werk en inkomen)",
        aim="Het verkennen en vormgeven van een regionaal samenwerkingsverband op het gebied van Sociale Zaken tussen de gemeenten in de regio Alkmaar.",
        status=c.TrajectoryStatus.EXPLORING,
        start_date=dt.date(2012, 1, 15),
        start_precision=c.DatePrecision.MONTH,
        region=Region.objects.get(name="Regio Alkmaar"),
        commissioning_body=o["pora_body"],
        project_organisation=o["project"],
        source=SEED_MEMO,
    ))
    s.set_trajectory_law(ACTOR, t, laws["wwnv"], source=SEED_MEMO,
                         remark="'Inmiddels staat vast dat de Wwv in de huidige vorm niet doorgaat' (memo 29 mei 2012).")
    for code in ("GM0361", "GM0373", "GM0383", "GM0365", "GM0398", "GM0399", "GM0416", "GM0458"):
        s.add_participant(ACTOR, t, m[code], source=SEED_MEMO + "; regio Alkmaar tot 2013: " + REGION_2012)

    mesu = _save(Person(name="Jan Mesu", source=SEED_MEMO))
    braak = _save(Person(name="Eline van Braak", source=SEED_MEMO))
    _save(Role(person=mesu, kind=c.RoleKind.PORTEFEUILLEHOUDER, title="portefeuillehouder sociale zaken", municipality=m["GM0373"], trajectory=None, valid_from=dt.date(2012, 5, 29), source=SEED_MEMO))
    _save(Role(person=braak, kind=c.RoleKind.CONTACT, title="inlichtingen bij", municipality=m["GM0373"], valid_from=dt.date(2012, 5, 29), source=SEED_MEMO))

    notitie = s.save_document(ACTOR, Document(
        trajectory=t,
        kind=c.DocumentKind.HOOFDLIJNENNOTITIE,
        title="Hoofdlijnennotitie Dienstverleningsmodel",
        issuer_organisation=o["project"],
        date=dt.date(2012, 3, 14),
        date_precision=c.DatePrecision.MONTH,
        header={"onderwerp": "Uitgangspunten voor de samenwerking (dienstverleningsmodel); voorkeur voor uitvoeringsvariant 3"},
        source=SEED_MEMO + " (de notitie zelf is niet openbaar in het bronmateriaal)",
    ))
    gate = _save(Gate(
        trajectory=t,
        ordinal=2,
        title="Vaststellen Hoofdlijnennotitie Dienstverleningsmodel (tweede go/no-go-moment)",
        description=(
            "In het PORA Sociale Zaken van 14 maart 2012 is besproken hoe het dienstverleningsmodel eruit kan zien. "
            "De hoofdlijnennotitie, met een voorkeur voor uitvoeringsvariant 3 (inclusief de plaats van het WNK "
            "re-integratiebedrijf), is ter vaststelling aan alle colleges van de regio Alkmaar aangeboden. Het merendeel "
            "van de colleges heeft de notitie op 3 april 2012 aangehouden in afwachting van meer informatie; welke "
            "colleges dat precies waren staat niet in de bron."
        ),
        planned_date=dt.date(2012, 4, 3),
        continuation_rule=c.ContinuationRule.ALL_MUST_AGREE,
        source=SEED_MEMO,
    ), subject_documents=[notitie])

    memo_text = seed_text("2012-05-29-memo-bergen-hoofdlijnennotitie.txt")
    memo = s.save_document(ACTOR, Document(
        trajectory=t,
        kind=c.DocumentKind.MEMO,
        title="Hoofdlijnennotitie regionale samenwerking sociale zaken",
        status=c.DocumentStatus.DEFINITIEF,
        issuer_municipality=m["GM0373"],
        date=dt.date(2012, 5, 29),
        header={
            "datum": "2012-05-29",
            "aan": "Gemeenteraad",
            "van": "College",
            "onderwerp": "Hoofdlijnennotitie regionale samenwerking sociale zaken",
            "portefeuillehouder": "Jan Mesu",
            "contact": "Eline van Braak",
        },
        original_text=memo_text,
        source=SEED_MEMO,
    ), split_sections(memo_text, [
        ("Aanleiding", "aanleiding"),
        ("Kernboodschap", "kernboodschap"),
        ("Besluit college", "besluit"),
        ("Bijlagen", "bijlagen"),
    ]))
    s.save_object(ACTOR, memo, m2m={"attachments": [notitie]})
    # "de ondernemingsraden krijgen toegang tot alle stukken" (memo): the works council sees this trajectory's documents
    for doc in (notitie, memo):
        s.save_object(ACTOR, doc, m2m={"allowed_organisations": [o["or_bergen"]]})

    bergen = m["GM0373"]
    first = _decision(
        bergen, gate, c.Outcome.HOLD, day=dt.date(2012, 4, 3),
        motivation="Evenals het merendeel van de overige colleges de notitie aangehouden in afwachting van meer informatie.",
        source=SEED_MEMO,
    )
    s.supersede_decision(ACTOR, first, s.DecisionInput(
        gate=gate, municipality=bergen, outcome=c.Outcome.HOLD, date=dt.date(2012, 5, 1), date_precision=c.DatePrecision.MONTH,
        motivation=(
            "Het college wil het traject naar een intensieve samenwerking op het gebied van sociale zaken voortzetten, "
            "maar het is te vroeg om in te stemmen met de Hoofdlijnennotitie Dienstverleningsmodel. De onderbouwing van de "
            "keuze voor uitvoeringsvariant 3, waarbij ook de plaats van het WNK re-integratiebedrijf wordt bepaald, vindt het "
            "college – mede vanwege de grote financiële gevolgen – nog steeds onvoldoende. Het traject wordt voortgezet in een "
            "langzamer tempo; de Wwv gaat in de huidige vorm niet door. Afgesproken: de ondernemingsraden krijgen toegang tot "
            "alle stukken en worden door de projectgroep geïnformeerd over de voortgang."
        ),
        document=memo,
        source=SEED_MEMO + " (besluit vóór 29 mei 2012; precieze datum niet vermeld)",
        conditions=[
            s.ConditionInput(
                "Een uitgebreide analyse van verschillende dienstverleningsmodellen op basis van een vergelijking van voor- en "
                "nadelen op het gebied van effectiviteit, efficiency en klantgerichtheid, zodat een onderbouwde keuze voor een "
                "dienstverleningsmodel kan worden gemaakt.",
                c.ConditionCategory.ANALYSIS, SEED_MEMO,
            ),
            s.ConditionInput(
                "Een procesbeschrijving voor de communicatie met en het betrekken van de ondernemingsraden.",
                c.ConditionCategory.PROCESS, SEED_MEMO,
            ),
        ],
    ), reason="Nieuw collegebesluit over de hoofdlijnennotitie, gemeld in de memo van 29 mei 2012.", kind=c.SupersedeKind.NEW_DECISION)
    return t


def _trajectory_2019(m, o, laws) -> Trajectory:
    t = _save(Trajectory(
        slug=SLUG_2019,
        name="Regionale samenwerking uitvoering Participatiewet",
        domain="Participatiewet",
        aim="Onderzoeken hoe de gemeenten in de regio nog intensiever kunnen samenwerken op het gebied van de Participatiewet.",
        status=c.TrajectoryStatus.OPERATING,
        start_date=dt.date(2019, 1, 1),
        start_precision=c.DatePrecision.YEAR,
        region=Region.objects.get(name="Regio Alkmaar"),
        source=SEED_NEWS,
    ), drivers=[laws["pw"]])
    pilots = _save(Gate(
        trajectory=t, ordinal=1, title="Start van drie pilots regionale samenwerking uitvoering Participatiewet",
        continuation_rule=c.ContinuationRule.COALITION_OF_THE_WILLING, planned_date=dt.date(2019, 1, 1), source=SEED_NEWS,
    ))
    berenschot = _save(Gate(
        trajectory=t, ordinal=2, title="Bestuursopdracht aan Berenschot: één scenario voor een uitvoeringsarrangement",
        description=(
            "Na de pilots (raadsinformatiebrief maart 2020) een opdracht om uit te werken hoe de gemeenten in de regio nog "
            "intensiever kunnen samenwerken op het gebied van de Participatiewet, op basis van door de bestuurders vastgestelde "
            "uitgangspunten. Er zou één scenario uit volgen, vóór de zomer ter besluitvorming aan de colleges. Er is een begroot "
            "tekort bij de GR WNK; volgens Bergen moet dat binnen de GR WNK worden besproken en opgelost."
        ),
        continuation_rule=c.ContinuationRule.COALITION_OF_THE_WILLING, planned_date=dt.date(2020, 1, 1), source=SEED_NEWS,
    ))
    zaffier_gate = _save(Gate(
        trajectory=t, ordinal=3,
        title="Plan voor één regionale uitvoeringsorganisatie (Participatiewet, inburgering, schuldhulpverlening, minima)",
        description="De colleges van alle zeven gemeenten stemmen in; de raden besluiten de maand erna. Leidt tot de GR Zaffier.",
        continuation_rule=c.ContinuationRule.ALL_MUST_AGREE, planned_date=dt.date(2021, 1, 1),
        source="castricummer.nl/een-regionale-uitvoeringsorganisatie-om-meer-inwoners-beter-te-helpen-aan-werk-en-bij-geldzorgen/",
    ))
    for code in ("GM0361", "GM0373", "GM0383", "GM0398", "GM0399", "GM0416"):
        s.add_participant(ACTOR, t, m[code], source=SEED_NEWS)
    p = s.add_participant(ACTOR, t, m["GM0450"], source=SEED_NEWS, note="Niet genoemd bij de pilots van 2019; wel bij de bestuursopdracht van 2020.")
    p.joined_at_gate = berenschot
    s.save_object(ACTOR, p)

    for code in ("GM0361", "GM0373", "GM0383", "GM0398", "GM0399", "GM0416"):
        _decision(m[code], pilots, c.Outcome.AGREE, day=dt.date(2019, 1, 1), precision=c.DatePrecision.YEAR, source=SEED_NEWS)

    rib = s.save_document(ACTOR, Document(
        trajectory=t, kind=c.DocumentKind.RAADSINFORMATIEBRIEF, title="Raadsinformatiebrief uitkomsten pilots en vervolg",
        status=c.DocumentStatus.DEFINITIEF, issuer_municipality=m["GM0373"], date=dt.date(2020, 3, 1),
        date_precision=c.DatePrecision.MONTH, source=SEED_NEWS + " (vermeld; tekst niet in het bronmateriaal)",
    ))
    proposal = s.save_document(ACTOR, Document(
        trajectory=t, kind=c.DocumentKind.ONDERZOEKSVOORSTEL, title="Onderzoeksvoorstel Berenschot (afgewezen door Bergen)",
        issuer_organisation=o["berenschot"], date=dt.date(2020, 1, 1), date_precision=c.DatePrecision.YEAR,
        source=SEED_NEWS + " (bijlage bij de nieuwsbrief; tekst niet in het bronmateriaal)",
    ))
    assignment = _save(Assignment(
        trajectory=t, gate=berenschot, title="Bestuursopdracht Berenschot: scenario uitvoeringsarrangement Participatiewet",
        contractor=o["berenschot"],
        scope="Eén scenario uitwerken voor een uitvoeringsarrangement van de Participatiewet in de regio Alkmaar, op basis van door de bestuurders vastgestelde uitgangspunten.",
        deliverable=proposal, source=SEED_NEWS,
    ), commissioners=[m[k] for k in ("GM0361", "GM0398", "GM0416", "GM0383", "GM0399")])
    del assignment

    news_text = seed_text("2020-nieuwsbrief-bergen-participatiewet.txt")
    news = s.save_document(ACTOR, Document(
        trajectory=t, kind=c.DocumentKind.DIGITALE_NIEUWSBRIEF,
        title="Bergen maakt pas op de plaats in de regionale samenwerking Participatiewet.",
        status=c.DocumentStatus.CONCEPT, issuer_municipality=m["GM0373"], date=dt.date(2020, 1, 1),
        date_precision=c.DatePrecision.YEAR, header={"onderwerp": "Bergen maakt pas op de plaats in de regionale samenwerking Participatiewet."},
        original_text=news_text, source=SEED_NEWS,
    ), split_sections(news_text, [
        ("TITEL:", "titel"),
        ("KERNBOODSCHAP:", "kernboodschap"),
        ("TEKST:", "tekst"),
        ("Inleiding", "inleiding"),
        ("Tevreden over de huidige dienstverlening", "tekst"),
        ("Vervolg", "vervolg"),
    ]))
    s.save_object(ACTOR, news, m2m={"attachments": [proposal, rib]})

    motivation_bergen = (
        "Tevreden over de huidige dienstverlening en samenwerking tussen WNK, Haltewerk en de BUCH werkorganisatie; "
        "onvoldoende nut en noodzaak voor een onderzoek dat zou leiden tot een verregaande regionale samenwerking. De raad "
        "legt nadruk op lokale toegang en integraal werken in het sociaal domein. De BUCH-organisatie kan haar aandacht "
        "tijdens de coronamaatregelen beter aan dringender onderwerpen geven. Het begrote tekort bij de GR WNK moet binnen "
        "de GR worden opgelost. Bergen maakt pas op de plaats."
    )
    _decision(m["GM0373"], berenschot, c.Outcome.REJECT, day=dt.date(2020, 1, 1), precision=c.DatePrecision.YEAR,
              motivation=motivation_bergen, source=SEED_NEWS, document=news)
    _decision(m["GM0450"], berenschot, c.Outcome.REJECT, day=dt.date(2020, 1, 1), precision=c.DatePrecision.YEAR,
              motivation="Gaat niet verder met de bestuursopdracht (vermeld in de nieuwsbrief van Bergen).", source=SEED_NEWS)
    for code in ("GM0361", "GM0398", "GM0416", "GM0383", "GM0399"):
        _decision(m[code], berenschot, c.Outcome.AGREE, day=dt.date(2020, 1, 1), precision=c.DatePrecision.YEAR,
                  motivation="Gaat verder met de bestuursopdracht voor een onderzoek.", source=SEED_NEWS)

    zaffier_source = zaffier_gate.source + " (jaar 2021 afgeleid: Heerhugowaard en Langedijk nog afzonderlijk)"
    for code in ("GM0361", "GM0373", "GM0383", "GM0398", "GM0399", "GM0416", "GM0450"):
        _decision(m[code], zaffier_gate, c.Outcome.AGREE, day=dt.date(2021, 1, 1), precision=c.DatePrecision.YEAR,
                  motivation="Instemming met het plan voor één regionale uitvoeringsorganisatie.", source=zaffier_source)
    return t
