"""Pure scheduling of a plan version: the milestones as inputs, their dependency graph (checked
for unknown anchors and cycles with the standard library's :mod:`graphlib`), the order in which
anchors come before their dependents, how a law's new date moves the milestones that hang on it,
and what changed between two versions. No database access: the service functions in
``planning.services`` validate the fields, write and audit.
"""

from __future__ import annotations

import datetime as dt
import graphlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from regiokompas.planning import constants as pc
from regiokompas.planning.errors import PlanningError

if TYPE_CHECKING:
    from regiokompas.register.models import Gate, Law, Municipality


def _is_law(anchor: object) -> bool:
    """A dependency's anchor is a Law, or (a string) the key of another milestone."""
    return not isinstance(anchor, str)


def law_anchor(law: Law, which: str = pc.LawDateField.PLANNED) -> dt.date | None:
    if which == pc.LawDateField.ACTUAL:
        return law.actual_start or law.planned_start
    return law.planned_start


@dataclass
class DependencyInput:
    """Anchor: the key of another milestone in the same version, or a Law."""

    on: str | Law
    offset_days: int = 0
    law_date: str = pc.LawDateField.PLANNED


@dataclass
class MilestoneInput:
    key: str
    title: str
    date: dt.date
    kind: str = pc.MilestoneKind.OTHER
    end_date: dt.date | None = None
    owner: str = ""
    status: str = pc.MilestoneStatus.PLANNED
    gate: Gate | None = None
    municipality: Municipality | None = None
    note: str = ""
    source: str = ""
    illustrative: bool = False
    depends_on: list[DependencyInput] = field(default_factory=list)


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """A cycle in ``edges`` (node -> nodes it depends on) as a list of nodes that starts and ends
    with the same node, or None."""
    try:
        graphlib.TopologicalSorter(edges).prepare()
    except graphlib.CycleError as exc:
        return list(exc.args[1])
    return None


def dependency_graph(items: Sequence[MilestoneInput]) -> dict[str, set[str]]:
    """An empty dependency graph over the milestones' keys; a key used twice is refused."""
    seen: set[str] = set()
    for item in items:
        if item.key in seen:
            raise PlanningError(f"Mijlpaal '{item.key}' komt twee keer voor in dezelfde versie.")
        seen.add(item.key)
    return {item.key: set() for item in items}


def add_dependencies(item: MilestoneInput, edges: dict[str, set[str]]) -> None:
    """Add ``item``'s anchors on other milestones to ``edges``; an unknown or own key is refused."""
    for dep in item.depends_on:
        if isinstance(dep, DependencyInput) and _is_law(dep.on):
            continue
        target = dep.on if isinstance(dep, DependencyInput) else dep
        if target not in edges:
            raise PlanningError(f"'{item.title}' hangt af van onbekende mijlpaal '{target}'.")
        if target == item.key:
            raise PlanningError(f"'{item.title}' kan niet van zichzelf afhangen.")
        edges[item.key].add(target)


def refuse_cycle(items: Sequence[MilestoneInput], edges: dict[str, set[str]]) -> None:
    cycle = find_cycle(edges)
    if cycle:
        titles = {i.key: i.title for i in items}
        raise PlanningError("De afhankelijkheden vormen een kring: " + " → ".join(titles.get(k, k) for k in cycle)
                            + ". Haal één afhankelijkheid weg.")


def diff(old: Sequence[MilestoneInput], new: Sequence[MilestoneInput]) -> list[dict]:
    before = {m.key: m for m in old}
    after = {m.key: m for m in new}
    changes = []
    for key, m in after.items():
        o = before.get(key)
        if o is None:
            changes.append({"key": key, "title": m.title, "change": "toegevoegd", "old": None, "new": m.date.isoformat()})
        elif o.date != m.date:
            changes.append({"key": key, "title": m.title, "change": "verschoven", "old": o.date.isoformat(), "new": m.date.isoformat(),
                            "days": (m.date - o.date).days})
        elif o.status != m.status or o.title != m.title or [(str(d.on), d.offset_days) for d in o.depends_on] != [(str(d.on), d.offset_days) for d in m.depends_on]:
            changes.append({"key": key, "title": m.title, "change": "gewijzigd", "old": o.date.isoformat(), "new": m.date.isoformat()})
    for key, o in before.items():
        if key not in after:
            changes.append({"key": key, "title": o.title, "change": "vervallen", "old": o.date.isoformat(), "new": None})
    return changes


