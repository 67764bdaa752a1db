import pytest
from tests.security.support import run


@pytest.fixture(scope="session")
def demo_data_dir(tmp_path_factory):
    """A data folder prepared by `regiokompas demo --no-serve`, as a newcomer would."""
    data = tmp_path_factory.mktemp("demo")
    result = run(data, "demo", "--no-serve")
    assert result.returncode == 0, result.stdout + result.stderr
    return data
