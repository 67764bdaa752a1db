class RegisterError(Exception):
    """A change to the register was refused. ``message`` is Dutch and shown to the user as is."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


class PermissionDenied(RegisterError):
    def __init__(self, message: str):
        super().__init__(message, code="permission_denied")
