"""Recognise decisions of colleges in the running text of council documents: who decided
(a municipality named in the sentence, or "wij"/"ons college" = the issuing municipality), what
(agree, agree with conditions, hold, reject), when (if the sentence says so) and the conditions
listed under a decision."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from regiokompas.documents.dates import find_dates
from regiokompas.documents.model import BulletList, Paragraph, Section
from regiokompas.documents.municipalities import Municipality, find_mentions

OUTCOME_LABELS = {
    "agree": "ingestemd",
    "agree_with_conditions": "ingestemd onder voorwaarden",
    "hold": "aangehouden",
    "reject": "niet ingestemd",
}

_HOLD = re.compile(
    r"\b(aangehouden|aan te houden|aanhouden|houdt\b.{0,60}\baan\b|te vroeg (is )?om (in te stemmen|te besluiten|vast te stellen)|opgeschort|op te schorten|aan ?te houden)\b",
    re.IGNORECASE,
)
_REJECT = re.compile(
    r"\bniet\b[^.;:]{0,40}?\b(ingestemd|in te stemmen|instemmen|akkoord|verder te gaan|verder gaan|door te gaan|deel te nemen|mee te doen|vast te stellen|vastgesteld|toe te treden|aan te sluiten)\b"
    r"|\bstem(t|men) niet in\b|\bgaa?n niet akkoord\b|\bafgewezen\b|\bwijs?t\b.{0,60}\baf\b|\bwijzen\b.{0,60}\baf\b"
    r"|\bgeen (toestemming|instemming)\b|\bzien? af van\b|\bziet af van\b|\bstapt uit\b|\btreedt uit\b|\btreden uit\b",
    re.IGNORECASE,
)
_AGREE = re.compile(
    r"\b(ingestemd|in te stemmen|stemt in|stemmen in|instemmen|akkoord (gegaan|gaan|gaat)|akkoord|vastgesteld|vast te stellen|"
    r"verder te gaan|door te gaan|voort te zetten|deel te nemen|toe te treden|toestemming (verleend|gegeven|te verlenen))\b",
    re.IGNORECASE,
)
_CONDITIONAL = re.compile(r"\b(onder (de )?voorwaarden?|mits|op voorwaarde)\b", re.IGNORECASE)
_HYPOTHETICAL = re.compile(r"\b(zou|zouden|zal|zullen|wordt gevraagd|voorgesteld|stelt\b.{0,80}\bvoor|stellen\b.{0,80}\bvoor|ter vaststelling|ter besluitvorming)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(wij|we|ons college|het college|onze gemeente|ons)\b", re.IGNORECASE)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")
_ELLIPTIC_NOT = re.compile(r"\bniet\s*[.;]?\s*$", re.IGNORECASE)
_ELLIPTIC_YES = re.compile(r"\b(wel|ook)\s*[.;]?\s*$", re.IGNORECASE)
_CONDITION_INTRO = re.compile(r"voorwaarde|voorwaarden|mits|op voorwaarde", re.IGNORECASE)
_DECIDED_INTRO = re.compile(r"(besloten|besluit|besluiten|beslist)\s*:?\s*$", re.IGNORECASE)


@dataclass
class RecognisedDecision:
    municipality: Municipality
    outcome: str
    date: str | None
    sentence: str
    conditions: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "municipality": self.municipality.as_dict(),
            "outcome": self.outcome,
            "date": self.date,
            "sentence": self.sentence,
            "conditions": list(self.conditions),
        }


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_SPLIT.split(text.replace("\n", " ")) if s.strip()]


def _outcome(clause: str) -> tuple[str, int] | None:
    for name, pattern in (("hold", _HOLD), ("reject", _REJECT), ("agree", _AGREE)):
        m = pattern.search(clause)
        if m:
            if name == "agree" and _CONDITIONAL.search(clause):
                return "agree_with_conditions", m.start()
            return name, m.start()
    return None


def _negate(outcome: str) -> str:
    return "reject" if outcome in ("agree", "agree_with_conditions") else "agree"


class _Finder:
    def __init__(self, issuer: Municipality | None, doc_date: dt.date | None):
        self.issuer = issuer
        self.doc_date = doc_date
        self.found: list[RecognisedDecision] = []

    def sentence(self, sentence: str, *, decided_context: bool = False) -> list[RecognisedDecision]:
        made: list[RecognisedDecision] = []
        previous: tuple[str, str | None] | None = None
        for clause in re.split(r";", sentence):
            clause = clause.strip()
            if not clause:
                continue
            mentions = find_mentions(clause, on=self.doc_date)
            result = _outcome(clause)
            date = None
            years = find_dates(clause, reference_year=self.doc_date.year if self.doc_date else None, years=True)
            if years:
                date = years[0].iso
            if result is None:
                # elliptic: "...; Bergen en Uitgeest niet."
                if previous and mentions and (_ELLIPTIC_NOT.search(clause) or _ELLIPTIC_YES.search(clause)) and len(clause) < 120:
                    outcome = _negate(previous[0]) if _ELLIPTIC_NOT.search(clause) else previous[0]
                    for mention in mentions:
                        made.append(RecognisedDecision(mention.municipality, outcome, date or previous[1], sentence))
                continue
            outcome, at = result
            if _HYPOTHETICAL.search(clause[:at]) and not decided_context:
                continue
            subjects = [m.municipality for m in mentions if m.start < at] or []
            if not subjects:
                if (_PRONOUN.search(clause[:at]) or decided_context) and self.issuer is not None:
                    subjects = [self.issuer]
                elif mentions and not _PRONOUN.search(clause):
                    subjects = [m.municipality for m in mentions]
            if not subjects:
                previous = (outcome, date)
                continue
            seen = set()
            for muni in subjects:
                if muni.code in seen:
                    continue
                seen.add(muni.code)
                made.append(RecognisedDecision(muni, outcome, date, sentence))
            previous = (outcome, date)
        self.found.extend(made)
        return made

    def bullet_list(self, blist: BulletList, *, decided_context: bool) -> None:
        last: RecognisedDecision | None = None
        items = blist.items
        for i, item in enumerate(items):
            if isinstance(item, BulletList):
                continue
            nested = items[i + 1] if i + 1 < len(items) and isinstance(items[i + 1], BulletList) else None
            made = self.sentence(str(item), decided_context=decided_context)
            if made:
                last = made[-1]
            if nested is not None:
                flat = [str(x) for x in nested.items if not isinstance(x, BulletList)]
                if _CONDITION_INTRO.search(str(item)) and last is not None:
                    for d in self.found:
                        if d.sentence == last.sentence or d is last:
                            d.conditions.extend(flat)
                else:
                    self.bullet_list(nested, decided_context=decided_context)


# In these kinds the decision points are proposed to the raad, not decisions a college took.
PROPOSING_KINDS = {"raadsvoorstel", "raadsbesluit"}


def recognise_decisions(sections: list[Section], *, issuer: Municipality | None, doc_date: dt.date | None,
                        kind: str = "") -> list[RecognisedDecision]:
    finder = _Finder(issuer, doc_date)
    for section in sections:
        if section.type == "bijlagen" or (section.type == "besluit" and kind in PROPOSING_KINDS):
            continue
        decided = section.type == "besluit"
        for i, block in enumerate(section.blocks):
            if isinstance(block, Paragraph):
                for s in sentences(block.text):
                    finder.sentence(s)
            elif isinstance(block, BulletList):
                before = section.blocks[i - 1] if i else None
                context = decided or (isinstance(before, Paragraph) and bool(_DECIDED_INTRO.search(before.text)))
                finder.bullet_list(block, decided_context=context)
    # merge repeats: same municipality, outcome and date
    merged: dict[tuple, RecognisedDecision] = {}
    for d in finder.found:
        key = (d.municipality.code, d.outcome, d.date)
        if key in merged:
            for c in d.conditions:
                if c not in merged[key].conditions:
                    merged[key].conditions.append(c)
        else:
            merged[key] = RecognisedDecision(d.municipality, d.outcome, d.date, d.sentence, list(d.conditions))
    return list(merged.values())
