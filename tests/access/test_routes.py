"""Every URL pattern of the application × every role × own/other trajectory (and municipality):
the status must be the one in the expected-rights table below, and a refused request writes nothing.

The patterns are read from the URL configuration, so a new route without an entry in ``TABLE``
fails ``test_every_route_has_an_entry``. The table states the policy in its own terms (member of the
trajectory, staff of the municipality, ...), independently of ``accounts.permissions``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .world import ROLES

pytestmark = pytest.mark.django_db

# --- the roles, relative to a variant (own trajectory, other trajectory, other municipality) ----------

MEMBERS_OF_OWN = {"projectleider", "beleidsmedewerker", "griffier", "raadslid", "or_lid"}


def logged_in(role, variant):
    return role != "anonymous"


def everyone(role, variant):
    return True


def member(role, variant):
    """Takes part in the variant's trajectory (the beheerder sees everything)."""
    if role == "beheerder":
        return True
    return role in MEMBERS_OF_OWN if variant in ("own", "own_other_muni") else role == "projectleider_ander"


def manager(role, variant):
    """Beheer, or the projectleider of the variant's trajectory."""
    return role == "beheerder" or (role == "projectleider" and variant in ("own", "own_other_muni")) or (
        role == "projectleider_ander" and variant == "other")


def municipal_staff(role, variant):
    """Staff (beleidsmedewerker, griffier) of the variant's municipality, member of its trajectory.
    The superuser beheerder records anything."""
    return role == "beheerder" or (role in ("beleidsmedewerker", "griffier") and variant == "own")


def manager_or_staff(role, variant):
    return manager(role, variant) or municipal_staff(role, variant)


def policy_staff(role, variant):
    """Preferences: only the municipality's beleidsmedewerker (member) and beheer."""
    return role == "beheerder" or (role == "beleidsmedewerker" and variant == "own")


def runs_analyses(role, variant):
    return manager(role, variant) or (role == "beleidsmedewerker" and variant in ("own", "own_other_muni"))


def sees_confidential(role, variant):
    """The confidential document of the variant: issued by another municipality than the users';
    beheer, the project organisation and the works council of its trajectory."""
    if variant == "other":
        return role in ("beheerder", "projectleider_ander")
    return role in ("beheerder", "projectleider", "or_lid")


def sees_draft(role, variant):
    """An unsent council document: the issuing municipality's staff, the project organisation, beheer."""
    return manager(role, variant) or municipal_staff(role, variant)


def imports(role, variant):
    return role in ("beheerder", "projectleider", "projectleider_ander", "beleidsmedewerker", "griffier")


def handles_import(role, variant):
    """A pending import: the uploader's organisation, the project organisation of its trajectory, beheer."""
    return manager(role, variant) or municipal_staff(role, variant)


def requested_the_job(role, variant):
    """Background work: only the user who started it (here a member of the variant's trajectory)."""
    return role == ("beleidsmedewerker" if variant == "own" else "projectleider_ander")


def sets_up(role, variant):
    """Set-up pages outside one trajectory: beheer and every projectleider who manages a trajectory."""
    return role in ("beheerder", "projectleider", "projectleider_ander")


def is_beheerder(role, variant):
    """Settings of the whole installation (the house style of documents): beheer only."""
    return role == "beheerder"


def edits_own_user(role, variant):
    """A user who takes part only in the own trajectory: beheer and that trajectory's projectleider."""
    return role in ("beheerder", "projectleider")


@dataclass(frozen=True)
class Rule:
    get: Callable | None  # who gets ``ok``; None: GET is not allowed (405)
    post: Callable | None = None  # who may POST; None: POST is not tested (the view does not accept it)
    deny: int | set = 403  # status for a logged-in user who may not
    ok: int = 200
    post_only: bool = False  # GET answers 405
    variants: tuple[str, ...] = ("own", "other")
    anonymous: int = 302  # login required: redirect to the login page (200: no login needed, as for others)


