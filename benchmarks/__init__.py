"""Speed benchmarks of Regiokompas: `make bench` or `python -m benchmarks [NAME ...]`.

Every module ``benchmarks/bench_<name>.py`` exposes ``run() -> dict`` with at least ``name``,
``problem``, ``median_s`` and, where one exists, ``goal_s``; further keys are printed as they are.
"""
