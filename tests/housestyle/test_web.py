"""The house-style page: the beheerder sets logo, name, colour, address block and footer per
municipality or organisation; bad input gives a Dutch message naming the field and changes nothing;
the style appears in the council documents and the substantiation report (docx, pdf, html)."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document as DocxDocument
from PIL import Image

from regiokompas.audit.models import AuditEntry
from regiokompas.housestyle import services
from regiokompas.housestyle.models import HouseStyle
from regiokompas.register.errors import PermissionDenied
from regiokompas.register.models import Municipality, Trajectory

pytestmark = pytest.mark.django_db
BERGEN = "GM0373"


def png(size=(300, 100), colour=(20, 90, 160), fmt="PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=fmt)
    return out.getvalue()


def form(**extra):
    data = {"name": "Gemeente Bergen (NH)", "colour": "#7a1f5c", "address": "Postbus 175\n1860 AD Bergen",
            "footer": "Bergen – dichtbij en betrokken"}
    data.update(extra)
    return data


@pytest.fixture
def beheer(client, users):
    client.force_login(users["beheer"])
    return client


def state():
    return ([(h.pk, h.name, h.colour, h.address, h.footer, bytes(h.logo or b"")) for h in HouseStyle.objects.order_by("pk")],
            AuditEntry.objects.count())


def test_beheerder_sets_a_house_style_with_logo(beheer):
    response = beheer.post(f"/inrichting/huisstijl/gemeenten/{BERGEN}/",
                           {**form(), "logo": SimpleUploadedFile("logo.jpg", png(fmt="JPEG"), "image/jpeg")})
    assert response.status_code == 302, response.content.decode()[:2000]
    hs = HouseStyle.objects.get(municipality__cbs_code=BERGEN)
    assert (hs.name, hs.colour, hs.footer) == ("Gemeente Bergen (NH)", "#7a1f5c", "Bergen – dichtbij en betrokken")
    assert bytes(hs.logo).startswith(b"\x89PNG") and (hs.logo_width, hs.logo_height) == (300, 100)
    entry = AuditEntry.objects.filter(action="housestyle.save").latest("pk")
    assert entry.before is None and entry.after["colour"] == "#7a1f5c" and entry.after["logo"]["width"] == 300
    page = beheer.get(f"/inrichting/huisstijl/gemeenten/{BERGEN}/").content.decode()
    assert 'alt="Huidig logo van Bergen' in page and "Huidig logo verwijderen" in page
    assert "Gemeente Bergen (NH)" in beheer.get("/inrichting/huisstijl/").content.decode()


def test_removing_the_logo_and_changing_the_colour_is_audited(beheer):
    beheer.post(f"/inrichting/huisstijl/gemeenten/{BERGEN}/", {**form(), "logo": SimpleUploadedFile("l.png", png())})
    response = beheer.post(f"/inrichting/huisstijl/gemeenten/{BERGEN}/", form(colour="#036", remove_logo="on"))
    assert response.status_code == 302
    hs = HouseStyle.objects.get(municipality__cbs_code=BERGEN)
    assert hs.colour == "#003366" and not hs.logo
    entry = AuditEntry.objects.filter(action="housestyle.save").latest("pk")
    assert entry.before["colour"] == "#7a1f5c" and entry.before["logo"] and entry.after["logo"] is None


@pytest.mark.parametrize(("data", "field", "phrase"), [
    (form(colour="rood"), "Huisstijlkleur", "geen kleur"),
    (form(colour="#ffee00"), "Huisstijlkleur", "te licht"),
    ({**form(), "logo": SimpleUploadedFile("logo.png", b"%PDF-1.7 geen afbeelding", "image/png")}, "Logo", "geen afbeelding"),
    ({**form(), "logo": SimpleUploadedFile("logo.png", png(size=(4500, 20)), "image/png")}, "Logo", "4500 × 20 pixels"),
    (form(address="\n".join(f"regel {i}" for i in range(8))), "Adresblok", "8 regels"),
    (form(footer="x" * 201), "Voettekst", "201"),
])
def test_bad_input_changes_nothing(beheer, data, field, phrase):
    beheer.post(f"/inrichting/huisstijl/gemeenten/{BERGEN}/", form())  # an existing style must stay as it is
    before = state()
    response = beheer.post(f"/inrichting/huisstijl/gemeenten/{BERGEN}/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Er is niets gewijzigd" in html and phrase in html and field in html
    assert re.search(r'<li><a href="#(id_|veld-)[a-z_]+">' + re.escape(field) + "</a>", html)  # the summary links to the field
    assert state() == before


def test_oversized_logo_is_refused_with_the_limit(beheer, settings):
    settings.REGIOKOMPAS_MAX_LOGO_BYTES = 1000
    before = state()
    response = beheer.post(f"/inrichting/huisstijl/gemeenten/{BERGEN}/",
                           {**form(), "logo": SimpleUploadedFile("logo.png", png(size=(800, 800), colour=(1, 2, 3)) + b"\0" * 2000)})
    assert response.status_code == 400
    assert "te groot" in response.content.decode() and "REGIOKOMPAS_MAX_LOGO_BYTES" in response.content.decode()
    assert state() == before


@pytest.mark.parametrize("username", ["projectleider", "bergen", "griffier-bergen", "raadslid-bergen"])
def test_only_the_beheerder_sets_the_house_style(client, users, username):
    client.force_login(users[username])
    before = state()
    assert client.get("/inrichting/huisstijl/").status_code == 403
    assert client.post(f"/inrichting/huisstijl/gemeenten/{BERGEN}/", form()).status_code == 403
    assert state() == before
    with pytest.raises(PermissionDenied):
        services.save_house_style(users[username], Municipality.objects.get(cbs_code=BERGEN), services.HouseStyleInput())


def test_house_style_in_council_documents(beheer, users):
    from regiokompas.documents.render import render
    from regiokompas.publications import drafting
    from regiokompas.register.models import Document

    beheer.post(f"/inrichting/huisstijl/gemeenten/{BERGEN}/", {**form(), "logo": SimpleUploadedFile("l.png", png())})
    document = Document.objects.filter(issuer_municipality__cbs_code=BERGEN).first()
    assert document is not None
    model = drafting.to_model(document, viewer=users["beheer"])
    assert model.style is not None and model.style.colour == "#7a1f5c"
    docx = DocxDocument(io.BytesIO(render(model, "docx")))
    assert "Gemeente Bergen (NH)" in [p.text for p in docx.sections[0].header.paragraphs]
    assert str(docx.styles["Heading 1"].font.color.rgb) == "7A1F5C"
    import pypdfium2 as pdfium

    text = pdfium.PdfDocument(render(model, "pdf"))[0].get_textpage().get_text_range()
    assert "Gemeente Bergen (NH)" in text and "Postbus 175 · 1860 AD Bergen" in text
    html = render(model, "html").decode()
    assert "#7a1f5c" in html and 'alt="Logo Gemeente Bergen (NH)"' in html


def test_house_style_in_the_report_and_html_download_allowed_by_csp(beheer):
    from regiokompas.register.models import Organisation

    trajectory = Trajectory.objects.get(slug="alkmaar-participatiewet-2019")
    if trajectory.project_organisation is None:  # test set-up: give the trajectory a project organisation
        trajectory.project_organisation = Organisation.objects.create(name="Projectorganisatie test", kind="project_organisation")
        trajectory.save()
    organisation = trajectory.project_organisation
    response = beheer.post(f"/inrichting/huisstijl/organisaties/{organisation.pk}/",
                           form(name="Projectbureau regio", colour="#22543d"))
    assert response.status_code == 302
    from regiokompas.options import report

    document = report.build(trajectory)
    assert document.style.name == "Projectbureau regio"
    docx = DocxDocument(io.BytesIO(report.render_report(trajectory, "docx")))
    assert "Projectbureau regio" in [p.text for p in docx.sections[0].header.paragraphs]
    html_response = beheer.get(f"/trajecten/{trajectory.slug}/varianten/onderbouwing.html")
    assert html_response.status_code == 200
    from regiokompas.documents.render import csp_style_hashes

    policy = html_response["Content-Security-Policy"]
    hashes = csp_style_hashes(html_response.content)
    assert len(hashes) == 2 and all(h in policy for h in hashes)


def test_default_is_the_neutral_style(users):
    from regiokompas.publications import drafting
    from regiokompas.register.models import Document

    document = Document.objects.filter(issuer_municipality__isnull=False).exclude(
        issuer_municipality__house_style__isnull=False).first()
    model = drafting.to_model(document, viewer=users["beheer"])
    assert model.style is None
