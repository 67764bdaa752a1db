"""Measure "save preferences -> rendered results page" on the regio Alkmaar example.

Not a test (speed is shown by measurement, never by timed tests). Run from the repository root:

    .venv/bin/python -m tests.options.measure_recalculation [REPEATS]

It builds a throw-away database with the example dossier, runs one analysis to load the compiled
engine kernels, and then, REPEATS times (default 5): a municipality's user posts changed preferences
with "Opslaan en direct doorrekenen" (save, validate, analyse with 10,000 samples, store the run),
follows the redirect and receives the rendered results page. Prints the times and one JSON line.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

from regiokompas.accounts.actors import SystemActor


def main(repeats: int = 5) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regiokompas.conf.test_settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    from regiokompas.accounts.demo import create_demo_accounts
    from regiokompas.examples import loader
    from regiokompas.options import services
    from regiokompas.register.models import Trajectory

    loader.load_all_if_missing()
    create_demo_accounts()
    trajectory = Trajectory.objects.get(slug="alkmaar-sociale-zaken-2012")
    t0 = time.perf_counter()
    services.run_analysis(SystemActor("meting"), trajectory, samples=10000, seed=1)
    first = time.perf_counter() - t0

    client = Client()
    client.force_login(get_user_model().objects.get(username="alkmaar"))
    url = f"/trajecten/{trajectory.slug}/varianten/voorkeuren/GM0361/"
    variants = [
        {"rank_eff": "1", "rank_efc": "2", "rank_fin": "2", "swing_eff": "100", "swing_efc": "50-80"},
        {"rank_fin": "1", "rank_eff": "2", "rank_klant": "3", "swing_fin": "100", "swing_eff": "60-90"},
    ]
    totals, saves, pages = [], [], []
    for i in range(repeats):
        data = dict(variants[i % 2], recalculate="1")
        t0 = time.perf_counter()
        response = client.post(url, data)
        t1 = time.perf_counter()
        if response.status_code != 302:
            raise SystemExit(f"Opslaan mislukte (status {response.status_code})")
        page = client.get(response["Location"])
        t2 = time.perf_counter()
        if page.status_code != 200 or b"Conclusie in het kort" not in page.content:
            raise SystemExit(f"Resultatenpagina niet goed (status {page.status_code})")
        totals.append(t2 - t0)
        saves.append(t1 - t0)
        pages.append(t2 - t1)
    result = {
        "case": "voorkeuren opslaan -> resultatenpagina (10.000 trekkingen, 8 gemeenten)",
        "median_s": round(statistics.median(totals), 3), "min_s": round(min(totals), 3), "max_s": round(max(totals), 3),
        "save_and_analyse_median_s": round(statistics.median(saves), 3), "page_median_s": round(statistics.median(pages), 3),
        "page_bytes": len(page.content), "first_analysis_in_process_s": round(first, 3), "repeats": repeats,
        "load_average": os.getloadavg(), "cpus": os.cpu_count(),
    }
    for key, value in result.items():
        print(f"{key:30} {value}")
    print(json.dumps(result, ensure_ascii=False))
    return result


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
