"""The planning app's error: a refused change, with a Dutch message; nothing was saved."""

from regiokompas.register.errors import RegisterError


class PlanningError(RegisterError):
    """A planning change was refused (Dutch message); nothing was saved."""
