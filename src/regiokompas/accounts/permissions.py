"""What a user may see and do: the one place that decides.

Views, panels, downloads, generated documents, the command line and the service functions all ask
the functions here, nothing else. Rights are scoped per trajectory: a user takes part in
trajectories (``Profile.trajectories``, see :func:`is_member`), and

- the beheerder (or a Django superuser) may see and do everything;
- a projectleider manages only the trajectories she is a member of, and creates new ones;
- analyses, preferences and costs of a trajectory are for its members (and the beheerder);
- a decision of a municipality is recorded by that municipality's staff who are members of the
  trajectory of the decision;
- a confidential document is seen by its issuing organisation, the organisations it names, and the
  project organisation and works-council members of its trajectory;
- a draft council document (not yet sent to the raad) is seen only by the issuing municipality and
  the project organisation of its trajectory;
- an uploaded document that waits for confirmation belongs to the uploader's organisation, the
  project organisation and the beheerder.

An actor is a user or an explicit :class:`~regiokompas.accounts.actors.SystemActor` (the example
loader, the command line, the dossier importer); only a SystemActor acts without a user. A plain
string is no actor and has no rights.

Templates never print a document's title themselves: they use :func:`document_title` (through the
``document_title`` tag in ``register/templatetags/access.py``) or the visible lists from
:func:`visible_documents`; generated documents for a raad or the public use :func:`public_title`.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.db.models.fields.related_descriptors import ReverseOneToOneDescriptor

from regiokompas.accounts.actors import is_system as is_system  # noqa: PLC0414 - re-exported
from regiokompas.accounts.models import Profile, UserRole

MUNICIPAL_STAFF = frozenset({UserRole.BELEIDSMEDEWERKER, UserRole.GRIFFIER})
IMPORTING_ROLES = frozenset({UserRole.BELEIDSMEDEWERKER, UserRole.GRIFFIER, UserRole.PROJECTLEIDER})


# --- who is it -------------------------------------------------------------------------------------


def is_authenticated(user) -> bool:
    return not is_system(user) and bool(getattr(user, "is_authenticated", False))


def profile_of(user) -> Profile | None:
    if not is_authenticated(user):
        return None
    cached = getattr(user, "_regiokompas_profile", False)
    if cached is not False:
        return cached
    descriptor = getattr(user.__class__, "profile", None)  # the class of the user behind request.user's proxy
    if isinstance(descriptor, ReverseOneToOneDescriptor) and not descriptor.related.is_cached(user):
        # with the municipality or organisation that every page's header names: no query for those
        profile = Profile.objects.select_related("municipality", "organisation").filter(user_id=user.pk).first()
        if profile is not None:
            descriptor.__set__(user, profile)  # user.profile, without another query
    else:
        try:
            profile = user.profile
        except Profile.DoesNotExist:
            profile = None
    try:
        user._regiokompas_profile = profile
    except AttributeError:  # pragma: no cover - objects without attributes (never a real user)
        pass
    return profile


def role_of(user) -> str | None:
    p = profile_of(user)
    return p.role if p else None


def is_superuser(user) -> bool:
    return is_authenticated(user) and bool(getattr(user, "is_superuser", False))


def is_manager(user) -> bool:
    """Functioneel beheer (or a Django superuser): may maintain the whole register."""
    return is_superuser(user) or role_of(user) == UserRole.BEHEERDER


def _trusted(actor) -> bool:
    """The system itself or the beheerder: every check passes."""
    return is_system(actor) or is_manager(actor)


# --- membership ------------------------------------------------------------------------------------


def member_trajectory_ids(user) -> frozenset[int]:
    """The ids of the trajectories ``user`` takes part in (cached on the user object per request)."""
    p = profile_of(user)
    if p is None or p.pk is None:
        return frozenset()
    cached = getattr(user, "_regiokompas_trajectory_ids", None)
    if cached is None:
        cached = frozenset(p.trajectories.values_list("pk", flat=True))
        try:
            user._regiokompas_trajectory_ids = cached
        except AttributeError:  # pragma: no cover
            pass
    return cached


def forget_cached_rights(user) -> None:
    """Drop the per-object caches (after a change of membership or role)."""
    for name in ("_regiokompas_trajectory_ids", "_regiokompas_profile"):
        if hasattr(user, name):
            delattr(user, name)


def _trajectory_id(trajectory) -> int | None:
    if trajectory is None:
        return None
    return trajectory if isinstance(trajectory, int) else trajectory.pk


def is_member(user, trajectory) -> bool:
    """``user`` takes part in ``trajectory`` (a Trajectory or its id)."""
    tid = _trajectory_id(trajectory)
    return tid is not None and tid in member_trajectory_ids(user)


def visible_trajectories(user, queryset):
    """All trajectories are listed to every logged-in user: what the councils decided is public."""
    return queryset if (is_system(user) or is_authenticated(user)) else queryset.none()


def member_trajectories(user, queryset):
    """The trajectories of ``queryset`` whose analyses and costs ``user`` may see."""
    if _trusted(user):
        return queryset
    return queryset.filter(pk__in=member_trajectory_ids(user))


# --- trajectories ----------------------------------------------------------------------------------


def can_create_trajectory(user) -> bool:
    """The beheerder and projectleiders start trajectories (the creator becomes a member)."""
    return _trusted(user) or role_of(user) == UserRole.PROJECTLEIDER


def can_manage_trajectory(user, trajectory=None) -> bool:
    """Gates, participants, assignments, planning and documents of a trajectory: its projectleiders
    and the beheerder. Without a trajectory: whether the user manages any trajectory at all."""
    if _trusted(user):
        return True
    if role_of(user) != UserRole.PROJECTLEIDER:
        return False
    if trajectory is None:
        return bool(member_trajectory_ids(user))
    return is_member(user, trajectory)


def can_manage_users(user, trajectory=None) -> bool:
    """Add users and set their trajectories: the beheerder for all, a projectleider for her own
    trajectories (without a trajectory: whether she manages any)."""
    return can_manage_trajectory(user, trajectory)


def can_manage_house_style(user) -> bool:
    """The house style of generated documents (logo, name, colour, address, footer) per municipality
    or organisation: the beheerder."""
    return _trusted(user)


def can_change_role(user) -> bool:
    """Roles and the beheerder's own rights are set by the beheerder only."""
    return _trusted(user)


