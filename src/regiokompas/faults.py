"""Named pause points for fault tests: stop a process at a known moment of an operation.

With ``REGIOKOMPAS_PAUSE_AT`` unset (always, outside the fault tests) :func:`pause_point` does
nothing. A fault test sets it to a comma-separated list of point names (``name@N``: from the
N-th time the process reaches the point, so that some operations complete first) and
``REGIOKOMPAS_PAUSE_FILE`` to a path; a process reaching a named point writes the point's name
to that file and waits until the file ``<path>.go`` exists (or ``REGIOKOMPAS_PAUSE_SECONDS``,
default 120, have passed). The test then kills the process (``kill -9``) in the middle of the
operation, or does something else while the operation waits, and releases it. This makes the
moment of a crash deterministic instead of a matter of luck.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from pathlib import Path

ENV_POINTS = "REGIOKOMPAS_PAUSE_AT"
ENV_FILE = "REGIOKOMPAS_PAUSE_FILE"
ENV_SECONDS = "REGIOKOMPAS_PAUSE_SECONDS"


_hits: Counter[str] = Counter()
_lock = threading.Lock()


def _armed(name: str, points: str) -> bool:
    for point in points.split(","):
        point_name, _, nth = point.strip().partition("@")
        if point_name == name:
            with _lock:
                _hits[name] += 1
                return _hits[name] >= int(nth or 1)
    return False


def pause_point(name: str) -> None:
    points = os.environ.get(ENV_POINTS)
    if not points or not _armed(name, points):
        return
    marker = os.environ.get(ENV_FILE)
    if not marker:
        return
    path = Path(marker)
    release = path.with_name(path.name + ".go")
    path.write_text(f"{name} {os.getpid()}\n", encoding="utf-8")
    deadline = time.monotonic() + float(os.environ.get(ENV_SECONDS, "120"))
    while time.monotonic() < deadline and not release.exists():
        time.sleep(0.02)
