"""`regiokompas worker`: run the queued background tasks (analyses, reports, imports)."""

from __future__ import annotations

from regiokompas.cli import CommandError, setup_django


def add_commands(sub) -> None:
    p = sub.add_parser("worker", help="voer taken uit de wachtrij uit (analyses, rapporten, inlezen); stoppen met Ctrl+C")
    p.add_argument("--batch", action="store_true", help="voer de wachtende taken uit en stop dan")
    p.add_argument("--interval", type=float, default=1.0, metavar="SECONDEN",
                   help="hoe vaak een lege wachtrij opnieuw wordt bekeken (standaard 1)")
    p.set_defaults(func=cmd_worker)


def cmd_worker(args) -> int:
    if not 0 < args.interval <= 3600:
        raise CommandError("--interval moet tussen 0 en 3600 seconden liggen.")
    setup_django()
    from django.core.management import call_command

    from regiokompas.jobs.worker import uses_database_queue

    if not uses_database_queue():
        raise CommandError("De takenwachtrij staat uit (REGIOKOMPAS_TASKS=immediate): taken worden direct uitgevoerd en er "
                           "is geen worker nodig.")
    print("Worker gestart (stoppen met Ctrl+C).", flush=True)
    options = {"interval": args.interval, "reload": False, "startup_delay": False, "verbosity": 1}
    if args.batch:
        options["batch"] = True
    call_command("db_worker", **options)
    return 0
