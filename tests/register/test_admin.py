"""Django admin goes through the services: a refused change is a Dutch form error, never a server
error, and nothing is saved."""

import pytest
from tests.register.helpers import database_counts

from regiokompas.audit.models import AuditEntry
from regiokompas.register import constants as c
from regiokompas.register.models import Document, Municipality

pytestmark = pytest.mark.django_db


def form_data(client, url):
    """The admin form's current values as a browser would post them (files left out)."""
    from django.db.models.fields.files import FieldFile

    form = client.get(url).context["adminform"].form
    data = {}
    for name, value in form.initial.items():
        if isinstance(value, (list, FieldFile)):
            continue
        data[name] = "" if value is None else getattr(value, "pk", value)
    return data


@pytest.fixture
def admin_client(client, users):
    client.force_login(users["beheer"])
    return client


def test_a_definitief_document_is_refused_in_the_admin_and_stays_as_it_was(admin_client):
    doc = Document.objects.filter(status=c.DocumentStatus.DEFINITIEF).first()
    assert doc is not None
    url = f"/beheer/register/document/{doc.pk}/change/"
    data = form_data(admin_client, url)
    data.update({"title": "Andere titel", "sections-TOTAL_FORMS": "0", "sections-INITIAL_FORMS": "0"})
    before, audits = database_counts(), AuditEntry.objects.count()
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "definitief document wordt niet meer gewijzigd" in response.content.decode()
    doc.refresh_from_db()
    assert doc.title != "Andere titel"
    assert database_counts() == before and AuditEntry.objects.count() == audits


def test_a_valid_admin_change_is_saved_through_the_service_with_an_audit_row(admin_client):
    bergen = Municipality.objects.get(cbs_code="GM0373")
    url = f"/beheer/register/municipality/{bergen.pk}/change/"
    data = form_data(admin_client, url)
    data["name"] = "Bergen (Noord-Holland)"
    assert admin_client.post(url, data).status_code == 302
    bergen.refresh_from_db()
    assert bergen.name == "Bergen (Noord-Holland)"
    entry = AuditEntry.objects.filter(object_id=str(bergen.pk)).latest("pk")
    assert entry.reason == "via beheer"


def test_history_has_no_delete_in_the_admin(admin_client):
    response = admin_client.get("/beheer/register/decision/")
    assert response.status_code == 200
    assert "delete_selected" not in response.content.decode()
