"""Load test: logged-in users over a realistic mix of pages against the production set-up.

    python -m benchmarks.loadtest                    # 50 users (think 1-3 s, 2 min), 200 users, saturation
    python -m benchmarks.loadtest --short            # CI: 20 users, 30 s; exit 1 on any error
    python -m benchmarks.loadtest --database postgres --phases 50:120:1-3

What it does, on loopback only and on a throw-away database it creates itself (never a real one):
a fresh SQLite data folder, or the PostgreSQL database ``rk_perf_load`` (dropped and created); the
example as ``make demo`` loads it, one stored analysis, and its own users (beleidsmedewerkers of the
participating municipalities, members of both example trajectories). It then starts gunicorn with
two worker processes of 8 threads each (``regiokompas.wsgi``; the shared cache in Redis when
``--cache`` names one) and one task worker (``regiokompas worker``), and runs each phase: USERS concurrent users for SECONDS, each waiting THINK seconds (uniform)
between requests; think 0 measures the saturation throughput.

Users log in with a session made by the set-up (the session a login creates): logging 200 users
in through the form would spend the first minute hashing passwords. The login page itself is
checked once with a password.

The mix per request: trajectory overview, gate, results, options overview, planning, finance,
municipality and documents pages; 5 % decision writes (a correction of the user's own
municipality's decision: form and POST), 1 % analyses (2,000 samples: small enough to be computed in the request) and 1 % reports (the
substantiation report as docx: queued for the task worker, the user is sent to the task's page,
which is requested once; or the file itself when the same report was made already).

Why an asyncio/httpx script and not locust: the load generator shares the 2 cores with the server;
one asyncio process needs far less CPU per request than locust's gevent users and its web UI, it
logs in and writes forms (CSRF) in a few lines, and the figures (p50/p95 per page) are computed
from every single request rather than from locust's rounded histogram buckets.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

PG_URL = "postgres://postgres@127.0.0.1:5432/rk_perf_load"
PASSWORD = "belastingtest-wachtwoord-7"  # only on the throw-away database
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
WEIGHTS = [  # (kind, weight in %)
    ("trajectoverzicht", 15), ("besluitmoment", 14), ("resultaten", 12), ("varianten", 8), ("planning", 12),
    ("financien", 12), ("gemeente", 10), ("documenten", 10), ("besluit vastleggen", 5), ("analyse", 1), ("rapport", 1),
]


# --- set-up (in this process, with Django) ----------------------------------------------------------


def prepare(users: int, database: str) -> dict:
    """Create the throw-away database, the example, an analysis, the users and their sessions."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks import pages as P

    data_dir = tempfile.mkdtemp(prefix="regiokompas-load-")
    os.environ["REGIOKOMPAS_DATA_DIR"] = data_dir
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)  # the same for the set-up (sessions) and the server
    P.setup_django(PG_URL if database == "postgres" else None)
    P.load_example_with_run()

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.urls import reverse

    from regiokompas.accounts.actors import SystemActor
    from regiokompas.accounts.models import UserRole
    from regiokompas.accounts.users import UserInput, create_user
    from regiokompas.examples import SLUG_2012, SLUG_2019
    from regiokompas.options.models import AnalysisRun
    from regiokompas.register.models import Decision, Gate, Trajectory

    actor = SystemActor("belastingtest")
    t12, t19 = Trajectory.objects.get(slug=SLUG_2012), Trajectory.objects.get(slug=SLUG_2019)
    both = {p.municipality for p in t19.participants.select_related("municipality")} & {
        p.municipality for p in t12.participants.select_related("municipality")}
    munis = sorted((m for m in both if m.valid_to is None), key=lambda m: m.cbs_code)
    # the decisions users correct: the current decisions of their municipality in the 2019 trajectory
    cells = {m.pk: list(Decision.objects.filter(gate__trajectory=t19, municipality=m, is_current=True).order_by("pk")) for m in munis}
    munis = [m for m in munis if cells[m.pk]]
    accounts = []
    for i in range(users):
        m = munis[i % len(munis)]
        user = create_user(actor, UserInput(username=f"belasting-{i + 1:03d}", first_name="Belasting", last_name=f"{i + 1}",
                                            role=UserRole.BELEIDSMEDEWERKER, municipality=m, trajectories=[t12, t19],
                                            password=PASSWORD if i == 0 else ""))
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        accounts.append({"username": user.username, "session": session.session_key, "municipality": m.cbs_code})
    gates = list(Gate.objects.filter(trajectory=t19).order_by("ordinal"))
    run = AnalysisRun.objects.filter(trajectory=t12).order_by("-number").first()
    from django.db import connections

    connections.close_all()
    return {
        "data_dir": data_dir,
        "secret_key": os.environ["SECRET_KEY"],
        "database_url": os.environ.get("DATABASE_URL", ""),
        "accounts": accounts,
        "cells": {m.cbs_code: [d.pk for d in cells[m.pk]] for m in munis},
        "dates": {str(d.pk): d.date.strftime("%d-%m-%Y") for ds in cells.values() for d in ds if d.date},
        "urls": {
            "trajectoverzicht": reverse("register:trajectory-detail", args=[t19.slug]),
            "besluitmoment": [reverse("register:gate-detail", args=[g.pk]) for g in gates],
            "resultaten": reverse("options:run-detail", args=[t12.slug, run.number]),
            "varianten": reverse("options:overview", args=[t12.slug]),
            "planning": reverse("planning:overview", args=[t19.slug]),
            "financien": reverse("finance:overview", args=[t12.slug]),
            "gemeente": [reverse("register:municipality-detail", args=[m.cbs_code]) for m in munis],
            "documenten": reverse("register:document-list", args=[t19.slug]),
            "analyse": reverse("options:runs", args=[t12.slug]),
            "rapport": reverse("options:report", args=[t12.slug, "docx"]),
            "login": reverse("login"),
        },
    }


