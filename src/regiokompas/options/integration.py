"""Hooks into the register: trajectory panels, dossier export/import, example extension."""

from __future__ import annotations


def install() -> None:
    """Called from OptionsConfig.ready(); later steps add panels, dossier specs and the example."""