def can_see_analysis(user, trajectory) -> bool:
    """Variants, criteria, scores, preferences, analysis runs, costs and their reports."""
    return _trusted(user) or is_member(user, trajectory)


can_see_costs = can_see_analysis


def can_see_summary(user, trajectory) -> bool:
    """The summary per municipality ("Wat betekent dit voor onze gemeente") holds the preferred variant
    and the costs: for the members of the trajectory and beheer, like the analyses."""
    return can_see_analysis(user, trajectory)


def can_manage_options(actor, trajectory=None) -> bool:
    """Variants, criteria, scores and the cost model: the project organisation and beheer."""
    return can_manage_trajectory(actor, trajectory)


def can_edit_preferences(actor, municipality, trajectory=None) -> bool:
    """Only a municipality's own policy staff, as members of the trajectory, enter its preferences."""
    if _trusted(actor):
        return True
    p = profile_of(actor)
    if not (p and p.role == UserRole.BELEIDSMEDEWERKER and municipality is not None and p.municipality_id == municipality.pk):
        return False
    return trajectory is None or is_member(actor, trajectory)


def can_run_analysis(actor, trajectory=None) -> bool:
    if can_manage_options(actor, trajectory):
        return True
    if role_of(actor) != UserRole.BELEIDSMEDEWERKER:
        return False
    return bool(member_trajectory_ids(actor)) if trajectory is None else is_member(actor, trajectory)


