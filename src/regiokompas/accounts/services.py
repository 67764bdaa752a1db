"""Changes to users' rights go through functions here: validate, one transaction, write, audit row."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction

from regiokompas.accounts import permissions
from regiokompas.accounts.actors import Actor
from regiokompas.accounts.models import Profile
from regiokompas.audit import log as audit
from regiokompas.audit.context import audited_by_service
from regiokompas.register.errors import PermissionDenied, RegisterError

if TYPE_CHECKING:
    from regiokompas.register.models import Trajectory


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
