"""The options rules live in ``regiokompas.accounts.permissions``; kept here for existing imports."""

from regiokompas.accounts.permissions import (  # noqa: F401
    can_edit_preferences,
    can_manage_options,
    can_run_analysis,
    can_see_analysis,
    is_system,
)
