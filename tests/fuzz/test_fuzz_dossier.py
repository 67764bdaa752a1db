"""Fuzz the dossier importer: mutated exports and arbitrary files end in an imported dossier or a
Dutch RegisterError, never a traceback; a refusal writes nothing (database and uploaded files)."""

import contextlib
import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st
from tests.fuzz.support import VALUES, assert_dutch, fuzz, mutate

from regiokompas.examples import SLUG_2012
from regiokompas.register import dossier
from regiokompas.register.errors import RegisterError
from regiokompas.register.models import Trajectory

pytestmark = pytest.mark.django_db

SLUG = SLUG_2012
COPY = "fuzz-kopie"


def everything():
    media = Path(django_settings.MEDIA_ROOT)
    return ({m._meta.label: m.objects.count() for m in apps.get_models()},
            {p for p in media.rglob("*") if p.is_file()} if media.exists() else set())


@pytest.fixture(scope="module")
def exported(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        data = dossier.export_dossier(Trajectory.objects.get(slug=SLUG))
    data = json.loads(json.dumps(data).replace(f'"{SLUG}"', f'"{COPY}"'))
    data["objects"]["document"][0]["original_file"] = {"name": "memo.txt", "base64": "aGFsbG8="}
    return data


def attempt(data) -> None:
    before = everything()
    with transaction.atomic():
        try:
            dossier.import_dossier("fuzz", data)
        except RegisterError as exc:
            assert_dutch(exc.message)
            assert everything() == before
        transaction.set_rollback(True)  # an accepted dossier is undone, so every example starts equal


@fuzz(30)
@given(data=st.data())
def test_mutated_dossiers(exported, data):
    """Values of every kind, and keys of the dossier's own objects (so references point to objects
    of the wrong kind, to themselves, or twice to the same object)."""
    keys = sorted(row["key"] for rows in exported["objects"].values() for row in rows)
    values = st.one_of(VALUES, st.sampled_from(keys), st.lists(st.sampled_from(keys), max_size=3))
    attempt(mutate(data, exported, max_mutations=4, values=values))


@fuzz(15)
@given(value=VALUES)
def test_any_value(value):
    attempt({"schema": "regiokompas.dossier/1", "trajectory": COPY, "objects": value})
    attempt(value)


@fuzz(15)
@given(content=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_import_command_on_any_file(tmp_path_factory, content):
    from regiokompas.cli import main

    path = tmp_path_factory.mktemp("fuzz") / "dossier.json"
    path.write_bytes(content)
    before = everything()
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        assert main(["import-dossier", str(path)]) == 2
    assert_dutch(err.getvalue())
    assert everything() == before
