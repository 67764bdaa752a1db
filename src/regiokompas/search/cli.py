"""`regiokompas reindex`: the search index anew."""

from __future__ import annotations

from regiokompas.cli import setup_django


def add_commands(sub) -> None:
    p = sub.add_parser("reindex", help="de zoekindex opnieuw opbouwen (na een wijziging buiten de applicatie om)",
                       description="Bouwt de zoekindex van /zoeken/ opnieuw op uit het register.")
    p.set_defaults(func=cmd_reindex)


def cmd_reindex(args) -> int:
    setup_django()
    from django.db import transaction

    from regiokompas.commands import _require_migrated
    from regiokompas.search import index

    _require_migrated()
    with transaction.atomic():
        count = index.rebuild()
    print(f"Zoekindex opgebouwd: {count} onderdelen.")
    return 0
