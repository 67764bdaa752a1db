"""The results format ``regiokompas.result/1``: its JSON Schema (``results.schema.json``) and a check
that a results document (what ``analyse`` returns, or a stored run's results) has that shape.
See docs/results-schema.md."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from regiokompas.engine.errors import schema_error_text


class ResultsError(ValueError):
    """A results document that does not have the shape of ``regiokompas.result/1``.

    ``errors`` is a list of ``{"path": "pooled/sensitivity/rivals/0", "message": Dutch text}``."""

    def __init__(self, errors: list[dict]):
        self.errors = errors
        super().__init__(" ".join(f"{e['path'] or '(document)'}: {e['message']}" for e in errors))


@lru_cache(maxsize=1)
def json_schema() -> dict:
    schema: dict = json.loads(resources.files("regiokompas.engine").joinpath("results.schema.json").read_text("utf-8"))
    return schema


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(json_schema())


def errors(results: Any) -> list[dict]:
    """What is wrong with ``results`` (at most 20 entries, deepest first), or an empty list."""
    found = sorted(_validator().iter_errors(results), key=lambda e: (-len(e.absolute_path), list(map(str, e.absolute_path))))
    return [{"path": "/".join(str(p) for p in e.absolute_path), "message": _text(e)} for e in found[:20]]


def _text(e: Any) -> str:
    if e.validator in ("additionalProperties", "unevaluatedProperties"):
        names = re.findall(r"'([^']+)'", e.message)
        return "onbekend veld " + ", ".join(f"'{n}'" for n in names) if names else "bevat een onbekend veld"
    return schema_error_text(e)


def validate(results: Any) -> None:
    """Raise ``ResultsError`` unless ``results`` has the shape of ``regiokompas.result/1``."""
    found = errors(results)
    if found:
        raise ResultsError(found)