def can_record_decision(user, municipality, trajectory=None) -> bool:
    """Staff of a municipality record that municipality's decisions, in the trajectories they take
    part in (superusers and the system excepted). Without a trajectory only the municipality counts."""
    if is_system(user) or is_superuser(user):
        return True
    p = profile_of(user)
    if not (p and p.role in MUNICIPAL_STAFF and municipality is not None and p.municipality_id == municipality.pk):
        return False
    return trajectory is None or is_member(user, trajectory)


def can_change_condition(user, condition) -> bool:
    trajectory = condition.decision.gate.trajectory
    return can_manage_trajectory(user, trajectory) or can_record_decision(user, condition.decision.municipality, trajectory)


def can_change_register_object(actor, obj) -> bool:
    """Generic register writes (admin, importers): beheer, or the project organisation of the
    object's trajectory."""
    if _trusted(actor):
        return True
    from regiokompas.register.models import Document

    if isinstance(obj, Document):
        return can_write_document(actor, obj)
    from regiokompas.register.models import Trajectory

    if isinstance(obj, Trajectory) and obj.pk is None:
        return can_create_trajectory(actor)
    # Objects outside any trajectory (laws, regions, organisations) are shared: a projectleider
    # who manages a trajectory maintains them too.
    return can_manage_trajectory(actor, _trajectory_of(obj))


def _trajectory_of(obj):
    from regiokompas.register.models import Trajectory

    if isinstance(obj, Trajectory):
        return obj
    for path in ("trajectory", "gate.trajectory", "decision.gate.trajectory"):
        target = obj
        for part in path.split("."):
            target = getattr(target, part, None) if target is not None else None
        if isinstance(target, Trajectory):
            return target
    return None


# --- documents -------------------------------------------------------------------------------------


def publication_of(document):
    """The council publication that ``document`` is, or None."""
    try:
        return document.publication
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist or no publications app
        return None


def is_sent(publication) -> bool:
    """A council document is sent once an information event records that a raad received it."""
    document = publication.document
    prefetched = getattr(document, "_prefetched_objects_cache", {}).get("information_events")
    if prefetched is not None:  # fetched with the page's documents: no query per document
        return bool(prefetched)
    return document.information_events.exists()


def is_unsent_draft(document) -> bool:
    publication = publication_of(document)
    return publication is not None and not is_sent(publication)


def _publication_trajectory_id(publication):
    if publication.gate_id:
        return publication.gate.trajectory_id
    return publication.document.trajectory_id


def can_see_publication(user, publication_or_document) -> bool:
    """A council document: once sent, like any document; before that only the issuing municipality's
    staff, the project organisation of its trajectory and the beheerder see it."""
    from regiokompas.register.models import Document

    publication = publication_or_document
    if isinstance(publication_or_document, Document):
        publication = publication_of(publication_or_document)
        if publication is None:
            return can_see_document(user, publication_or_document)
    if _trusted(user):
        return True
    if not is_authenticated(user):
        return False
    if is_sent(publication):
        return _can_see_document_itself(user, publication.document)
    return _may_see_draft(user, publication)


def _may_see_draft(user, publication) -> bool:
    p = profile_of(user)
    if p is None:
        return False
    if p.role in MUNICIPAL_STAFF and p.municipality_id == publication.municipality_id:
        return True
    return p.role == UserRole.PROJECTLEIDER and is_member(user, _publication_trajectory_id(publication))


def _can_see_document_itself(user, document) -> bool:
    if not document.confidential:
        return True
    p = profile_of(user)
    if p is None:
        return False
    if p.role in {UserRole.OR_LID, UserRole.PROJECTLEIDER} and document.trajectory_id and is_member(user, document.trajectory_id):
        # Works councils see all documents of the trajectories they take part in (seed memo 2012),
        # as does the project organisation that prepares them.
        return True
    if p.municipality_id and p.municipality_id == document.issuer_municipality_id:
        return p.role != UserRole.RAADSLID
    if p.organisation_id and (
        p.organisation_id == document.issuer_organisation_id
        or document.allowed_organisations.filter(pk=p.organisation_id).exists()
    ):
        return True
    return False