def manages_some_trajectory(role, variant):
    """Beheer and every projectleider (each sees the users of her own trajectories)."""
    return role in ("beheerder", "projectleider", "projectleider_ander")


def manages_users_of_own(role, variant):
    """A user of the own trajectory: beheer and that trajectory's projectleider."""
    return role in ("beheerder", "projectleider")


def R(get, post=None, **kw) -> Rule:
    return Rule(get, post, **kw)


T = ("own", "other")
TM = ("own", "other", "own_other_muni")  # routes with a municipality in them
ONE = ("own",)

TABLE: dict[str, Rule] = {
    # site
    "root": R(everyone, ok=302, variants=ONE, anonymous=302),
    "login": R(everyone, everyone, variants=ONE, anonymous=200),
    "logout": R(None, everyone, post_only=True, ok=302, variants=ONE, anonymous=200),  # no login needed: 405 / 302
    # register
    "register:trajectory-list": R(logged_in, variants=ONE),
    "register:trajectory-detail": R(logged_in),
    "register:trajectory-export": R(manager),
    "register:document-list": R(logged_in),
    "register:gate-detail": R(logged_in),
    "register:decision-create": R(municipal_staff, municipal_staff, variants=TM),
    "register:decision-detail": R(logged_in),
    "register:decision-supersede": R(municipal_staff, municipal_staff, variants=TM),
    "register:condition-status": R(manager_or_staff, manager_or_staff),
    "register:municipality-detail": R(logged_in, variants=TM),
    "register:document-detail": R(sees_confidential, deny=404),
    "register:arrangement-list": R(logged_in, variants=ONE),
    "register:arrangement-detail": R(logged_in, variants=ONE),
    # setting up on the pages
    "register:setup-overview": R(sets_up, variants=ONE),
    "register:trajectory-create": R(sets_up, variants=ONE),
    "register:trajectory-edit": R(manager),
    "register:gate-create": R(manager),
    "register:gate-edit": R(manager),
    "register:organisation-create": R(sets_up, variants=ONE),
    "register:organisation-edit": R(sets_up, variants=ONE),
    "register:arrangement-create": R(sets_up, variants=ONE),
    "register:arrangement-edit": R(sets_up, variants=ONE),
    "register:appointment-create": R(sets_up, variants=ONE),
    "register:participation-edit": R(sets_up, variants=ONE),
    "housestyle:overview": R(is_beheerder, variants=ONE),
    "housestyle:municipality": R(is_beheerder, is_beheerder, variants=ONE),
    "housestyle:organisation": R(is_beheerder, is_beheerder, variants=ONE),
    "accounts:user-list": R(sets_up, variants=ONE),
    "accounts:user-create": R(sets_up, variants=ONE),
    "accounts:user-edit": R(edits_own_user, variants=ONE),
    "accounts:user-deactivate": R(edits_own_user, variants=ONE),
    "accounts:user-password-link": R(None, edits_own_user, post_only=True, ok=302, variants=ONE),
    "accounts:password-set": R(everyone, variants=ONE, anonymous=200),
    # options: everything only for members of the trajectory
    "options:overview": R(member),
    "options:variant-create": R(manager, manager),
    "options:variant-detail": R(member),
    "options:variant-edit": R(manager, manager),
    "options:variant-delete": R(manager, manager),
    "options:score-edit": R(manager, manager),
    "options:criteria": R(member),
    "options:variant-component-add": R(manager, manager),
    "options:common-measure-add": R(manager, manager),
    "options:criteria-template": R(None, manager, post_only=True),
    "options:criterion-create": R(manager, manager),
    "options:criterion-edit": R(manager, manager),
    "options:criterion-delete": R(manager, manager),
    "options:preferences": R(member, policy_staff, variants=TM),
    "options:preferences-withdraw": R(None, policy_staff, post_only=True, variants=TM),
    "options:runs": R(member, runs_analyses),
    "options:run-compare": R(member),
    "options:run-detail": R(member),
    "options:run-details": R(member),
    "options:run-reproduce": R(None, runs_analyses, post_only=True),
    "options:run-chart": R(member),
    "options:report": R(member),
    # finance: only for members
    "finance:overview": R(member),
    "finance:apply-criterion": R(None, manager, post_only=True),
    "finance:variant": R(member),
    "finance:item-create": R(manager, manager),
    "finance:item-edit": R(manager, manager),
    "finance:item-delete": R(manager, manager),
    "finance:municipality": R(member, variants=TM),
    "finance:settings-edit": R(manager, manager),
    "finance:key-create": R(manager, manager),
    "finance:key-edit": R(manager, manager),
    "finance:current-cost-create": R(manager, manager),
    "finance:current-cost-edit": R(manager, manager),
    # planning: read by everyone logged in, changed by the project organisation
    "planning:overview": R(logged_in),
    "planning:versions": R(logged_in),
    "planning:edit": R(manager, manager),
    "planning:participation": R(logged_in, manager),
    "planning:bodies": R(logged_in),
    "planning:body-add": R(manager, manager),
    "planning:body-edit": R(manager, manager),
    "planning:item-edit": R(manager, manager),
    "planning:advice": R(manager, manager),
    "planning:law-change": R(manager, manager),
    "planning:export": R(logged_in),
    "planning:process": R(logged_in, manager),
    "planning:process-download": R(logged_in),
    # council information
    "publications:overview": R(logged_in),
    "publications:draft": R(manager_or_staff, manager_or_staff, deny=302),
    "publications:detail": R(sees_draft, deny=404),
    "publications:edit": R(sees_draft, sees_draft, deny=404),
    "publications:finalise": R(None, sees_draft, post_only=True, deny=404),
    "publications:submit": R(None, sees_draft, post_only=True, deny=404),
    "publications:approve": R(None, sees_draft, post_only=True, deny=404),
    "publications:new-version": R(None, sees_draft, post_only=True, deny=404),
    "publications:event": R(None, sees_draft, post_only=True, deny=404),
    "publications:download": R(sees_draft, deny=404),
    "publications:document-download": R(sees_confidential, deny=404),
    "publications:import": R(imports, imports, deny=302, variants=ONE),
    "publications:import-review": R(handles_import, handles_import, deny=404),
    "publications:import-cancel": R(None, handles_import, post_only=True, deny=404),
    # background work: only the user who started it; others get 404
    "jobs:list": R(logged_in, variants=ONE),
    "jobs:detail": R(requested_the_job, deny=404),
    "jobs:status": R(requested_the_job, deny=404),
    "jobs:download": R(requested_the_job, deny=404),
    # summary per municipality (analysis and costs: members only; 404 otherwise) and the glossary
    "summary:municipality": R(member, deny=404, variants=T),
    "summary:glossary": R(logged_in, variants=ONE),
    # search (results filtered per user) and the user's own notifications
    "search:search": R(logged_in, variants=ONE),
    "notifications:list": R(logged_in, variants=ONE),
    "notifications:mark-read": R(None, logged_in, post_only=True, variants=ONE),
    "notifications:preferences": R(logged_in, logged_in, variants=ONE),
    # the REST API (/api/v1/): reads per role here; its writes per role are tested in tests/api
    "api:openapi": R(everyone, variants=ONE, anonymous=200),
    "api:gemeente-list": R(logged_in, variants=ONE, anonymous=401),
    "api:gemeente-detail": R(logged_in, anonymous=401),
    "api:traject-list": R(logged_in, variants=ONE, anonymous=401),
    "api:traject-detail": R(logged_in, anonymous=401),
    "api:traject-besluitmomenten": R(logged_in, anonymous=401),
    "api:traject-besluitmatrix": R(logged_in, anonymous=401),
    "api:traject-documenten": R(logged_in, anonymous=401),
    "api:document-detail": R(sees_confidential, deny=404, anonymous=401),
    "api:besluitmoment-detail": R(logged_in, anonymous=401),
    "api:besluit-list": R(logged_in, variants=ONE, anonymous=401),
    "api:besluit-detail": R(logged_in, anonymous=401),
    "api:besluit-geschiedenis": R(logged_in, anonymous=401),
    "api:besluit-vervangen": R(None, deny=405, anonymous=401),  # POST only; its rights in tests/api
    "api:voorwaarde-detail": R(logged_in, anonymous=401),
    "api:gebruiker-list": R(manages_some_trajectory, variants=ONE, anonymous=401),
    "api:gebruiker-detail": R(manages_users_of_own, deny={403, 404}, variants=ONE, anonymous=401),
    "api:regeling-list": R(logged_in, variants=ONE, anonymous=401),
    "api:regeling-detail": R(logged_in, variants=ONE, anonymous=401),
    "api:taak-detail": R(requested_the_job, deny=404, anonymous=401),
    "api:not-found": R(None, deny=404, variants=ONE, anonymous=404),
    # operations: health checks for anyone; metrics for the scraper's address (the test client is 127.0.0.1)
    "health-live": R(everyone, variants=ONE, anonymous=200),
    "health-ready": R(everyone, variants=ONE, anonymous=200),
    "metrics": R(everyone, variants=ONE, anonymous=200),
}

