"""Label variants of header fields, section headings and document kinds seen in Dutch council
documents (memo's, raadsinformatiebrieven, nieuwsbrieven, raadsvoorstellen, raadsbesluiten,
collegebesluiten, brieven van gemeenschappelijke regelingen)."""

from __future__ import annotations

import re

# canonical header field -> label variants (lower case, without colon)
HEADER_VARIANTS: dict[str, list[str]] = {
    "datum": ["datum", "date", "datum vergadering", "raadsvergadering", "vergaderdatum", "datum raadsvergadering",
              "collegevergadering", "datum collegevergadering", "datum b&w", "datum b & w", "datum college", "verzenddatum", "datum verzending"],
    "aan": ["aan", "aan de", "geadresseerde", "ter attentie van", "t.a.v."],
    "van": ["van", "indiener", "afzender", "vanwege"],
    "onderwerp": ["onderwerp", "titel", "betreft", "onderwerp voorstel", "onderwerp memo", "inzake"],
    "portefeuillehouder": ["portefeuillehouder", "portefeuillehouders", "portefeuillehouder(s)", "port.houd.",
                           "port. houd.", "port. houder", "port.houder", "portefeuille", "portefeuille(s)",
                           "portefeuilles", "verantwoordelijk portefeuillehouder", "bestuurlijk verantwoordelijke",
                           "wethouder"],
    "contact": ["inlichtingen bij", "inlichtingen", "informatie op te vragen bij", "informatie bij", "contactpersoon",
                "contact", "behandelaar", "behandeld door", "behandelend ambtenaar", "naam opsteller", "opsteller",
                "opsteller(s)", "opstellers", "wordt behandeld door", "team", "sector", "afdeling", "tel.nr.",
                "telefoonnummer", "telefoon", "e-mailadres", "e-mail", "doorkiesnummer"],
    "kenmerk": ["kenmerk", "ons kenmerk", "zaaknummer", "voorstelnummer", "registratienummer", "casenummer",
                "corsanummer", "documentnummer", "besluitnummer", "nummer", "zaak", "raadsvoorstelnummer",
                "uw kenmerk", "nummer voorstel", "raadsbesluitnummer", "zaaknr.", "zaaknr", "kenmerk raad", "kenmerk college"],
    "agendering": ["agendapunt", "agendanummer", "commissie", "commissiebehandeling", "soort agendering",
                   "behandelen", "informeren", "hamerstuk", "agendering", "commissievergadering"],
    "adviesorganen": ["geraadpleegde adviesorganen", "adviesorganen", "interactie/participatie", "participatie"],
    "communicatie": ["communicatie"],
    "geheimhouding": ["geheimhouding", "vertrouwelijk"],
    "bijlagen": ["bijlagen", "bijlage(n)", "bijlage", "aantal bijlagen"],
    "status": ["status"],
}

LABEL_TO_FIELD: dict[str, str] = {v: k for k, vs in HEADER_VARIANTS.items() for v in vs}
_LABELS_SORTED = sorted(LABEL_TO_FIELD, key=len, reverse=True)

# Labels that also start ordinary sentences: only accepted with a colon or in a table cell.
WEAK_LABELS = {"aan", "aan de", "van", "team", "sector", "zaak", "nummer", "contact", "inlichtingen", "date",
               "behandelen", "informeren", "commissie", "status", "participatie", "communicatie", "titel",
               "wethouder", "afdeling", "telefoon", "portefeuille", "bijlage", "bijlagen", "inzake", "betreft",
               "onderwerp", "datum", "vanwege", "vertrouwelijk"}

# canonical section type -> heading variants (lower case, without colon)
SECTION_VARIANTS: dict[str, list[str]] = {
    "aanleiding": ["aanleiding", "inleiding", "inleiding/aanleiding", "inleiding / aanleiding", "aanleiding en doel",
                   "waar gaat dit voorstel over?", "waar gaat het over?", "achtergrond", "aanleiding/probleemstelling",
                   "probleemstelling"],
    "kernboodschap": ["kernboodschap", "samenvatting", "korte samenvatting", "publieksvriendelijke samenvatting",
                      "in het kort", "kern"],
    "besluit": ["besluit college", "besluit van het college", "collegebesluit", "beslispunt", "beslispunten",
                "voorgesteld besluit", "ontwerpbesluit", "de raad besluit", "voorstel", "besluit", "het besluit",
                "voorgesteld wordt", "beslissing", "advies", "gevraagd besluit", "te nemen besluit"],
    "bevoegdheid": ["bevoegdheid", "wettelijke grondslag", "juridische grondslag"],
    "beoogd_effect": ["beoogd effect", "beoogd resultaat", "doel"],
    "argumenten": ["argumenten", "argumentatie", "onderbouwing", "overwegingen"],
    "kanttekeningen": ["kanttekeningen", "kanttekeningen/risico's", "kanttekeningen en risico's", "risico's",
                       "risico’s", "kanttekeningen / risico's"],
    "financien": ["financiën", "financien", "financiële consequenties", "financiële gevolgen", "kosten",
                  "financiële paragraaf", "middelen"],
    "tekst": ["tekst", "toelichting", "inhoud", "bericht"],
    "planning": ["planning", "bestuurlijke planning", "tijdpad", "uitvoering", "uitvoering/communicatie",
                 "communicatie en uitvoering", "proces"],
    "vervolg": ["vervolg", "vervolgstappen", "vervolgproces", "hoe verder", "hoe nu verder?", "hoe nu verder", "wat gebeurt er nu",
                "wat zijn de vervolgstappen", "wat gaan we nu doen",
                "vervolgprocedure", "wat gaan we doen?", "vervolg/planning"],
    "bijlagen": ["bijlagen", "bijlage", "bijlage(n)", "bijlagen bij dit voorstel", "ter inzage gelegde stukken",
                 "bijgevoegde stukken"],
    "communicatie": ["communicatie", "communicatie/participatie", "participatie", "interactie/participatie"],
    "duurzaamheid": ["duurzaamheid"],
}
HEADING_TO_SECTION: dict[str, str] = {v: k for k, vs in SECTION_VARIANTS.items() for v in vs}

