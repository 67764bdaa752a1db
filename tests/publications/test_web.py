"""Pages for drafting, editing, downloading, recording events and importing, per role."""

import io

import pytest
from django.urls import reverse
from tests.documents.helpers import MEMO_2012

from regiokompas.accounts.actors import SystemActor
from regiokompas.publications import services
from regiokompas.publications.models import DocumentImport, Publication

from .conftest import counts

pytestmark = pytest.mark.django_db
ROLES = ["beheer", "projectleider", "bergen", "alkmaar", "griffier-bergen", "raadslid-bergen", "or-bergen"]


@pytest.fixture
def publication(gates, m, users):
    return services.create_draft(users["bergen"], gates["berenschot"], m["bergen"], "memo")


@pytest.mark.parametrize("role", ROLES)
def test_pages_render_for_every_role(client, users, gates, publication, role):
    client.force_login(users[role])
    urls = [
        reverse("register:gate-detail", args=[gates["berenschot"].pk]),
        reverse("register:trajectory-detail", args=[gates["berenschot"].trajectory.slug]),
        reverse("publications:overview", args=[gates["berenschot"].trajectory.slug]),
        reverse("publications:detail", args=[publication.pk]),
    ]
    # an unsent draft is only for the issuing municipality's staff and the project organisation
    sees_draft = role in {"beheer", "projectleider", "bergen", "griffier-bergen"}
    for url in urls:
        response = client.get(url)
        expected = 200 if (url != urls[3] or sees_draft) else 404
        assert response.status_code == expected, url
        if expected == 200:
            assert b'lang="nl"' in response.content
    html = client.get(urls[0]).content.decode()
    assert "Raadsinformatie" in html and "Nog niet geïnformeerd" in html


def test_gate_panel_shows_councils_not_yet_informed(client, users, gates, publication, m):
    import datetime as dt

    # a letter of 29 May 2020, sent on 2 June 2020 (a letter drafted today cannot have been sent in 2020)
    letter = services.create_draft(users["bergen"], gates["berenschot"], m["bergen"], "raadsinformatiebrief",
                                   date=dt.date(2020, 5, 29))
    services.finalise(SystemActor("test"), letter)  # made definitief elsewhere
    services.record_information_event(users["bergen"], letter.document, m["bergen"], date=dt.date(2020, 6, 2), channel="ris")
    client.force_login(users["raadslid-bergen"])
    html = client.get(reverse("register:gate-detail", args=[gates["berenschot"].pk])).content.decode()
    panel = html[html.index("Nog niet geïnformeerd"):]
    first_line = panel[: panel.index("</p>")]
    assert "Alkmaar" in first_line and "Bergen" not in first_line
    assert "2 juni 2020" in html


@pytest.mark.parametrize("fmt,ctype,magic", [("docx", "wordprocessingml", b"PK"), ("pdf", "application/pdf", b"%PDF"),
                                              ("html", "text/html", b"<!DOCTYPE html>"), ("md", "text/markdown", b"**gemeente Bergen**")])
def test_downloads_in_four_formats(client, users, publication, fmt, ctype, magic):
    client.force_login(users["raadslid-bergen"])
    assert client.get(reverse("publications:download", args=[publication.pk, fmt])).status_code == 404  # a draft
    client.force_login(users["bergen"])
    response = client.get(reverse("publications:download", args=[publication.pk, fmt]))
    assert response.status_code == 200
    assert ctype in response["Content-Type"]
    assert response.content.startswith(magic)


def test_unknown_download_format_is_404(client, users, publication):
    client.force_login(users["bergen"])
    assert client.get(reverse("publications:download", args=[publication.pk, "odt"])).status_code == 404


