import pytest
from tests.options.helpers import engine_available


@pytest.fixture
def engine(monkeypatch):
    """The real engine when installed, otherwise the test stand-in with the same interface."""
    if engine_available():
        import regiokompas.engine as real

        return real
    from tests.options import fake_engine

    from regiokompas.options import engine_api

    monkeypatch.setattr(engine_api, "_engine", lambda: fake_engine)
    return fake_engine
