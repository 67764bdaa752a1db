"""Pending imports are owned: the uploader's organisation, the project organisation of the chosen
trajectory and beheer see, confirm or cancel them; everybody else gets 404 and nothing changes."""

import pytest
from django.urls import reverse
from tests.documents.helpers import MEMO_2012
from tests.register.helpers import database_counts

from regiokompas.publications.models import DocumentImport

pytestmark = pytest.mark.django_db


def _counts():
    from django.apps import apps

    return {m._meta.label: m.objects.count() for m in apps.get_models()}


def test_upload_for_a_trajectory_then_only_owners_handle_it(client, users):
    client.force_login(users["bergen"])
    with MEMO_2012.open("rb") as f:
        response = client.post(reverse("publications:import"), {"file": f, "trajectory": "alkmaar-sociale-zaken-2012"})
    assert response.status_code == 302
    record = DocumentImport.objects.latest("pk")
    assert record.owner == users["bergen"] and record.owner_municipality.cbs_code == "GM0373"
    assert record.trajectory.slug == "alkmaar-sociale-zaken-2012"
    review = reverse("publications:import-review", args=[record.pk])
    cancel = reverse("publications:import-cancel", args=[record.pk])
    for name in ("alkmaar", "raadslid-bergen", "or-bergen"):
        client.force_login(users[name])
        before = _counts()
        assert client.get(review).status_code == 404, name
        assert client.post(review, {"title": "overgenomen"}).status_code == 404, name
        assert client.post(cancel).status_code == 404, name
        assert _counts() == before, name
        listing = client.get(reverse("publications:import"))
        assert MEMO_2012.name not in listing.content.decode(), name
    for name in ("griffier-bergen", "projectleider", "beheer"):
        client.force_login(users[name])
        assert client.get(review).status_code == 200, name
    client.force_login(users["projectleider"])
    assert MEMO_2012.name in client.get(reverse("publications:import")).content.decode()
    assert client.post(cancel).status_code == 302
    assert not DocumentImport.objects.filter(pk=record.pk).exists()


def test_an_upload_for_a_trajectory_one_is_not_part_of_is_refused(client, users, m):
    from tests.register.helpers import new_trajectory

    new_trajectory("vreemd-traject", municipalities=[m["heiloo"]], members=False)
    client.force_login(users["bergen"])
    before = database_counts()
    with MEMO_2012.open("rb") as f:
        response = client.post(reverse("publications:import"), {"file": f, "trajectory": "vreemd-traject"})
    assert response.status_code == 200 and "trajectory" in response.context["form"].errors
    assert database_counts() == before and not DocumentImport.objects.exists()
