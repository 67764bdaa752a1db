"""Loads every example dossier that is not loaded yet. Other apps extend the example through
EXTENSIONS: callables run after the register part, in one transaction."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from regiokompas.examples import alkmaar

EXTENSIONS: list[Callable[[], None]] = []


@transaction.atomic
def load_all_if_missing() -> bool:
    if alkmaar.is_loaded():
        return False
    alkmaar.load()
    for extend in EXTENSIONS:
        extend()
    return True
