"""Checks on a dossier (``regiokompas.dossier/1``) before anything of it is written.

:func:`check_dossier` looks at the whole document first — JSON depth and number range, the shape
(objects per kind, rows with a key), the type of every value against its model field, references,
file names and file contents — so that a malformed dossier is refused with one Dutch message that
names the object and field, and the import itself only meets data of the right types.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import contextvars
import datetime as dt
import decimal
import functools
import math
import re

from django.db import models

from regiokompas.conf import limits
from regiokompas.register.errors import RegisterError

KEY = re.compile(r"^[a-z_]{1,50}:[0-9]{1,9}$")
# A file name as a dossier carries it: one name, no folder, no control characters.
FILE_NAME = re.compile(r"^(?!\.)[^/\\\x00-\x1f\x7f:*?\"<>|]{1,200}$")
INT_RANGES = {
    models.SmallIntegerField: (-(2**15), 2**15 - 1),
    models.PositiveSmallIntegerField: (0, 2**15 - 1),
    models.PositiveIntegerField: (0, 2**31 - 1),
    models.PositiveBigIntegerField: (0, 2**63 - 1),
    models.BigIntegerField: (-(2**63), 2**63 - 1),
    models.IntegerField: (-(2**31), 2**31 - 1),
}


def _int_range(field: models.Field) -> tuple[int, int]:
    for cls in type(field).__mro__:
        if cls in INT_RANGES:
            return INT_RANGES[cls]
    return INT_RANGES[models.IntegerField]


def _label(field: models.Field) -> str:
    return str(field.verbose_name)


def _show(value) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "..."


def _check_file(key: str, field: models.Field, raw) -> str | None:
    if not isinstance(raw, dict):
        return f"{_label(field)} moet een object met 'name' en 'base64' zijn"
    name, payload = raw.get("name", "bestand"), raw.get("base64")
    if not isinstance(name, str) or not FILE_NAME.match(name) or name.strip(". ") == "":
        return (f"de bestandsnaam '{_show(name)}' is ongeldig: alleen een naam zonder map of bijzondere tekens "
                "(bijvoorbeeld raadsmemo.pdf)")
    if not isinstance(payload, str):
        return f"{_label(field)} mist de inhoud ('base64')"
    max_bytes = limits.limit("REGIOKOMPAS_MAX_UPLOAD_BYTES")
    if len(payload) > (max_bytes * 4) // 3 + 4:
        return f"het bestand {name} is groter dan {limits.nl_bytes(max_bytes)} (REGIOKOMPAS_MAX_UPLOAD_BYTES)"
    try:
        base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        return f"de inhoud van bestand {name} is geen geldige base64"
    return None


def _check_scalar(field: models.Field, raw) -> str | None:
    """None when ``raw`` fits ``field``, else what is wrong (Dutch)."""
    if raw is None or isinstance(field, models.JSONField):
        return None
    for field_type, check in _SCALAR_CHECKS:
        if isinstance(field, field_type):
            return check(field, raw)
    if isinstance(raw, dict | list):
        return f"{_label(field)} moet een enkele waarde zijn"
    return None


def _check_boolean(field: models.Field, raw) -> str | None:
    return None if isinstance(raw, bool) else f"{_label(field)} moet waar of onwaar (true/false) zijn"


def _check_integer(field: models.Field, raw) -> str | None:
    if isinstance(raw, bool) or not isinstance(raw, int):
        return f"{_label(field)} moet een geheel getal zijn, niet '{_show(raw)}'"
    low, high = _int_range(field)
    if not low <= raw <= high:
        return f"{_label(field)} ({raw}) ligt buiten het bereik {low} tot en met {high}"
    return None


def _check_float(field: models.Field, raw) -> str | None:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        return f"{_label(field)} moet een eindig getal zijn, niet '{_show(raw)}'"
    return None


def _check_decimal(field: models.Field, raw) -> str | None:
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        return f"{_label(field)} moet een bedrag of getal zijn (als tekst, bijvoorbeeld \"12.50\")"
    try:
        value = decimal.Decimal(str(raw))
    except decimal.InvalidOperation:
        return f"'{_show(raw)}' is geen getal voor {_label(field)}"
    if not value.is_finite() or abs(value) > decimal.Decimal(str(limits.MAX_ABS_NUMBER)):
        return f"{_label(field)} moet een eindig getal tussen -10^15 en 10^15 zijn, niet '{_show(raw)}'"
    return None


def _check_date(field: models.Field, raw) -> str | None:
    if not isinstance(raw, str):
        return f"{_label(field)} moet een datum als tekst zijn (JJJJ-MM-DD)"
    try:
        (dt.datetime if isinstance(field, models.DateTimeField) else dt.date).fromisoformat(raw)
    except ValueError:
        return f"'{_show(raw)}' is geen geldige datum voor {_label(field)}"
    return None


def _check_text(field: models.Field, raw) -> str | None:
    return None if isinstance(raw, str) else f"{_label(field)} moet tekst zijn, niet '{_show(raw)}'"


# In this order: a BooleanField is no IntegerField, but a DateTimeField is a DateField.
_SCALAR_CHECKS = (
    (models.BooleanField, _check_boolean),
    (models.IntegerField, _check_integer),
    (models.FloatField, _check_float),
    (models.DecimalField, _check_decimal),
    (models.DateTimeField | models.DateField, _check_date),
    (models.CharField | models.TextField, _check_text),
)


def check_dossier(data, specs, fields) -> None:
    """Refuse a malformed dossier with a Dutch :class:`RegisterError`; writes nothing.

    ``specs`` are the registered ModelSpecs and ``fields(model)`` the fields the dossier carries."""
    if not isinstance(data, dict):
        return  # the caller refuses a document that is not a dossier at all
    try:
        limits.check_value(data, what="Het dossier")
    except limits.JSONLimitError as exc:
        raise RegisterError(f"{exc} Er is niets geïmporteerd.") from None
    objects = data.get("objects")
    if not isinstance(objects, dict):
        return
    slug = data.get("trajectory")
    if not isinstance(slug, str) or not slug.strip():
        raise RegisterError("Het dossier noemt zijn traject niet ('trajectory' moet de korte naam van het traject zijn).")
    _DossierRows(specs, fields).check(objects)
    trajectories = objects.get("trajectory") or []
    if not any(isinstance(row, dict) and row.get("slug") == slug for row in trajectories):
        raise RegisterError(f"Het dossier bevat het traject '{_show(slug)}' niet zelf (geen object in 'trajectory' met die "
                            "korte naam).")


class _DossierRows:
    """The rows of every registered kind: unique well-formed keys, fields of the right type and
    references to objects of the right kind."""

    def __init__(self, specs, fields):
        self.specs = specs
        self.fields = fields
        self.keys: set[str] = set()

    def kinds_for(self, model) -> set[str]:
        """The kinds a reference to ``model`` may name (a subclass too: an execution organisation is
        an organisation)."""
        return {s.kind for s in self.specs if s.model is model or issubclass(s.model, model)}

    def check_reference(self, key: str, label: str, model, ref: str) -> None:
        allowed = self.kinds_for(model)
        if allowed and ref.split(":", 1)[0] not in allowed:
            raise RegisterError(f"Object {key} is ongeldig: de verwijzing {label} ({_show(ref)}) moet naar een object "
                                f"van de soort {' of '.join(sorted(allowed))} wijzen.")

    def check(self, objects: dict) -> None:
        for spec in self.specs:
            rows = objects.get(spec.kind, [])
            if not isinstance(rows, list):
                raise RegisterError(f"Onderdeel '{spec.kind}' moet een lijst zijn.")
            spec_fields = list(self.fields(spec.model))
            for row in rows:
                self.check_row(spec, spec_fields, row)

    def check_row(self, spec, spec_fields: list, row) -> None:
        if not isinstance(row, dict) or not isinstance(row.get("key"), str):
            raise RegisterError(f"Een object in '{spec.kind}' mist zijn sleutel ('key').")
        key = row["key"]
        if not KEY.match(key):
            raise RegisterError(f"Een object in '{spec.kind}' heeft een ongeldige sleutel '{_show(key)}' "
                                f"(verwacht de vorm {spec.kind}:1).")
        if key in self.keys:
            raise RegisterError(f"De sleutel {key} komt meer dan eens voor in het dossier.")
        self.keys.add(key)
        for field in spec_fields:
            problem = self.field_problem(key, field, row.get(field.name))
            if problem:
                raise RegisterError(f"Object {key} is ongeldig: {problem}.")
        for m2m in spec.model._meta.many_to_many:
            raw = row.get(m2m.name)
            if raw is not None and (not isinstance(raw, list) or not all(isinstance(k, str) for k in raw)):
                raise RegisterError(f"Object {key} is ongeldig: {m2m.verbose_name} moet een lijst met sleutels zijn.")
            for ref in raw or []:
                self.check_reference(key, str(m2m.verbose_name), m2m.related_model, ref)

    def field_problem(self, key: str, field, raw) -> str | None:
        if field.is_relation:
            problem = None if raw is None or isinstance(raw, str) else (
                f"de verwijzing {_label(field)} moet een sleutel als tekst zijn (bijvoorbeeld gate:1)")
            if problem is None and raw is not None:
                self.check_reference(key, _label(field), field.related_model, raw)
            return problem
        if isinstance(field, models.FileField):
            return None if raw is None else _check_file(key, field, raw)
        return _check_scalar(field, raw)


# --- files written during an import that is refused ---------------------------------------------

_SAVED_FILES: contextvars.ContextVar[list | None] = contextvars.ContextVar("dossier_saved_files", default=None)


def track_saved_file(field_file) -> None:
    """Remember a file the import wrote to storage, so a refused import can remove it again."""
    saved = _SAVED_FILES.get()
    if saved is not None and field_file:
        saved.append((field_file.storage, field_file.name))


def removes_files_on_error(func):
    """A refused import leaves no files behind: the database rolls back, and this removes the files
    that were stored on the way (registered with :func:`track_saved_file`)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        token = _SAVED_FILES.set([])
        try:
            return func(*args, **kwargs)
        except BaseException:
            for storage, name in _SAVED_FILES.get() or []:
                with contextlib.suppress(OSError):
                    storage.delete(name)
            raise
        finally:
            _SAVED_FILES.reset(token)

    return wrapper
