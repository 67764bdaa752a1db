"""Field accuracy of the importer against a corpus of documents with expected fields (see
tests/documents/corpus/README.md). Pure functions; used by the corpus benchmark and the tests."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

HEADER_FIELDS = ("kind", "date", "onderwerp", "kenmerken", "sender", "portefeuillehouder", "contact")
DECISION_FIELDS = ("decision_type", "decision_body", "decision_points")
FIELDS = HEADER_FIELDS + DECISION_FIELDS


def _norm(value) -> str | None:
    if value is None:
        return None
    text = re.sub(r"\s+", " ", str(value)).strip().strip(".;,").casefold()
    return text or None


def actual_fields(result: dict) -> dict:
    """The compared fields of an import result (ImportResult.to_json())."""
    fields = result.get("fields") or {}
    besluit = result.get("besluit") or {}

    def value(name):
        item = fields.get(name) or {}
        return item.get("value")

    return {
        "kind": result.get("kind"),
        "date": value("datum"),
        "onderwerp": value("onderwerp"),
        "kenmerken": [k["value"] for k in result.get("kenmerken", [])],
        "sender": value("afzender"),
        "portefeuillehouder": value("portefeuillehouder"),
        "contact": value("contact"),
        "decision_type": besluit.get("type"),
        "decision_body": besluit.get("body"),
        "decision_points": len(besluit.get("points") or []),
    }


def expected_fields(expected: dict) -> dict:
    decision = expected.get("decision") or {}
    return {
        "kind": expected.get("kind"),
        "date": expected.get("date"),
        "onderwerp": expected.get("onderwerp"),
        "kenmerken": list(expected.get("kenmerken") or []),
        "sender": expected.get("sender"),
        "portefeuillehouder": expected.get("portefeuillehouder"),
        "contact": expected.get("contact"),
        "decision_type": decision.get("type"),
        "decision_body": decision.get("body"),
        "decision_points": int(decision.get("points") or 0),
    }


def field_correct(name: str, got, want) -> bool:
    if name == "kenmerken":
        return sorted(_norm(v) for v in got) == sorted(_norm(v) for v in want)
    if name == "decision_points":
        return got == want
    return _norm(got) == _norm(want)


@dataclass
class SetScore:
    name: str
    documents: int = 0
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[tuple[str, str, object, object]] = field(default_factory=list)

    def add(self, doc: str, got: dict, want: dict) -> None:
        self.documents += 1
        for name in FIELDS:
            if field_correct(name, got[name], want[name]):
                self.correct[name] += 1
            else:
                self.misses.append((doc, name, got[name], want[name]))

    def accuracy(self, name: str) -> float:
        return self.correct[name] / self.documents if self.documents else 0.0

    def header_accuracy(self) -> float:
        total = self.documents * len(HEADER_FIELDS)
        return sum(self.correct[n] for n in HEADER_FIELDS) / total if total else 0.0


def corpus_documents(folder: Path) -> list[tuple[Path, dict]]:
    return [(p, json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))) for p in sorted(folder.glob("*.txt"))]


def score_set(name: str, folder: Path) -> SetScore:
    from regiokompas.documents.importer import import_bytes

    score = SetScore(name)
    for path, expected in corpus_documents(folder):
        result = import_bytes(path.read_bytes(), path.name).to_json()
        score.add(path.stem, actual_fields(result), expected_fields(expected))
    return score
