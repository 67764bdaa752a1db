"""Who may do what in the options analysis. Views, forms, CLI and services ask these functions."""

from __future__ import annotations

from regiokompas.accounts import permissions as base
from regiokompas.accounts.models import UserRole


def is_system(actor) -> bool:
    """A string actor is the system itself (example loader, importer, CLI)."""
    return isinstance(actor, str)


def can_manage_options(actor, trajectory=None) -> bool:
    """Variants, criteria and scores: the project organisation and functioneel beheer."""
    return is_system(actor) or base.can_manage_trajectory(actor, trajectory)


def can_edit_preferences(actor, municipality) -> bool:
    """Only a municipality's own policy staff enter that municipality's preferences."""
    if is_system(actor) or getattr(actor, "is_superuser", False):
        return True
    p = base.profile_of(actor)
    return bool(p and p.role == UserRole.BELEIDSMEDEWERKER and p.municipality_id == municipality.pk)


def can_run_analysis(actor, trajectory=None) -> bool:
    if is_system(actor) or can_manage_options(actor, trajectory):
        return True
    return base.role_of(actor) == UserRole.BELEIDSMEDEWERKER