# The Django admin (/beheer/) is for the beheerder only: every other user is sent to its login page.
ADMIN = Rule(lambda role, variant: role == "beheerder", lambda role, variant: False, deny=302, variants=ONE)


def rule_for(name: str) -> Rule | None:
    if name.startswith("admin:"):
        return ADMIN
    return TABLE.get(name)


# --- the routes, from the URL configuration ------------------------------------------------------------


def routes() -> list[tuple[str, str]]:
    """(name, pattern) of every URL pattern; unnamed patterns are named by their pattern."""
    found = []

    def walk(patterns, prefix, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = ":".join(x for x in (namespace, p.namespace) if x) if p.namespace else namespace
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                name = (f"{namespace}:{p.name}" if namespace else p.name) if p.name else None
                if name is None and not namespace and not f"{prefix}{p.pattern}":
                    name = "root"  # the redirect from / to the list of trajectories
                elif name is None:
                    name = f"{namespace}:<{prefix}{p.pattern}>" if namespace else f"<{prefix}{p.pattern}>"
                found.append((name, prefix + str(p.pattern)))

    walk(get_resolver().url_patterns, "", "")
    return found


ROUTES = routes()


def test_every_route_has_an_entry():
    missing = [name for name, _ in ROUTES if name != "root" and rule_for(name) is None and not name.startswith("<")]
    unnamed = [name for name, _ in ROUTES if name.startswith("<")]
    assert not missing, f"routes without an entry in the expected-rights table: {missing}"
    assert not unnamed, f"routes without a name (give them one and an entry in the table): {unnamed}"
    stale = set(TABLE) - {name for name, _ in ROUTES} - {"root"}
    assert not stale, f"entries for routes that no longer exist: {stale}"


# --- concrete URLs ------------------------------------------------------------------------------------


def url_for(world, name: str, variant: str) -> str | None:
    o = world.objects
    v = "own" if variant == "own_other_muni" else variant
    t = o[v, "trajectory"]
    slug = t.slug
    code = o["own_other_muni", "municipality"].cbs_code if variant == "own_other_muni" else o[v, "municipality"].cbs_code
    variant_obj = o[v, "variant"]
    item = o[v, "cost_item"]
    args = {
        "root": [], "login": [], "logout": [], "health-live": [], "health-ready": [], "metrics": [],
        "search:search": [], "notifications:list": [], "notifications:mark-read": [], "notifications:preferences": [],
        "register:trajectory-list": [],
        "register:trajectory-detail": [slug], "register:trajectory-export": [slug], "register:document-list": [slug],
        "register:gate-detail": [o[v, "gate"].pk],
        "register:decision-create": [o[v, "gate"].pk, code],
        "register:decision-detail": [o[v, "decision"].pk],
        "register:decision-supersede": lambda: [_decision_of(world, v, code).pk],
        "register:condition-status": [o[v, "condition"].pk],
        "register:municipality-detail": [code],
        "register:document-detail": [o[v, "document"].pk],
        "register:arrangement-list": [],
        "register:arrangement-detail": lambda: [_arrangement().pk],
        "register:setup-overview": [], "register:trajectory-create": [],
        "register:trajectory-edit": [slug], "register:gate-create": [slug], "register:gate-edit": [o[v, "gate"].pk],
        "register:organisation-create": [], "register:organisation-edit": lambda: [_organisation().pk],
        "register:arrangement-create": [], "register:arrangement-edit": lambda: [_arrangement().pk],
        "register:appointment-create": lambda: [_arrangement().pk],
        "register:participation-edit": lambda: [_participation().pk],
        "housestyle:overview": [], "housestyle:organisation": lambda: [_organisation().pk],
        "housestyle:municipality": [code],
        "accounts:user-list": [], "accounts:user-create": [],
        "accounts:user-edit": lambda: [_user("w-bergen").pk], "accounts:user-deactivate": lambda: [_user("w-bergen").pk],
        "accounts:user-password-link": lambda: [_user("w-bergen").pk],
        "accounts:password-set": ["MQ", "ongeldig-token"],
        "options:variant-component-add": [slug, variant_obj.number], "options:common-measure-add": [slug],
        "options:overview": [slug], "options:variant-create": [slug],
        "options:variant-detail": [slug, variant_obj.number], "options:variant-edit": [slug, variant_obj.number],
        "options:variant-delete": [slug, variant_obj.number],
        "options:score-edit": [slug, variant_obj.number, o[v, "criterion"].code],
        "options:criteria": [slug], "options:criteria-template": [slug], "options:criterion-create": [slug],
        "options:criterion-edit": [slug, o[v, "criterion"].code], "options:criterion-delete": [slug, o[v, "criterion"].code],
        "options:preferences": [slug, code], "options:preferences-withdraw": [slug, code],
        "options:runs": [slug], "options:run-compare": [slug], "options:run-detail": [slug, o[v, "run"].number],
        "options:run-details": [slug, o[v, "run"].number],
        "options:run-reproduce": [slug, o[v, "run"].number],
        "options:run-chart": [slug, o[v, "run"].number, "vergelijking", "regio"],
        "options:report": [slug, "md"],
        "finance:overview": [slug], "finance:apply-criterion": [slug],
        "finance:variant": [slug, item.variant.number],
        "finance:item-create": [slug, item.variant.number], "finance:item-edit": [slug, item.variant.number, item.code],
        "finance:item-delete": [slug, item.variant.number, item.code],
        "finance:municipality": [slug, code], "finance:settings-edit": [slug],
        "finance:key-create": [slug], "finance:key-edit": [slug, o[v, "key"].code],
        "finance:current-cost-create": [slug], "finance:current-cost-edit": [slug, o[v, "current_cost"].municipality.cbs_code],
        "planning:overview": [slug], "planning:versions": [slug], "planning:edit": [slug],
        "planning:participation": [slug], "planning:bodies": [slug], "planning:body-add": [slug],
        "planning:body-edit": [slug, o[v, "body"].pk],
        "planning:item-edit": [slug, "medezeggenschap", o[v, "consultation"].pk],
        "planning:advice": [slug, o[v, "consultation"].pk], "planning:law-change": [slug],
        "planning:export": [slug, "ics"], "planning:process": [slug], "planning:process-download": [slug, "md"],
        "publications:overview": [slug], "publications:draft": [o[v, "gate"].pk],
        "publications:detail": [o[v, "draft"].pk], "publications:edit": [o[v, "draft"].pk],
        "publications:finalise": [o[v, "draft"].pk],
        "publications:submit": [o[v, "draft"].pk], "publications:approve": [o[v, "draft"].pk], "publications:new-version": [o[v, "draft"].pk],
        "publications:event": [o[v, "draft"].pk], "publications:download": [o[v, "draft"].pk, "md"],
        "publications:document-download": [o[v, "document"].pk, "md"],
        "publications:import": [], "publications:import-review": [o[v, "import"].pk],
        "publications:import-cancel": [o[v, "import"].pk],
        "jobs:list": [], "jobs:detail": [o[v, "job"].pk], "jobs:status": [o[v, "job"].pk], "jobs:download": [o[v, "job"].pk],
        "summary:municipality": [slug, code], "summary:glossary": [],
    }
    args.update({
        "api:openapi": [], "api:gemeente-list": [], "api:gemeente-detail": [code],
        "api:traject-list": [], "api:traject-detail": [slug], "api:traject-besluitmomenten": [slug],
        "api:traject-besluitmatrix": [slug], "api:traject-documenten": [slug],
        "api:document-detail": [o[v, "document"].pk], "api:besluitmoment-detail": [o[v, "gate"].pk],
        "api:besluit-list": [], "api:besluit-detail": [o[v, "decision"].pk],
        "api:besluit-geschiedenis": [o[v, "decision"].pk], "api:besluit-vervangen": [o[v, "decision"].pk],
        "api:voorwaarde-detail": [o[v, "condition"].pk], "api:gebruiker-list": [],
        "api:gebruiker-detail": [world.users["raadslid"].username], "api:regeling-list": [],
        "api:regeling-detail": lambda: [_arrangement().pk], "api:taak-detail": [o[v, "job"].pk],
    })
    if name == "api:not-found":
        return "/api/v1/bestaat-niet"
    if name not in args:
        return None
    if callable(args[name]):
        args[name] = args[name]()
    url = reverse("register:trajectory-list" if name == "root" else name, args=args[name]) if name != "root" else "/"
    if name == "options:run-compare":
        url += f"?a={o[v, 'run'].number}&b={o[v, 'run'].number}"
    return url


def _arrangement():
    from regiokompas.register.models import JointArrangement

    return JointArrangement.objects.order_by("pk").first()


def _organisation():
    from regiokompas.register.models import Organisation

    return Organisation.objects.order_by("pk").first()


def _participation():
    from regiokompas.register.models import ArrangementParticipation

    return ArrangementParticipation.objects.order_by("pk").first()


def _user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def _decision_of(world, v, code):
    from regiokompas.register.models import Decision

    return Decision.objects.filter(gate__trajectory=world.objects[v, "trajectory"], municipality__cbs_code=code,
                                   is_current=True).order_by("gate__ordinal").first()


def admin_url(name: str, pattern: str) -> str | None:
    """A concrete URL for an admin route: the first object of its model where one is needed."""
    from django.contrib import admin

    kwargs = {}
    if "<path:object_id>" in pattern and ":<" in name:
        app_label, model_name = pattern.split("/")[1:3]
        model = apps.get_model(app_label, model_name)
        obj = model.objects.order_by("pk").first()
        kwargs["object_id"] = str(obj.pk if obj else 0)
    elif "<path:object_id>" in pattern:
        model_key = name.split(":", 1)[1].rsplit("_", 1)[0]
        model = next((m for m in admin.site._registry if f"{m._meta.app_label}_{m._meta.model_name}" == model_key), None)
        obj = model.objects.order_by("pk").first() if model else None
        kwargs["object_id"] = str(obj.pk if obj else 0)
    if "<id>" in pattern:  # the user's password change page
        from django.contrib.auth import get_user_model

        kwargs["id"] = str(get_user_model().objects.order_by("pk").first().pk)
    if "app_label" in pattern:
        kwargs["app_label"] = "register"
    if "content_type_id" in pattern:
        from django.contrib.contenttypes.models import ContentType

        kwargs["content_type_id"] = ContentType.objects.get_for_model(apps.get_model("register", "Trajectory")).pk
        kwargs["object_id"] = str(apps.get_model("register", "Trajectory").objects.first().pk)
    if "<path:url>" in pattern or "(?P<url>" in pattern:
        return None  # the admin's catch-all: covered by every other admin URL
    if ":<" in name:  # an unnamed admin pattern (a redirect to the change page): fill in its arguments
        return "/" + pattern.replace("<path:object_id>", kwargs.get("object_id", "1"))
    try:
        return reverse(name, kwargs=kwargs)
    except Exception:  # noqa: BLE001 - a pattern with arguments we do not know: fail loudly below
        return "UNBUILDABLE " + name


# --- the check ------------------------------------------------------------------------------------


def counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_models()}


