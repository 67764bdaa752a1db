"""`regiokompas notify`: the notifications that depend on the date, and the e-mails."""

from __future__ import annotations

from regiokompas.cli import date_option, setup_django


def add_commands(sub) -> None:
    p = sub.add_parser(
        "notify",
        help="meldingen over naderende besluitmomenten en adviestermijnen maken en de e-mails versturen (ook het dagelijks overzicht)",
        description="Maakt elke melding één keer per gebeurtenis en gebruiker; twee keer draaien verstuurt niets nieuws. "
        "Bedoeld voor cron of de takenverwerker, bijvoorbeeld elk uur.",
    )
    p.add_argument("--datum", metavar="JJJJ-MM-DD", help="doe alsof het deze dag is (standaard vandaag)")
    p.set_defaults(func=cmd_notify)


def cmd_notify(args) -> int:
    day = date_option(getattr(args, "datum", None))
    setup_django()
    from regiokompas.commands import _require_migrated
    from regiokompas.notifications import services

    _require_migrated()
    result = services.run_scheduled(day)
    print(f"{result['meldingen']} nieuwe meldingen, {result['direct']} e-mails verstuurd, "
          f"{result['overzichten']} dagelijkse overzichten verstuurd.")
    return 0
