"""Decision-analysis engine of Regiokompas: SMAA-2 with each stakeholder's preference statements
and uncertain measurements. Pure Python + NumPy/SciPy; no Django.

    from regiokompas.engine import analyse, ProblemError
    result = analyse(problem, samples=10000, seed=0)
"""

from typing import Any

from regiokompas.ops.numba_cache import configure as _configure_numba_cache

_configure_numba_cache()  # before Numba is imported: its cache goes to a writable folder

from regiokompas.engine.errors import ProblemError  # noqa: E402
from regiokompas.engine.results import ResultsError  # noqa: E402

__version__ = "1.0.0"


def analyse(problem: dict, samples: int = 10000, seed: int = 0, **options: Any) -> dict:
    """Analyse a problem in format ``regiokompas.problem/1``; see docs/problem-schema.md."""
    from regiokompas.engine.analysis import analyse as _analyse

    return _analyse(problem, samples, seed, **options)


def validate_results(results: Any) -> None:
    """Check a results document against ``results.schema.json`` (format ``regiokompas.result/1``);
    raises ``ResultsError`` listing what does not fit. See docs/results-schema.md."""
    from regiokompas.engine.results import validate

    validate(results)


__all__ = ["analyse", "validate_results", "ProblemError", "ResultsError", "__version__"]