# Headings that always start the body (never header labels): headers end here.
STRONG_SECTION_HEADINGS = {v for k, vs in SECTION_VARIANTS.items() if k != "bijlagen" for v in vs} - {"communicatie", "participatie", "voorstel", "advies", "doel", "kern", "proces", "inhoud", "bericht", "kosten", "middelen", "uitvoering", "interactie/participatie"}

KIND_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("digitale_nieuwsbrief", re.compile(r"^(digitale\s+)?nieuwsbrief(\s+aan\s+de\s+raad)?\b", re.IGNORECASE)),
    ("raadsinformatiebrief", re.compile(r"^raadsinformatiebrief\b|^informatiebrief\s+aan\s+de\s+raad\b|^raadsinformatie\b", re.IGNORECASE)),
    ("memo", re.compile(r"^(raads)?memo(randum)?\b|^memo\s+van\s+(het\s+)?college", re.IGNORECASE)),
    ("raadsvoorstel", re.compile(r"^raadsvoorstel\b|^voorstel\s+aan\s+de\s+raad\b", re.IGNORECASE)),
    ("bijlage", re.compile(r"^bijlage\s*[\dA-Z]*\s*(?:[:.-]\s*)?(?:bij|behorend bij)\b", re.IGNORECASE)),
    ("raadsbesluit", re.compile(r"^raadsbesluit\b|^besluit\s+van\s+de\s+(gemeente)?raad\b", re.IGNORECASE)),
    ("collegebesluit", re.compile(r"^beslis(sings)?formulier\b|^geleideformulier\b|^collegebesluit\b|^collegevoorstel\b|^b\s*&\s*w[- ]?(voorstel|besluit)\b|^adviesnota\b", re.IGNORECASE)),
    ("brief", re.compile(r"^aanbiedingsbrief\b|^brief\b", re.IGNORECASE)),
    ("onderbouwing", re.compile(r"^onderbouwing$", re.IGNORECASE)),
    ("procesbeschrijving", re.compile(r"^procesbeschrijving$", re.IGNORECASE)),
    ("planningsoverzicht", re.compile(r"^planningsoverzicht$", re.IGNORECASE)),
    ("rapport", re.compile(r"^rapport$", re.IGNORECASE)),
]


def norm_label(text: str) -> str:
    t = text.strip().lower().replace("\u00a0", " ")
    t = re.sub(r"\s*[:：]+\s*$", "", t)
    t = re.sub(r"^\s*[:：]+\s*", "", t)
    return re.sub(r"\s+", " ", t).strip()


def field_for_label(text: str) -> str | None:
    return LABEL_TO_FIELD.get(norm_label(text))


def section_for_heading(text: str) -> str | None:
    t = norm_label(text)
    if t not in HEADING_TO_SECTION and t.endswith("?"):
        t = t[:-1].strip()
    t = re.sub(r"^\d+(\.\d+)*\.?\s+", "", t)  # numbered headings "3. Argumenten"
    return HEADING_TO_SECTION.get(t)


def split_label(line: str, *, strict: bool) -> tuple[str, str, str] | None:
    """'datum : 29 mei 2012' -> ('datum', 'datum', '29 mei 2012'). With a colon any known label
    counts; without one (strict=False) only labels that are not ordinary sentence openers, and
    then the label must be followed by at least one space."""
    text = line.strip()
    m = re.match(r"^([^:：]{1,45}?)\s*[:：]+\s*(.*)$", text)
    if m:
        field = field_for_label(m.group(1))
        if field:
            return field, m.group(1).strip(), m.group(2).strip(" :")
    if strict:
        return None
    low = text.lower()
    for label in _LABELS_SORTED:
        if low.startswith(label) and (label not in WEAK_LABELS or text[:len(label)].isupper()):
            rest = text[len(label):]
            if rest[:1] in (" ", "\t") or not rest:
                return LABEL_TO_FIELD[label], text[:len(label)], rest.strip(" :")
    return None


def kind_for_line(text: str) -> str | None:
    t = text.strip()
    for kind, pattern in KIND_PATTERNS:
        if pattern.search(t):
            return kind
    return None


_CAPS_LABELS = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(v.upper()) for v in sorted(LABEL_TO_FIELD, key=len, reverse=True) if len(v) > 3) + r")(?=[\s:]|$)"
)


def split_caps_labels(line: str) -> list[str]:
    """'CASENUMMER 12G BEHANDELEND AMBTENAAR P. Pietersen SECTOR Samenleving' -> one segment per
    all-caps label (forms that put several labels without colons on one line)."""
    starts = [m.start() for m in _CAPS_LABELS.finditer(line)]
    if len(starts) < 2 or starts[0] != len(line) - len(line.lstrip()):
        return [line]
    starts.append(len(line))
    return [line[a:b].strip() for a, b in zip(starts, starts[1:], strict=False) if line[a:b].strip()]
