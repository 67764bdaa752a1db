from regiokompas.register.errors import PermissionDenied, RegisterError


class OptionsError(RegisterError):
    """A change to the options analysis was refused. ``message`` is Dutch and shown as is.

    ``statements`` names the preference statements involved in a conflict (indices in the
    municipality's list, 0-based) so forms can point at them."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid", statements=None, errors=None):
        super().__init__(message, field=field, code=code)
        self.statements = list(statements or [])
        self.errors = list(errors or [])


__all__ = ["OptionsError", "PermissionDenied", "RegisterError"]
