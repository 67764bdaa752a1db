"""Template tags that ask accounts.permissions what the user may set up (no rule lives here)."""

from django import template

from regiokompas.accounts import permissions

register = template.Library()


@register.simple_tag
def can_create_trajectory(user) -> bool:
    return permissions.can_create_trajectory(user)


@register.simple_tag
def can_manage_trajectory(user, trajectory=None) -> bool:
    return permissions.can_manage_trajectory(user, trajectory)


@register.simple_tag
def can_set_up(user) -> bool:
    """The 'Inrichting' menu item: who creates trajectories or manages one."""
    return permissions.can_create_trajectory(user) or permissions.can_manage_trajectory(user)