@dataclass
class Shift:
    key: str
    title: str
    municipality: str
    old: dt.date
    new: dt.date
    kept: bool = False  # already done: stays where it is
    via: str = ""

    @property
    def days(self) -> int:
        return (self.new - self.old).days


def _topological(items: Sequence[MilestoneInput]) -> list[MilestoneInput]:
    """Milestones with every anchor before its dependents (the inputs are known to be acyclic)."""
    by_key = {m.key: m for m in items}
    graph = {m.key: {d.on for d in m.depends_on if not _is_law(d.on)} for m in items}
    return [by_key[key] for key in graphlib.TopologicalSorter(graph).static_order()]


def propose_law_shift(items: Sequence[MilestoneInput], law: Law, new_anchor: dt.date,
                      decided: set[str] | None = None) -> list[Shift]:
    """Which milestones depend (directly or through other milestones) on ``law``, and their proposed dates.

    A milestone moves by as much as its latest anchor moves; milestones that are already done or
    dropped, or whose decisions are taken (``decided``), keep their date, and so do the milestones
    that only depend on them. The shifts come in the order of ``items``.
    """
    old_dates = {m.key: m.date for m in items}
    new_dates = dict(old_dates)
    shifts: list[Shift] = []
    affected: set[str] = set()
    for m in _topological(items):
        touches = False
        old_c = new_c = None
        for d in m.depends_on:
            if _is_law(d.on):
                if d.on.pk != law.pk:
                    anchor_old = anchor_new = law_anchor(d.on, d.law_date)
                else:
                    touches = True
                    anchor_old, anchor_new = law_anchor(law, d.law_date), new_anchor
            else:
                touches = touches or d.on in affected
                anchor_old, anchor_new = old_dates[d.on], new_dates[d.on]
            if anchor_new is None:
                continue
            cand_new = anchor_new + dt.timedelta(days=d.offset_days)
            new_c = cand_new if new_c is None or cand_new > new_c else new_c
            if anchor_old is not None:
                cand_old = anchor_old + dt.timedelta(days=d.offset_days)
                old_c = cand_old if old_c is None or cand_old > old_c else old_c
        if not touches:
            continue
        if m.status != pc.MilestoneStatus.PLANNED or m.key in (decided or ()):
            shifts.append(Shift(m.key, m.title, str(m.municipality or ""), m.date, m.date, kept=True))
            continue
        affected.add(m.key)
        if new_c is None:
            proposed = m.date
        elif old_c is None:
            proposed = new_c
        else:
            proposed = m.date + (new_c - old_c)
        new_dates[m.key] = proposed
        shifts.append(Shift(m.key, m.title, str(m.municipality or ""), m.date, proposed))
    position = {m.key: i for i, m in enumerate(items)}
    return sorted(shifts, key=lambda s: position[s.key])  # in the plan's order


def apply_shifts(items: Sequence[MilestoneInput], shifts: dict[str, Shift], law: Law, new_date: dt.date, *,
                 withdrawn: bool) -> None:
    """Move the milestones in ``items`` by their (not kept) shifts; for a ``withdrawn`` law, drop the
    dependencies on it and say so in the milestone's note."""
    for m in items:
        if m.key in shifts and not shifts[m.key].kept:
            m.date = shifts[m.key].new
            if m.end_date:
                m.end_date = m.end_date + dt.timedelta(days=shifts[m.key].days)
        if withdrawn:
            kept = [d for d in m.depends_on if not (_is_law(d.on) and d.on.pk == law.pk)]
            if len(kept) != len(m.depends_on):
                note = f"Hing af van {law.abbreviation}; die gaat niet door, richtdatum {new_date:%d-%m-%Y}."
                m.note = f"{m.note}\n{note}".strip()
            m.depends_on = kept
