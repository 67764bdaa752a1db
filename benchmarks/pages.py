"""Server time and query count per page, measured in-process with Django's test client.

Shared by ``bench_pages.py`` (``make bench``) and the load test. Everything runs on a throw-away
database: a fresh SQLite file in a temporary data folder, or the PostgreSQL database named by
``REGIOKOMPAS_BENCH_DATABASE_URL`` (dropped and created again: never point it at a real database).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time


def setup_django(database_url: str | None = None) -> None:
    """Configure Django for a throw-away database and migrate it."""
    os.environ.setdefault("REGIOKOMPAS_DATA_DIR", tempfile.mkdtemp(prefix="regiokompas-bench-"))
    os.environ["REGIOKOMPAS_SECURE"] = "false"
    os.environ["DJANGO_SETTINGS_MODULE"] = "regiokompas.conf.settings"
    os.makedirs(os.path.join(os.environ["REGIOKOMPAS_DATA_DIR"], "static"), exist_ok=True)
    if database_url:
        recreate_postgres(database_url)
        os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def recreate_postgres(url: str) -> None:
    """Drop and create the database of ``url`` (PostgreSQL), connecting to its ``postgres`` database."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    cfg = dj_database_url.parse(url)
    name = cfg["NAME"]
    if not name.startswith(("rk_", "test_", "bench_")):
        raise SystemExit(f"Weigering: database '{name}' heet niet rk_*, test_* of bench_*; een benchmark wist zijn database.")
    with psycopg.connect(host=cfg["HOST"] or "127.0.0.1", port=cfg["PORT"] or 5432, user=cfg["USER"] or "postgres",
                         password=cfg.get("PASSWORD") or None, dbname="postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def load_example_with_run() -> None:
    """The example as ``make demo`` loads it, its demo accounts, and one stored analysis (results page)."""
    from regiokompas.accounts.demo import create_demo_accounts
    from regiokompas.examples.loader import load_example

    load_example()
    create_demo_accounts()
    ensure_analysis_run()


def ensure_analysis_run(slug: str | None = None, samples: int = 10_000):
    from django.contrib.auth import get_user_model

    from regiokompas.examples import SLUG_2012
    from regiokompas.options.models import AnalysisRun
    from regiokompas.options.services import run_analysis
    from regiokompas.register.models import Trajectory

    trajectory = Trajectory.objects.get(slug=slug or SLUG_2012)
    run = AnalysisRun.objects.filter(trajectory=trajectory).order_by("-number").first()
    if run is None:
        run = run_analysis(get_user_model().objects.get(username="beheer"), trajectory, samples=samples, seed=7)
    return run


def example_pages() -> list[tuple[str, str]]:
    """(name, url) of the main pages on the example."""
    from django.urls import reverse

    from regiokompas.examples import SLUG_2012, SLUG_2019
    from regiokompas.options.models import AnalysisRun
    from regiokompas.register.models import Gate, Trajectory

    t19 = Trajectory.objects.get(slug=SLUG_2019)
    t12 = Trajectory.objects.get(slug=SLUG_2012)
    gate = Gate.objects.filter(trajectory=t19).order_by("-planned_date").first()
    run = AnalysisRun.objects.filter(trajectory=t12).order_by("-number").first()
    pages = [
        ("trajectenlijst", reverse("register:trajectory-list")),
        ("trajectoverzicht", reverse("register:trajectory-detail", args=[t19.slug])),
        ("besluitmoment", reverse("register:gate-detail", args=[gate.pk])),
        ("varianten", reverse("options:overview", args=[t12.slug])),
        ("planning", reverse("planning:overview", args=[t19.slug])),
        ("financien", reverse("finance:overview", args=[t12.slug])),
        ("documenten", reverse("register:document-list", args=[t19.slug])),
        ("gemeente", reverse("register:municipality-detail", args=["GM0373"])),
    ]
    if run is not None:
        pages.insert(4, ("resultaten", reverse("options:run-detail", args=[t12.slug, run.number])))
    return pages


def measure(client, pages: list[tuple[str, str]], repeats: int = 7, warm: bool = True) -> list[dict]:
    """Per page: the first view (cold caches), then the median and minimum of ``repeats`` further views,
    and the number of database queries of one view."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rows = []
    for name, url in pages:
        connection.queries_log.clear()  # CaptureQueriesContext counts wrong once the log (9,000) is full
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as cold_queries:
            response = client.get(url)
        first = time.perf_counter() - start
        if response.status_code != 200:
            raise RuntimeError(f"{url}: status {response.status_code}")
        times = []
        queries = None
        for _ in range(repeats):
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                client.get(url)
                times.append(time.perf_counter() - start)
            queries = len(ctx.captured_queries)
        rows.append({"case": name, "url": url, "first_s": first, "median_s": statistics.median(times), "min_s": min(times),
                     "queries": queries, "queries_first": len(cold_queries.captured_queries)})
    return rows


def logged_in_client(username: str = "projectleider"):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=username))
    return client


def print_rows(rows: list[dict]) -> None:
    print(f"{'pagina':<18} {'eerste (ms)':>11} {'mediaan (ms)':>12} {'min (ms)':>9} {'queries':>8} {'eerste q':>8}")
    for r in rows:
        print(f"{r['case']:<18} {r['first_s'] * 1000:>11.1f} {r['median_s'] * 1000:>12.1f} {r['min_s'] * 1000:>9.1f} "
              f"{r['queries']:>8} {r['queries_first']:>8}")


if __name__ == "__main__":  # python -m benchmarks.pages [postgres-url]: the example's pages
    import sys

    setup_django(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("REGIOKOMPAS_BENCH_DATABASE_URL"))
    load_example_with_run()
    print_rows(measure(logged_in_client(), example_pages()))
