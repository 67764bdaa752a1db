from regiokompas.register.errors import PermissionDenied, RegisterError


class FinanceError(RegisterError):
    """A finance input or change was refused. ``message`` is Dutch and shown to the user as is."""


__all__ = ["FinanceError", "PermissionDenied", "RegisterError"]
