"""Extends the regio Alkmaar example with the 2012 execution variants, the social-domain
criteria, and scores and preferences for every participating municipality.

Sourced: that the Hoofdlijnennotitie Dienstverleningsmodel (2012) preferred uitvoeringsvariant 3,
that variant 3 also settles the place of the WNK re-integratiebedrijf, and that the college of
Bergen found the substantiation insufficient, partly because of its large financial consequences
(seed memo). The content of variants 1 and 2 is not public in the sources; it is illustrative,
drawn from the usual typology of execution variants. Every score and every preference is
illustrative and labelled so.
"""

from __future__ import annotations

import datetime as dt

from regiokompas.accounts.actors import EXAMPLE
from regiokompas.options import services
from regiokompas.options.models import Score, StatementKind, Variant
from regiokompas.options.problem import Statement
from regiokompas.register import constants as rc
from regiokompas.register.models import Document, Municipality, Trajectory

ACTOR = EXAMPLE
SLUG = "alkmaar-sociale-zaken-2012"
SEED_MEMO = "seed:2012-05-29-memo-bergen-hoofdlijnennotitie.txt (memo college Bergen aan de raad, 29 mei 2012)"
TYPOLOGY = (
    "illustratief: de inhoud van de varianten uit 2012 is niet openbaar; uitgewerkt naar de gangbare typologie "
    "(VNG-handreiking samenwerking sociale werkvoorziening 2012; Berenschot, Het schaakbord van de Participatiewet, 2014)"
)
ILLUSTRATIVE = "illustratief: voorbeeldwaarde zonder bron"

VARIANTS = [
    dict(
        number=1, name="Samenwerking op onderdelen",
        description="Elke gemeente houdt een eigen afdeling sociale zaken; de gemeenten werken samen op afgebakende taken.",
        scope="Gezamenlijke inkoop van re-integratietrajecten\nGezamenlijke handhaving en fraudebestrijding\nKennisdeling en gezamenlijke werkgeversbenadering",
        wgr_form=rc.WgrForm.REGELING_ZONDER_MEER,
        existing_organisations_role="WNK blijft uitvoerder van de Wsw en levert re-integratie aan elke gemeente afzonderlijk.",
        transition_notes="Geen personele overgang; afspraken per taak in een convenant.",
        source=TYPOLOGY, illustrative=True,
    ),
    dict(
        number=2, name="Gedeelde backoffice, lokale toegang",
        description="Een gezamenlijke backoffice voert uitkeringsadministratie en bedrijfsvoering uit; de toegang en het klantcontact blijven lokaal.",
        scope="Uitkeringsadministratie en betalingen\nBeslag, verhaal en terugvordering\nBedrijfsvoering (ICT, informatiebeheer)",
        wgr_form=rc.WgrForm.BEDRIJFSVOERINGSORGANISATIE,
        existing_organisations_role="WNK blijft uitvoerder van de Wsw; het WNK re-integratiebedrijf blijft een aparte dienstverlener.",
        transition_notes="Backoffice-medewerkers gaan over naar de bedrijfsvoeringsorganisatie; frontoffice blijft in dienst van de gemeenten.",
        source=TYPOLOGY, illustrative=True,
    ),
    dict(
        number=3, name="Voorkeursvariant van de hoofdlijnennotitie",
        description=(
            "Uitvoeringsvariant 3 uit de Hoofdlijnennotitie Dienstverleningsmodel (2012), de variant waar de notitie voor koos. "
            "Het college van Bergen vond de onderbouwing van die keuze onvoldoende, mede vanwege de grote financiële gevolgen. "
            "De verdere inhoud van de variant staat niet in het bronmateriaal."
        ),
        scope="",
        wgr_form="",
        existing_organisations_role="In deze variant wordt ook de plaats van het WNK re-integratiebedrijf bepaald (welke plaats staat niet in de bron).",
        transition_notes="",
        source=SEED_MEMO, illustrative=False,
    ),
]

# criterion code -> variant number -> (kind, low, most likely, high); all illustrative
SCORES = {
    "eff": {1: ("pert", 8, 10, 13), 2: ("pert", 9, 11, 14), 3: ("pert", 10, 14, 19)},
    "efc": {1: ("pert", 3.0, 3.4, 3.8), 2: ("pert", 2.6, 3.0, 3.4), 3: ("pert", 2.0, 2.5, 3.2)},
    "klant": {1: ("pert", 6.6, 7.1, 7.6), 2: ("pert", 6.3, 6.9, 7.4), 3: ("pert", 5.6, 6.6, 7.6)},
    "lokaal": {1: ("range", 4, None, 5), 2: ("range", 3, None, 4), 3: ("pert", 1.5, 2.2, 3)},
    "fin": {1: ("pert", -0.2, 0.0, 0.3), 2: ("pert", -0.8, -0.3, 0.4), 3: ("pert", -2.0, -1.0, 2.5)},
    "pers": {1: ("pert", 0, 5, 10), 2: ("pert", 15, 30, 45), 3: ("pert", 40, 70, 100)},
    "kwets": {1: ("pert", 1.5, 2, 2.5), 2: ("pert", 2.5, 3.2, 4), 3: ("pert", 3.5, 4.2, 4.8)},
    "sturing": {1: ("exact", None, 4.5, None), 2: ("pert", 3, 3.5, 4), 3: ("pert", 2, 2.6, 3.2)},
}

