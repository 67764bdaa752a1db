"""Generated Dutch text: enumerations and number agreement.

Every sentence that names a variable number of things (municipalities, groups, items) goes through
these, so that a trajectory of one municipality reads "de gemeente Texel gaat verder" and one of
three "de gemeenten Texel, Vlieland en Terschelling gaan verder".
"""

from __future__ import annotations

from collections.abc import Iterable


def enumerate_nl(items: Iterable[object], conjunction: str = "en") -> str:
    """'A', 'A en B', 'A, B en C' (``conjunction`` may be 'of')."""
    names = [str(x) for x in items if str(x)]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + f" {conjunction} " + names[-1]


def number(count: int, singular: str, plural: str) -> str:
    """The word that agrees with ``count``: ``number(1, 'groep', 'groepen')`` -> 'groep'."""
    return singular if count == 1 else plural


def count(count: int, singular: str, plural: str) -> str:
    """'1 groep', '3 groepen', '0 groepen'."""
    return f"{count} {number(count, singular, plural)}"


def verb(count: int, singular: str, plural: str) -> str:
    """The verb form that agrees with a subject of ``count`` things: ``verb(1, 'gaat', 'gaan')``."""
    return number(count, singular, plural)


def municipalities(names: Iterable[object], *, article: bool = True) -> str:
    """'de gemeente A' or 'de gemeenten A en B' (without article: 'gemeente A', 'gemeenten A en B')."""
    names = [str(x) for x in names if str(x)]
    if not names:
        return ""
    noun = number(len(names), "gemeente", "gemeenten")
    return f"{'de ' if article else ''}{noun} {enumerate_nl(names)}"
