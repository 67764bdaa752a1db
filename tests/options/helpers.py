"""Helpers for options tests."""

from tests.counts import database_counts  # noqa: F401 - the shared check

from regiokompas.examples import SLUG_2012

SLUG = SLUG_2012


def engine_available() -> bool:
    try:
        from regiokompas.engine import ProblemError, analyse  # noqa: F401
    except ImportError:
        return False
    return True
