"""Changes to users' rights go through functions here: validate, one transaction, write, audit row."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction

from regiokompas.accounts import permissions
from regiokompas.accounts.actors import Actor
from regiokompas.accounts.models import Profile, UserRole
from regiokompas.audit import log as audit
from regiokompas.audit.context import audited_by_service
from regiokompas.register.errors import PermissionDenied, RegisterError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from regiokompas.register.models import Municipality, Organisation, Trajectory


def _slugs(trajectories: Iterable[Trajectory]) -> list[str]:
    return sorted(t.slug for t in trajectories)


@transaction.atomic
def set_membership(actor: Actor, profile: Profile, trajectories: Iterable, *, reason: str = "") -> Profile:
    """Make ``profile`` a member of exactly ``trajectories``. The beheerder changes any membership;
    a projectleider only adds to or removes from the trajectories she manages herself."""
    from regiokompas.register.models import Trajectory

    wanted = list(dict.fromkeys(trajectories))
    for t in wanted:
        if not isinstance(t, Trajectory) or t.pk is None:
            raise RegisterError("Kies bestaande trajecten.")
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    current = list(profile.trajectories.all())
    added = [t for t in wanted if t not in current]
    removed = [t for t in current if t not in wanted]
    if not added and not removed:
        return profile
    denied = [t for t in added + removed if not permissions.can_manage_users(actor, t)]
    if denied:
        names = ", ".join(f"'{t.name}'" for t in denied)
        raise PermissionDenied(f"U mag de deelname aan {names} niet wijzigen: alleen functioneel beheer of de projectleider van dat traject.")
    before = {"trajectories": _slugs(current)}
    with audited_by_service():
        profile.trajectories.set(wanted)
    after = {"trajectories": _slugs(wanted)}
    audit.record(actor, "profile.membership", profile, before=before, after=after, reason=reason,
                 object_repr=str(profile.user.get_username()))
    permissions.forget_cached_rights(profile.user)
    return profile


@transaction.atomic
def add_creator_membership(actor: Actor, trajectory: Trajectory, *, reason: str = "maker van het traject") -> None:
    """Make the user who created ``trajectory`` its member (she may not manage it before she is one).
    A system actor has no profile and becomes no member."""
    from regiokompas.audit.context import acting_as

    profile = permissions.profile_of(actor)
    if profile is None or profile.trajectories.filter(pk=trajectory.pk).exists():
        return
    before = {"trajectories": _slugs(profile.trajectories.all())}
    with acting_as(actor):
        profile.trajectories.add(trajectory)
    after = {"trajectories": _slugs(profile.trajectories.all())}
    audit.record(actor, "profile.membership", profile, before=before, after=after, reason=reason,
                 object_repr=profile.user.get_username(), trajectory_slug=trajectory.slug)
    permissions.forget_cached_rights(profile.user)


MUNICIPAL_ROLES = {UserRole.BELEIDSMEDEWERKER, UserRole.GRIFFIER, UserRole.RAADSLID}


@dataclass
class NewUser:
    username: str
    role: str
    municipality: Municipality | None = None
    organisation: Organisation | None = None
    trajectories: Sequence = field(default_factory=list)
    first_name: str = ""
    last_name: str = ""
    email: str = ""


def create_user(actor: Actor, data: NewUser) -> User:
    """A new user (without a password: an API token or a password link gives access) with a profile
    and trajectories. The beheerder adds anyone; a projectleider adds users for the municipalities of
    her own trajectories, never a beheerder. The user and profile rows are audited by the account
    signals under ``actor``; the trajectories by :func:`set_membership`."""
    from regiokompas.audit.context import acting_as

    with acting_as(actor), transaction.atomic():
        return _create_user(actor, data)


def _check_new_user(actor: Actor, data: NewUser) -> None:
    if not permissions.can_manage_users(actor):
        raise PermissionDenied("Alleen functioneel beheer en projectleiders beheren gebruikers.")
    if data.role not in UserRole.values:
        raise RegisterError(f"Onbekende rol '{data.role}'.", field="role")
    if data.role == UserRole.BEHEERDER and not permissions.can_change_role(actor):
        raise PermissionDenied("Alleen functioneel beheer geeft beheerrechten.")
    if data.municipality is not None and data.organisation is not None:
        raise RegisterError("Een gebruiker hoort bij een gemeente óf bij een organisatie, niet bij allebei.", field="organisation")
    if data.role in MUNICIPAL_ROLES and data.municipality is None:
        raise RegisterError("Een beleidsmedewerker, griffier of raadslid hoort bij een gemeente; kies de gemeente.", field="municipality")
    if data.role == UserRole.OR_LID and data.organisation is None:
        raise RegisterError("Een lid van een ondernemingsraad hoort bij die ondernemingsraad; kies de organisatie.", field="organisation")
    if data.municipality is not None and data.municipality.valid_to is not None:
        raise RegisterError(f"{data.municipality} bestaat niet meer; kies een bestaande gemeente.", field="municipality")
    if not permissions.can_change_role(actor):
        if not data.trajectories:
            raise RegisterError("Kies ten minste één traject dat u beheert.", field="trajectories")
        for t in data.trajectories:
            if not permissions.can_manage_users(actor, t):
                raise PermissionDenied(f"U beheert het traject '{t}' niet.")
        if data.municipality is not None and not any(
            t.participants.filter(municipality=data.municipality).exists() for t in data.trajectories
        ):
            raise RegisterError(f"{data.municipality} neemt niet deel aan de gekozen trajecten.", field="municipality")


def _create_user(actor: Actor, data: NewUser) -> User:
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError

    User = get_user_model()
    _check_new_user(actor, data)
    username = data.username.strip()
    if not username:
        raise RegisterError("Vul een gebruikersnaam in.", field="username")
    try:
        User._meta.get_field(User.USERNAME_FIELD).run_validators(username)  # type: ignore[union-attr]  # a concrete field
    except ValidationError as exc:
        raise RegisterError(" ".join(exc.messages), field="username") from exc
    if User.objects.filter(username__iexact=username).exists():
        raise RegisterError(f"De gebruikersnaam '{username}' is al in gebruik.", field="username", code="conflict")
    user = User(username=username, first_name=data.first_name.strip(), last_name=data.last_name.strip(), email=data.email.strip())
    user.set_unusable_password()
    user.is_staff = user.is_superuser = data.role == UserRole.BEHEERDER
    user.save()
    profile = Profile.objects.create(user=user, role=data.role, municipality=data.municipality, organisation=data.organisation)
    if data.trajectories:
        set_membership(actor, profile, list(data.trajectories), reason="nieuwe gebruiker")
    return user
