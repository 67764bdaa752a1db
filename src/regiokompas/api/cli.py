"""Commands of the API: `regiokompas api-token USERNAME` and `regiokompas openapi -o FILE`."""

from __future__ import annotations

from pathlib import Path

from regiokompas.cli import CommandError, setup_django


def add_commands(sub) -> None:
    p = sub.add_parser("api-token", help="toon het API-token van een gebruiker (wordt de eerste keer aangemaakt)")
    p.add_argument("username", metavar="GEBRUIKERSNAAM")
    p.set_defaults(func=cmd_api_token)

    p = sub.add_parser("openapi", help="schrijf het OpenAPI-document van de REST API (zoals docs/openapi.json)")
    p.add_argument("-o", "--output", required=True, metavar="BESTAND.json", help="uitvoerbestand ('-' voor stdout)")
    p.set_defaults(func=cmd_openapi)


def cmd_api_token(args) -> int:
    setup_django()
    from regiokompas.accounts.actors import CLI
    from regiokompas.api.services import api_token
    from regiokompas.commands import _migrate
    from regiokompas.register.errors import RegisterError

    _migrate()
    try:
        key, _created = api_token(CLI, args.username)
    except RegisterError as exc:
        raise CommandError(exc.message) from exc
    print(key)
    return 0


def cmd_openapi(args) -> int:
    setup_django()
    from regiokompas.api.schema import schema_text

    text = schema_text()
    if args.output == "-":
        print(text, end="")
        return 0
    out = Path(args.output)
    if not out.parent.exists():
        raise CommandError(f"Map '{out.parent}' bestaat niet.")
    out.write_text(text, encoding="utf-8")
    print(f"OpenAPI-document geschreven naar {out}.")
    return 0
