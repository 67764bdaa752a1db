"""Reference data shipped with the package (see SOURCE.md)."""

from __future__ import annotations

import csv
import functools
from importlib import resources


@functools.cache
def municipalities() -> tuple[dict, ...]:
    """All rows of gemeenten.csv (existing and former municipalities) as dicts."""
    with resources.files(__package__).joinpath("gemeenten.csv").open(encoding="utf-8", newline="") as f:
        return tuple(csv.DictReader(f))
