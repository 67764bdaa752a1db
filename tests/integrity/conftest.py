import pytest
from tests.integrity import support


@pytest.fixture(scope="session", params=support.BACKENDS)
def template(request, tmp_path_factory):
    db = support.prepare_template(request.param, tmp_path_factory.mktemp(f"template-{request.param}"))
    yield db
    support.drop(db)


@pytest.fixture
def database(template, tmp_path):
    """A fresh copy of the example database for one test (SQLite, and PostgreSQL when configured)."""
    db = support.copy_of(template, tmp_path / "data")
    yield db
    support.drop(db)
