"""Shared pieces of the fuzz tests: mutations of JSON documents and the check that a refusal is a
Dutch message meant for a person (not an exception text)."""

from __future__ import annotations

import copy
import math
import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

DUTCH = ("de ", "het ", "een ", " is ", "niet", "geen", "moet", "ongeldig", "ontbreekt", "onbekend", "bevat",
         "te groot", "maximum", "kies", "fout", "leeg", "bestand", "verwijzing", "mag ", "zijn", " en ", "geef ",
         "van ", "voor ", "heeft", "kan ", "waarde", "getal", "lijst", "tekst", "staat", "komt")
TECHNICAL = ("Traceback", "object has no attribute", "unhashable", "Expecting value", "not supported between",
             "NoneType", "KeyError", "TypeError", "IntegrityError", "constraint failed", "JSON_VALID")


def assert_dutch(message: str) -> None:
    assert message and message.strip(), "empty message"
    lower = message.lower()
    assert any(word in lower for word in DUTCH), f"not a Dutch message: {message!r}"
    assert not any(t in message for t in TECHNICAL), f"technical text in message: {message!r}"


def _deep(n: int):
    value: list = []
    for _ in range(n):
        value = [value]
    return value


SPECIAL = st.sampled_from([
    math.nan, math.inf, -math.inf, 10**400, -(10**30), 1e308, -1e308, 2**63, -1, 0, 0.5, True, False, None,
    "", " ", "../../../etc/passwd", "..", "/etc/passwd", "C:\\windows", "\x00", "NaN", "Infinity", "2021-13-45",
    "<script>alert(1)</script>", "x" * 3000, "vervuld", [], {}, [None], {"": None}, ["a", 1], {"a": {"b": [1]}},
]).map(copy.deepcopy)  # a fresh copy: a mutation must never change the next example's value
JSON_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                        st.text(max_size=30))
JSON = st.recursive(JSON_LEAVES, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                    max_leaves=12)
VALUES = st.one_of(SPECIAL, JSON, st.integers(min_value=1, max_value=200).map(_deep))


def mutate(data, document, *, max_mutations: int = 3, values=VALUES):
    """A copy of ``document`` with 1..max_mutations places replaced, deleted or added (from ``values``)."""
    doc = copy.deepcopy(document)
    for _ in range(data.draw(st.integers(1, max_mutations), label="mutations")):
        parent, key = None, None
        node = doc
        while isinstance(node, dict | list) and node and data.draw(st.integers(0, 4), label="deeper") > 0:
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            parent, key = node, data.draw(st.sampled_from(keys), label="key")
            node = parent[key]
        action = data.draw(st.sampled_from(["replace", "replace", "replace", "delete", "add"]), label="action")
        if parent is None:
            if action == "replace":
                doc = data.draw(values, label="root")
            continue
        if action == "replace":
            parent[key] = data.draw(values, label="value")
        elif action == "delete":
            del parent[key]
        elif isinstance(parent, dict):
            parent[data.draw(st.text(max_size=12), label="new key")] = data.draw(values, label="value")
        else:
            parent.append(data.draw(values, label="value"))
    return doc


def fuzz(examples: int) -> settings:
    """Settings for a fuzz test: ``examples`` in the repeatable profile of the suite, ten times as
    many with HYPOTHESIS_PROFILE=explore (fresh random examples while developing)."""
    factor = 10 if os.environ.get("HYPOTHESIS_PROFILE") == "explore" else 1
    return settings(max_examples=examples * factor, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
