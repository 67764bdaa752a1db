"""Resource limits for every parser and every analysis, in one place (docs/configuration.md).

Each limit is an environment setting read through :func:`regiokompas.conf.config.config`, so
``regiokompas check --settings`` lists it. Inside the web application (and the tests) the same
names are Django settings (``conf/settings.py`` copies them), so a test lowers a limit with
``override_settings`` or pytest-django's ``settings`` fixture. This module never imports Django:
the engine reads its limits here too and must start without it.

The module also holds the strict JSON reader every importer uses: no NaN or Infinity, no numbers
out of range, no nesting deeper than the limit, and a Dutch message for each refusal.
"""

from __future__ import annotations

import json
import math
import numbers
import sys
from dataclasses import dataclass

from regiokompas.conf.config import ConfigError, config

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    name: str
    default: int
    help: str


LIMITS: dict[str, Limit] = {
    limit.name: limit
    for limit in (
        # --- document import (.txt, .docx, .pdf) ---------------------------------------------------
        Limit("REGIOKOMPAS_MAX_UPLOAD_BYTES", 20 * MiB, "Grootste bestand dat kan worden ingelezen (bytes)."),
        Limit("REGIOKOMPAS_MAX_DOCUMENT_CHARS", 2_000_000,
              "Meeste tekens tekst in één ingelezen document (.txt, .docx, .pdf), en in elk deel van een Word-bestand."),
        Limit("REGIOKOMPAS_MAX_DOCX_MEMBERS", 1_000, "Meeste onderdelen (zip-bestanden) in een Word-bestand."),
        Limit("REGIOKOMPAS_MAX_DOCX_PART_BYTES", 32 * MiB,
              "Grootste uitgepakte omvang van één onderdeel van een Word-bestand (bytes), gemeten tijdens het uitpakken."),
        Limit("REGIOKOMPAS_MAX_DOCX_XML_CHARS", 16_000_000,
              "Meeste tekens in één XML-deel van een Word-bestand (document.xml, styles.xml, kop- en voetteksten, nummering, ...)."),
        Limit("REGIOKOMPAS_MAX_DOCX_TOTAL_BYTES", 96 * MiB,
              "Grootste uitgepakte omvang van alle onderdelen van een Word-bestand samen (bytes)."),
        Limit("REGIOKOMPAS_MAX_PDF_PAGES", 300, "Meeste pagina's van een pdf-bestand dat kan worden ingelezen."),
        # --- house style of generated documents -------------------------------------------------------
        Limit("REGIOKOMPAS_MAX_LOGO_BYTES", 1 * MiB, "Grootste logobestand voor de huisstijl van documenten (bytes)."),
        # --- JSON files (problem, dossier, cost model) ---------------------------------------------
        Limit("REGIOKOMPAS_MAX_JSON_BYTES", 256 * MiB, "Grootste JSON-bestand (probleem, dossier, kostenmodel) in bytes."),
        Limit("REGIOKOMPAS_MAX_JSON_DEPTH", 32, "Diepste nesting van lijsten en objecten in een JSON-bestand."),
        # --- analysis (regiokompas.problem/1) ------------------------------------------------------
        Limit("REGIOKOMPAS_MAX_ALTERNATIVES", 100, "Meeste alternatieven (varianten) in één analyse."),
        Limit("REGIOKOMPAS_MAX_CRITERIA", 50, "Meeste criteria in één analyse."),
        Limit("REGIOKOMPAS_MAX_STAKEHOLDERS", 400, "Meeste belanghebbenden (gemeenten) in één analyse."),
        Limit("REGIOKOMPAS_MAX_STATEMENTS", 2_000, "Meeste voorkeursuitspraken in één analyse, alle belanghebbenden samen."),
        Limit("REGIOKOMPAS_MAX_SAMPLES", 10_000_000, "Meeste trekkingen in één analyse."),
        Limit("REGIOKOMPAS_MAX_ANALYSIS_CELLS", 1_000_000_000,
              "Grootste probleem: alternatieven × criteria × trekkingen in één analyse."),
        # --- search (/zoeken/) ---------------------------------------------------------------------
        Limit("REGIOKOMPAS_MAX_SEARCH_CHARS", 200, "Langste zoekvraag op /zoeken/ (tekens)."),
        # --- cost model (regiokompas.costs/1) ------------------------------------------------------
        Limit("REGIOKOMPAS_MAX_COST_MUNICIPALITIES", 400, "Meeste gemeenten in een kostenmodel."),
        Limit("REGIOKOMPAS_MAX_COST_YEARS", 50, "Langste looptijd van een kostenmodel in jaren."),
        Limit("REGIOKOMPAS_MAX_COST_ITEMS", 2_000, "Meeste kostenposten in een kostenmodel, alle varianten samen."),
        Limit("REGIOKOMPAS_MAX_COST_DRAWS", 1_000_000, "Meeste trekkingen in een kostenberekening."),
        Limit("REGIOKOMPAS_MAX_COST_CELLS", 100_000_000,
              "Grootste kostenberekening: trekkingen × (jaren × gemeenten + kostenposten)."),
    )
}

# Numbers in a problem, dossier or cost model: an amount in euros, an inhabitant count or a scale end
# never comes near this; larger values (1e308) only overflow the arithmetic. Whole numbers may use the
# database's 64-bit range (a seed, an identifier), which is still far from overflowing a float.
MAX_ABS_NUMBER = 1e15
MAX_ABS_INTEGER = 2**63 - 1


