"""Loads the regio Alkmaar example: its dossier files, through the same import that users use
(``register.dossier.import_dossier``, as ``regiokompas import-dossier`` does). A trajectory that
exists already is left as it is, so loading twice changes nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

from django.db import transaction

from regiokompas.accounts.actors import EXAMPLE
from regiokompas.examples import DOSSIER_FILES


@dataclass(frozen=True)
class Outcome:
    slug: str
    name: str
    loaded: bool  # False: the trajectory existed already and was left as it is

    @property
    def message(self) -> str:
        if self.loaded:
            return f"Traject '{self.slug}' ({self.name}) geladen."
        return f"Traject '{self.slug}' bestaat al; overgeslagen, niets gewijzigd."


def dossier(name: str) -> dict:
    """One example dossier file, as the importer reads it."""
    text = (resources.files("regiokompas.examples") / name).read_text(encoding="utf-8")
    return json.loads(text)


@transaction.atomic
def load_example() -> list[Outcome]:
    """Import every example dossier whose trajectory is not in the database yet, in one transaction."""
    from regiokompas.register.dossier import import_dossier
    from regiokompas.register.models import Trajectory

    outcomes = []
    for name in DOSSIER_FILES:
        data = dossier(name)
        existing = Trajectory.objects.filter(slug=data.get("trajectory")).first()
        if existing is not None:
            outcomes.append(Outcome(existing.slug, existing.name, loaded=False))
            continue
        trajectory = import_dossier(EXAMPLE, data)
        outcomes.append(Outcome(trajectory.slug, trajectory.name, loaded=True))
    return outcomes


def load_all_if_missing() -> bool:
    """Load what is missing of the example; True if anything was loaded."""
    return any(outcome.loaded for outcome in load_example())