# --- the server -------------------------------------------------------------------------------------


def server_env(setup: dict, cache: str) -> dict:
    env = dict(os.environ, REGIOKOMPAS_DATA_DIR=setup["data_dir"], REGIOKOMPAS_SECURE="false", DEBUG="false",
               DJANGO_SETTINGS_MODULE="benchmarks.load_settings", CACHE_URL=cache, SECRET_KEY=setup["secret_key"])
    if setup["database_url"]:
        env["DATABASE_URL"] = setup["database_url"]
    else:
        env.pop("DATABASE_URL", None)
    return env


def start_worker(setup: dict, cache: str) -> subprocess.Popen:
    """One task worker (``regiokompas worker``) beside the web processes, as in production: reports
    and large analyses are queued by the web process and rendered here."""
    log = open(Path(setup["data_dir"]) / "worker.log", "wb")  # noqa: SIM115 - open while the worker runs
    return subprocess.Popen([sys.executable, "-m", "regiokompas", "worker"], env=server_env(setup, cache),
                            start_new_session=True, stdout=log, stderr=subprocess.STDOUT,
                            cwd=Path(__file__).resolve().parent.parent)


def start_server(setup: dict, port: int, workers: int, threads: int, cache: str) -> subprocess.Popen:
    env = server_env(setup, cache)
    cmd = [sys.executable, "-m", "gunicorn", "regiokompas.wsgi:application", "--workers", str(workers),
           "--threads", str(threads), "--bind", f"127.0.0.1:{port}", "--timeout", "600", "--keep-alive", "30",
           "--log-level", "warning"]
    log = open(Path(setup["data_dir"]) / "server.log", "wb")  # noqa: SIM115 - open while the server runs
    proc = subprocess.Popen(cmd, env=env, start_new_session=True, stdout=log, stderr=subprocess.STDOUT,
                            cwd=Path(__file__).resolve().parent.parent)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit("gunicorn is gestopt voordat het antwoordde.") from None
            time.sleep(0.5)
    stop_server(proc)
    raise SystemExit("gunicorn antwoordt niet binnen 120 s.")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


# --- the users --------------------------------------------------------------------------------------


@dataclass
class Stats:
    times: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    samples: list[str] = field(default_factory=list)

    def add(self, kind: str, seconds: float, ok: bool, detail: str = "") -> None:
        self.times.setdefault(kind, []).append(seconds)
        if not ok:
            self.errors[kind] = self.errors.get(kind, 0) + 1
            if len(self.samples) < 10:
                self.samples.append(f"{kind}: {detail}")


def _pick(rnd: random.Random) -> str:
    return rnd.choices([k for k, _ in WEIGHTS], weights=[w for _, w in WEIGHTS])[0]


async def _request(client, stats: Stats, kind: str, method: str, url: str, expect=(200,), **kw):
    start = time.perf_counter()
    try:
        response = await client.request(method, url, **kw)
    except Exception as exc:  # a refused or timed-out request is an error of the run
        stats.add(kind, time.perf_counter() - start, False, f"{type(exc).__name__} {url}")
        return None
    ok = response.status_code in expect
    stats.add(kind, time.perf_counter() - start, ok, f"{response.status_code} {method} {url}")
    return response