ARGUMENTS = {
    ("eff", 1): ("Klantmanagers kennen de lokale werkgevers.", "Weinig ruimte voor specialisatie in werkgeversbenadering."),
    ("eff", 2): ("Meer tijd voor begeleiding doordat administratie centraal gebeurt.", "Begeleiding en uitkering in twee organisaties."),
    ("eff", 3): ("Eén regionale werkgeversbenadering en specialistische trajecten.", "Effect hangt af van de nog onbekende invulling."),
    ("efc", 1): ("Geen overgangskosten.", "Elke gemeente houdt eigen overhead en systemen."),
    ("efc", 2): ("Schaalvoordeel in administratie en ICT.", "Afstemming tussen lokale frontoffice en centrale backoffice kost tijd."),
    ("efc", 3): ("Eén organisatie: minder overhead per cliënt.", "Frictie en dubbele kosten tijdens de overgang."),
    ("klant", 1): ("Vertrouwd, dichtbij en één loket in de eigen gemeente.", "Kwaliteit wisselt per gemeente."),
    ("klant", 2): ("Klantcontact blijft lokaal.", "Doorlooptijd kan stijgen door overdracht naar de backoffice."),
    ("klant", 3): ("Eenduidige dienstverlening in de hele regio.", "Verder weg voor inwoners; risico op verstoring tijdens de overgang."),
    ("lokaal", 1): ("Toegang en integraal werken blijven volledig lokaal.", "Weinig schaalvoordeel."),
    ("lokaal", 2): ("Toegang blijft lokaal en verbonden met Wmo en jeugd.", "Backoffice staat verder van het lokale sociale team."),
    ("lokaal", 3): ("Schaalvoordeel in één organisatie.", "Toegang en klantcontact verder van de inwoner; minder integraal met Wmo en jeugd."),
    ("fin", 1): ("Geen eenmalige kosten.", "Geen structurele besparing."),
    ("fin", 2): ("Beperkte besparing in de backoffice.", "Eenmalige kosten voor systemen en huisvesting."),
    ("fin", 3): ("Grootste mogelijke besparing op termijn.", "Grote eenmalige kosten en grote onzekerheid ('grote financiële gevolgen')."),
    ("pers", 1): ("Geen personele overgang.", "Kwetsbare kleine teams blijven bestaan."),
    ("pers", 2): ("Alleen backoffice-medewerkers gaan over.", "Twee werkgevers voor één werkproces."),
    ("pers", 3): ("Eén werkgever met meer loopbaanmogelijkheden.", "Grootste personele overgang van de drie varianten."),
    ("kwets", 1): ("Korte lijnen.", "Kleine teams: uitval of vertrek raakt de dienstverlening direct."),
    ("kwets", 2): ("Backoffice robuust door schaal.", "Frontoffice blijft klein."),
    ("kwets", 3): ("Vervangbaarheid en specialisatie door schaal.", "Afhankelijk van één organisatie."),
    ("sturing", 1): ("College en raad sturen rechtstreeks.", "Regionale afspraken vrijblijvend."),
    ("sturing", 2): ("Beleid en toegang blijven lokaal bepaald.", "Bedrijfsvoeringsorganisatie stuurt op uitvoering, niet op beleid."),
    ("sturing", 3): ("Eén aanspreekpunt voor de regio.", "Sturing via het algemeen bestuur; de raad stuurt op afstand."),
}

