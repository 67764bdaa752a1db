import pytest


@pytest.fixture
def engine():
    """The decision-analysis engine (tests that run an analysis ask for it by name)."""
    import regiokompas.engine

    return regiokompas.engine