def _client(world, role) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _expected(rule: Rule, method: str, role: str, variant: str) -> tuple[int | set, bool]:
    """(expected status or set of statuses, allowed)."""
    if role == "anonymous" and rule.anonymous != 200:
        return rule.anonymous, False  # login first, whatever the method
    if method == "GET" and rule.post_only:
        return 405, False
    check = rule.get if method == "GET" else rule.post
    allowed = bool(check and check(role, variant))
    if not allowed:
        return rule.deny, False
    if method == "GET":
        return rule.ok, True
    return {200, 302, 400}, True  # an allowed POST with an empty form: shown again, refused or done


def _request(client, method, url):
    with transaction.atomic():
        response = client.get(url) if method == "GET" else client.post(url, {})
        transaction.set_rollback(True)  # an allowed change must not disturb the next request
    return response


APP_ROUTES = [(n, p) for n, p in ROUTES if not n.startswith("admin:")]
ADMIN_ROUTES = [(n, p) for n, p in ROUTES if n.startswith("admin:")]


@pytest.mark.parametrize("name", [n for n, _ in APP_ROUTES], ids=[n for n, _ in APP_ROUTES])
def test_route_rights(world, name):
    rule = rule_for(name)
    assert rule is not None, f"no entry for {name}"
    failures = []
    for variant in rule.variants:
        url = url_for(world, name, variant)
        assert url, f"no URL for {name} ({variant})"
        for role in ROLES:
            client = _client(world, role)
            methods = ["GET"] + (["POST"] if rule.post is not None or rule.post_only else [])
            for method in methods:
                expected, allowed = _expected(rule, method, role, variant)
                before = counts() if method == "POST" and not allowed else None
                response = _request(client, method, url) if allowed else _request_unprotected(client, method, url)
                ok = response.status_code in expected if isinstance(expected, set) else response.status_code == expected
                if not ok:
                    failures.append(f"{method} {url} as {role} ({variant}): {response.status_code}, expected {expected}")
                if before is not None and counts() != before:
                    failures.append(f"{method} {url} as {role} ({variant}) was refused but changed the database")
    assert not failures, "\n".join(failures)


