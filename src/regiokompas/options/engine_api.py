"""The one place the options app calls the engine (``regiokompas.engine``), imported lazily so
pages that do not analyse keep working while the engine is being installed or upgraded."""

from __future__ import annotations

from regiokompas.options.errors import OptionsError

VALIDATION_SAMPLES = 500


def _engine():
    try:
        from regiokompas import engine
    except ImportError:  # pragma: no cover - depends on installation
        engine = None
    if engine is None or not hasattr(engine, "analyse") or not hasattr(engine, "ProblemError"):
        raise OptionsError("De rekenkern (regiokompas.engine) is niet beschikbaar; de analyse kan nu niet worden uitgevoerd.")
    return engine


def version() -> str:
    engine = _engine()
    return str(getattr(engine, "__version__", None) or getattr(engine, "ENGINE_VERSION", None) or "onbekend")


def problem_errors(exc) -> list[dict]:
    errors = getattr(exc, "errors", None) or []
    result = []
    for err in errors:
        if isinstance(err, dict):
            result.append({"key": err.get("key", ""), "message": err.get("message") or str(exc), "statements": list(err.get("statements") or [])})
    if not result:
        result.append({"key": "", "message": str(exc), "statements": []})
    return result


def analyse(problem: dict, samples: int, seed: int) -> dict:
    from regiokompas import metrics

    engine = _engine()
    try:
        with metrics.ANALYSIS_DURATION.time():
            return engine.analyse(problem, samples=samples, seed=seed)
    except engine.ProblemError as exc:
        errors = problem_errors(exc)
        raise OptionsError(
            "De rekenkern kan dit probleem niet doorrekenen: " + " ".join(e["message"] for e in errors), errors=errors
        ) from exc


def check_size(problem: dict, samples: int) -> None:
    """Refuse a problem beyond the resource limits before any work is queued (the engine's own
    check, which ``analyse`` repeats)."""
    engine = _engine()
    from regiokompas.engine.problem import check_size as engine_check_size

    try:
        engine_check_size(problem, samples)
    except engine.ProblemError as exc:
        errors = problem_errors(exc)
        raise OptionsError(
            "De rekenkern kan dit probleem niet doorrekenen: " + " ".join(e["message"] for e in errors), errors=errors
        ) from exc


def check_statements(problem: dict) -> list[dict]:
    """Run the engine briefly on a validation problem; return its errors ([] when feasible)."""
    engine = _engine()
    try:
        engine.analyse(problem, samples=VALIDATION_SAMPLES, seed=0)
    except engine.ProblemError as exc:
        return problem_errors(exc)
    return []
