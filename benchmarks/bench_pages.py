"""Server time and database queries per page, on the example and at national scale.

1. The example as ``make demo`` loads it (with one stored analysis for the results page), logged in
   as the projectleider: every main page without cache (the baseline: Django's dummy cache, so
   every view computes everything) and with the cache of computed results (local memory), as
   median of 7 views after a first view.
2. The illustrative national-scale set (``regiokompas generate-scale-data``: 25 regions, 342
   municipalities, 200 trajectories, 20,000 decisions, 5,000 documents) added to the same database:
   the example's pages again (their query counts must not change), the pages of a generated
   trajectory, and the dossier export of a trajectory.

Goals (issue 14): median server time <= 30 ms for ordinary pages, <= 60 ms for finance and results.
Runs on a throw-away SQLite database, or PostgreSQL when ``REGIOKOMPAS_BENCH_DATABASE_URL`` names a
database (rk_*/bench_*/test_*: it is dropped and created). ``REGIOKOMPAS_BENCH_SCALE=small`` uses a
tenth of the scale set (quick check). ``REGIOKOMPAS_BENCH_PAGES=lijsten`` measures only the long
lists (trajectories, documents, municipalities, tasks, audit trail) on a larger set (``run_lists``).
"""

from __future__ import annotations

import os
import statistics
import time

from benchmarks import pages as P

GOALS = {"financien": 0.060, "resultaten": 0.060}
ORDINARY_GOAL = 0.030


def _goal(name: str) -> float:
    return GOALS.get(name, ORDINARY_GOAL)


def _measure_both(client, page_list):
    from django.test.utils import override_settings

    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}):
        baseline = {r["case"]: r for r in P.measure(client, page_list)}
    cached = P.measure(client, page_list)
    rows = []
    for r in cached:
        b = baseline[r["case"]]
        rows.append({"case": r["case"], "median_s": r["median_s"], "min_s": r["min_s"], "goal_s": _goal(r["case"]),
                     "queries": r["queries"], "queries_uncached": b["queries"], "baseline_median_s": b["median_s"],
                     "speedup": round(b["median_s"] / r["median_s"], 1) if r["median_s"] else None})
    return rows


def _scale_pages(slug: str) -> list[tuple[str, str]]:
    from django.urls import reverse

    from regiokompas.register.models import Gate, Trajectory, TrajectoryParticipant

    t = Trajectory.objects.get(slug=slug)
    gate = Gate.objects.filter(trajectory=t).order_by("ordinal").first()
    code = TrajectoryParticipant.objects.filter(trajectory=t).select_related("municipality").first().municipality.cbs_code
    return [
        ("schaal: trajectenlijst", reverse("register:trajectory-list")),
        ("schaal: trajectoverzicht", reverse("register:trajectory-detail", args=[slug])),
        ("schaal: besluitmoment", reverse("register:gate-detail", args=[gate.pk])),
        ("schaal: planning", reverse("planning:overview", args=[slug])),
        ("schaal: documenten", reverse("register:document-list", args=[slug])),
        ("schaal: gemeente", reverse("register:municipality-detail", args=[code])),
    ]


LIST_DOCUMENTS = 3_000  # documents added to one generated trajectory: a long document list
LIST_JOBS = 2_000  # finished tasks of the beheerder: a long task list


def _thicken_lists(slug: str) -> None:
    """Long lists beside the scale set: thousands of documents in one trajectory and thousands of
    tasks of one user (each document with its audit row, as the scale set writes them)."""
    import datetime as dt

    from django.contrib.auth import get_user_model

    from regiokompas.jobs.models import Job, JobStatus
    from regiokompas.register import constants as c
    from regiokompas.register import scale
    from regiokompas.register.models import Document, Trajectory

    t = Trajectory.objects.get(slug=slug)
    issuer = t.participants.select_related("municipality").first().municipality
    scale._bulk(Document, [Document(trajectory=t, kind=c.DocumentKind.MEMO, title=f"Illustratieve memo {n + 1}",
                                    status=c.DocumentStatus.DEFINITIEF, issuer_municipality=issuer,
                                    date=dt.date(2024, 1, 1) + dt.timedelta(days=n % 700), source=scale.SOURCE,
                                    illustrative=True) for n in range(LIST_DOCUMENTS)], lambda o: slug)
    beheer = get_user_model().objects.get(username="beheer")
    Job.objects.bulk_create([Job(kind="analysis", title=f"Analyse {n + 1}", trajectory=t, requested_by=beheer,
                                 status=JobStatus.DONE, result_url="/") for n in range(LIST_JOBS)], batch_size=1000)


def _list_pages(slug: str) -> list[tuple[str, str]]:
    from django.urls import reverse

    return [
        ("lijst: trajecten", reverse("register:trajectory-list")),
        ("lijst: trajecten pagina 3", reverse("register:trajectory-list") + "?pagina=3"),
        ("lijst: documenten", reverse("register:document-list", args=[slug])),
        ("lijst: documenten pagina 40", reverse("register:document-list", args=[slug]) + "?pagina=40"),
        ("lijst: gemeenten (huisstijl)", reverse("housestyle:overview")),
        ("lijst: taken", reverse("jobs:list")),
        ("lijst: taken pagina 30", reverse("jobs:list") + "?pagina=30"),
        ("lijst: audittrail (beheer)", reverse("admin:audit_auditentry_changelist")),
        ("lijst: audittrail per traject", reverse("admin:audit_auditentry_changelist") + f"?trajectory_slug={slug}"),
    ]


