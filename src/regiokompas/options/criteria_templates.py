"""Starting sets of criteria. A trajectory's criteria set begins as a copy of a template and is
then edited freely; the template itself never changes stored data.

A template serves every trajectory, so its sources are public sources that hold for any region, or
none: never a document of one dossier (a college memo, a newsletter) and never a project file. A
trajectory that takes a criterion from its own documents records that source on its own criterion."""

from __future__ import annotations

from dataclasses import dataclass, field

FIVE_POINT = {
    "1": "zeer ongunstig",
    "2": "ongunstig",
    "3": "neutraal (gelijk aan de huidige situatie)",
    "4": "gunstig",
    "5": "zeer gunstig",
}

SOURCE_HARDINXVELD = (
    "Hardinxveld-Giessendam, Samenwerken in de regio (kwaliteitscriteria democratische legitimatie, robuustheid, "
    "efficiency); docplayer.nl/7963110"
)
SOURCE_ZWAAN = "P. Zwaan, Politiek of management? (fte per 100 WWB-cliënten); my-thesis.info/PDF/Zwaan"


@dataclass(frozen=True)
class CriterionTemplate:
    code: str
    name: str
    unit: str
    scale_min: float
    scale_max: float
    direction: str
    definition: str
    source: str
    scale_labels: dict = field(default_factory=dict)


SOCIAL_DOMAIN = [
    CriterionTemplate(
        "eff", "Effectiviteit", "%", 0, 25, "higher",
        "Uitstroom naar werk: het deel van het klantenbestand dat per jaar uitstroomt naar (gedeeltelijk) betaald werk.",
        "",
    ),
    CriterionTemplate(
        "efc", "Efficiency", "fte per 100 cliënten", 1, 5, "lower",
        "Formatie van de uitvoering (klantmanagers, inkomensconsulenten, ondersteuning) per 100 cliënten met een uitkering.",
        f"maat: {SOURCE_ZWAAN}",
    ),
    CriterionTemplate(
        "klant", "Klantgerichtheid", "rapportcijfer", 1, 10, "higher",
        "Klanttevredenheid zoals gemeten in het cliëntervaringsonderzoek (rapportcijfer 1–10).",
        "",
    ),
    CriterionTemplate(
        "lokaal", "Lokale toegang en integraliteit", "punten (1–5)", 1, 5, "higher",
        "De mate waarin inwoners lokaal terechtkunnen en de uitvoering integraal samenwerkt met Wmo, jeugd en schuldhulp.",
        "", FIVE_POINT,
    ),
    CriterionTemplate(
        "fin", "Financiële gevolgen", "EUR mln per jaar", -2, 3, "lower",
        "Structurele meerkosten (+) of besparing (−) voor de regio ten opzichte van de huidige situatie, inclusief "
        "afschrijving van eenmalige transitiekosten over vijf jaar.",
        "",
    ),
    CriterionTemplate(
        "pers", "Personele gevolgen", "fte", 0, 100, "lower",
        "Aantal fte dat van werkgever wisselt, een andere functie krijgt of boventallig wordt.",
        "",
    ),
    CriterionTemplate(
        "kwets", "Kwetsbaarheid en continuïteit", "punten (1–5)", 1, 5, "higher",
        "Robuustheid van de uitvoering: vervangbaarheid van specialistische functies en continuïteit bij uitval of piekdrukte.",
        SOURCE_HARDINXVELD, FIVE_POINT,
    ),
    CriterionTemplate(
        "sturing", "Sturing en democratische legitimatie", "punten (1–5)", 1, 5, "higher",
        "De mate waarin college en raad van elke gemeente kunnen sturen en controleren (zeggenschap, informatie, uittreding).",
        SOURCE_HARDINXVELD, FIVE_POINT,
    ),
]

TEMPLATES = {"sociaal-domein": ("Sociaal domein (uitvoering Participatiewet)", SOCIAL_DOMAIN)}