def _positive_int(value: str) -> int:
    try:
        number = int(value.strip().replace("_", "").replace(".", ""))
    except ValueError:
        raise ConfigError(f"'{value}' is geen positief geheel getal") from None
    if number < 1:
        raise ConfigError(f"'{value}' is geen positief geheel getal")
    return number


def limit(name: str) -> int:
    """The current value of a limit: the Django setting when Django is set up, else the environment."""
    spec = LIMITS[name]
    django_conf = sys.modules.get("django.conf")
    if django_conf is not None:
        settings = django_conf.settings
        if settings.configured and hasattr(settings, name):
            return int(getattr(settings, name))
    return config(name, spec.default, cast=_positive_int, help=spec.help)


def from_environment() -> dict[str, int]:
    """Every limit as read from the environment (for conf/settings.py)."""
    return {name: config(name, spec.default, cast=_positive_int, help=spec.help) for name, spec in LIMITS.items()}


def nl_bytes(number: int) -> str:
    if number >= MiB:
        return f"{number / MiB:.0f} MB"
    if number >= 1024:
        return f"{number / 1024:.0f} kB"
    return f"{number} bytes"


# --- strict JSON --------------------------------------------------------------------------------


class JSONLimitError(ValueError):
    """JSON that is not valid or exceeds a limit; the message is Dutch and names the limit."""


def _refuse_constant(name: str):
    raise JSONLimitError(f"'{name}' is geen geldig getal in JSON; gebruik een eindig getal.")


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or abs(value) > MAX_ABS_NUMBER:
        raise JSONLimitError(f"het getal {text[:40]} is te groot; getallen liggen tussen -10^15 en 10^15.")
    return value


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > 19 or abs(value := int(text)) > MAX_ABS_INTEGER:
        raise JSONLimitError(f"het getal {text[:40]}{'…' if len(text) > 40 else ''} is te groot; "
                             "gehele getallen liggen tussen -2^63 en 2^63.")
    return value


def loads(data: str | bytes, *, what: str = "Het bestand") -> object:
    """Read JSON text strictly. Raises :class:`JSONLimitError` with a Dutch message."""
    max_bytes = limit("REGIOKOMPAS_MAX_JSON_BYTES")
    if len(data) > max_bytes:
        raise JSONLimitError(f"{what} is te groot ({nl_bytes(len(data))}); het maximum is {nl_bytes(max_bytes)} "
                             "(REGIOKOMPAS_MAX_JSON_BYTES).")
    if isinstance(data, bytes | bytearray):
        if data[:3] == b"\xef\xbb\xbf":
            data = data[3:]
        try:
            data = bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            raise JSONLimitError(f"{what} is geen tekstbestand in UTF-8.") from None
    if not data.strip():
        raise JSONLimitError(f"{what} is leeg.")
    try:
        value = json.loads(data, parse_constant=_refuse_constant, parse_float=_parse_float, parse_int=_parse_int)
    except JSONLimitError as exc:
        raise JSONLimitError(f"{what} bevat een ongeldig getal: {exc}") from None
    except json.JSONDecodeError as exc:
        raise JSONLimitError(f"{what} is geen geldige JSON (regel {exc.lineno}, kolom {exc.colno}).") from None
    except RecursionError:
        raise JSONLimitError(f"{what} is te diep genest: meer dan {limit('REGIOKOMPAS_MAX_JSON_DEPTH')} niveaus van "
                             "lijsten en objecten (REGIOKOMPAS_MAX_JSON_DEPTH).") from None
    except ValueError:
        raise JSONLimitError(f"{what} is geen geldige JSON.") from None
    check_value(value, what=what)
    return value


def check_value(value: object, *, what: str = "Het bestand") -> None:
    """The same rules for a value that did not come from text (a dict handed to the engine):
    nesting depth, only JSON types, finite numbers within range. Iterative, so any depth is safe."""
    max_depth = limit("REGIOKOMPAS_MAX_JSON_DEPTH")
    stack: list[tuple[object, int, str]] = [(value, 1, "")]
    while stack:
        item, depth, path = stack.pop()
        where = f" bij {path}" if path else ""
        if isinstance(item, dict | list):
            if depth > max_depth:
                raise JSONLimitError(f"{what} is te diep genest{where}: meer dan {max_depth} niveaus van lijsten en "
                                     "objecten (REGIOKOMPAS_MAX_JSON_DEPTH).")
            if isinstance(item, dict):
                for key, child in item.items():
                    if not isinstance(key, str):
                        raise JSONLimitError(f"{what} heeft een sleutel die geen tekst is{where}.")
                    stack.append((child, depth + 1, f"{path}/{key}" if path else key))
            else:
                for i, child in enumerate(item):
                    stack.append((child, depth + 1, f"{path}/{i}" if path else str(i)))
        elif isinstance(item, bool) or item is None or isinstance(item, str):
            continue
        elif isinstance(item, numbers.Integral):
            if abs(item) > MAX_ABS_INTEGER:
                raise JSONLimitError(f"{what} bevat een te groot getal{where}; gehele getallen liggen tussen -2^63 en 2^63.")
        elif isinstance(item, numbers.Real):
            if not math.isfinite(item):
                raise JSONLimitError(f"{what} bevat een ongeldig getal{where}: NaN en oneindig zijn niet toegestaan.")
            if abs(item) > MAX_ABS_NUMBER:
                raise JSONLimitError(f"{what} bevat een te groot getal{where}; getallen liggen tussen -10^15 en 10^15.")
        else:
            raise JSONLimitError(f"{what} bevat een waarde die geen JSON is{where}.")
