"""The API's enum values (Dutch, snake_case, as in the VNG ZGW APIs) and the register's internal
values they stand for: one table per enum, {API value: internal value}. The API contract is the
left-hand side; it does not change when an internal value is renamed. tests/api/test_enums.py checks
that every table covers every internal value."""

from __future__ import annotations

from regiokompas.register import constants as c

TRAJECTORY_STATUS = {
    "verkennen": c.TrajectoryStatus.EXPLORING,
    "voorbereiden": c.TrajectoryStatus.PREPARING,
    "implementeren": c.TrajectoryStatus.IMPLEMENTING,
    "in_uitvoering": c.TrajectoryStatus.OPERATING,
    "gestopt": c.TrajectoryStatus.STOPPED,
}
