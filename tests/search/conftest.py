import pytest
from tests.rollback import rolled_back


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The access tests' world (confidential documents and an unsent draft with marker strings),
    once per module, rolled back afterwards."""
    from tests.access.world import build

    with rolled_back(django_db_blocker):
        yield build()