def _request_unprotected(client, method, url):
    """A request that must be refused: not in a rolled-back block, so a write would be seen."""
    return client.get(url) if method == "GET" else client.post(url, {})


def test_admin_is_for_the_beheerder_only(world):
    failures = []
    for name, pattern in ADMIN_ROUTES:
        url = admin_url(name, pattern)
        if url is None:
            continue
        assert not url.startswith("UNBUILDABLE"), url
        for role in ROLES:
            client = _client(world, role)
            if role == "beheerder":
                # the admin itself decides what beheer may do there (history is never added or deleted: 403)
                response = _request(client, "GET", url)
                if response.status_code not in (200, 302, 403, 404, 405):
                    failures.append(f"GET {url} as beheerder: {response.status_code}")
                continue
            response = client.get(url)
            if name in ("admin:login", "admin:logout"):
                continue  # the admin's own login and logout pages
            if response.status_code != 302 or "/beheer/login/" not in response.get("Location", ""):
                failures.append(f"GET {url} as {role}: {response.status_code} {response.get('Location')}")
            if role not in ("anonymous", "projectleider"):
                continue  # every non-staff user is refused in the same way before any view runs
            before = counts()
            response = client.post(url, {"post": "yes", "action": "delete_selected", "_selected_action": ["1"]})
            if response.status_code not in (302, 403, 405) or counts() != before:
                failures.append(f"POST {url} as {role}: {response.status_code}; changed: {counts() != before}")
    assert not failures, "\n".join(failures)