def can_see_document(user, document) -> bool:
    """May ``user`` see ``document`` (its title included)?"""
    if document is None:
        return False
    if _trusted(user):
        return True
    if not is_authenticated(user):
        return False
    publication = publication_of(document)
    if publication is not None and not is_sent(publication):
        return _may_see_draft(user, publication)
    return _can_see_document_itself(user, document)


def _unsent_draft_q():
    """Documents that are a council publication not yet sent to any raad."""
    from regiokompas.register.models import Document

    if not hasattr(Document, "publication"):
        return Q(pk__in=[])
    from regiokompas.publications.models import InformationEvent

    sent = InformationEvent.objects.filter(document_id=OuterRef("pk"))
    return Q(publication__isnull=False) & ~Q(Exists(sent))


def visible_documents(user, queryset):
    """Filter a Document queryset down to what ``user`` may see."""
    if _trusted(user):
        return queryset
    if not is_authenticated(user):
        return queryset.none()
    p = profile_of(user)
    members = member_trajectory_ids(user)
    allowed = Q(confidential=False)
    if p and p.role in {UserRole.OR_LID, UserRole.PROJECTLEIDER} and members:
        allowed |= Q(trajectory_id__in=members)
    if p and p.municipality_id and p.role != UserRole.RAADSLID:
        allowed |= Q(issuer_municipality_id=p.municipality_id)
    if p and p.organisation_id:
        allowed |= Q(issuer_organisation_id=p.organisation_id) | Q(allowed_organisations__id=p.organisation_id)
    draft_allowed = Q(pk__in=[])
    if p and p.role in MUNICIPAL_STAFF and p.municipality_id:
        draft_allowed |= Q(publication__municipality_id=p.municipality_id)
    if p and p.role == UserRole.PROJECTLEIDER and members:
        draft_allowed |= Q(publication__gate__trajectory_id__in=members) | Q(publication__gate__isnull=True, trajectory_id__in=members)
    ids = queryset.filter(allowed).exclude(_unsent_draft_q() & ~draft_allowed).values("pk")
    return queryset.filter(pk__in=ids)


def can_write_document(actor, document) -> bool:
    """Register a document (or change a concept): the project organisation of its trajectory, or
    the staff of the issuing municipality who take part in that trajectory."""
    if _trusted(actor):
        return True
    if document.trajectory_id and can_manage_trajectory(actor, document.trajectory_id):
        return True
    if not document.trajectory_id and can_manage_trajectory(actor):
        return True
    p = profile_of(actor)
    if not (p and p.role in MUNICIPAL_STAFF and p.municipality_id
            and document.issuer_municipality_id in (None, p.municipality_id)):
        return False
    return not document.trajectory_id or is_member(actor, document.trajectory_id)


def document_title(user, document) -> str | None:
    """How ``document`` may be referred to for ``user``: its title, or None (then name nothing)."""
    return document.title if document is not None and can_see_document(user, document) else None


def is_public(document) -> bool:
    """May a document for the raad or the public name this document? Only when anyone may see it:
    not confidential, and not a council document that has not been sent yet."""
    return document is not None and not document.confidential and not is_unsent_draft(document)


def public_title(document) -> str | None:
    """The title of ``document`` if a public text may name it, else None."""
    return document.title if is_public(document) else None


def public_documents(queryset):
    """The documents of ``queryset`` that a public council document may name."""
    return queryset.filter(confidential=False).exclude(_unsent_draft_q())


def documents_for_reader(reader, queryset):
    """The documents a generated text may name for ``reader``: a user, or None for the raad and the
    public (public documents only)."""
    if reader is None:
        return public_documents(queryset)
    return visible_documents(reader, queryset)


def title_for_reader(reader, document) -> str | None:
    return public_title(document) if reader is None else document_title(reader, document)


# --- council information ---------------------------------------------------------------------------