R = StatementKind.RANKING
PREFERENCES = {
    # Bergen's emphasis follows the memo (clients, personnel, financial consequences); the numbers are illustrative.
    "GM0373": ("Nadruk op de positie van cliënten en personeel en op de financiële gevolgen (memo 29 mei 2012); de rangorde zelf is illustratief.", [
        Statement(R, {"order": [["klant", "pers"], ["fin"], ["lokaal", "eff"], ["sturing"], ["efc", "kwets"]]}),
        Statement(StatementKind.INTERVAL, {"criterion": "fin", "min": 0.12, "max": 0.4}),
    ]),
    "GM0361": ("", [Statement(StatementKind.SWING, {"points": {
        "eff": 100, "efc": [80, 90], "kwets": 70, "fin": [60, 80], "klant": 60, "sturing": 40, "lokaal": 30, "pers": 30}})]),
    "GM0383": ("", [Statement(R, {"order": [["lokaal"], ["klant"], ["sturing"], ["eff", "fin"], ["efc", "kwets", "pers"]]})]),
    "GM0399": ("", [Statement(R, {"order": [["klant"], ["lokaal", "eff"], ["fin"], ["sturing"], ["kwets"], ["efc"], ["pers"]]})]),
    "GM0398": ("", [
        Statement(R, {"order": [["efc", "eff"], ["fin"], ["kwets"], ["klant"], ["pers"], ["sturing"], ["lokaal"]]}),
        Statement(StatementKind.RATIO, {"numerator": "eff", "denominator": "lokaal", "min": 1.5, "max": 4}),
    ]),
    "GM0416": ("", [Statement(StatementKind.SWING, {"points": {
        "eff": 100, "kwets": [70, 90], "efc": 70, "fin": [50, 70], "klant": 60, "pers": 40, "sturing": 30, "lokaal": 30}})]),
    "GM0365": ("", [Statement(R, {"order": [["fin"], ["klant"], ["eff"]]})]),
    "GM0458": ("", [
        Statement(StatementKind.INTERVAL, {"criterion": "eff", "min": 0.1, "max": 0.3}),
        Statement(StatementKind.INTERVAL, {"criterion": "fin", "min": 0.1, "max": 0.25}),
        Statement(StatementKind.INTERVAL, {"criterion": "lokaal", "min": 0.1, "max": 1.0}),
    ]),
}


MEMO_2012 = "Memo college Bergen aan de raad, 29 mei 2012"
CRITERION_SOURCES = {
    "eff": f"{MEMO_2012} (effectiviteit, efficiency, klantgerichtheid)",
    "efc": f"{MEMO_2012} (effectiviteit, efficiency, klantgerichtheid)",
    "klant": f"{MEMO_2012} (effectiviteit, efficiency, klantgerichtheid)",
    "lokaal": "Nieuwsbrief Bergen aan de raad (2020): nadruk op lokale toegang en integraal werken",
    "fin": f"{MEMO_2012} ('grote financiële gevolgen')",
    "pers": f"{MEMO_2012} (zorgvuldigheid voor het personeel van sociale zaken)",
}


def extend() -> None:
    """Run by examples.loader after the register part (same transaction). Idempotent."""
    trajectory = Trajectory.objects.filter(slug=SLUG).first()
    if trajectory is None or trajectory.variants.exists():
        return
    variants = {}
    for data in VARIANTS:
        variants[data["number"]] = services.save_variant(ACTOR, Variant(trajectory=trajectory, **data))
    criteria = {c.code: c for c in services.apply_criteria_template(ACTOR, trajectory, "sociaal-domein")}
    # this dossier's own sources for its criteria (the template names only public sources)
    for code, source in CRITERION_SOURCES.items():
        crit = criteria.get(code)
        if crit is not None:
            crit.source = "; ".join(x for x in (source, crit.source) if x)
            criteria[code] = services.save_criterion(ACTOR, crit, reason="bron uit het voorbeelddossier")
    memo = Document.objects.filter(trajectory=trajectory, kind=rc.DocumentKind.MEMO, date=dt.date(2012, 5, 29)).first()
    for code, per_variant in SCORES.items():
        crit = criteria[code]
        for number, (kind, low, ml, high) in per_variant.items():
            pros, cons = ARGUMENTS.get((code, number), ("", ""))
            score = Score(variant=variants[number], criterion=crit, kind=kind, low=low, most_likely=ml, high=high, unit=crit.unit,
                          pros=pros, cons=cons, source=ILLUSTRATIVE, illustrative=True)
            if code == "fin" and number == 3 and memo is not None:
                score.evidence_document = memo
                score.evidence_page = "1"
                score.evidence_source = SEED_MEMO
                score.evidence_author = "College van Bergen"
                score.evidence_date = dt.date(2012, 5, 29)
                score.argument = ("De memo noemt 'grote financiële gevolgen' van variant 3; de bedragen zelf staan niet in de bron "
                                  "(illustratief). Daarom een brede bandbreedte.")
            services.save_score(ACTOR, score)
    for code, (note, statements) in PREFERENCES.items():
        municipality = Municipality.objects.get(cbs_code=code)
        services.save_preferences(ACTOR, trajectory, municipality, statements, note=note, source=ILLUSTRATIVE,
                                  illustrative=True, check=False)
