"""Demo accounts for the example dossier: one per role, all with the same demo password.

The password is public (it is in the README), so the accounts — the superuser ``beheer`` among
them — may only be made in a demonstration: :func:`demo_accounts_refusal` says why not otherwise."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from regiokompas.accounts.actors import DEMO
from regiokompas.accounts.models import Profile, UserRole
from regiokompas.audit.context import acting_as

DEMO_PASSWORD = "regiokompas-demo"

# username, full name, role, municipality CBS code, organisation name
DEMO_ACCOUNTS = [
    ("beheer", "Functioneel beheer", UserRole.BEHEERDER, None, None),
    ("projectleider", "Projectleider regio Alkmaar", UserRole.PROJECTLEIDER, None, "Projectorganisatie Sociale Zaken regio Alkmaar"),
    ("bergen", "Beleidsmedewerker Bergen", UserRole.BELEIDSMEDEWERKER, "GM0373", None),
    ("alkmaar", "Beleidsmedewerker Alkmaar", UserRole.BELEIDSMEDEWERKER, "GM0361", None),
    ("griffier-bergen", "Griffier Bergen", UserRole.GRIFFIER, "GM0373", None),
    ("raadslid-bergen", "Raadslid Bergen", UserRole.RAADSLID, "GM0373", None),
    ("or-bergen", "Lid ondernemingsraad Bergen", UserRole.OR_LID, None, "Ondernemingsraad gemeente Bergen"),
]


DEMO_USERNAMES = frozenset(account[0] for account in DEMO_ACCOUNTS)


def demo_accounts_refusal(*, in_demo: bool) -> str | None:
    """Why demo accounts must not be created (or reset) on this database, in Dutch; None if they may.

    They may on a database whose only users are demo accounts (or that has none), in a demonstration
    set-up (``in_demo``). Nothing is written; a database without tables has no users."""
    from django.db import connection

    User = get_user_model()
    others: list[str] = []
    if User._meta.db_table in connection.introspection.table_names():
        others = sorted(User.objects.exclude(username__in=DEMO_USERNAMES).values_list("username", flat=True)[:6])
    if others:
        shown = ", ".join(others[:5]) + (", ..." if len(others) > 5 else "")
        return (
            f"Deze database heeft al andere gebruikers dan de demo-accounts ({shown}). De demo-accounts, "
            f"met de beheerder 'beheer', hebben een openbaar wachtwoord en worden daarom alleen in een "
            f"demodatabase aangemaakt."
        )
    if not in_demo:
        return (
            "Deze installatie is ingesteld voor productie (REGIOKOMPAS_SECURE staat aan). De demo-accounts, "
            "met de beheerder 'beheer', hebben een openbaar wachtwoord en worden alleen in een demonstratie "
            "aangemaakt: gebruik 'regiokompas demo', of zet REGIOKOMPAS_SECURE=false voor een lokale demonstratie."
        )
    return None


@acting_as(DEMO)  # the audit rows of users and profiles (accounts/signals.py) name the demo set-up
@transaction.atomic
def create_demo_accounts() -> list[str]:
    """Create (or reset) the demo accounts. Returns the usernames."""
    from regiokompas.accounts.services import set_membership
    from regiokompas.examples import SLUG_2012, SLUG_2019
    from regiokompas.register.models import Municipality, Organisation, Trajectory

    example_slugs = (SLUG_2012, SLUG_2019)

    User = get_user_model()
    names = []
    for username, full_name, role, code, org_name in DEMO_ACCOUNTS:
        first, _, last = full_name.partition(" ")
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": first, "last_name": last})
        user.set_password(DEMO_PASSWORD)
        user.is_staff = role == UserRole.BEHEERDER
        user.is_superuser = role == UserRole.BEHEERDER
        user.save()
        profile, _ = Profile.objects.update_or_create(
            user=user,
            defaults={
                "role": role,
                "municipality": Municipality.objects.filter(cbs_code=code).first() if code else None,
                "organisation": Organisation.objects.filter(name=org_name).first() if org_name else None,
            },
        )
        # every demo account takes part in the example trajectories
        set_membership(DEMO, profile, list(Trajectory.objects.filter(slug__in=example_slugs)),
                       reason="demo-account neemt deel aan de voorbeeldtrajecten")
        names.append(username)
    return names
