"""The `regiokompas` command. Thin: every subcommand lives with the feature it serves.

Each module in COMMAND_MODULES exposes ``add_commands(subparsers)`` and sets ``func`` on its
parsers; ``func(args) -> int`` is the exit code. Modules that need Django call
:func:`setup_django` themselves, so `regiokompas analyse` starts without it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import sys

COMMAND_MODULES = [
    "regiokompas.commands",          # demo, serve, load-example, export, import-dossier, check
    "regiokompas.options.cli",       # report (onderbouwing keuze uitvoeringsvariant)
    "regiokompas.planning.cli",      # plan (planning als iCalendar, docx of md)
    "regiokompas.engine.cli",        # analyse (SMAA-2 beslisanalyse, zonder Django)
    "regiokompas.finance.cli",       # costs (financiële gevolgen per variant en gemeente)
    "regiokompas.publications.cli",  # publish, import-document (raadsinformatie)
    "regiokompas.api.cli",           # api-token, openapi (REST API)
    "regiokompas.jobs.cli",          # worker (background tasks)
    "regiokompas.register.cli",      # generate-scale-data (illustratieve gegevens op landelijke schaal)
    "regiokompas.search.cli",        # reindex (zoekindex)
    "regiokompas.notifications.cli", # notify (meldingen en e-mail)
]


class CommandError(Exception):
    """A user error on the command line: printed in Dutch, exit code 2, nothing changed."""


def setup_django(*, debug: bool | None = None) -> None:
    if debug is not None:
        os.environ["DEBUG"] = "true" if debug else "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regiokompas.conf.settings")
    import django

    django.setup()


def positive_int(value: str) -> int:
    """An argparse type: a whole number of zero or more."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is geen geheel getal") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"{number} is negatief")
    return number


def date_option(value: str | None, flag: str = "--datum") -> dt.date | None:
    """The date given as ``flag`` (JJJJ-MM-DD), or None when it was not given."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise CommandError(f"{flag} is een datum als JJJJ-MM-DD, niet '{value}'.") from exc


class DutchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # noqa: D401 - argparse API
        self.print_usage(sys.stderr)
        replacements = {
            "the following arguments are required": "deze argumenten zijn verplicht",
            "one of the arguments": "een van de argumenten",
            " is required": " is verplicht",
            "not allowed with argument": "mag niet samen met argument",
            "unrecognized arguments": "onbekende argumenten",
            "invalid int value": "geen geheel getal",
            "invalid choice": "ongeldige keuze",
            "expected one argument": "verwacht één waarde",
            "argument": "argument",
        }
        for en, nl in replacements.items():
            message = message.replace(en, nl)
        self.exit(2, f"{self.prog}: fout: {message}\n")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("regiokompas")
    except PackageNotFoundError:
        return "onbekend (niet geïnstalleerd)"


def build_parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog="regiokompas",
        description="Regiokompas: regionale samenwerkingstrajecten van gemeenten.",
    )
    parser.add_argument("--version", action="version", version=f"regiokompas {_version()}", help="toon de versie")
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=DutchArgumentParser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from regiokompas.conf.config import ConfigError

    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return 2
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # here, where a closed pipe is still caught below, not at interpreter exit
        return code
    except CommandError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    except ConfigError as exc:
        print(f"Fout in de instellingen: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`regiokompas ... | head -1`): stop quietly, as other Unix tools do.
        # Point stdout at /dev/null so that Python's own flush at exit does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except Exception as exc:
        from django.core.exceptions import ImproperlyConfigured

        if isinstance(exc, ImproperlyConfigured):
            print(f"Fout in de instellingen: {exc}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