def can_draft_publication(user, municipality, trajectory=None) -> bool:
    """Council information of a municipality: its staff (as members of the trajectory), the
    project organisation of the trajectory and the beheerder."""
    return can_manage_trajectory(user, trajectory) or can_record_decision(user, municipality, trajectory)


def can_approve_publication(user, publication) -> bool:
    """Approve a council document offered for approval, or send it back: a person (never a script) of
    the same organisation as the one who offered it (the same municipality's staff, or the same
    organisation, e.g. the project organisation), who may draft it, and who is not that person."""
    if not is_authenticated(user) or is_system(user):
        return False
    submitter = publication.submitted_by
    if submitter is None or submitter.pk == user.pk:
        return False
    trajectory = publication.gate.trajectory if publication.gate_id else publication.document.trajectory
    if not can_draft_publication(user, publication.municipality, trajectory):
        return False
    mine, theirs = profile_of(user), profile_of(submitter)
    if mine is None or theirs is None:
        return False
    if mine.municipality_id and mine.municipality_id == theirs.municipality_id:
        return True
    return bool(mine.organisation_id and mine.organisation_id == theirs.organisation_id)


def can_record_information_event(user, municipality, trajectory=None) -> bool:
    return can_draft_publication(user, municipality, trajectory)


# --- background work (regiokompas.jobs) -------------------------------------------------------------


def can_see_job(user, job) -> bool:
    """The status, result and download of background work: only the user who asked for it, and only
    while she may still see what it is about (the analyses of its trajectory, the document)."""
    if not is_authenticated(user) or job.requested_by_id is None or job.requested_by_id != user.pk:
        return False
    if job.kind in ("analysis", "report", "costs"):
        return job.trajectory_id is not None and can_see_analysis(user, job.trajectory_id)
    if job.kind == "import":
        return can_import(user)
    from regiokompas.register.models import Document

    document = Document.objects.filter(pk=(job.params or {}).get("document")).first()
    return document is not None and can_see_document(user, document)


def visible_jobs(user, jobs) -> list:
    """``can_see_job`` for many jobs (one page of a list) with a fixed number of queries: the
    documents of document jobs are checked together through ``visible_documents``."""
    from regiokompas.register.models import Document

    jobs = list(jobs)
    if not is_authenticated(user):
        return []
    own = [j for j in jobs if j.requested_by_id is not None and j.requested_by_id == user.pk]
    wanted: set[int] = {i for j in own if j.kind not in ("analysis", "report", "costs", "import")
                        if (i := _document_id(j)) is not None}
    documents = set(visible_documents(user, Document.objects.filter(pk__in=wanted)).values_list("pk", flat=True)) if wanted else set()
    importer = can_import(user)

    def sees(job) -> bool:
        if job.kind in ("analysis", "report", "costs"):
            return job.trajectory_id is not None and can_see_analysis(user, job.trajectory_id)
        if job.kind == "import":
            return importer
        return _document_id(job) in documents

    return [j for j in own if sees(j)]


def _document_id(job) -> int | None:
    raw = (job.params or {}).get("document")
    try:
        return int(raw) if raw is not None else None
    except (TypeError, ValueError):
        return None


# --- uploads and imports ---------------------------------------------------------------------------


def can_import(user) -> bool:
    """May upload documents to be read into the register."""
    if _trusted(user):
        return True
    return role_of(user) in IMPORTING_ROLES


def can_handle_import(user, pending) -> bool:
    """See, confirm or cancel an uploaded document that waits for confirmation: the uploader's
    organisation (municipality or organisation), the project organisation of its trajectory and the
    beheerder."""
    if _trusted(user):
        return True
    if not can_import(user):
        return False
    p = profile_of(user)
    if pending.owner_id is not None and pending.owner_id == getattr(user, "pk", None):
        return True
    if p.municipality_id and p.municipality_id == pending.owner_municipality_id:
        return True
    if p.organisation_id and p.organisation_id == pending.owner_organisation_id:
        return True
    return p.role == UserRole.PROJECTLEIDER and pending.trajectory_id is not None and is_member(user, pending.trajectory_id)


