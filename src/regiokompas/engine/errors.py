"""Errors of the decision-analysis engine. Messages are Dutch; keys are stable identifiers an
application can translate or match on."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from regiokompas import formatting


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


def err(key: str, message: str, *, statements: Iterable[int] = (), **extra: Any) -> dict:
    entry = {"key": key, "message": message, "statements": [int(s) for s in statements]}
    entry.update(extra)
    return entry


def statement_list(indices: Iterable[int]) -> str:
    """'uitspraak 2' / 'uitspraken 1 en 3' / 'uitspraken 1, 2 en 4' (1-based for people)."""
    nums = [str(i + 1) for i in indices]
    if len(nums) == 1:
        return f"uitspraak {nums[0]}"
    return "uitspraken " + ", ".join(nums[:-1]) + " en " + nums[-1]


_TYPES = {"object": "een object", "array": "een lijst", "string": "tekst", "number": "een getal",
          "integer": "een geheel getal", "boolean": "waar/onwaar", "null": "leeg"}


def schema_error_text(e: Any) -> str:
    """A jsonschema ValidationError as a short Dutch phrase ("moet een getal zijn")."""
    import json

    v = e.validator
    if v == "required":
        missing = e.message.split("'")[1] if "'" in e.message else e.message
        text = f"verplicht veld '{missing}' ontbreekt"
    elif v == "type":
        expected = e.validator_value if isinstance(e.validator_value, list) else [e.validator_value]
        text = "moet " + " of ".join(str(_TYPES.get(t, t)) for t in expected) + " zijn"
    elif v in ("enum", "const"):
        allowed = e.validator_value if v == "enum" else [e.validator_value]
        text = f"waarde {json.dumps(e.instance, ensure_ascii=False)} is niet toegestaan; kies uit: " + ", ".join(
            json.dumps(a, ensure_ascii=False) for a in allowed)
    elif v == "minItems":
        text = f"moet ten minste {e.validator_value} element(en) bevatten"
    elif v == "maxItems":
        text = f"mag ten hoogste {e.validator_value} element(en) bevatten"
    elif v == "minimum":
        text = f"moet ten minste {formatting.number(e.validator_value, significant=4)} zijn"
    elif v == "maximum":
        text = f"mag ten hoogste {formatting.number(e.validator_value, significant=4)} zijn"
    elif v == "exclusiveMinimum":
        text = f"moet groter dan {formatting.number(e.validator_value, significant=4)} zijn"
    elif v == "minLength":
        text = "mag niet leeg zijn"
    elif v == "maxLength":
        text = f"is langer dan {e.validator_value} tekens"
    elif v == "oneOf":
        text = "moet een getal of een paar [ondergrens, bovengrens] zijn"
    else:
        text = "heeft een ongeldige vorm"
    return text