def test_draft_edit_and_finalise_through_the_web(client, users, gates):
    client.force_login(users["bergen"])
    url = reverse("publications:draft", args=[gates["hoofdlijnen"].pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"municipality": "GM0373", "kind": "digitale_nieuwsbrief"})
    publication = Publication.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == reverse("publications:edit", args=[publication.pk])
    page = client.get(response["Location"])
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: (field.initial or "") for name, field in form.fields.items()}
    data["title"] = "Bergen houdt de hoofdlijnennotitie aan"
    data["s0_text"] = "Het college heeft de notitie aangehouden."
    assert client.post(response["Location"], data).status_code == 302
    publication.document.refresh_from_db()
    assert publication.document.title == "Bergen houdt de hoofdlijnennotitie aan"
    assert publication.document.sections.get(order=1).text == "Het college heeft de notitie aangehouden."
    # definitief only after a colleague's akkoord, and with the confirmation ticked
    client.post(reverse("publications:submit", args=[publication.pk]))
    client.force_login(users["griffier-bergen"])
    client.post(reverse("publications:approve", args=[publication.pk]), {"action": "akkoord", "comment": ""})
    client.force_login(users["bergen"])
    before = counts()
    client.post(reverse("publications:finalise", args=[publication.pk]))
    assert counts() == before
    client.post(reverse("publications:finalise", args=[publication.pk]), {"confirm": "on"})
    publication.document.refresh_from_db()
    assert publication.document.status == "definitief"
    # a definitief document cannot be edited through the web either
    before = counts()
    response = client.post(reverse("publications:edit", args=[publication.pk]), data)
    assert response.status_code == 302 and counts() == before


def test_empty_title_is_refused_and_nothing_changes(client, users, publication):
    client.force_login(users["bergen"])
    before = counts()
    response = client.post(reverse("publications:edit", args=[publication.pk]), {"title": ""})
    assert response.status_code == 200
    assert "Dit veld is verplicht" in response.content.decode() or "verplicht" in response.content.decode()
    assert counts() == before


def test_raadslid_cannot_draft(client, users, gates):
    client.force_login(users["raadslid-bergen"])
    before = counts()
    response = client.post(reverse("publications:draft", args=[gates["hoofdlijnen"].pk]), {"municipality": "GM0373", "kind": "memo"})
    assert response.status_code == 302
    assert counts() == before


def test_upload_review_confirm(client, users, gates):
    client.force_login(users["bergen"])
    url = reverse("publications:import")
    assert client.get(url).status_code == 200
    register_before = {k: v for k, v in counts().items() if k.startswith("register.")}
    # Django's test client sends a file with its name
    upload = io.BytesIO(MEMO_2012.read_bytes())
    upload.name = MEMO_2012.name
    response = client.post(url, {"file": upload})
    record = DocumentImport.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == reverse("publications:import-review", args=[record.pk])
    review = client.get(response["Location"]).content.decode()
    assert "Hoofdlijnennotitie regionale samenwerking sociale zaken" in review
    assert "Er is nog niets in het register opgeslagen" in review
    assert "GM0373" in review and "aangehouden" in review
    assert {k: v for k, v in counts().items() if k.startswith("register.")} == register_before
    response = client.post(response["Location"], {"title": "Memo hoofdlijnennotitie (ingelezen)", "trajectory": gates["hoofdlijnen"].trajectory.slug, "gate": ""})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == "confirmed" and record.document.title == "Memo hoofdlijnennotitie (ingelezen)"
    assert record.document.original_text


def test_bad_upload_shows_dutch_error_and_stores_nothing(client, users):
    client.force_login(users["bergen"])
    before = counts()
    empty = io.BytesIO(b"\x00\x01\x02" * 100)
    empty.name = "kapot.pdf"
    response = client.post(reverse("publications:import"), {"file": empty})
    assert response.status_code == 200
    assert "geen geldig" in response.content.decode()
    assert counts() == before


def test_cancel_import(client, users):
    client.force_login(users["bergen"])
    record = services.start_import(users["bergen"], MEMO_2012.read_bytes(), MEMO_2012.name)
    response = client.post(reverse("publications:import-cancel", args=[record.pk]))
    assert response.status_code == 302
    assert not DocumentImport.objects.filter(pk=record.pk).exists()


def test_municipality_page_shows_when_its_raad_was_informed(client, users):
    client.force_login(users["raadslid-bergen"])
    html = client.get(reverse("register:municipality-detail", args=["GM0373"])).content.decode()
    assert "Wanneer de raad van Bergen" in html and "29 mei 2012" in html
