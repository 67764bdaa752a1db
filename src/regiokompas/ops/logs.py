"""Logs as JSON lines on stdout: one line per request (request id, user id, method, path, status,
duration) and every other log record with the request id of the request it belongs to.

``django.request`` logs each server error (status 500) with its traceback (``exc_info``).
The same configuration serves Django (settings.LOGGING) and gunicorn (its ``logconfig_dict``).
"""

from __future__ import annotations

import contextvars
import logging
import sys

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
user_id: contextvars.ContextVar[int | None] = contextvars.ContextVar("user_id", default=None)

ACCESS_LOGGER = "regiokompas.request"


class RequestContextFilter(logging.Filter):
    """Adds the request id (and the user id, once known) of the current request to a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        if not hasattr(record, "user_id"):
            record.user_id = user_id.get()
        if hasattr(record, "request") and not isinstance(record.request, str | int | float | type(None)):
            del record.request  # django.request passes the request object; it is not JSON
        return True


class StdoutHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stdout`` is when a record is written, not to the stream that was
    stdout when logging was configured: a stdout replaced later (a test's capture, a server that
    re-opens its streams) is followed instead of writing to a closed file. ``stream`` may be set
    to a fixed stream; setting it to None follows ``sys.stdout`` again."""

    def __init__(self) -> None:
        self._fixed: object | None = None
        super().__init__()

    @property  # type: ignore[override]
    def stream(self):  # noqa: ANN201
        return self._fixed if self._fixed is not None else sys.stdout

    @stream.setter
    def stream(self, value) -> None:  # noqa: ANN001
        self._fixed = None if value is sys.stdout or value is sys.stderr else value


def logging_config(*, fmt: str = "json", audit_level: str = "WARNING", access_log: bool = True) -> dict:
    formatter = (
        {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",  # ISO 8601, UTC
        }
        if fmt == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request": {"()": "regiokompas.ops.logs.RequestContextFilter"}},
        "formatters": {"main": formatter},
        "handlers": {
            "stdout": {
                "()": "regiokompas.ops.logs.StdoutHandler",
                "formatter": "main",
                "filters": ["request"],
            }
        },
        "root": {"handlers": ["stdout"], "level": "WARNING"},
        "loggers": {
            "django": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
            "django.request": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
            "django.server": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
            ACCESS_LOGGER: {"handlers": ["stdout"], "level": "INFO" if access_log else "WARNING", "propagate": False},
            "regiokompas.audit": {"handlers": ["stdout"], "level": audit_level, "propagate": False},
            "regiokompas": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
            "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
            # the access log is written by RequestLogMiddleware, which knows the user and the request id
            "gunicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
    }
