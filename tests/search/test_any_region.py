"""Search and notifications for a trajectory built from nothing (tests/fictitious_region.py): a
member of that trajectory only finds its own dossier and is told about its own consultation."""

import datetime as dt

import pytest
from tests import fictitious_region
from tests.access.users import make_user

from regiokompas.accounts.models import UserRole

pytestmark = pytest.mark.django_db


def test_a_member_of_a_new_trajectory_searches_only_its_dossier_and_is_notified():
    from django.core import mail

    from regiokompas.notifications import services as notifications
    from regiokompas.notifications.models import EmailMode, EventKind, Notification
    from regiokompas.search import service
    from regiokompas.search.models import EntryKind

    region = fictitious_region.build()
    texel = region["municipalities"][0]
    user = make_user("texel-beleid", UserRole.BELEIDSMEDEWERKER, municipality=texel, trajectories=[region["trajectory"]])
    results = service.search(user, "startnotitie")
    kinds = {h.entry.kind for h in results.hits}
    assert {EntryKind.GATE, EntryKind.DECISION} <= kinds
    assert {h.entry.trajectory_id for h in results.hits} == {region["trajectory"].pk}
    everything = service.search(user, "samenwerking").hits + service.search(user, "uitvoeringsorganisatie").hits
    assert any(h.entry.kind == EntryKind.VARIANT for h in everything)
    for hit in everything + results.hits:
        for word in fictitious_region.EXAMPLE_WORDS:
            assert word not in hit.title + hit.snippet, word
    assert service.search(user, "Alkmaar").count == 0  # the example is not this user's dossier

    user.email = "texel@example.org"
    user.save(update_fields=["email"])
    notifications.set_subscription(user, user, region["trajectory"], events=[EventKind.DEADLINE], email=EmailMode.DAILY)
    day = dt.date(2025, 6, 10)  # five days before the works council's advice is due
    assert notifications.run_scheduled(day)["meldingen"] == 1
    notification = Notification.objects.get(user=user)
    assert notification.kind == EventKind.DEADLINE and "Ondernemingsraad Texel" in notification.title
    assert [m.to for m in mail.outbox] == [["texel@example.org"]]
    assert notifications.run_scheduled(day) == {"meldingen": 0, "direct": 0, "overzichten": 0}
