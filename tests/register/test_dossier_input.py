"""A malformed dossier is refused with a Dutch message and nothing is written: wrong types, NaN and
Infinity, numbers out of range, deep nesting, path-traversal file names, broken references."""

import copy
import json
import math
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings

from regiokompas.accounts.actors import SystemActor
from regiokompas.register import dossier
from regiokompas.register.errors import RegisterError
from regiokompas.register.models import Trajectory

pytestmark = pytest.mark.django_db

SLUG = "alkmaar-participatiewet-2019"
COPY = "kopie-participatiewet"


def everything() -> tuple[dict, set]:
    counts = {m._meta.label: m.objects.count() for m in apps.get_models()}
    media = Path(django_settings.MEDIA_ROOT)
    files = {p for p in media.rglob("*") if p.is_file()} if media.exists() else set()
    return counts, files


@pytest.fixture(scope="module")
def exported(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        data = dossier.export_dossier(Trajectory.objects.get(slug=SLUG))
    text = json.dumps(data).replace(f'"{SLUG}"', f'"{COPY}"')
    return json.loads(text)


@pytest.fixture
def data(exported):
    return copy.deepcopy(exported)


def refused(data) -> str:
    before = everything()
    with pytest.raises(RegisterError) as exc:
        dossier.import_dossier(SystemActor("test"), data)
    assert everything() == before
    return exc.value.message


def first(data, kind):
    return data["objects"][kind][0]


def test_the_unmodified_copy_imports(data):
    assert dossier.import_dossier(SystemActor("test"), data).slug == COPY


@pytest.mark.parametrize("name", ["../../../etc/passwd", "/etc/passwd", "..\\..\\win.ini", "sub/dir.pdf", ".verborgen",
                                  "nul\x00.pdf", "..", "a" * 300])
def test_path_traversal_file_names_are_refused(data, name):
    first(data, "document")["original_file"] = {"name": name, "base64": "aGFsbG8="}
    message = refused(data)
    assert "bestandsnaam" in message and "ongeldig" in message and first(data, "document")["key"] in message


def test_broken_base64_and_missing_content_are_refused(data):
    first(data, "document")["original_file"] = {"name": "memo.pdf", "base64": "!!geen base64!!"}
    assert "geen geldige base64" in refused(data)
    first(data, "document")["original_file"] = {"name": "memo.pdf"}
    assert "mist de inhoud" in refused(data)
    first(data, "document")["original_file"] = "memo.pdf"
    assert "moet een object" in refused(data)


def test_file_size_is_limited(data, settings):
    settings.REGIOKOMPAS_MAX_UPLOAD_BYTES = 1000
    first(data, "document")["original_file"] = {"name": "groot.pdf", "base64": "QUFB" * 1000}
    assert "REGIOKOMPAS_MAX_UPLOAD_BYTES" in refused(data)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_are_refused_without_blaming_existing_data(data, value):
    first(data, "population_figure")["inhabitants"] = value
    message = refused(data)
    assert "botst" not in message and "NaN en oneindig zijn niet toegestaan" in message


@pytest.mark.parametrize("value, fragment", [
    (10**30, "te groot getal"), (2**40, "buiten het bereik"), ("veel", "moet een geheel getal zijn"),
    (True, "moet een geheel getal zijn"), ([1], "moet een geheel getal zijn"), (-5, "buiten het bereik"),
])
def test_integers_out_of_range_or_of_the_wrong_type(data, value, fragment):
    first(data, "population_figure")["inhabitants"] = value
    assert fragment in refused(data)


@pytest.mark.parametrize("kind, field, value, fragment", [
    ("gate", "title", ["lijst"], "moet tekst zijn"),
    ("gate", "title", {"a": 1}, "moet tekst zijn"),
    ("gate", "trajectory", ["trajectory:1"], "moet een sleutel als tekst zijn"),
    ("gate", "trajectory", 1, "moet een sleutel als tekst zijn"),
    ("decision", "date", 20240101, "datum als tekst"),
    ("decision", "date", "gisteren", "geen geldige datum"),
    ("trajectory", "illustrative", "ja", "waar of onwaar"),
    ("document", "date", {"jaar": 2020}, "datum als tekst"),
])
def test_wrong_types_name_object_and_field(data, kind, field, value, fragment):
    row = first(data, kind)
    row[field] = value
    message = refused(data)
    assert fragment in message and row["key"] in message


def test_nan_as_a_decimal_string_is_refused(data):
    for spec in dossier.SPECS:
        for field in dossier._fields(spec.model):
            if field.get_internal_type() == "DecimalField" and data["objects"].get(spec.kind):
                data["objects"][spec.kind][0][field.name] = "NaN"
                assert "eindig getal" in refused(data)
                return
    pytest.skip("no decimal field in this dossier")


def test_keys_must_be_well_formed_and_unique(data):
    rows = data["objects"]["gate"]
    rows[1]["key"] = rows[0]["key"]
    assert "komt meer dan eens voor" in refused(data)
    rows[1]["key"] = "../gate"
    assert "ongeldige sleutel" in refused(data)


def test_many_to_many_must_be_a_list_of_keys(data):
    spec = next(s for s in dossier.SPECS if s.model._meta.many_to_many and data["objects"].get(s.kind))
    data["objects"][spec.kind][0][spec.model._meta.many_to_many[0].name] = "municipality:1"
    assert "lijst met sleutels" in refused(data)


def test_deep_nesting_is_refused(data):
    deep: list = []
    for _ in range(5_000):
        deep = [deep]
    first(data, "gate")["extra"] = deep
    assert "te diep genest" in refused(data)


@pytest.mark.parametrize("change, fragment", [
    (lambda d: d.update(trajectory=["x"]), "noemt zijn traject niet"),
    (lambda d: d.update(trajectory="bestaat-niet-in-dossier"), "bevat het traject"),
    (lambda d: d["objects"].update(gate={"gate:1": {}}), "moet een lijst zijn"),
    (lambda d: d["objects"]["gate"].append("gate:99"), "mist zijn sleutel"),
])
def test_shape_errors(data, change, fragment):
    change(data)
    assert fragment in refused(data)


def test_cli_refuses_nan_and_junk_without_traceback(tmp_path, capsys, data):
    from regiokompas.cli import main

    cases = [
        (json.dumps(data).replace('"inhabitants": ', '"inhabitants": NaN, "x": ', 1).encode(), "NaN"),
        (b"\x00\x01binair", "geen geldige JSON"),
        (b"\xff\xfe\x89PNG", "UTF-8"),
        (b"", "leeg"),
        (b"[" * 50_000, "te diep genest"),
    ]
    for content, fragment in cases:
        path = tmp_path / "dossier.json"
        path.write_bytes(content)
        before = everything()
        assert main(["import-dossier", str(path)]) == 2
        err = capsys.readouterr().err
        assert fragment in err and "Traceback" not in err and "niets gewijzigd" in err
        assert everything() == before


def test_a_file_stored_before_a_later_refusal_is_removed(data):
    first(data, "document")["original_file"] = {"name": "memo.txt", "base64": "aGFsbG8="}
    first(data, "decision")["outcome"] = "misschien"  # found only by model validation, after the document
    message = refused(data)
    assert first(data, "decision")["key"] in message


@pytest.mark.parametrize("kind, field, ref", [
    ("gate", "trajectory", "municipality:1"),
    ("participant", "municipality", "gate:1"),
])
def test_a_reference_to_an_object_of_another_kind_is_refused(data, kind, field, ref):
    first(data, kind)[field] = ref
    message = refused(data)
    assert f"({ref}) moet naar een object van de soort" in message and first(data, kind)["key"] in message


def test_a_reference_to_another_kind_in_a_many_to_many_is_refused(data):
    spec = next(s for s in dossier.SPECS if s.model._meta.many_to_many and data["objects"].get(s.kind))
    data["objects"][spec.kind][0][spec.model._meta.many_to_many[0].name] = ["gate:1"]
    assert "moet naar een object van de soort" in refused(data)


def test_two_decisions_superseding_the_same_one_are_refused(data):
    decisions = data["objects"]["decision"]
    decisions[0]["supersedes"] = decisions[1]["supersedes"] = decisions[-1]["key"]  # a forward reference, set last
    assert "botst met een ander object" in refused(data)


def test_a_changed_reference_on_existing_reference_data_is_ignored(data):
    """Municipalities that exist already are reused as they are; their row's references do not apply."""
    first(data, "municipality")["successor"] = first(data, "municipality")["key"]
    assert dossier.import_dossier(SystemActor("test"), data).slug == COPY
