"""Demo accounts for the example dossier: one per role, all with the same demo password."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from regiokompas.accounts.actors import DEMO
from regiokompas.accounts.models import Profile, UserRole
from regiokompas.audit import log as audit

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


@transaction.atomic
def create_demo_accounts() -> list[str]:
    """Create (or reset) the demo accounts. Returns the usernames."""
    from regiokompas.accounts.services import set_membership
    from regiokompas.examples.alkmaar import SLUG_2012, SLUG_2019
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
        if created:
            audit.record(DEMO, "user.create", user, after={"username": username, "role": role})
        # every demo account takes part in the example trajectories
        set_membership(DEMO, profile, list(Trajectory.objects.filter(slug__in=example_slugs)),
                       reason="demo-account neemt deel aan de voorbeeldtrajecten")
        names.append(username)
    return names
