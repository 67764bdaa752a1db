"""Errors of the cost computation. Messages are Dutch and meant for the user as they are."""

from __future__ import annotations


class CostError(ValueError):
    """Invalid cost input. ``errors`` lists ``{"key": message_key, "message": Dutch text, "path": where}``."""

    def __init__(self, errors: list[dict] | str):
        if isinstance(errors, str):
            errors = [{"key": "invalid", "message": errors, "path": ""}]
        self.errors = errors
        super().__init__("; ".join(e["message"] for e in errors))

    @property
    def message(self) -> str:
        return str(self)
