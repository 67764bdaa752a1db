"""Core subcommands of `regiokompas`: demo, serve, migrate, collectstatic, load-example,
load-municipalities, export, import-dossier, check, unlock, manage."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from regiokompas.cli import CommandError, setup_django


def port_number(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is geen poortnummer") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"poort {port} ligt niet tussen 1 en 65535")
    return port


def positive(what: str, maximum: int):
    def cast(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{value}' is geen geheel getal") from None
        if not 1 <= number <= maximum:
            raise argparse.ArgumentTypeError(f"aantal {what} {number} ligt niet tussen 1 en {maximum}")
        return number

    return cast


def add_commands(sub) -> None:
    p = sub.add_parser("demo", help="installeer de voorbeelddatabase (SQLite), maak demo-accounts en start de webapplicatie")
    p.add_argument("--no-serve", action="store_true", help="alleen voorbereiden, niet starten")
    p.add_argument("--port", type=port_number, default=8000, help="poort (standaard 8000)")
    p.add_argument("--host", default="127.0.0.1", help="adres (standaard 127.0.0.1)")
    p.add_argument("--force-demo-accounts", action="store_true",
                   help="maak de demo-accounts ook als de database andere gebruikers heeft (openbaar wachtwoord!)")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("serve", help="start de webapplicatie voor productie (gunicorn, meerdere processen; migreert niet)")
    p.add_argument("--port", type=port_number, default=8000)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--processes", type=positive("processen", 64), default=None, metavar="N",
                   help="aantal webprocessen (standaard REGIOKOMPAS_WEB_PROCESSES, anders 2)")
    p.add_argument("--threads", type=positive("threads", 64), default=None, metavar="N",
                   help="threads per proces (standaard REGIOKOMPAS_WEB_THREADS, anders 4)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("migrate", help="werk de database bij (eenmalig bij installatie en na elke upgrade)")
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("collectstatic", help="zet de statische bestanden (met hash in de naam) klaar in de datamap")
    p.set_defaults(func=cmd_collectstatic)

    p = sub.add_parser("load-example", help="laad het voorbeelddossier regio Alkmaar")
    p.add_argument("--accounts", action="store_true",
                   help="maak ook de demo-accounts aan (alleen in een demonstratie met een lege of demodatabase)")
    p.add_argument("--force-demo-accounts", action="store_true",
                   help="met --accounts: maak of herstel de demo-accounts toch, ook buiten een demonstratie (openbaar wachtwoord!)")
    p.set_defaults(func=cmd_load_example)

    p = sub.add_parser("load-municipalities", help="zet alle huidige en voormalige CBS-gemeenten in het register (bijwerken op CBS-code)")
    p.set_defaults(func=cmd_load_municipalities)

    p = sub.add_parser("export", help="exporteer het dossier van een traject als JSON")
    p.add_argument("--trajectory", required=True, metavar="SLUG", help="korte naam van het traject")
    p.add_argument("-o", "--output", required=True, metavar="BESTAND.json")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import-dossier", help="importeer een dossier (JSON); maakt de database aan als die nog niet bestaat")
    p.add_argument("file", metavar="BESTAND.json")
    p.set_defaults(func=cmd_import_dossier)

    p = sub.add_parser("check", help="controleer instellingen, database en migraties")
    p.add_argument("--deploy", action="store_true", help="ook de controles voor productie")
    p.add_argument("--settings", action="store_true", help="toon alle instellingen uit de omgeving met hun waarde")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("unlock", help="hef een blokkade na te veel mislukte inlogpogingen op")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("username", nargs="?", metavar="GEBRUIKERSNAAM", help="gebruikersnaam waarvan de blokkade wordt opgeheven")
    target.add_argument("--ip", metavar="ADRES", help="IP-adres waarvan de blokkade wordt opgeheven")
    p.set_defaults(func=cmd_unlock)

    p = sub.add_parser("manage", help="Django-beheeropdrachten (bijv. createsuperuser)", add_help=False)
    p.add_argument("args", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_manage)


def _migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def _collectstatic() -> None:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def waitress_options() -> dict:
    """waitress' options from the settings: no product name in the Server header, and the forwarded
    headers (scheme, client address, host) believed only from the trusted proxy, removed otherwise."""
    from django.conf import settings

    options = {"ident": "", "clear_untrusted_proxy_headers": True}
    proxies = settings.TRUSTED_PROXIES
    if len(proxies) > 1:
        raise CommandError(
            f"TRUSTED_PROXIES noemt {len(proxies)} adressen ({', '.join(proxies)}); 'regiokompas demo' (waitress) "
            "vertrouwt één proxyadres. Laat de proxy's achter elkaar doorsturen naar één adres, of geef '*' als "
            "de webserver alleen via de proxy bereikbaar is."
        )
    if proxies:
        options["trusted_proxy"] = proxies[0]
        options["trusted_proxy_headers"] = set(settings.TRUSTED_PROXY_HEADERS) or {"x-forwarded-proto"}
    return options


def _serve(host: str, port: int) -> int:
    import socket

    from waitress import serve

    from regiokompas.wsgi import application

    options = waitress_options()

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise CommandError(
                f"Poort {port} op {host} is al in gebruik of niet beschikbaar ({exc.strerror}). "
                "Kies een andere poort met --port."
            ) from exc
    _warm_up_engine()
    _start_worker()
    serve(application, host=host, port=port, threads=8, **options)
    return 0


def _start_worker() -> None:
    """On the embedded default and in the demo the web process runs the task worker itself
    (REGIOKOMPAS_WORKER, regiokompas.jobs.worker); in production `regiokompas worker` does."""
    from regiokompas.jobs.worker import start_in_process

    if start_in_process():
        print("Achtergrondtaken worden in dit proces uitgevoerd.", flush=True)


def _warm_up_engine(quiet: bool = False) -> None:
    """Load (on a fresh installation: compile) the analysis kernels before the first visitor asks
    for an analysis, so recalculating after a preference change is immediate from the start."""
    import time

    from regiokompas.engine import analyse

    start = time.perf_counter()
    if not quiet:
        print("Rekenkern voorbereiden...", end=" ", flush=True)
    problem = {
        "schema": "regiokompas.problem/1",
        "alternatives": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "criteria": [{"id": "x", "name": "X", "scale": [0, 1], "direction": "higher"},
                     {"id": "y", "name": "Y", "scale": [0, 1], "direction": "higher"}],
        "measurements": {"a": {"x": {"type": "pert", "low": 0, "mode": 0.5, "high": 1}, "y": {"type": "exact", "value": 0.2}},
                         "b": {"x": {"type": "uniform", "low": 0, "high": 1}, "y": {"type": "exact", "value": 0.6}}},
        "stakeholders": [{"id": "s", "name": "S", "statements": [{"type": "ratio", "numerator": "x", "denominator": "y",
                                                                  "min": 0.5, "max": 2.0}]}],
    }
    analyse(problem, samples=200, seed=0)
    if not quiet:
        print(f"klaar ({time.perf_counter() - start:.1f} s).", flush=True)


def cmd_demo(args) -> int:
    # A local demonstration over plain http, but without DEBUG: errors show the Dutch error pages.
    os.environ.setdefault("REGIOKOMPAS_SECURE", "false")
    os.environ.setdefault("REGIOKOMPAS_WORKER", "in-process")  # two commands: no separate worker in a demo
    os.environ.setdefault("REGIOKOMPAS_LOG_FORMAT", "text")  # read by a person in the terminal
    os.environ.setdefault("REGIOKOMPAS_ACCESS_LOG", "false")
    setup_django(debug=False)
    from django.conf import settings

    from regiokompas.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, create_demo_accounts
    from regiokompas.examples import loader

    _refuse_demo_accounts(in_demo=True, force=args.force_demo_accounts)
    _migrate()
    outcomes = _load_example(loader)
    create_demo_accounts()  # after the import: the accounts become members of the example trajectories
    _collectstatic()
    print(f"Datamap: {settings.DATA_DIR}")
    _print_example(outcomes)
    print(f"Demo-accounts (wachtwoord '{DEMO_PASSWORD}'): " + ", ".join(a[0] for a in DEMO_ACCOUNTS))
    if args.no_serve:
        return 0
    print(f"Regiokompas draait op http://{args.host}:{args.port}/  (stoppen met Ctrl+C)", flush=True)
    return _serve(args.host, args.port)


def cmd_serve(args) -> int:
    from regiokompas.conf.config import as_int, config
    from regiokompas.ops import server

    processes = args.processes or config(
        "REGIOKOMPAS_WEB_PROCESSES", 2, cast=as_int(1, 64), help="Aantal webprocessen van 'regiokompas serve'.")
    threads = args.threads or config(
        "REGIOKOMPAS_WEB_THREADS", 4, cast=as_int(1, 64), help="Threads per webproces van 'regiokompas serve'.")
    timeout = config("REGIOKOMPAS_WEB_TIMEOUT", 120, cast=as_int(10, 3600),
                     help="Seconden waarna een webproces dat niet meer reageert opnieuw wordt gestart.")
    return server.serve(args.host, args.port, processes, threads, timeout)


def cmd_migrate(args) -> int:
    setup_django()
    _migrate(verbosity=1)
    return 0


def cmd_collectstatic(args) -> int:
    setup_django()
    from django.conf import settings

    _collectstatic()
    print(f"Statische bestanden klaargezet in {settings.STATIC_ROOT}.")
    return 0


def cmd_load_example(args) -> int:
    setup_django()
    from django.conf import settings

    from regiokompas.examples import loader

    if args.force_demo_accounts and not args.accounts:
        raise CommandError("--force-demo-accounts hoort bij --accounts; er is niets gewijzigd.")
    if args.accounts:
        _refuse_demo_accounts(in_demo=not settings.SECURE, force=args.force_demo_accounts)
    _migrate()
    _print_example(_load_example(loader))
    if args.accounts:
        from regiokompas.accounts.demo import create_demo_accounts

        print("Demo-accounts: " + ", ".join(create_demo_accounts()))
    return 0


def _load_example(loader):
    """Import the example dossier files (as import-dossier does); trajectories that exist are skipped."""
    from regiokompas.register.errors import RegisterError

    try:
        return loader.load_example()
    except RegisterError as exc:
        raise CommandError(f"Het voorbeelddossier kan niet worden geladen: {exc.message} Er is niets gewijzigd.") from exc


def _print_example(outcomes) -> None:
    if all(outcome.loaded for outcome in outcomes):
        print("Voorbeelddossier regio Alkmaar geladen (" + ", ".join(o.slug for o in outcomes) + ").")
    elif not any(outcome.loaded for outcome in outcomes):
        print("Voorbeelddossier regio Alkmaar was al geladen; niets gewijzigd.")
    else:
        print("Voorbeelddossier regio Alkmaar:")
        for outcome in outcomes:
            print(f"  {outcome.message}")


def _refuse_demo_accounts(*, in_demo: bool, force: bool) -> None:
    """Stop, before anything is written, when demo accounts (public password) do not belong here."""
    from regiokompas.accounts.demo import demo_accounts_refusal

    if force:
        return
    reason = demo_accounts_refusal(in_demo=in_demo)
    if reason:
        raise CommandError(
            f"{reason} Er is niets gewijzigd. Wilt u dit toch, geef dan ook --force-demo-accounts "
            "(iedereen die het demowachtwoord kent, kan dan als beheerder inloggen)."
        )


def cmd_load_municipalities(args) -> int:
    setup_django()
    from regiokompas.register.municipalities import load_municipalities

    _migrate()  # the migration loads the list too; running the command again updates by CBS code
    print(load_municipalities().summary())
    return 0


def cmd_export(args) -> int:
    setup_django()
    from regiokompas.register.dossier import dossier_json
    from regiokompas.register.errors import RegisterError
    from regiokompas.register.models import Trajectory

    _require_migrated()
    trajectory = Trajectory.objects.filter(slug=args.trajectory).first()
    if trajectory is None:
        known = ", ".join(Trajectory.objects.values_list("slug", flat=True)) or "geen"
        raise CommandError(f"Traject '{args.trajectory}' bestaat niet. Bekende trajecten: {known}.")
    out = Path(args.output)
    if not out.parent.exists():
        raise CommandError(f"Map '{out.parent}' bestaat niet.")
    try:
        text = dossier_json(trajectory)
    except RegisterError as exc:
        raise CommandError(exc.message) from exc
    out.write_text(text, encoding="utf-8")
    total = sum(len(rows) for rows in json.loads(text)["objects"].values())
    print(f"Dossier '{trajectory.slug}' geëxporteerd naar {out} ({total} objecten).")
    return 0


def cmd_import_dossier(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise CommandError(f"Bestand '{path}' bestaat niet.")
    from regiokompas.conf import limits

    try:
        with path.open("rb") as fh:
            data = limits.loads(fh.read(limits.limit("REGIOKOMPAS_MAX_JSON_BYTES") + 1), what=f"'{path}'")
    except OSError as exc:
        raise CommandError(f"'{path}' kan niet worden gelezen ({exc.__class__.__name__}).") from None
    except limits.JSONLimitError as exc:
        raise CommandError(f"{exc} Er is niets gewijzigd.") from None
    setup_django()
    _migrate()
    from regiokompas.accounts.actors import SystemActor
    from regiokompas.register.dossier import import_dossier
    from regiokompas.register.errors import RegisterError

    try:
        trajectory = import_dossier(SystemActor("import-dossier"), data)
    except RegisterError as exc:
        raise CommandError(f"{exc.message} Er is niets gewijzigd.") from exc
    print(f"Dossier '{trajectory.slug}' geïmporteerd: {trajectory.name}.")
    return 0


def cmd_check(args) -> int:
    setup_django()
    from django.conf import settings
    from django.db import connection

    from regiokompas.conf import checks
    from regiokompas.ops.server import pending_migrations

    if args.settings:
        _print_settings()
    print(f"Datamap:   {settings.DATA_DIR}")
    print(f"Database:  {connection.vendor} ({settings.DATABASES['default']['NAME']})")
    pending = pending_migrations()
    print(f"Migraties: {'bijgewerkt' if not pending else f'{len(pending)} nog uit te voeren (regiokompas manage migrate)'}")
    findings = checks.run(deploy=args.deploy)
    kind = "Controles voor productie" if args.deploy else "Controles"
    if not findings:
        print(f"{kind}: geen problemen gevonden.")
    else:
        print(f"{kind}: {len(findings)} {'probleem' if len(findings) == 1 else 'problemen'} gevonden:")
        for finding in findings:
            print(f"  - {checks.dutch_message(finding)}")
    return 0 if not pending and not findings else 1


def _print_settings() -> None:
    from regiokompas.conf.config import REGISTRY

    print("Instellingen (uit de omgeving of de standaardwaarde):")
    for name in sorted(REGISTRY):
        setting = REGISTRY[name]
        if name in os.environ:
            value = "(gezet, verborgen)" if name in {"SECRET_KEY", "DATABASE_URL", "EMAIL_HOST_PASSWORD"} else os.environ[name]
        else:
            value = f"standaard: {setting.default!r}" if name != "SECRET_KEY" else "standaard: gegenereerd in de datamap"
        print(f"  {name:<24} {value}")
        print(f"  {'':<24} {setting.help}")
    print()


def cmd_unlock(args) -> int:
    import ipaddress

    if args.ip is not None:
        try:
            address = str(ipaddress.ip_address(args.ip.strip()))
        except ValueError:
            raise CommandError(f"'{args.ip}' is geen IP-adres (bijvoorbeeld 192.0.2.10 of 2001:db8::1).") from None
    else:
        address = None
        if not args.username.strip():
            raise CommandError("Geef een gebruikersnaam of --ip ADRES.")
    setup_django()
    from axes.utils import reset
    from django.db import connection, transaction

    if "axes_accessattempt" not in connection.introspection.table_names():
        raise CommandError("De database is nog niet ingericht (regiokompas manage migrate); er is niets om op te heffen.")

    from regiokompas.accounts.actors import SystemActor
    from regiokompas.audit import log as audit

    with transaction.atomic():
        if address:
            removed = reset(ip=address)
            what = f"het adres {address}"
        else:
            removed = reset(username=args.username)
            what = f"de gebruikersnaam '{args.username}'"
        if removed:
            audit.record(
                SystemActor("regiokompas unlock"), "login.unlock", None, object_type="axes.AccessAttempt",
                object_repr=address or args.username,
                after={"ip_address": address, "username": None if address else args.username, "attempts_removed": removed},
            )
    if removed:
        print(f"Blokkade opgeheven voor {what} ({removed} geregistreerde mislukte pogingen verwijderd).")
    else:
        print(f"Er was geen blokkade of mislukte inlogpoging geregistreerd voor {what}; er is niets gewijzigd.")
    return 0


def cmd_manage(args) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["regiokompas manage", *args.args])
    return 0


def _require_migrated() -> None:
    from django.db import connection

    if "register_trajectory" not in connection.introspection.table_names():
        raise CommandError("De database is nog leeg; voer eerst 'regiokompas load-example' of 'regiokompas import-dossier' uit.")


