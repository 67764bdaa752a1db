import os

import pytest
from hypothesis import settings

pytest_plugins = ["tests.browser.support", "tests.integrity.flush"]

# Property tests draw the same examples on every run, so a red build is reproducible; set
# HYPOTHESIS_PROFILE=explore to search with fresh random examples while developing.
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test starts from the example dossier (its files, loaded by the dossier import) and
    the demo accounts."""
    with django_db_blocker.unblock():
        from regiokompas.accounts.demo import create_demo_accounts
        from regiokompas.examples import loader

        loader.load_all_if_missing()
        create_demo_accounts()


@pytest.fixture
def users(db):
    from django.contrib.auth import get_user_model

    return {u.username: u for u in get_user_model().objects.all()}


@pytest.fixture
def m(db):
    """Municipalities by short name."""
    from regiokompas.register.models import Municipality

    by_code = {x.cbs_code: x for x in Municipality.objects.all()}
    return {
        "alkmaar": by_code["GM0361"], "bergen": by_code["GM0373"], "castricum": by_code["GM0383"],
        "heerhugowaard": by_code["GM0398"], "heiloo": by_code["GM0399"], "langedijk": by_code["GM0416"],
        "uitgeest": by_code["GM0450"], "dijk_en_waard": by_code["GM1980"], "schermer": by_code["GM0458"],
        "graft": by_code["GM0365"],
    }

