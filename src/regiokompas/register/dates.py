"""Dates as precise as the source: a day, a month, a year, or unknown.

One representation for every date a user enters (decisions, gates, documents, trajectory start,
arrangements, appointments, successions): the model stores two columns, the date and its precision
(``c.DatePrecision``); a month is stored as its first day and a year as 1 January, but never shown
as such. :class:`FuzzyDate` parses what users type (``dd-mm-jjjj``, ``mm-jjjj``, ``jjjj`` or empty;
the API's ``JJJJ-MM-DD``, ``JJJJ-MM``, ``JJJJ``), formats it in Dutch (regiokompas.formatting) and compares ranges.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from regiokompas import formatting
from regiokompas.register import constants as c

P = c.DatePrecision

_DUTCH = [
    (re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$"), P.DAY),
    (re.compile(r"^(\d{1,2})-(\d{4})$"), P.MONTH),
    (re.compile(r"^(\d{4})$"), P.YEAR),
]
_ISO = [
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), P.DAY),
    (re.compile(r"^(\d{4})-(\d{2})$"), P.MONTH),
    (re.compile(r"^(\d{4})$"), P.YEAR),
]

INPUT_HELP = "Als dd-mm-jjjj, mm-jjjj of jjjj (bijvoorbeeld 03-04-2012, 04-2012 of 2012); leeg als de datum onbekend is."


class DateInputError(ValueError):
    """A date that cannot be read; the message is Dutch and names the accepted forms."""


@dataclass(frozen=True)
class FuzzyDate:
    """A date with its precision. ``value`` is None exactly when the precision is unknown."""

    value: dt.date | None
    precision: str = P.DAY

    def __post_init__(self):
        # normalise: unknown without a value, a month on its first day, a year on 1 January
        if self.value is None:
            object.__setattr__(self, "precision", P.UNKNOWN)
            return
        precision = self.precision if self.precision in P.values else P.DAY
        if precision == P.UNKNOWN:
            precision = P.DAY
        value = self.value
        if precision == P.MONTH:
            value = value.replace(day=1)
        elif precision == P.YEAR:
            value = value.replace(month=1, day=1)
        object.__setattr__(self, "precision", precision)
        object.__setattr__(self, "value", value)

    # --- construction -----------------------------------------------------------------------

    @classmethod
    def unknown(cls) -> FuzzyDate:
        return cls(None, P.UNKNOWN)

    @classmethod
    def of(cls, obj, field: str = "date", precision_field: str | None = None) -> FuzzyDate:
        """The fuzzy date stored on a model instance in ``field`` and its precision column."""
        precision_field = precision_field or f"{field}_precision"
        return cls(getattr(obj, field), getattr(obj, precision_field, P.DAY))

    @classmethod
    def parse(cls, text: str | None) -> FuzzyDate:
        """Read ``dd-mm-jjjj``, ``mm-jjjj``, ``jjjj`` or empty (also ``/`` or ``.`` between the parts)."""
        raw = (text or "").strip()
        if not raw:
            return cls.unknown()
        normal = re.sub(r"[/.]", "-", raw)
        for pattern, precision in _DUTCH:
            m = pattern.match(normal)
            if m:
                parts = [int(x) for x in m.groups()]
                if precision == P.DAY:
                    return cls._build(raw, parts[2], parts[1], parts[0], precision)
                if precision == P.MONTH:
                    return cls._build(raw, parts[1], parts[0], 1, precision)
                return cls._build(raw, parts[0], 1, 1, precision)
        # ISO as a courtesy (what the API and the dossier use)
        try:
            return cls.parse_iso(raw)
        except DateInputError:
            pass
        raise DateInputError(f"'{raw}' is geen datum. {INPUT_HELP}")

    @classmethod
    def parse_iso(cls, text: str | None) -> FuzzyDate:
        """Read the API's ``JJJJ-MM-DD``, ``JJJJ-MM``, ``JJJJ`` or None."""
        if text is None or (isinstance(text, str) and not text.strip()):
            return cls.unknown()
        raw = str(text).strip()
        for pattern, precision in _ISO:
            m = pattern.match(raw)
            if m:
                parts = [int(x) for x in m.groups()] + [1, 1]
                return cls._build(raw, parts[0], parts[1], parts[2], precision)
        raise DateInputError(f"'{raw}' is geen datum; gebruik JJJJ-MM-DD, JJJJ-MM of JJJJ.")

    @classmethod
    def _build(cls, raw: str, year: int, month: int, day: int, precision: str) -> FuzzyDate:
        if not 1000 <= year <= 9999:
            raise DateInputError(f"'{raw}': het jaar moet vier cijfers hebben.")
        try:
            return cls(dt.date(year, month, day), precision)
        except ValueError as exc:
            raise DateInputError(f"'{raw}' bestaat niet als datum. {INPUT_HELP}") from exc

    # --- output -------------------------------------------------------------------------------

    @property
    def known(self) -> bool:
        return self.value is not None

    def __str__(self) -> str:
        return self.dutch()

    def dutch(self) -> str:
        """'3 maart 2015', 'maart 2015', '2015' or 'datum onbekend'."""
        return formatting.long_date(self.value, self.precision, missing=formatting.UNKNOWN_DATE)

    def input_text(self) -> str:
        """What a form shows for editing: '03-03-2015', '03-2015', '2015' or ''."""
        return formatting.short_date(self.value, self.precision)

    def iso(self) -> str | None:
        """The API's form: 'JJJJ-MM-DD', 'JJJJ-MM', 'JJJJ' or None."""
        return formatting.iso_date(self.value, self.precision)

    # --- ranges -------------------------------------------------------------------------------

    @property
    def earliest(self) -> dt.date | None:
        return self.value

    @property
    def latest(self) -> dt.date | None:
        """The last day the date may stand for (end of the month or year)."""
        if self.value is None:
            return None
        if self.precision == P.YEAR:
            return dt.date(self.value.year, 12, 31)
        if self.precision == P.MONTH:
            following = (self.value.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return following - dt.timedelta(days=1)
        return self.value

    def certainly_after(self, day: dt.date) -> bool:
        return self.value is not None and self.earliest > day

    def certainly_before(self, other: FuzzyDate) -> bool:
        """True when every day this date may stand for lies before every day of ``other``."""
        return self.known and other.known and self.latest < other.earliest


def store(obj, fuzzy: FuzzyDate, field: str = "date", precision_field: str | None = None) -> None:
    """Put a fuzzy date on a model instance (both columns)."""
    setattr(obj, field, fuzzy.value)
    setattr(obj, precision_field or f"{field}_precision", fuzzy.precision)
