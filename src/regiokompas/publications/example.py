"""The regio Alkmaar example: the seed documents as council information, and when the raad of
Bergen was informed (both facts from the seed documents themselves)."""

from __future__ import annotations

import datetime as dt

from regiokompas.accounts.actors import EXAMPLE
from regiokompas.audit import log as audit
from regiokompas.publications.models import Channel, InformationEvent, LegalBasis, Publication
from regiokompas.register import constants as c
from regiokompas.register import services as rs
from regiokompas.register.models import Document, Gate, Municipality

ACTOR = EXAMPLE
SEED_MEMO = "seed:2012-05-29-memo-bergen-hoofdlijnennotitie.txt (memo college Bergen aan de raad, 29 mei 2012)"
SEED_NEWS = "seed:2020-nieuwsbrief-bergen-participatiewet.txt (digitale nieuwsbrief Bergen aan de raad, 2020, CONCEPT)"


def _gate(slug: str, title_start: str) -> Gate | None:
    return Gate.objects.filter(trajectory__slug=slug, title__startswith=title_start).first()


def extend() -> None:
    bergen = Municipality.objects.filter(cbs_code="GM0373").first()
    if bergen is None:
        return
    memo = Document.objects.filter(kind=c.DocumentKind.MEMO, issuer_municipality=bergen, date=dt.date(2012, 5, 29)).first()
    gate_2012 = _gate("alkmaar-sociale-zaken-2012", "Vaststellen Hoofdlijnennotitie")
    if memo is not None and gate_2012 is not None and not hasattr(memo, "publication"):
        pub = Publication.objects.create(document=memo, gate=gate_2012, municipality=bergen, kind="memo", version=1,
                                         drafted_by="college van Bergen", source=SEED_MEMO)
        audit.record(ACTOR, "publication.create", pub, trajectory_slug=gate_2012.trajectory.slug)
        event = InformationEvent.objects.create(
            document=memo, council=rs.raad_of(bergen), municipality=bergen, gate=gate_2012, date=dt.date(2012, 5, 29),
            channel=Channel.UNKNOWN, legal_basis=LegalBasis.ACTIEVE_INFORMATIEPLICHT, recorded_by=ACTOR.label,
            note="Memo van het college aan de raad van 29 mei 2012, 'als onderdeel van de actieve informatieplicht'.",
            source=SEED_MEMO,
        )
        audit.record(ACTOR, "information_event.create", event, trajectory_slug=gate_2012.trajectory.slug)
    news = Document.objects.filter(kind=c.DocumentKind.DIGITALE_NIEUWSBRIEF, issuer_municipality=bergen).first()
    gate_2020 = _gate("alkmaar-participatiewet-2019", "Bestuursopdracht aan Berenschot")
    if news is not None and gate_2020 is not None and not hasattr(news, "publication"):
        pub = Publication.objects.create(document=news, gate=gate_2020, municipality=bergen, kind="digitale_nieuwsbrief",
                                         version=1, drafted_by="college van Bergen", source=SEED_NEWS)
        audit.record(ACTOR, "publication.create", pub, trajectory_slug=gate_2020.trajectory.slug)
        if news.date:
            # A digitale nieuwsbrief aan de raad is sent on the day it appears (its own date).
            event = InformationEvent.objects.create(
                document=news, council=rs.raad_of(bergen), municipality=bergen, gate=gate_2020, date=news.date,
                channel=Channel.NIEUWSBRIEF, legal_basis=LegalBasis.ACTIEVE_INFORMATIEPLICHT, recorded_by=ACTOR.label,
                note="Digitale nieuwsbrief aan de raad; verschenen op de datum van de nieuwsbrief.", source=SEED_NEWS,
            )
            audit.record(ACTOR, "information_event.create", event, trajectory_slug=gate_2020.trajectory.slug)
    # "Uw raad is in maart 2020 geïnformeerd over de uitkomsten van de pilots en het vervolg via een
    # raadsinformatiebrief" (seed nieuwsbrief)
    rib = Document.objects.filter(kind=c.DocumentKind.RAADSINFORMATIEBRIEF, trajectory__slug="alkmaar-participatiewet-2019").first()
    pilots = _gate("alkmaar-participatiewet-2019", "Start van drie pilots")
    if rib is not None and pilots is not None and not InformationEvent.objects.filter(document=rib, municipality=bergen).exists():
        event = InformationEvent.objects.create(
            document=rib, council=rs.raad_of(bergen), municipality=bergen, gate=pilots, date=dt.date(2020, 3, 1),
            channel=Channel.UNKNOWN, legal_basis=LegalBasis.ACTIEVE_INFORMATIEPLICHT, recorded_by=ACTOR.label,
            note="Maart 2020 (de dag staat niet in de bron): raadsinformatiebrief over de uitkomsten van de pilots en het vervolg.",
            source=SEED_NEWS,
        )
        audit.record(ACTOR, "information_event.create", event, trajectory_slug=pilots.trajectory.slug)
