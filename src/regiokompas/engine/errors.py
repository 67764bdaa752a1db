"""Errors of the decision-analysis engine. Messages are Dutch; keys are stable identifiers an
application can translate or match on."""

from __future__ import annotations


class ProblemError(ValueError):
    """An invalid or unsolvable problem.

    ``errors`` is a list of ``{"key": message_key, "message": Dutch text, "statements": [indices]}``;
    entries about one stakeholder also carry ``"stakeholder"`` (its id) and entries about a place in
    the problem document carry ``"path"`` (e.g. ``"measurements/v1/eff"``).
    """

    def __init__(self, errors: list[dict] | str):
        if isinstance(errors, str):
            errors = [{"key": "problem.invalid", "message": errors, "statements": []}]
        for err in errors:
            err.setdefault("statements", [])
        self.errors = errors
        super().__init__(" ".join(e["message"] for e in errors))

    @property
    def message(self) -> str:
        return str(self)


def err(key: str, message: str, *, statements=(), **extra) -> dict:
    entry = {"key": key, "message": message, "statements": [int(s) for s in statements]}
    entry.update(extra)
    return entry


def nl(x: float, digits: int = 4) -> str:
    """A number written the Dutch way (decimal comma)."""
    return f"{x:.{digits}g}".replace(".", ",")


def statement_list(indices) -> str:
    """'uitspraak 2' / 'uitspraken 1 en 3' / 'uitspraken 1, 2 en 4' (1-based for people)."""
    nums = [str(i + 1) for i in indices]
    if len(nums) == 1:
        return f"uitspraak {nums[0]}"
    return "uitspraken " + ", ".join(nums[:-1]) + " en " + nums[-1]
