"""Recognise Dutch municipality names in text, using the shipped list of all municipalities with
their CBS codes (regiokompas/data/gemeenten.csv), including former (merged) municipalities."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass

from regiokompas.data import municipalities as _rows

# Names that are also ordinary Dutch words: only a capitalised mention that does not open a
# sentence counts, or one right after "gemeente"/"college".
COMMON_WORDS = {
    "best", "goes", "putten", "buren", "beek", "sluis", "weert", "stein", "epe", "ede", "oss", "hulst",
    "laren", "horst", "heel", "echt", "monster", "leek", "doorn", "kessel", "grave", "thorn", "haren",
    "lith", "bergh", "olst", "vlist", "borne", "maarn", "loenen", "nuth", "wehl", "neede", "vorden",
    "texel", "urk", "tiel", "soest", "zeist", "delft", "gouda", "venray", "valkenburg",
}
# When a name belongs to several municipalities that existed at the same time and the text gives
# no province hint, take the larger one.
PREFERRED = {"bergen": "GM0373", "hengelo": "GM0164", "valkenburg": "GM0994", "laren": "GM0417",
             "beek": "GM0888", "stein": "GM0971", "rijswijk": "GM0603", "middelburg": "GM0687"}

_FOLD = str.maketrans({
    "á": "a", "à": "a", "â": "a", "ä": "a", "é": "e", "è": "e", "ê": "e", "ë": "e", "í": "i", "ï": "i",
    "î": "i", "ó": "o", "ô": "o", "ö": "o", "ú": "u", "û": "u", "ü": "u", "Á": "A", "Â": "A", "É": "E",
    "Ë": "E", "Ï": "I", "Ó": "O", "Ö": "O", "Ú": "U", "Û": "U", "Ü": "U", "’": "'", "‘": "'",
})


def fold(text: str) -> str:
    """Strip the common Dutch/Frisian diacritics one character for one (indices stay the same)."""
    return text.translate(_FOLD)


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    cbs_name: str
    province: str
    current: bool
    valid_until: dt.date | None
    successor_code: str

    def as_dict(self) -> dict:
        return {"code": self.code, "name": self.name}


@dataclass(frozen=True)
class Mention:
    municipality: Municipality
    start: int
    end: int
    text: str


@functools.cache
def all_municipalities() -> tuple[Municipality, ...]:
    out = []
    for r in _rows():
        out.append(Municipality(
            code=r["cbs_code"], name=r["name"], cbs_name=r["cbs_name"], province=r["province"],
            current=r["status"] == "bestaand",
            valid_until=dt.date.fromisoformat(r["valid_until"]) if r["valid_until"] else None,
            successor_code=r["successor_code"],
        ))
    return tuple(out)


@functools.cache
def by_code() -> dict[str, Municipality]:
    return {m.code: m for m in all_municipalities()}


def lookup(code: str) -> Municipality | None:
    return by_code().get((code or "").strip().upper())


@functools.cache
def _index() -> tuple[dict[str, list[tuple[str, int]]], dict[str, list[tuple[str, Municipality]]]]:
    """First word of every name and alias (folded, lower case) -> [(full key, number of words)], and
    full key -> [(canonical spelling, municipality)]."""
    names: dict[str, list[tuple[str, Municipality]]] = {}

    def add(spelling: str, m: Municipality) -> None:
        spelling = spelling.strip()
        if not spelling:
            return
        key = fold(spelling).lower()
        entry = names.setdefault(key, [])
        if all(x[1].code != m.code for x in entry):
            entry.append((fold(spelling), m))

    rows = {r["cbs_code"]: r for r in _rows()}
    for m in all_municipalities():
        add(m.name, m)
        add(m.cbs_name, m)
        for alias in rows[m.code]["aliases"].split(";"):
            add(alias, m)
    first: dict[str, list[tuple[str, int]]] = {}
    for key in names:
        words = _TOKEN.findall(key)
        if words:
            first.setdefault(words[0].strip("'-"), []).append((key, len(words)))
    for entries in first.values():
        entries.sort(key=lambda e: (e[1], len(e[0])), reverse=True)
    return first, names


_TOKEN = re.compile(r"[\w'-]+")


def _case_ok(found: str, canonical: str) -> bool:
    if found == canonical:
        return True
    if len(found) > 2 and found.isupper():
        return True
    # sentence-initial capital of a name that starts in lower case ('s-Gravenhage, het Bildt)
    return found[:1].upper() == canonical[:1].upper() and found[1:] == canonical[1:] and not canonical[:1].isupper()


_GEMEENTE_BEFORE = re.compile(r"(?:gemeenten?|college|colleges|raad|raden|wethouder|burgemeester)\s*(?:van\s*)?$", re.IGNORECASE)
_REGION_BEFORE = re.compile(r"(?:regio|Regio|REGIO|arbeidsmarktregio|provincie)\s+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n\s*|[-•]\s+)$")


def _match_at(lowered: str, start: int, word: str, first: dict, remaining: int) -> tuple[int, int, str, int] | None:
    """The longest known name that starts at this token (compared with separators: "Bergen (NH.)")."""
    for key, n in first.get(word.lower(), ()):
        if n > remaining:
            continue
        if lowered.startswith(key, start):
            return start, start + len(key), key, n
        if key[:1] == "'" and start > 0 and lowered.startswith(key, start - 1):
            return start - 1, start - 1 + len(key), key, n
    return None


def _acceptable(folded: str, m_start: int, found: str, candidates: list) -> bool:
    before = folded[max(0, m_start - 40):m_start]
    if _REGION_BEFORE.search(before):
        return False
    if found.lower() in COMMON_WORDS and not _GEMEENTE_BEFORE.search(before):
        return found == candidates[0][0] and not _SENTENCE_START.search(before)
    return True


def _raw_mentions(text: str) -> list[tuple[int, int, str, list[tuple[str, Municipality]]]]:
    first, names = _index()
    folded = fold(text)
    tokens = [(m.start(), m.end(), m.group(0).strip("'-")) for m in _TOKEN.finditer(folded)]
    raw: list[tuple[int, int, str, list[tuple[str, Municipality]]]] = []
    lowered = folded.lower()
    i = 0
    while i < len(tokens):
        start, _, word = tokens[i]
        match = _match_at(lowered, start, word, first, len(tokens) - i)
        if match is None:
            i += 1
            continue
        m_start, m_end, key, n = match
        if m_end < len(folded) and (folded[m_end].isalnum() or folded[m_end] == "-"):
            i += 1
            continue
        i += n
        found = folded[m_start:m_end]
        candidates = [c for c in names.get(key, []) if _case_ok(found, c[0])]
        if candidates and _acceptable(folded, m_start, found, candidates):
            raw.append((m_start, m_end, text[m_start:m_end], candidates))
    return raw


def _resolve(cands: list[tuple[str, Municipality]], provinces: Counter, on: dt.date | None) -> Municipality:
    munis = list({c[1].code: c[1] for c in cands}.values())
    if len(munis) > 1 and on is not None:
        alive = [mu for mu in munis if mu.valid_until is None or mu.valid_until >= on]
        munis = alive or munis
    if len(munis) > 1:
        best = max(provinces[mu.province] for mu in munis)
        if best:
            munis = [mu for mu in munis if provinces[mu.province] == best]
    if len(munis) > 1:
        munis = [mu for mu in munis if mu.current] or munis
    if len(munis) > 1:
        pref = PREFERRED.get(fold(munis[0].name).lower())
        munis = [mu for mu in munis if mu.code == pref] or munis
    return munis[0]


def find_mentions(text: str, *, on: dt.date | None = None) -> list[Mention]:
    """Every municipality mention in the text, in order, with ambiguous names resolved by the
    document date (the municipality must exist then), an explicit province suffix, and the
    provinces of the other municipalities in the text."""
    if not text:
        return []
    raw = _raw_mentions(text)
    # province context from unambiguous mentions
    provinces: Counter = Counter()
    for _, _, _, cands in raw:
        if len({c[1].code for c in cands}) == 1:
            provinces[cands[0][1].province] += 1
    return [Mention(_resolve(cands, provinces, on), start, end, found) for start, end, found, cands in raw]


def find_municipalities(text: str, *, on: dt.date | None = None) -> list[Municipality]:
    """Distinct municipalities mentioned in the text, in order of first mention."""
    seen: dict[str, Municipality] = {}
    for mention in find_mentions(text, on=on):
        seen.setdefault(mention.municipality.code, mention.municipality)
    return list(seen.values())


def organisation_municipality(organisation: str) -> Municipality | None:
    """'gemeente BERGEN' / 'Gemeenteraad : Bergen' -> the municipality, or None."""
    found = find_municipalities(organisation or "")
    return found[0] if found else None
