"""The glossary (begrippen): one place for the words of the analysis, the costs and the planning. The
page /begrippen/ lists them; other pages explain a term inline with the ``begrip`` and ``begrippen``
template tags (templatetags/glossary.py). docs/handleiding.md has the same list."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    slug: str
    term: str
    text: str


TERMS: tuple[Term, ...] = (
    Term("smaa", "SMAA (stochastische multicriteria-acceptabiliteitsanalyse)",
         "Een manier om varianten te vergelijken als de gewichten van de criteria en de scores niet precies vastliggen. "
         "De analyse rekent de vergelijking vele duizenden keren door, telkens met gewichten die bij de voorkeuren van "
         "een gemeente passen en scores binnen hun onzekerheid, en telt hoe vaak elke variant de beste is."),
    Term("monte-carlo", "Monte Carlo (doorrekeningen, trekkingen)",
         "Rekenen met toeval: in plaats van één berekening worden duizenden berekeningen gemaakt met steeds andere, "
         "willekeurig getrokken waarden binnen de opgegeven onzekerheid. Elke berekening heet een trekking of doorrekening."),
    Term("rangacceptatie", "Rangacceptatie-index (rangkans)",
         "Het aandeel van de doorrekeningen waarin een variant op plaats 1, 2, 3, … eindigt. 'In 7 van de 10 "
         "doorrekeningen de beste' betekent een rangacceptatie van 70 % voor de eerste plaats."),
    Term("marge", "Marge (rekenmarge)",
         "Hoeveel een percentage nog kan schommelen doordat het aantal doorrekeningen eindig is (95 %-betrouwbaarheid). "
         "'70 % (± 1 %)' betekent: met meer doorrekeningen ligt de uitkomst tussen 69 en 71 %."),
    Term("centrale-gewichten", "Centrale gewichten",
         "Het 'typische' gewicht van elk criterium in de doorrekeningen waarin een variant de beste is. Het laat zien welke "
         "afweging bij elke variant hoort."),
    Term("betrouwbaarheidsfactor", "Betrouwbaarheidsfactor",
         "Hoe vaak een variant de beste blijft als de gewichten vastliggen op haar centrale gewichten en alleen de scores "
         "onzeker zijn."),
    Term("holistische-aanvaardbaarheid", "Holistische aanvaardbaarheid",
         "Eén getal per variant dat alle plaatsen meeweegt: een eerste plaats telt volledig, lagere plaatsen minder."),
    Term("gevoeligheid", "Gevoeligheid (verschuiving van de gewichten)",
         "Hoeveel de gewichten moeten verschuiven voordat een andere variant de beste wordt. Een kleine verschuiving "
         "betekent een broze voorkeur."),
    Term("waardeprofiel", "Waardeprofiel",
         "Hoeveel elk criterium bijdraagt aan de totale waarde van een variant, bij representatieve gewichten."),
    Term("bandbreedte", "Bandbreedte (90 %)",
         "Het bereik waarbinnen een bedrag in 90 van de 100 doorrekeningen valt: 5 % van de uitkomsten ligt eronder, 5 % "
         "erboven. Een brede band betekent een onzekere raming."),
    Term("verdeelsleutel", "Verdeelsleutel",
         "De regel waarmee gezamenlijke kosten over de gemeenten worden verdeeld, bijvoorbeeld naar inwonertal of naar "
         "aantal uitkeringen."),
    Term("shapley", "Shapley-verdeling",
         "Een verdeling van de kosten naar wat elke gemeente gemiddeld toevoegt aan de kosten van de samenwerking, over "
         "alle volgordes waarin de gemeenten zouden kunnen toetreden. Zo betaalt niemand voor de voordelen van een ander."),
    Term("uittreedsom", "Uittreedsom (uittreedkosten)",
         "Wat een gemeente betaalt als zij uit een samenwerking stapt, zodat de overige deelnemers niet voor haar deel van "
         "de vaste kosten opdraaien (zie de uittredingsregels van de gemeenschappelijke regeling, Wgr)."),
    Term("pas-op-de-plaats", "Pas op de plaats",
         "Een gemeente stemt (nog) niet in en doet voorlopig niet mee, maar treedt niet uit: zij kan later weer aansluiten."),
    Term("besluitmoment", "Besluitmoment (go/no-go-moment)",
         "Een moment waarop elke deelnemende gemeente afzonderlijk besluit of zij doorgaat. De voortgangsregel zegt wanneer "
         "het traject doorgaat: als alle gemeenten instemmen, bij een meerderheid, of met wie instemt."),
    Term("voorwaarde", "Voorwaarde",
         "Een eis die een college of raad aan zijn besluit verbindt, bijvoorbeeld een nadere analyse. Een open voorwaarde is "
         "nog niet vervuld."),
    Term("peildatum", "Peildatum",
         "De datum waartegen de planning wordt bekeken: wat vóór die datum af had moeten zijn en nog niet af is, is te laat."),
)

BY_SLUG = {t.slug: t for t in TERMS}
