"""Who acts when no person does: the system actor.

Service functions take an ``actor``: a logged-in user, whose rights ``accounts.permissions``
checks, or a :class:`SystemActor` for work the application does on its own behalf (loading the
example dossier, a command on the command line, importing a dossier file). Only a SystemActor
passes the permission checks without a user; a plain string is no actor and is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias, TypeGuard

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


@dataclass(frozen=True)
class SystemActor:
    """The application itself, under a name that the audit log records ."""

    name: str = "systeem"

    # A SystemActor is never a logged-in user: code that asks ``is_authenticated`` or ``pk`` of an
    # actor treats it as no user.
    is_authenticated = False
    pk = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError("Een systeemactor heeft een naam.")

    @property
    def label(self) -> str:
        return self.name

    def __str__(self) -> str:
        return self.label


SYSTEM = SystemActor()
EXAMPLE = SystemActor("voorbeelddossier")
CLI = SystemActor("opdrachtregel")
DOSSIER_IMPORT = SystemActor("dossierimport")
DEMO = SystemActor("demo-accounts")
MIGRATION = SystemActor("migratie")


# What every service function's ``actor`` parameter takes: a (possibly anonymous) user or the
# application itself. Plain strings are not actors.
Actor: TypeAlias = "User | AnonymousUser | SystemActor"


def is_system(actor: object) -> TypeGuard[SystemActor]:
    """True only for an explicit :class:`SystemActor`: the one test of "is this the application
    itself" (a plain string never is)."""
    return isinstance(actor, SystemActor)
