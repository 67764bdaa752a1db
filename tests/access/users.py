"""Users with a role, an organisation and trajectory memberships, for the access tests."""

from __future__ import annotations

from regiokompas.accounts.actors import SystemActor
from regiokompas.accounts.models import Profile, UserRole

SETUP = SystemActor("toegangstest")


def make_user(username, role, *, municipality=None, organisation=None, trajectories=(), superuser=False):
    """A user with a profile; membership goes through the service (as the set-up pages will)."""
    from django.contrib.auth import get_user_model

    from regiokompas.accounts.services import set_membership

    user = get_user_model().objects.create_user(username=username, password="x", first_name=username,
                                                is_staff=superuser, is_superuser=superuser)
    profile = Profile.objects.create(user=user, role=role, municipality=municipality, organisation=organisation)
    if trajectories:
        set_membership(SETUP, profile, list(trajectories))
    return user


def fresh(user):
    """The same user without cached rights (as in a new request)."""
    from django.contrib.auth import get_user_model

    if getattr(user, "pk", None) is None:
        return user  # the anonymous user
    return get_user_model().objects.get(pk=user.pk)


__all__ = ["SETUP", "UserRole", "fresh", "make_user"]
