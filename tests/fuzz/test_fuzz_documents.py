"""Fuzz the document importer with arbitrary bytes and with mutated real documents (the seed texts,
and the same documents rendered as docx and pdf): a result or a Dutch refusal, never a traceback;
through the publications service a refusal stores nothing."""

import io
import zipfile
from functools import lru_cache

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.documents.helpers import SEEDS
from tests.fuzz.support import assert_dutch, fuzz

from regiokompas.documents.importer import DocumentImportError, import_bytes
from regiokompas.documents.render import render

NAMES = st.sampled_from(["x.txt", "x.docx", "x.pdf", "x.md", "x", "x.bin", ""])


@lru_cache(maxsize=1)
def seeds() -> dict[str, bytes]:
    texts = {p.name: p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))}
    document = import_bytes(texts["2012-05-29-memo-bergen-hoofdlijnennotitie.txt"], "memo.txt").document
    return {**texts, "memo.docx": render(document, "docx"), "memo.pdf": render(document, "pdf")}


def read(data: bytes, name: str) -> None:
    try:
        import_bytes(data, name)
    except DocumentImportError as exc:
        assert_dutch(str(exc))


def flip(data, content: bytes) -> bytes:
    """1..8 byte changes, an optional cut and an optional inserted block."""
    buf = bytearray(content)
    for _ in range(data.draw(st.integers(1, 8), label="flips")):
        if buf:
            buf[data.draw(st.integers(0, len(buf) - 1), label="at")] = data.draw(st.integers(0, 255), label="byte")
    if data.draw(st.booleans(), label="cut"):
        buf = buf[: data.draw(st.integers(0, len(buf)), label="cut at")]
    if data.draw(st.booleans(), label="insert"):
        at = data.draw(st.integers(0, len(buf)), label="insert at")
        buf[at:at] = data.draw(st.binary(max_size=64), label="block")
    return bytes(buf)


@fuzz(80)
@given(data=st.binary(max_size=2000), name=NAMES)
def test_arbitrary_bytes(data, name):
    read(data, name)


@fuzz(40)
@given(data=st.data())
def test_mutated_text_seeds(data):
    texts = {k: v for k, v in seeds().items() if k.endswith(".txt")}
    name = data.draw(st.sampled_from(sorted(texts)))
    read(flip(data, texts[name]), data.draw(NAMES))


@fuzz(40)
@given(data=st.data())
def test_mutated_docx_members(data):
    """Mutations inside the zip, so that python-docx and lxml get to see them."""
    src = zipfile.ZipFile(io.BytesIO(seeds()["memo.docx"]))
    names = [i.filename for i in src.infolist()]
    target = data.draw(st.sampled_from([n for n in names if n.endswith((".xml", ".rels"))]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names:
            content = src.read(name)
            if name == target:
                content = flip(data, content)
            z.writestr(name, content)
    read(out.getvalue(), "memo.docx")


@fuzz(25)
@given(data=st.data())
def test_mutated_docx_bytes(data):
    read(flip(data, seeds()["memo.docx"]), "memo.docx")


@fuzz(25)
@given(data=st.data())
def test_mutated_pdf_bytes(data):
    read(flip(data, seeds()["memo.pdf"]), "memo.pdf")


@pytest.mark.django_db
@fuzz(25)
@given(data=st.data())
def test_a_refused_upload_stores_nothing(data, users):
    from django.apps import apps

    from regiokompas.publications.services import start_import
    from regiokompas.register.errors import RegisterError

    kind = data.draw(st.sampled_from(["bytes", "docx", "pdf"]))
    content = data.draw(st.binary(max_size=500)) if kind == "bytes" else flip(data, seeds()[f"memo.{kind}"])
    before = {m._meta.label: m.objects.count() for m in apps.get_models()}
    try:
        start_import(users["projectleider"], content, f"upload.{kind if kind != 'bytes' else 'txt'}")
    except RegisterError as exc:
        assert_dutch(exc.message)
        assert {m._meta.label: m.objects.count() for m in apps.get_models()} == before