def run_lists() -> dict:
    """Only the long lists at scale (``REGIOKOMPAS_BENCH_PAGES=lijsten``): the scale set with 1,000
    trajectories, plus a long document list and task list (issue 14, paging)."""
    P.setup_django(os.environ.get("REGIOKOMPAS_BENCH_DATABASE_URL") or None)
    P.load_example_with_run()
    from django.db import connection

    from regiokompas.register.scale import Counts, generate

    small = os.environ.get("REGIOKOMPAS_BENCH_SCALE") == "small"
    counts = Counts(25, 342, 100, 2_500, 625) if small else Counts(25, 342, 1_000, 20_000, 5_000)
    start = time.perf_counter()
    written = generate(counts)
    slug = "illustratief-0001"
    _thicken_lists(slug)
    generated_s = time.perf_counter() - start
    rows = _measure_both(P.logged_in_client("beheer"), _list_pages(slug))
    print(f"\nlange lijsten ({connection.vendor}; mediaan met cache, zonder cache, queries met/zonder cache):")
    for r in rows:
        print(f"  {r['case']:<36} {r['median_s'] * 1000:7.1f} ms  zonder cache {r['baseline_median_s'] * 1000:7.1f} ms  "
              f"queries {r['queries']}/{r['queries_uncached']}")
    medians = [r["median_s"] for r in rows]
    return {"name": "pages", "problem": f"lange lijsten op de schaalset ({connection.vendor}); schaalset: {written}, "
                                        f"plus {LIST_DOCUMENTS} documenten in één traject en {LIST_JOBS} taken",
            "median_s": statistics.median(medians), "min_s": min(medians), "cases": rows, "database": connection.vendor,
            "schaalset_aangemaakt_s": round(generated_s, 1)}


def _export_case(name: str, slug: str) -> dict:
    from regiokompas.register.dossier import dossier_json
    from regiokompas.register.models import Trajectory

    t = Trajectory.objects.get(slug=slug)
    times = []
    size = 0
    for _ in range(3):
        start = time.perf_counter()
        size = len(dossier_json(t))
        times.append(time.perf_counter() - start)
    return {"case": name, "median_s": statistics.median(times), "min_s": min(times), "bytes": size}


def run() -> dict:
    if os.environ.get("REGIOKOMPAS_BENCH_PAGES") == "lijsten":
        return run_lists()
    P.setup_django(os.environ.get("REGIOKOMPAS_BENCH_DATABASE_URL") or None)
    P.load_example_with_run()
    from django.db import connection

    from regiokompas.register.scale import Counts, generate

    vendor = connection.vendor
    projectleider = P.logged_in_client("projectleider")
    example = _measure_both(projectleider, P.example_pages())

    small = os.environ.get("REGIOKOMPAS_BENCH_SCALE") == "small"
    counts = Counts(25, 342, 25, 2_500, 625) if small else Counts(25, 342, 200, 20_000, 5_000)
    start = time.perf_counter()
    written = generate(counts)
    generated_s = time.perf_counter() - start

    beheer = P.logged_in_client("beheer")
    at_scale = _measure_both(projectleider, P.example_pages())
    for row in at_scale:
        row["case"] = "schaal: voorbeeld " + row["case"]
    scale_slug = "illustratief-0001"
    scale = _measure_both(beheer, _scale_pages(scale_slug))
    from regiokompas.examples import SLUG_2019

    exports = [_export_case("export dossier voorbeeld 2019", SLUG_2019), _export_case("export dossier illustratief traject", scale_slug)]

    same = {r["case"]: r["queries"] for r in example} == {r["case"].removeprefix("schaal: voorbeeld "): r["queries"] for r in at_scale}
    cases = example + at_scale + scale + exports
    print("\npagina's (mediaan met cache, zonder cache, queries met/zonder cache):")
    for r in cases:
        extra = (f"  zonder cache {r['baseline_median_s'] * 1000:7.1f} ms  x{r['speedup']}  queries {r['queries']}/{r['queries_uncached']}"
                 if "queries" in r else f"  {r.get('bytes', 0)} bytes")
        print(f"  {r['case']:<40} {r['median_s'] * 1000:7.1f} ms{extra}")
    medians = [r["median_s"] for r in example]
    return {
        "name": "pages",
        "problem": f"hoofdpagina's op het voorbeeld en op de schaalset ({vendor}); schaalset: {written}",
        "median_s": statistics.median(medians),
        "min_s": min(medians),
        "cases": cases,
        "database": vendor,
        "schaalset_aangemaakt_s": round(generated_s, 1),
        "queries_gelijk_bij_groei": same,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=1, ensure_ascii=False))