def visible_imports(user, queryset):
    if _trusted(user):
        return queryset
    if not can_import(user):
        return queryset.none()
    p = profile_of(user)
    allowed = Q(owner_id=user.pk)
    if p.municipality_id:
        allowed |= Q(owner_municipality_id=p.municipality_id)
    if p.organisation_id:
        allowed |= Q(owner_organisation_id=p.organisation_id)
    if p.role == UserRole.PROJECTLEIDER:
        allowed |= Q(trajectory_id__in=member_trajectory_ids(user))
    return queryset.filter(allowed)


# --- users ------------------------------------------------------------------------------------------


def profile_of_user(user) -> Profile | None:
    """The profile of any user (also one who is not logged in), or None."""
    return Profile.objects.filter(user=user).first() if getattr(user, "pk", None) else None


def can_edit_user(actor, user) -> bool:
    """The beheerder edits every user; a projectleider a user who is no beheerder and takes part only
    in trajectories she manages (at least one)."""
    if can_change_role(actor):
        return True
    if not can_manage_users(actor) or is_manager(user) or getattr(user, "is_superuser", False):
        return False
    profile = profile_of_user(user)
    if profile is None:
        return False
    trajectories = list(profile.trajectories.all())
    return bool(trajectories) and all(can_manage_users(actor, t) for t in trajectories)


# --- search -----------------------------------------------------------------------------------------


def visible_search_entries(user, queryset):
    """Search results (``search.SearchEntry``) that ``user`` may see: only the trajectories she takes
    part in (the beheerder: all); there the decisions, conditions, gates and variants (analyses are
    for members), and the documents that :func:`visible_documents` lets her see (no confidential
    document she may not see, no unsent draft of another organisation)."""
    if _trusted(user):
        return queryset
    if not is_authenticated(user):
        return queryset.none()
    from regiokompas.register.models import Document
    from regiokompas.search.models import EntryKind

    members = member_trajectory_ids(user)
    documents = visible_documents(user, Document.objects.filter(trajectory_id__in=members)).values("pk")
    return queryset.filter(trajectory_id__in=members).filter(
        Q(kind__in=[EntryKind.DECISION, EntryKind.CONDITION, EntryKind.GATE, EntryKind.VARIANT])
        | Q(kind=EntryKind.DOCUMENT, object_id__in=documents))


# --- notifications ----------------------------------------------------------------------------------


def can_follow_trajectory(user, trajectory) -> bool:
    """May ``user`` be notified about ``trajectory`` (its gates, decisions, consultations)? Its
    members and the beheerder. Council documents are checked per document as well
    (:func:`can_see_publication`, :func:`can_see_document`)."""
    if not is_authenticated(user) or not getattr(user, "is_active", False):
        return False
    return is_manager(user) or is_member(user, trajectory)


# --- operations: health endpoints and metrics (regiokompas.ops, docs/operations.md) --------------------


def can_see_health(user) -> bool:
    """/gezondheid/live and /gezondheid/klaar: anyone, also without logging in (a load balancer
    asks them); they tell only ok / not ok per check."""
    return True


def can_read_metrics(remote_addr: str, authorization: str) -> bool:
    """/metrics: not a person but a Prometheus scraper, from an address in
    REGIOKOMPAS_METRICS_ADDRESSES (default: loopback) or with ``Authorization: Bearer`` and the
    token in REGIOKOMPAS_METRICS_TOKEN. Behind the trusted proxy REMOTE_ADDR is the visitor's own."""
    import hmac

    from django.conf import settings

    if remote_addr and remote_addr in settings.REGIOKOMPAS_METRICS_ADDRESSES:
        return True
    token = settings.REGIOKOMPAS_METRICS_TOKEN
    scheme, _, given = authorization.partition(" ")
    return bool(token) and scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())