async def user_loop(i: int, setup: dict, base: str, stats: Stats, until: float, think: tuple[float, float],
                    locks: dict, current: dict) -> None:
    import httpx

    account = setup["accounts"][i]
    rnd = random.Random(i)
    urls = setup["urls"]
    async with httpx.AsyncClient(base_url=base, cookies={"sessionid": account["session"]}, timeout=120,
                                 follow_redirects=False) as client:
        await asyncio.sleep(rnd.uniform(0, max(think[1], 0.5)))  # users start spread out
        while time.perf_counter() < until:
            kind = _pick(rnd)
            if kind in ("besluitmoment", "gemeente"):
                await _request(client, stats, kind, "GET", rnd.choice(urls[kind]))
            elif kind == "besluit vastleggen":
                await _correct_decision(client, stats, account, setup, rnd, locks, current)
            elif kind == "analyse":
                page = await _request(client, stats, "analyse (formulier)", "GET", urls["analyse"])
                token = CSRF.search(page.text) if page is not None else None
                if token:
                    await _request(client, stats, kind, "POST", urls["analyse"], expect=(302,), headers={"Referer": base + urls["analyse"]},
                                   data={"csrfmiddlewaretoken": token.group(1), "samples": "2000", "seed": str(i),
                                         "pooled_weighting": "equal", "label": "belastingtest"})
            elif kind == "rapport":  # queued for the worker and the user sent to the task's page, or
                # the file itself when the same report is already made (jobs.views.respond)
                queued = await _request(client, stats, kind, "GET", urls[kind], expect=(200, 302))
                if queued is not None and queued.status_code == 302:
                    await _request(client, stats, "rapport (taakpagina)", "GET", queued.headers["location"])
            else:
                await _request(client, stats, kind, "GET", urls[kind])
            if think[1] > 0:
                await asyncio.sleep(rnd.uniform(*think))


async def _correct_decision(client, stats, account, setup, rnd, locks, current) -> None:
    """A correction of one of the current decisions of the user's municipality (one at a time per
    decision: two users correcting the same decision at once is a conflict the application reports)."""
    chain = rnd.randrange(len(setup["cells"][account["municipality"]]))
    key = (account["municipality"], chain)
    async with locks.setdefault(key, asyncio.Lock()):
        pk = current.setdefault(key, setup["cells"][account["municipality"]][chain])
        url = f"/besluiten/{pk}/vervangen/"
        page = await _request(client, stats, "besluit (formulier)", "GET", url)
        token = CSRF.search(page.text) if page is not None else None
        if not token:
            return
        original = setup["cells"][account["municipality"]][chain]
        response = await _request(client, stats, "besluit vastleggen", "POST", url, expect=(302,),
                                  headers={"Referer": str(client.base_url) + url},
                                  data={"csrfmiddlewaretoken": token.group(1), "kind": "new_decision", "reason": "Belastingtest",
                                        "outcome": "agree", "date": setup["dates"].get(str(original), ""),
                                        "motivation": "Belastingtest", "source": "belastingtest", "conditions": "",
                                        "condition_category": "analysis", "zaaknummer": ""})
        if response is not None and response.status_code == 302:
            match = re.search(r"/besluiten/(\d+)/", response.headers.get("location", ""))
            if match:
                current[key] = int(match.group(1))


async def check_login(base: str, setup: dict) -> bool:
    """The login form works for a user of the set-up (the one with a password)."""
    import httpx

    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        page = await client.get(setup["urls"]["login"])
        token = CSRF.search(page.text)
        response = await client.post(setup["urls"]["login"], headers={"Referer": base + setup["urls"]["login"]},
                                     data={"csrfmiddlewaretoken": token.group(1) if token else "",
                                           "username": setup["accounts"][0]["username"], "password": PASSWORD})
        return response.status_code == 302


