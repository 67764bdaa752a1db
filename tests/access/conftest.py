import pytest
from tests.rollback import rolled_back


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One set of objects per test module, rolled back when the module is done."""
    from .world import build

    with rolled_back(django_db_blocker):
        yield build()
