"""Operations the integrity tests run in their own processes (so that they can be killed), and
the consistency check that follows every fault.

Run as ``python -m tests.integrity.scenarios NAME [ARGS]`` with the database chosen by the
environment (``REGIOKOMPAS_DATA_DIR`` and ``DATABASE_URL``, as for the ``regiokompas`` command).
Each prints one JSON object on its last line of output.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import threading
from collections import defaultdict

from regiokompas.accounts.actors import SystemActor

SYSTEM = SystemActor("integriteitstest")
TRAJECTORY = "alkmaar-sociale-zaken-2012"
BERGEN, ALKMAAR = "GM0373", "GM0361"


def setup_django() -> None:
    from regiokompas.cli import setup_django as setup

    setup()


def _trajectory():
    from regiokompas.register.models import Trajectory

    return Trajectory.objects.get(slug=TRAJECTORY)


def create_gates(count: int) -> dict:
    """``count`` new go/no-go moments in the example trajectory, for decisions under load."""
    from django.db.models import Max

    from regiokompas.register import services
    from regiokompas.register.models import Gate

    trajectory = _trajectory()
    start = (Gate.objects.filter(trajectory=trajectory).aggregate(m=Max("ordinal"))["m"] or 0) + 1
    gates = []
    for i in range(count):
        gate = Gate(trajectory=trajectory, ordinal=start + i, title=f"Integriteitstest {i + 1}",
                    source="integriteitstest", illustrative=True)
        services.save_object(SYSTEM, gate)
        gates.append(gate.pk)
    return {"gates": gates}


def analyse(samples: int) -> dict:
    """Run and store an options analysis through the service (as the web page does)."""
    from regiokompas.options import services
    from regiokompas.options.models import AnalysisRun

    run = services.run_analysis(SYSTEM, _trajectory(), samples=samples, seed=11, label="integriteitstest")
    return {"run": run.number, "runs": AnalysisRun.objects.count()}


def write_during_analysis(samples: int) -> dict:
    """A register write while an analysis is being computed, from another thread with its own
    database connection. The analysis waits at its computation (pause point
    ``analysis.compute``) until the write has finished, so the write certainly falls inside it."""
    import os
    from pathlib import Path

    from django.db import connection

    from regiokompas.options import services as options
    from regiokompas.register import constants as c
    from regiokompas.register import services
    from regiokompas.register.models import Municipality

    marker = Path(os.environ["REGIOKOMPAS_PAUSE_FILE"])
    outcome: dict = {}

    def run_analysis():
        try:
            run = options.run_analysis(SYSTEM, _trajectory(), samples=samples, seed=5, label="analyse tijdens schrijven")
            outcome["run"] = run.number
        except Exception as exc:  # noqa: BLE001 - reported to the test
            outcome["analysis_error"] = f"{type(exc).__name__}: {exc}"
        finally:
            connection.close()

    gate = create_gates(1)["gates"][0]
    thread = threading.Thread(target=run_analysis)
    thread.start()
    import time

    deadline = time.monotonic() + 120
    while not marker.exists() and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    outcome["analysis_was_computing"] = marker.exists() and thread.is_alive()
    try:
        from regiokompas.register.models import Gate

        decision = services.record_decision(SYSTEM, services.DecisionInput(
            gate=Gate.objects.get(pk=gate), municipality=Municipality.objects.get(cbs_code=BERGEN),
            outcome=c.Outcome.AGREE, date=dt.date(2024, 5, 1), source="integriteitstest"))
        outcome["decision"] = decision.pk
    except Exception as exc:  # noqa: BLE001 - reported to the test
        outcome["write_error"] = f"{type(exc).__name__}: {exc}"
    outcome["analysis_still_computing"] = thread.is_alive()
    marker.with_name(marker.name + ".go").write_text("go")
    thread.join(180)
    return outcome


def counts() -> dict:
    from django.apps import apps

    return {m._meta.label: m._default_manager.count() for m in apps.get_models()
            if m._meta.app_label in {"register", "options", "planning", "finance", "publications", "audit"}}


def _decision_problems(decisions: list, audited: dict) -> list[str]:
    """Per gate, municipality and body exactly one current decision, each older one replaced by one newer."""
    problems = []
    by_body = defaultdict(list)
    by_pk = {d.pk: d for d in decisions}
    superseded = defaultdict(list)
    for d in decisions:
        by_body[(d.gate_id, d.municipality_id, d.governing_body_id)].append(d)
        if d.supersedes_id:
            superseded[d.supersedes_id].append(d)
        if str(d.pk) not in audited["register.Decision"]:
            problems.append(f"besluit {d.pk} zonder auditregel")
    for key, group in by_body.items():
        current = [d for d in group if d.is_current]
        if len(current) != 1:
            problems.append(f"{len(current)} geldende besluiten voor moment/gemeente/orgaan {key}")
        for d in group:
            problems += _supersession_problems(d, key, superseded.get(d.pk, []), by_pk)
    return problems


def _supersession_problems(d, key: tuple, newer: list, by_pk: dict) -> list[str]:
    problems = []
    if d.is_current and newer:
        problems.append(f"besluit {d.pk} is geldend maar vervangen door {[n.pk for n in newer]}")
    if not d.is_current and len(newer) != 1:
        problems.append(f"besluit {d.pk} is niet geldend maar wordt door {len(newer)} besluiten vervangen")
    if d.supersedes_id:
        old = by_pk.get(d.supersedes_id)
        if old is None or (old.gate_id, old.municipality_id, old.governing_body_id) != key:
            problems.append(f"besluit {d.pk} vervangt een besluit van een ander moment of orgaan")
    return problems


def check() -> dict:
    """The consistency of what is stored: returns the problems found (none expected)."""
    from regiokompas.audit.models import AuditEntry
    from regiokompas.options.models import AnalysisRun
    from regiokompas.register.models import Condition, Decision, Trajectory

    problems = []
    audited = defaultdict(set)
    for object_type, object_id in AuditEntry.objects.values_list("object_type", "object_id"):
        audited[object_type].add(object_id)

    problems += _decision_problems(list(Decision.objects.all()), audited)
    for cond in Condition.objects.all():
        if str(cond.pk) not in audited["register.Condition"]:
            problems.append(f"voorwaarde {cond.pk} zonder auditregel")
    for run in AnalysisRun.objects.all():
        if str(run.pk) not in audited["options.AnalysisRun"]:
            problems.append(f"analyse {run.pk} zonder auditregel")
        if not run.results or not run.problem:
            problems.append(f"analyse {run.pk} zonder uitkomsten")
    for trajectory in Trajectory.objects.all():
        if str(trajectory.pk) not in audited["register.Trajectory"]:
            problems.append(f"traject {trajectory.slug} zonder auditregel")
    return {"problems": problems, "counts": counts(),
            "trajectories": sorted(Trajectory.objects.values_list("slug", flat=True))}


def run(argv: list[str], scenarios: dict) -> int:
    """Run the scenario ``argv[0]`` of ``scenarios`` ({name: function of the other arguments}) in a
    configured Django and print its result as one JSON line."""
    setup_django()
    name, args = argv[0], argv[1:]
    if name not in scenarios:
        raise SystemExit(f"onbekend scenario {name}")
    print(json.dumps(scenarios[name](*args)), flush=True)
    return 0


def main(argv: list[str]) -> int:
    return run(argv, {
        "create-gates": lambda n: create_gates(int(n)),
        "analyse": lambda n: analyse(int(n)),
        "write-during-analysis": lambda n: write_during_analysis(int(n)),
        "check": check,
    })


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
