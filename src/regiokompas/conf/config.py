"""The one place where Regiokompas reads its environment.

Every setting is read through :func:`config`, which records the name, default and help
text so that ``regiokompas check --settings`` and docs/configuration.md can list them all.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_UNSET = object()


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


REGISTRY: dict[str, Setting] = {}


class ConfigError(ValueError):
    """A setting in the environment has a value that cannot be used."""


def as_bool(value: str) -> bool:
    v = value.strip().lower()
    if v in {"1", "true", "yes", "ja", "on"}:
        return True
    if v in {"0", "false", "no", "nee", "off", ""}:
        return False
    raise ConfigError(f"'{value}' is geen ja/nee-waarde (gebruik true of false)")


def as_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def as_int(minimum: int | None = None, maximum: int | None = None) -> Callable[[str], int]:
    """A cast for whole numbers, optionally bounded; the message says what is allowed, in Dutch."""

    def cast(value: str) -> int:
        try:
            number = int(value.strip())
        except ValueError:
            raise ConfigError(f"'{value}' is geen geheel getal") from None
        if minimum is not None and number < minimum:
            raise ConfigError(f"{number} is kleiner dan {minimum}")
        if maximum is not None and number > maximum:
            raise ConfigError(f"{number} is groter dan {maximum}")
        return number

    return cast


def one_of(*allowed: str) -> Callable[[str], list[str]]:
    """A cast for a comma-separated list whose items must each be one of ``allowed``."""

    def cast(value: str) -> list[str]:
        items = [item.lower() for item in as_list(value)]
        unknown = [item for item in items if item not in allowed]
        if unknown:
            raise ConfigError(f"onbekende waarde {', '.join(repr(u) for u in unknown)}; toegestaan: {', '.join(allowed)}")
        return items

    return cast


def config(name: str, default: Any = _UNSET, *, cast: Callable[[str], Any] = str, help: str = "") -> Any:
    """Read ``name`` from the environment, cast it, or fall back to ``default``.

    A setting without a default is required: its absence raises :class:`ConfigError`.
    """
    REGISTRY[name] = Setting(name, None if default is _UNSET else default, help)
    raw = os.environ.get(name)
    if raw is None:
        if default is _UNSET:
            raise ConfigError(f"De instelling {name} ontbreekt in de omgeving: {help}")
        return default
    try:
        return cast(raw)
    except ConfigError as exc:
        raise ConfigError(f"{name}: {exc}") from exc
    except (TypeError, ValueError):
        raise ConfigError(f"{name} heeft een ongeldige waarde '{raw}'.") from None


def data_dir() -> Path:
    """The folder holding the SQLite database, uploaded files and the generated secret key."""
    path = config(
        "REGIOKOMPAS_DATA_DIR",
        str(Path.cwd() / "data"),
        help="Map voor de SQLite-database, geüploade bestanden en de gegenereerde geheime sleutel.",
    )
    return Path(path).expanduser().resolve()


def persistent_secret_key(folder: Path) -> str:
    """A random key generated once per data folder, so no secret is ever hard-coded."""
    folder.mkdir(parents=True, exist_ok=True)
    key_file = folder / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_urlsafe(64)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key
