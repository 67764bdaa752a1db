"""Speed benchmarks of Regiokompas: `make bench` or `python -m benchmarks [NAME ...]`.

Every module ``benchmarks/bench_<name>.py`` exposes ``run() -> dict`` with at least ``name``,
``problem``, ``median_s`` and, where one exists, ``goal_s``; further keys are printed as they are.
"""

import statistics
import time
from collections.abc import Callable


def timings(fn: Callable[[], object], repeats: int) -> list[float]:
    """Wall-clock seconds of ``repeats`` calls of ``fn``."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def median_and_best(fn: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median and fastest wall-clock seconds over ``repeats`` calls of ``fn``."""
    times = timings(fn, repeats)
    return statistics.median(times), min(times)
