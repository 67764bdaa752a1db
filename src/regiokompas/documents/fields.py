"""What an import result says about the document as a whole, each with a confidence (0–1) and the
text it came from: the kind (scored from headings, the formula of a besluit and the header block),
the date with its precision, the onderwerp, every kenmerk, the sender, the portefeuillehouder and
contact persons without their labels, and the decision block (a proposal or a decision, its body,
date and numbered beslispunten). Pure functions over the parsed lines; no Django."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from regiokompas.documents.dates import FoundDate, find_dates
from regiokompas.documents.municipalities import organisation_municipality
from regiokompas.documents.parsers import Line

# ---- kind ----------------------------------------------------------------------------------------

# (kind, pattern on a title line, weight): the title block is the strongest evidence
TITLE_EVIDENCE: list[tuple[str, re.Pattern, float]] = [
    ("bijlage", re.compile(r"^bijlage\s*[\dA-Z]*\s*(?:[:.-]\s*)?(?:bij|behorend bij)\b", re.I), 4.0),
    ("digitale_nieuwsbrief", re.compile(r"^(digitale\s+)?nieuwsbrief\b", re.I), 3.0),
    ("raadsinformatiebrief", re.compile(r"^raadsinformatiebrief\b|^informatiebrief\s+aan\s+de\s+raad\b|^raadsinformatie\b", re.I), 3.0),
    ("memo", re.compile(r"^(raads)?memo(randum)?\b", re.I), 3.0),
    ("raadsvoorstel", re.compile(r"^raadsvoorstel\b|^voorstel\s+aan\s+de\s+(gemeente)?raad\b", re.I), 3.0),
    ("raadsbesluit", re.compile(r"^raadsbesluit\b|^besluit\s+van\s+de\s+(gemeente)?raad\b", re.I), 3.0),
    ("collegebesluit", re.compile(r"^(beslis(sings)?formulier|geleideformulier|collegebesluit|collegevoorstel|b\s*&\s*w[- ]?(voorstel|besluit)|adviesnota)\b", re.I), 3.0),
    ("brief", re.compile(r"^(aanbiedingsbrief|brief)\b", re.I), 3.0),
]
BODY_EVIDENCE: list[tuple[str, re.Pattern, float]] = [
    ("raadsbesluit", re.compile(r"^de (gemeente)?raad van de gemeente\b.*;?$", re.I), 1.5),
    ("raadsbesluit", re.compile(r"^aldus (vastgesteld|besloten)\b", re.I), 1.0),
    ("raadsvoorstel", re.compile(r"^(voorgesteld besluit|ontwerp-?besluit|beoogd effect|kanttekeningen|argumenten)\b", re.I), 0.7),
    ("raadsvoorstel", re.compile(r"\b(de raad wordt voorgesteld|stelt de raad voor|stellen de raad voor)\b", re.I), 1.5),
    ("collegebesluit", re.compile(r"^(besluit (college|b\s*&\s*w)|conform advies|datum (b\s*&\s*w|collegevergadering)|collegevergadering)\b", re.I), 1.2),
    ("collegebesluit", re.compile(r"\bhet college wordt voorgesteld\b", re.I), 1.0),
    ("brief", re.compile(r"^(geachte|hoogachtend|met vriendelijke groet)", re.I), 0.8),
    ("brief", re.compile(r"^(ons kenmerk|uw kenmerk|uw brief)\b", re.I), 0.8),
    ("memo", re.compile(r"^aan\s*:?\s*(de\s+)?(gemeente)?raad\b", re.I), 0.6),
]
# kinds that a salutation does not turn into a letter
_TITLED = {"raadsinformatiebrief", "digitale_nieuwsbrief", "memo"}


@dataclass
class Field:
    value: object
    confidence: float
    source: str = ""
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"value": self.value, "confidence": round(self.confidence, 2), "source": self.source, **self.extra}


def score_kind(lines: list[Line]) -> tuple[str | None, float, str, dict[str, float]]:
    """(kind, confidence, source line, scores) from the first title lines and the body."""
    scores: Counter = Counter()
    sources: dict[str, str] = {}
    texts = [ln.text.strip() for ln in lines if ln.text.strip()]
    for pos, text in enumerate(texts[:12]):
        cells = [c for c in text.split(" | ") if c] or [text]
        for kind, pattern, weight in TITLE_EVIDENCE:
            if len(text) <= 120 and any(pattern.search(c) for c in cells):
                scores[kind] += weight * (1.0 if pos < 6 else 0.6)
                sources.setdefault(kind, text)
                break
    for text in texts:
        for kind, pattern, weight in BODY_EVIDENCE:
            if pattern.search(text):
                scores[kind] += weight
                sources.setdefault(kind, text)
    titled = [k for k in scores if k in _TITLED and sources.get(k) in texts[:12]]
    if titled:
        scores["brief"] = min(scores["brief"], 1.0)
    if not scores:
        return None, 0.0, "", {}
    ranked = scores.most_common()
    best, top = ranked[0]
    runner = ranked[1][1] if len(ranked) > 1 else 0.0
    confidence = min(0.99, top / (top + runner + 1.0) + (0.25 if top >= 3 else 0.0))
    return best, confidence, sources.get(best, ""), {k: round(v, 2) for k, v in scores.items()}


# ---- persons -------------------------------------------------------------------------------------

_HONORIFIC = re.compile(
    r"^(?:(?:wethouder|burgemeester|gedeputeerde|de heer|heer|mevrouw|mevr\.|mw\.|mw|dhr\.|dhr|drs\.|dr\.|mr\.|ir\.|ing\.|prof\.)\s+)+",
    re.I)
_PHONE_TAIL = re.compile(r"\s*[,(]\s*(?:tel(?:efoon|\.)?|e-?mail|t\.|telefoonnummer|\+?\d{2,}).*$", re.I)


def strip_person(value: str) -> str:
    """'wethouder mevrouw drs. T. Groothuis, telefoon 0575 123456' -> 'T. Groothuis'."""
    value = _PHONE_TAIL.sub("", value.strip())
    value = _HONORIFIC.sub("", value.strip())
    return value.strip(" ,;:")


def first_person(value: str) -> str:
    for part in value.split(";"):
        part = strip_person(part)
        if re.search(r"[A-Z]", part) and not re.fullmatch(r"(team|afdeling|sector)\b.*", part, re.I):
            return part
    return ""


# ---- sender --------------------------------------------------------------------------------------

_ORG_LINE = re.compile(
    r"^(?:(?:gemeenschappelijke regeling|gr)\s+)?(?P<name>(?:stichting|werkorganisatie|regio|sociale dienst|werkbedrijf|"
    r"omgevingsdienst|veiligheidsregio|ggd|intergemeentelijke|regionale?|samenwerkingsverband|gemeenschappelijke regeling|"
    r"dienst|bedrijfsvoeringsorganisatie|uitvoeringsorganisatie|openbaar lichaam)\b.{2,80})$",
    re.I)


def sender_from_lines(org_line: str, organisation: str) -> tuple[str, float, str]:
    """The organisation named in the letterhead above the header wins over a municipality found
    elsewhere; otherwise the municipality the recogniser found (CBS list)."""
    m = _ORG_LINE.match(org_line or "")
    if m and not re.search(r"\d", org_line):
        return m.group("name").strip(), 0.8, org_line
    if organisation:
        muni = organisation_municipality(organisation)
        return organisation, 0.9 if muni else 0.6, organisation
    return "", 0.0, ""


# ---- decision block ------------------------------------------------------------------------------

_POINT = re.compile(r"^\s*(?:\d{1,2}|[IVX]{1,4}|[a-z])[.)]\s+\S")
_PROPOSAL_CUE = re.compile(
    r"voorgesteld besluit|ontwerp-?besluit|wordt voorgesteld|worden voorgesteld|stel(?:t|len) (?:de|uw) (?:gemeente)?raad voor|"
    r"stel(?:t|len) .{0,40}voor|^beslispunten|^advies|^voorstel|gevraagd besluit|te nemen besluit|\(ontwerp\)|^concept-?besluit",
    re.I)
_DECISION_CUE = re.compile(r"heeft .{0,100}besloten|hebben .{0,100}besloten|besluit\s*:|besluiten\s*:|besloten\s*:?$|^besluit(?: college| b\s*&\s*w)?$",
                           re.I)
_CONFIRMED = re.compile(r"\b(conform (advies|voorstel)|akkoord|ingestemd met het advies|overeenkomstig (het )?(advies|voorstel))\b", re.I)
_DRAFT_SIGN = re.compile(r"\b(vastgesteld|besloten) in de (openbare )?(raads)?vergadering van\s*(\.{2,}|…|_+|\[|$)", re.I)


def _body_of(text: str, kind: str | None) -> str | None:
    t = text.lower()
    for body, pattern in (("algemeen_bestuur", r"algemeen bestuur"), ("dagelijks_bestuur", r"dagelijks bestuur"),
                          ("raad", r"\b(gemeente)?raad\b"), ("college", r"\bcollege\b|b\s*&\s*w|burgemeester en wethouders")):
        if re.search(pattern, t):
            return body
    return {"raadsvoorstel": "raad", "raadsbesluit": "raad", "collegebesluit": "college"}.get(kind or "")


def _body(intro: list[str], kind: str | None) -> str | None:
    if any(re.match(r"^de (gemeente)?raad van\b", t, re.I) for t in intro):
        return "raad"
    useful = [t for t in intro if not re.match(r"^(gelezen|gelet|overwegende)\b", t, re.I)]
    return _body_of(next((t for t in useful if re.search(r"raad|college|bestuur|b\s*&\s*w|wethouders", t, re.I)), ""), kind)


def _point_runs(lines: list[Line]) -> list[tuple[int, int]]:
    """(first, last+1) index ranges of numbered points (blank lines inside a run are allowed)."""
    runs: list[tuple[int, int]] = []
    start = end = None
    for i, ln in enumerate(lines):
        numbered = (ln.kind == "bullet" and ln.cells and re.match(r"^(\d{1,2}|[a-z])[.)]$", ln.cells[0])) or \
            (ln.kind == "text" and _POINT.match(ln.text))
        if numbered:
            if start is None:
                start = i
            end = i + 1
        elif ln.kind != "blank" and start is not None:
            runs.append((start, end))
            start = None
    if start is not None:
        runs.append((start, end))
    return runs


def _intro(lines: list[Line], start: int) -> list[str]:
    out: list[str] = []
    j = start - 1
    while j >= 0 and len(out) < 4:
        if lines[j].text.strip():
            out.append(lines[j].text.strip())
        j -= 1
    return out


def _point_text(ln: Line) -> str:
    return re.sub(r"^\s*(?:\d{1,2}|[IVX]{1,4}|[a-z])[.)]\s+", "", ln.text.strip()) if ln.kind == "text" else ln.text.strip()


def decision_block(lines: list[Line], kind: str | None, title: str, doc_date: FoundDate | None) -> dict:
    """{type, body, date, points, source, confidence} of the first numbered beslispunten with a cue."""
    for start, end in _point_runs(lines):
        intro = _intro(lines, start)
        context = " ".join(reversed(intro))
        proposal = any(_PROPOSAL_CUE.search(t) for t in intro)
        decided = any(_DECISION_CUE.search(t) for t in intro)
        if not (proposal or decided):
            continue
        points = [_point_text(ln) for ln in lines[start:end] if ln.text.strip()]
        after = " ".join(ln.text for ln in lines[end:end + 12])
        kind_type = _type_for(kind, title, proposal, decided, after, lines)
        body = _body(intro, kind)
        date = _decision_date(context, kind_type, doc_date)
        return {"type": kind_type, "body": body, "date": date, "points": points,
                "source": "\n".join([*reversed(intro), *points]), "confidence": 0.85 if proposal != decided else 0.65}
    return {"type": None, "body": None, "date": None, "points": [], "source": "", "confidence": 0.5}


def _type_for(kind, title, proposal, decided, after, lines) -> str:
    draft = bool(re.search(r"\bontwerp\b|\(ontwerp\)|\bconcept\b", title or "", re.I)) or any(
        _DRAFT_SIGN.search(ln.text) or re.search(r"\((ontwerp|concept)\)", ln.text, re.I) for ln in lines[:8] + lines[-6:])
    if kind == "raadsvoorstel" or draft:
        return "proposal"  # a proposal never becomes a decision
    if proposal and not decided:
        return "decision" if _CONFIRMED.search(after) else "proposal"
    return "decision"


def _decision_date(context: str, kind_type: str, doc_date: FoundDate | None) -> str | None:
    found = find_dates(context)
    if found and kind_type == "decision":
        return found[0].iso
    return doc_date.iso if doc_date else None