async def run_phase(setup: dict, base: str, users: int, seconds: float, think: tuple[float, float], current: dict) -> dict:
    """One phase; ``current`` (decision chain -> current decision id) carries over to the next phase."""
    stats = Stats()
    locks = {}
    started = time.perf_counter()
    until = started + seconds
    load_start = os.getloadavg()[0]
    await asyncio.gather(*(user_loop(i, setup, base, stats, until, think, locks, current) for i in range(users)))
    elapsed = time.perf_counter() - started
    rows = []
    total = 0
    for kind, times in sorted(stats.times.items()):
        times = sorted(times)
        total += len(times)
        rows.append({"page": kind, "requests": len(times), "errors": stats.errors.get(kind, 0),
                     "p50_ms": round(statistics.median(times) * 1000, 1),
                     "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))] * 1000, 1),
                     "max_ms": round(times[-1] * 1000, 1)})
    return {"users": users, "seconds": round(elapsed, 1), "think_s": list(think), "requests": total,
            "requests_per_s": round(total / elapsed, 1), "errors": sum(stats.errors.values()), "error_samples": stats.samples,
            "load_average_start": round(load_start, 2), "load_average_end": round(os.getloadavg()[0], 2), "pages": rows}


def print_phase(result: dict) -> None:
    think = result["think_s"]
    print(f"\n== {result['users']} gebruikers, {result['seconds']} s, denktijd {think[0]}-{think[1]} s: "
          f"{result['requests']} verzoeken, {result['requests_per_s']} verzoeken/s, {result['errors']} fouten "
          f"(belasting {result['load_average_start']} -> {result['load_average_end']})")
    print(f"  {'pagina':<22} {'aantal':>7} {'fouten':>7} {'p50 (ms)':>9} {'p95 (ms)':>9} {'max (ms)':>9}")
    for r in result["pages"]:
        print(f"  {r['page']:<22} {r['requests']:>7} {r['errors']:>7} {r['p50_ms']:>9} {r['p95_ms']:>9} {r['max_ms']:>9}")
    for s in result["error_samples"]:
        print(f"  fout: {s}")


def parse_phases(text: str) -> list[tuple[int, float, tuple[float, float]]]:
    phases = []
    for part in text.split(","):
        users, seconds, think = part.split(":")
        low, _, high = think.partition("-")
        phases.append((int(users), float(seconds), (float(low), float(high or low))))
    return phases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.loadtest", description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--phases", default="50:120:1-3,200:120:1-3,50:60:0",
                        help="USERS:SECONDS:THINK[,...], THINK as LOW-HIGH seconds or 0 (default: %(default)s)")
    parser.add_argument("--short", action="store_true", help="CI: 20 users, 30 s, think 1-3 s; exit 1 on any error")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default: %(default)s)")
    parser.add_argument("--threads", type=int, default=8, help="threads per worker, as waitress had (default: %(default)s)")
    parser.add_argument("--port", type=int, default=8114, help="port on 127.0.0.1; 0: a free one (default: %(default)s)")
    parser.add_argument("--cache", default="", help="CACHE_URL of the server, e.g. redis://127.0.0.1:6379/9 (default: per process)")
    parser.add_argument("--json", help="write the results to this file")
    args = parser.parse_args(argv)
    phases = parse_phases("20:30:1-3" if args.short else args.phases)
    setup = prepare(max(u for u, _, _ in phases), args.database)
    if args.port == 0:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            args.port = s.getsockname()[1]
    base = f"http://127.0.0.1:{args.port}"
    server = start_server(setup, args.port, args.workers, args.threads, args.cache)
    worker = start_worker(setup, args.cache)
    results = []
    login_ok = False
    try:
        login_ok = asyncio.run(check_login(base, setup))
        print(f"machine: {os.cpu_count()} cpu's, belasting {os.getloadavg()[0]:.2f}; database {args.database}; "
              f"gunicorn {args.workers} workers x {args.threads} threads + 1 taakverwerker; cache {args.cache or 'per proces (locmem)'}; inloggen via formulier: "
              f"{'ja' if login_ok else 'MISLUKT'}")
        current: dict = {}
        for users, seconds, think in phases:
            result = asyncio.run(run_phase(setup, base, users, seconds, think, current))
            print_phase(result)
            results.append(result)
    except Exception:
        _print_server_log(setup)
        raise
    finally:
        stop_server(server)
        stop_server(worker)
    if args.json:
        Path(args.json).write_text(json.dumps({"database": args.database, "workers": args.workers, "cache": args.cache,
                                               "cpus": os.cpu_count(), "phases": results}, indent=1), encoding="utf-8")
    failed = not login_ok or any(r["errors"] for r in results)
    if failed:
        _print_server_log(setup)
        print("FOUT: de belastingtest had fouten (zie hierboven).", file=sys.stderr)
    return 1 if failed else 0


def _print_server_log(setup: dict) -> None:
    log = (Path(setup["data_dir"]) / "server.log").read_text(encoding="utf-8", errors="replace")
    print("Serverlog (laatste 6.000 tekens):\n" + log[-6000:], file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
