"""Dutch dates in council documents: '29 mei 2012', 'dinsdag 3 april jl.', '1 jan. 2013',
'29-05-2012', '2012-05-29', 'maart 2020', 'negenentwintig mei tweeduizend twaalf', 'Malden, 5
februari 2013', 'In 2019'. Pure functions, no Django."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

_UNITS = {"een": 1, "één": 1, "eerste": 1, "twee": 2, "tweede": 2, "drie": 3, "derde": 3, "vier": 4, "vierde": 4,
          "vijf": 5, "vijfde": 5, "zes": 6, "zesde": 6, "zeven": 7, "zevende": 7, "acht": 8, "achtste": 8,
          "negen": 9, "negende": 9}
_TEENS = {"tien": 10, "tiende": 10, "elf": 11, "elfde": 11, "twaalf": 12, "twaalfde": 12, "dertien": 13,
          "dertiende": 13, "veertien": 14, "veertiende": 14, "vijftien": 15, "vijftiende": 15, "zestien": 16,
          "zestiende": 16, "zeventien": 17, "zeventiende": 17, "achttien": 18, "achttiende": 18, "negentien": 19,
          "negentiende": 19}
_TENS = {"twintig": 20, "twintigste": 20, "dertig": 30, "dertigste": 30, "veertig": 40, "vijftig": 50,
         "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90}


def number_word(word: str) -> int | None:
    """A Dutch number word from 1 to 99 ('negenentwintig', 'eenendertigste') as int, else None."""
    w = word.lower().replace("ë", "e")
    if w in _UNITS:
        return _UNITS[w]
    if w in _TEENS:
        return _TEENS[w]
    if w in _TENS:
        return _TENS[w]
    m = re.fullmatch(r"(een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:en)(twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)(?:ste)?", w)
    if m:
        return _UNITS[m.group(1)] + _TENS[m.group(2)]
    return None


def year_words(text: str) -> int | None:
    """'tweeduizend twaalf', 'tweeduizendtwaalf', 'negentienhonderd negenennegentig' as int."""
    t = text.lower().replace(" ", "").replace("-", "")
    for century, start in (("tweeduizend", 2000), ("negentienhonderd", 1900)):
        m = re.fullmatch(century + "(.*)", t)
        if m:
            rest = m.group(1)
            if not rest:
                return start
            n = number_word(rest)
            return start + n if n is not None else None
    return None


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    precision: str  # day | month | year
    start: int
    end: int
    text: str

    @property
    def iso(self) -> str:
        if self.precision == "year":
            return f"{self.date.year:04d}"
        if self.precision == "month":
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()


_MONTH_RE = r"(?P<month>januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|febr|feb|mrt|apr|jun|jul|aug|sept|sep|okt|nov|dec)\.?"
_NUMWORD = r"[a-zéë]+"
_DAY_RE = rf"(?P<day>\d{{1,2}})(?:e|ste|de)?|(?P<dayw>{_NUMWORD})"
_YEAR_RE = r"(?P<year>(?:19|20)\d{2})|(?P<yearw>(?:tweeduizend|negentienhonderd)(?:[ -]?[a-zéë]+)?)|(?P<jl>jl\.?|j\.l\.|dezes)"

_PATTERNS = [
    # 2012-05-29
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
    # 29-05-2012, 29.05.2012, 29/05/2012
    re.compile(r"(?<![\d.-])(?P<d>\d{1,2})[-./](?P<m>\d{1,2})[-./](?P<y>(?:19|20)\d{2})(?!\d)"),
    # 29 mei 2012, 3 april jl., negenentwintig mei tweeduizend twaalf, 1e januari 2013
    re.compile(rf"(?<![\w])(?:{_DAY_RE})\s+{_MONTH_RE}(?:\s+(?:{_YEAR_RE}))?(?![\w])", re.IGNORECASE),
    # maart 2020
    re.compile(rf"(?<![\w])(?<!\d\s){_MONTH_RE}\s+(?P<myear>(?:19|20)\d{{2}})(?!\d)", re.IGNORECASE),
]
_YEAR_ONLY = re.compile(r"(?<![\w-])(?:in|sinds|vanaf|per|medio|eind|begin)\s+(?P<y>(?:19|20)\d{2})(?![\w-])", re.IGNORECASE)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _day_month_year(g: dict, reference_year: int | None) -> tuple[dt.date, str] | None:
    month = MONTHS[g["month"].lower().rstrip(".")]
    day = int(g["day"]) if g.get("day") else number_word(g.get("dayw") or "")
    if day is None:
        return None
    year: int | None = reference_year
    if g.get("year"):
        year = int(g["year"])
    elif g.get("yearw"):
        year = year_words(g["yearw"]) or reference_year
    if year is None:
        return None
    d = _safe_date(year, month, day)
    return (d, "day") if d else None


def _match_date(i: int, g: dict, reference_year: int | None) -> tuple[dt.date, str] | None:
    if i in (0, 1):
        d = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return (d, "day") if d else None
    if i == 2:
        return _day_month_year(g, reference_year)
    return (dt.date(int(g["myear"]), MONTHS[g["month"].lower().rstrip(".")], 1), "month")


def find_dates(text: str, *, reference_year: int | None = None, years: bool = False) -> list[FoundDate]:
    """All dates in the text, in order. 'jl.' (of this year) and a day-month without a year take
    reference_year; without it they are skipped. years=True also finds 'in 2019' (precision year)."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for i, pattern in enumerate(_PATTERNS):
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            result = _match_date(i, m.groupdict(), reference_year)
            if result:
                found.append(FoundDate(result[0], result[1], m.start(), m.end(), m.group(0)))
                taken.append((m.start(), m.end()))
    if years:
        for m in _YEAR_ONLY.finditer(text):
            if free(m.start("y"), m.end("y")):
                found.append(FoundDate(dt.date(int(m.group("y")), 1, 1), "year", m.start("y"), m.end("y"), m.group("y")))
                taken.append((m.start("y"), m.end("y")))
    found.sort(key=lambda f: f.start)
    return found


def parse_date(text: str, *, reference_year: int | None = None) -> dt.date | None:
    """The first day-precise date in the text, or None."""
    for f in find_dates(text or "", reference_year=reference_year):
        if f.precision == "day":
            return f.date
    return None
