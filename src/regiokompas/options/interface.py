"""What other apps may use of the options app (the comparison of execution variants).

Other apps read variants, criteria and scores and write scores only through the names here, so the
options app can change its internals without breaking them; a test (tests/test_import_graph.py)
keeps other apps to this module and to ``regiokompas.options.chapters`` (the report's extension
point), and keeps the import graph between apps free of cycles: the options app itself never
imports the apps that build on it.

- ``Variant``, ``Criterion``, ``Score``, ``ScoreKind``, ``AnalysisRun``: the models, read-only
  outside this app (query them; never save them directly).
- ``save_score(actor, score, reason=...)``: the one way to write a score (validated, audited).
- ``read(problem, results, snapshot)``: the presenter of an analysis run's results; ``margin(se)``: its
  95 % Monte-Carlo margin in words.
"""

from regiokompas.options.models import AnalysisRun, Criterion, Score, ScoreKind, Variant
from regiokompas.options.results import margin, read
from regiokompas.options.services import save_score

__all__ = ["AnalysisRun", "Criterion", "Score", "ScoreKind", "Variant", "margin", "read", "save_score"]
