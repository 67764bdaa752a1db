import pytest

from regiokompas.examples import SLUG_2012


@pytest.fixture
def t():
    """The 2012 example trajectory, whose planning the planning tests read and change."""
    from regiokompas.register.models import Trajectory

    return Trajectory.objects.get(slug=SLUG_2012)
