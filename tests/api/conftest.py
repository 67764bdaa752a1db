import pytest
from tests.api.helpers import client_for


@pytest.fixture
def api(users):
    """api('bergen') is a client that sends bergen's token."""

    def make(username, **kw):
        return client_for(users[username] if username else None, **kw)

    return make
