"""Field accuracy of the document importer on the synthetic corpus (tests/documents/corpus/).

Two sets: ``tuning`` (the importer was tuned on it) and ``heldout`` (never used for tuning; the
figure that counts). Prints the share of documents with each field right, and the share of header
fields right per set (goal for the held-out set: at least 90 %).

Run with ``python -m benchmarks import_corpus`` or ``python benchmarks/bench_import_corpus.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "documents" / "corpus"
GOAL = 0.90


def run() -> dict:
    from regiokompas.documents.evaluation import FIELDS, score_set

    started = time.perf_counter()
    sets = [score_set(name, CORPUS / name) for name in ("tuning", "heldout")]
    elapsed = time.perf_counter() - started
    rows = []
    for name in FIELDS:
        rows.append({"veld": name, **{s.name: f"{100 * s.accuracy(name):.0f} %" for s in sets}})
    rows.append({"veld": "kopvelden samen", **{s.name: f"{100 * s.header_accuracy():.1f} %" for s in sets}})
    held = sets[1]
    return {
        "name": "import_corpus",
        "problem": f"{sum(s.documents for s in sets)} synthetische raadsstukken; "
                   + ", ".join(f"{s.name}: {s.documents}" for s in sets),
        "median_s": round(elapsed, 3),
        "nauwkeurigheid per veld": rows,
        "kopvelden controleset": round(held.header_accuracy(), 3),
        "doel kopvelden controleset": GOAL,
        "status": "gehaald" if held.header_accuracy() >= GOAL else "NIET gehaald",
        "missers afstemset": [{"document": d, "veld": f, "herkend": g, "verwacht": w} for d, f, g, w in sets[0].misses],
    }


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.__main__ import print_result

    print_result(run())
