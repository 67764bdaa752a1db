"""Server time of the pages a council member reads, on the regio Alkmaar example.

Cases: the summary per municipality ("Wat betekent dit voor onze gemeente", Bergen in the 2012
trajectory, with its analysis and cost model) and the results overview of an analysis of that
trajectory (conclusion first, key charts, details on a sub-page). Goal from the issue: at most
150 ms at the median. Baseline in the same run: the trajectory page (register), so the ratios show
how the new pages compare with an existing page on the same machine and load.

Server time is measured through Django's test client (middleware, view, template; no network). The
first request of the summary computes the cost simulation and is reported separately ("koud"); the
result is then kept in Django's cache under the newest audit entry, so it is recomputed after any
change of the register. The database is a fresh SQLite file in a temporary folder.

Run with ``python -m benchmarks summary``.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time

REPEATS = 15
GOAL_S = 0.150
SLUG = "alkmaar-sociale-zaken-2012"
CODE = "GM0373"


def _setup(folder: str):
    os.environ["REGIOKOMPAS_DATA_DIR"] = folder
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regiokompas.conf.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from regiokompas.accounts.actors import SystemActor
    from regiokompas.accounts.demo import create_demo_accounts
    from regiokompas.examples import loader
    from regiokompas.options import services
    from regiokompas.register.models import Trajectory

    loader.load_all_if_missing()
    create_demo_accounts()
    run = services.run_analysis(SystemActor("benchmark"), Trajectory.objects.get(slug=SLUG), samples=2000, seed=1)
    return run


def _client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="raadslid-bergen"))
    return client


def _time(client, url: str, repeats: int = REPEATS) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        response = client.get(url, HTTP_HOST="127.0.0.1", secure=True)
        times.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: status {response.status_code}")
    return times


def _case(name: str, times: list[float], baseline: float | None, goal: float | None = GOAL_S, **extra) -> dict:
    median = statistics.median(times)
    row = {"case": name, "median_s": median, "min_s": min(times)}
    if goal is not None:
        row["goal_s"] = goal
    if baseline:
        row["ratio_vs_trajectory_page"] = round(median / baseline, 2)
    row.update(extra)
    return row


def run() -> dict:
    with tempfile.TemporaryDirectory(prefix="regiokompas-bench-") as folder:
        analysis = _setup(folder)
        client = _client()
        trajectory_url = f"/trajecten/{SLUG}/"
        summary_url = f"/trajecten/{SLUG}/samenvatting/{CODE}/"
        results_url = f"/trajecten/{SLUG}/varianten/analyses/{analysis.number}/"
        details_url = f"{results_url}details/"
        _time(client, trajectory_url, 2)  # templates compiled, caches warm
        cold = _time(client, summary_url, 1)[0]
        _time(client, results_url, 1)
        baseline = statistics.median(_time(client, trajectory_url))
        cases = [
            _case("trajectpagina (basislijn)", _time(client, trajectory_url), None, goal=None),
            _case("samenvatting Bergen (NH.)", _time(client, summary_url), baseline, first_request_s=round(cold, 3)),
            _case("uitkomsten analyse (overzicht)", _time(client, results_url), baseline),
            _case("uitkomsten analyse (alle details)", _time(client, details_url, 5), baseline, goal=None),
        ]
    goal_cases = [c for c in cases if c.get("goal_s")]
    return {
        "name": "pages",
        "problem": f"voorbeeld regio Alkmaar ({SLUG}), analyse met {analysis.samples} trekkingen, {REPEATS} verzoeken per pagina",
        "median_s": max(c["median_s"] for c in goal_cases),
        "min_s": min(c["min_s"] for c in goal_cases),
        "goal_s": GOAL_S,
        "cases": cases,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), ensure_ascii=False, indent=2))
