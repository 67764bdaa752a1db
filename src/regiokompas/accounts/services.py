"""Changes to users' rights go through functions here: validate, one transaction, write, audit row."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from regiokompas.accounts import permissions
from regiokompas.accounts.models import Profile
from regiokompas.audit import log as audit
from regiokompas.register.errors import PermissionDenied, RegisterError


def _slugs(trajectories) -> list[str]:
    return sorted(t.slug for t in trajectories)


@transaction.atomic
def set_membership(actor, profile: Profile, trajectories: Iterable, *, reason: str = "") -> Profile:
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
    profile.trajectories.set(wanted)
    after = {"trajectories": _slugs(wanted)}
    audit.record(actor, "profile.membership", profile, before=before, after=after, reason=reason,
                 object_repr=str(profile.user.get_username()))
    permissions.forget_cached_rights(profile.user)
    return profile
