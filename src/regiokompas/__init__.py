"""Regiokompas: regional cooperation trajectories of Dutch municipalities, well founded."""

__version__ = "0.1.0"
