"""Views of the API. Each one asks accounts.permissions what the user may do and calls the same
service functions as the web pages, a write in one transaction: an error leaves nothing written."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import generics, serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from regiokompas.accounts import permissions
from regiokompas.api import actions
from regiokompas.api import serializers as s
from regiokompas.register import constants as c
from regiokompas.register import query, services
from regiokompas.register.errors import RegisterError
from regiokompas.register.models import (
    Condition,
    Decision,
    Document,
    Gate,
    JointArrangement,
    Municipality,
    Trajectory,
)


class ApiMixin:
    """Dutch answers whatever the client's Accept-Language."""

    def dispatch(self, request, *args, **kwargs):
        with translation.override("nl"):
            return super().dispatch(request, *args, **kwargs)


class OpenApiDocument(ApiMixin, SpectacularJSONAPIView):
    """The OpenAPI document (public), in Dutch like docs/openapi.json."""


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def conflict(message: str, field: str | None = None) -> RegisterError:
    return RegisterError(message, field=field, code="conflict")


def validated(serializer_class, request) -> dict:
    """The request body checked by ``serializer_class``; a 400 with the field errors otherwise."""
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return data.validated_data


def created(serializer_class, obj, route: str, key=None) -> Response:
    """201 with ``obj`` as ``serializer_class`` gives it and its address (``route`` with ``key``, by
    default its id) in Location."""
    return Response(serializer_class(obj).data, status=201,
                    headers={"Location": reverse(route, args=[obj.pk if key is None else key])})


def creates(summary: str, description: str, request, response):
    """A POST that creates a resource: one transaction, and in the schema ``request`` in and 201 with
    ``response`` out."""
    schema = extend_schema(summary=summary, description=description, request=request, responses={201: response})
    return lambda post: schema(transaction.atomic(post))


def on_get(summary: str, **kwargs):
    """Class decorator: the schema of a view's GET when the view also answers another method."""
    return extend_schema_view(get=extend_schema(summary=summary, **kwargs))


def query_date(request, name: str) -> dt.date | None:
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError({name: [serializers.ErrorDetail(f"'{value}' is geen datum; schrijf JJJJ-MM-DD.", code="invalid")]}) from None


# --- gemeenten -----------------------------------------------------------------------------------


@extend_schema(
    summary="Gemeenten",
    description="Alle gemeenten uit de CBS-lijst, ook opgeheven gemeenten, met hun geldigheid en opvolger.",
    parameters=[
        OpenApiParameter("code", OpenApiTypes.STR, description="Alleen de gemeente met deze CBS-code, bijv. GM0363."),
        OpenApiParameter("naam", OpenApiTypes.STR, description="Gemeenten waarvan de naam deze tekst bevat."),
        OpenApiParameter("geldigOp", OpenApiTypes.DATE, description="Alleen gemeenten die op deze datum bestonden."),
    ],
)
class GemeenteList(ApiMixin, generics.ListAPIView):
    serializer_class = s.Gemeente

    def get_queryset(self):
        qs = Municipality.objects.select_related("successor").order_by("name", "cbs_code")
        params = self.request.query_params
        if params.get("code"):
            qs = qs.filter(cbs_code__iexact=params["code"].strip())
        if params.get("naam"):
            qs = qs.filter(name__icontains=params["naam"].strip())
        day = query_date(self.request, "geldigOp")
        if day:
            qs = qs.exclude(valid_from__gt=day).exclude(valid_to__lt=day)
        return qs


@extend_schema(summary="Eén gemeente")
class GemeenteDetail(ApiMixin, generics.RetrieveAPIView):
    serializer_class = s.Gemeente
    queryset = Municipality.objects.select_related("successor")
    lookup_field = "cbs_code__iexact"
    lookup_url_kwarg = "code"


# --- trajecten -----------------------------------------------------------------------------------


def trajectory_queryset():
    return Trajectory.objects.prefetch_related("participants__municipality").order_by("name")


class VisibleTrajectories:
    serializer_class = s.Traject

    def get_queryset(self):
        return permissions.visible_trajectories(self.request.user, trajectory_queryset())


@on_get("Trajecten")
class TrajectList(ApiMixin, VisibleTrajectories, generics.ListCreateAPIView):
    @creates("Traject aanmaken", "Maakt een traject met zijn deelnemende gemeenten. Wie het aanmaakt, beheert het.",
             s.TrajectAanmaken, s.Traject)
    def post(self, request, *args, **kwargs):
        require(permissions.can_create_trajectory(request.user), "Alleen functioneel beheer en projectleiders starten een traject.")
        v = validated(s.TrajectAanmaken, request)
        if Trajectory.objects.filter(slug=v["slug"]).exists():
            raise conflict(f"Er is al een traject met de korte naam '{v['slug']}'.", "slug")
        trajectory = trajectory_queryset().get(pk=actions.create_trajectory(request.user, v).pk)
        return created(s.Traject, trajectory, "api:traject-detail", trajectory.slug)


@extend_schema(summary="Eén traject")
class TrajectDetail(ApiMixin, VisibleTrajectories, generics.RetrieveAPIView):
    lookup_field = "slug"


def trajectory_or_404(slug: str) -> Trajectory:
    return get_object_or_404(Trajectory, slug=slug)


# --- besluitmomenten -----------------------------------------------------------------------------


def gate_queryset():
    return Gate.objects.select_related("trajectory").order_by("trajectory__slug", "ordinal")


@on_get("Besluitmomenten van een traject")
class TrajectBesluitmomenten(ApiMixin, generics.ListCreateAPIView):
    serializer_class = s.Besluitmoment

    def get_queryset(self):
        return gate_queryset().filter(trajectory=trajectory_or_404(self.kwargs["slug"]))

    @creates("Besluitmoment aanmaken",
             "Een besluitmoment (soort 'besluit') of informatiemoment (soort 'informatie') met de organen die besluiten "
             "en de voortgangsregel. Alleen wie het traject beheert.",
             s.BesluitmomentAanmaken, s.Besluitmoment)
    def post(self, request, slug):
        trajectory = trajectory_or_404(slug)
        require(permissions.can_manage_trajectory(request.user, trajectory), f"U beheert het traject '{trajectory}' niet.")
        v = validated(s.BesluitmomentAanmaken, request)
        if trajectory.gates.filter(ordinal=v["volgnummer"]).exists():
            raise conflict(f"Het traject '{trajectory}' heeft al een besluitmoment met volgnummer {v['volgnummer']}.", "volgnummer")
        return created(s.Besluitmoment, actions.create_gate(request.user, trajectory, v), "api:besluitmoment-detail")


@extend_schema(summary="Eén besluitmoment")
class BesluitmomentDetail(ApiMixin, generics.RetrieveAPIView):
    serializer_class = s.Besluitmoment
    queryset = gate_queryset()


# --- besluiten -----------------------------------------------------------------------------------


def decision_queryset():
    return (Decision.objects.select_related("gate__trajectory", "municipality", "governing_body", "superseded_by")
            .prefetch_related(Prefetch("conditions", queryset=Condition.objects.order_by("id")))
            .order_by("gate__trajectory__slug", "gate__ordinal", "municipality__name", "created", "id"))


@on_get(
    "Besluiten",
    parameters=[
        OpenApiParameter("traject", OpenApiTypes.STR, description="Alleen besluiten van dit traject (slug)."),
        OpenApiParameter("besluitmoment", OpenApiTypes.INT, description="Alleen besluiten bij dit besluitmoment (id)."),
        OpenApiParameter("gemeente", OpenApiTypes.STR, description="Alleen besluiten van deze gemeente (CBS-code)."),
        OpenApiParameter("geldend", OpenApiTypes.STR, enum=["true", "false", "alle"],
                         description="true (standaard): alleen geldende besluiten; false: alleen vervangen besluiten; alle: beide."),
    ],
)
class BesluitList(ApiMixin, generics.ListCreateAPIView):
    serializer_class = s.Besluit

    def get_queryset(self):
        qs = decision_queryset()
        params = self.request.query_params
        if params.get("traject"):
            qs = qs.filter(gate__trajectory__slug=params["traject"])
        if params.get("besluitmoment"):
            if not params["besluitmoment"].isdigit():
                raise ValidationError({"besluitmoment": [serializers.ErrorDetail("Geef het id van een besluitmoment.", code="invalid")]})
            qs = qs.filter(gate_id=int(params["besluitmoment"]))
        if params.get("gemeente"):
            qs = qs.filter(municipality__cbs_code__iexact=params["gemeente"].strip())
        geldend = params.get("geldend", "true")
        if geldend not in ("true", "false", "alle"):
            raise ValidationError({"geldend": [serializers.ErrorDetail("Kies true, false of alle.", code="invalid")]})
        if geldend != "alle":
            qs = qs.filter(is_current=geldend == "true")
        return qs

    @creates("Besluit vastleggen",
             "Het besluit van een orgaan (college, raad, ...) van een gemeente bij een besluitmoment, met voorwaarden. "
             "Alleen medewerkers van die gemeente. Een tweede besluit van hetzelfde orgaan geeft 409: vervang het dan.",
             s.BesluitInvoer, s.Besluit)
    def post(self, request, *args, **kwargs):
        v = validated(s.BesluitInvoer, request)
        municipality, gate = v["gemeente"], v["besluitmoment"]
        require(permissions.can_record_decision(request.user, municipality, gate.trajectory),
                f"U mag geen besluiten van {municipality} vastleggen: alleen medewerkers van die gemeente die aan dit traject deelnemen.")
        decision_input = actions.decision_input(gate, municipality, v)
        body = actions.body_for(decision_input)
        current = Decision.objects.filter(gate=gate, municipality=municipality, governing_body=body, is_current=True).first()
        if body is not None and current is not None:
            raise conflict(f"Voor {municipality} ({body}) is bij '{gate}' al een besluit vastgelegd (besluit {current.pk}). "
                           f"Vervang het met POST /api/v1/besluiten/{current.pk}/vervangen.")
        decision = services.record_decision(request.user, decision_input, trajectory=gate.trajectory)
        return decision_created(decision)


def decision_created(decision: Decision) -> Response:
    return created(s.Besluit, decision_queryset().get(pk=decision.pk), "api:besluit-detail")


@extend_schema(summary="Eén besluit")
class BesluitDetail(ApiMixin, generics.RetrieveAPIView):
    serializer_class = s.Besluit
    queryset = decision_queryset()


@on_get("Geschiedenis van een besluit",
        description="Alle versies van het besluit, de geldende eerst: wat het vervangt en wat het vervangt.")
class BesluitGeschiedenis(ApiMixin, generics.ListAPIView):
    serializer_class = s.Besluit
    pagination_class = None

    def get_queryset(self):
        decision = get_object_or_404(Decision, pk=self.kwargs["pk"])
        while True:  # to the newest version
            try:
                decision = decision.superseded_by
            except Decision.DoesNotExist:
                break
        ids = [d.pk for d in query.decision_history(decision)]
        by_id = {d.pk: d for d in decision_queryset().filter(pk__in=ids)}
        return [by_id[pk] for pk in ids]


class BesluitVervangen(ApiMixin, generics.GenericAPIView):
    serializer_class = s.BesluitVervangen

    @creates("Besluit vervangen",
             "Een correctie of een nieuw besluit van hetzelfde orgaan bij hetzelfde besluitmoment. Het eerdere besluit "
             "blijft in de geschiedenis. Zonder 'voorwaarden' gaan de voorwaarden van het eerdere besluit mee, met hun "
             "status, soort, vervullend document en toelichting.",
             s.BesluitVervangen, s.Besluit)
    def post(self, request, pk):
        earlier = get_object_or_404(Decision.objects.select_related("gate__trajectory", "municipality", "governing_body"), pk=pk)
        v = validated(s.BesluitVervangen, request)
        require(permissions.can_record_decision(request.user, earlier.municipality, earlier.gate.trajectory),
                f"U mag geen besluiten van {earlier.municipality} vervangen: alleen medewerkers van die gemeente die aan dit "
                "traject deelnemen.")
        if not earlier.is_current:
            newer = getattr(earlier, "superseded_by", None)
            raise conflict("Dit besluit is al vervangen; vervang de geldende versie"
                           + (f" (zie GET /api/v1/besluiten/{earlier.pk}/geschiedenis)." if newer else "."))
        decision = actions.supersede(request.user, earlier, v)
        return decision_created(decision)


# --- voorwaarden ---------------------------------------------------------------------------------


@on_get("Eén voorwaarde")
class VoorwaardeDetail(ApiMixin, generics.RetrieveAPIView):
    serializer_class = s.Voorwaarde
    queryset = Condition.objects.select_related("decision__gate__trajectory", "decision__municipality", "fulfilled_by")
    http_method_names = ["get", "patch", "options", "head"]

    @extend_schema(
        summary="Status van een voorwaarde wijzigen",
        description="open, vervuld (met het document dat haar vervult, 'vervuldDoor') of vervallen (met 'toelichting').",
        request=s.VoorwaardeWijzigen,
        responses={200: s.Voorwaarde},
    )
    @transaction.atomic
    def patch(self, request, pk):
        condition = self.get_object()
        v = validated(s.VoorwaardeWijzigen, request)
        require(permissions.can_change_condition(request.user, condition), "U mag de status van deze voorwaarde niet wijzigen.")
        document = None
        if v.get("vervuldDoor") is not None:
            document = Document.objects.filter(pk=v["vervuldDoor"]).first()
            if document is None or not permissions.can_see_document(request.user, document):
                raise ValidationError({"vervuldDoor": [serializers.ErrorDetail(f"Document {v['vervuldDoor']} bestaat niet.", code="does_not_exist")]})
        services.set_condition_status(request.user, condition, v["status"], fulfilled_by=document, note=v["toelichting"])
        return Response(s.Voorwaarde(self.get_queryset().get(pk=condition.pk)).data)


# --- besluitmatrix -------------------------------------------------------------------------------


@extend_schema(summary="Besluitmatrix van een traject",
               description="Per gemeente, besluitmoment en orgaan het geldende besluit; per besluitmoment de uitkomst onder zijn "
                           "voortgangsregel.",
               responses={200: s.Besluitmatrix})
class TrajectBesluitmatrix(ApiMixin, generics.GenericAPIView):
    serializer_class = s.Besluitmatrix
    pagination_class = None

    def get(self, request, slug):
        trajectory = trajectory_or_404(slug)
        return Response(s.Besluitmatrix(actions.matrix(trajectory)).data)


# --- regelingen ----------------------------------------------------------------------------------


def arrangement_queryset():
    return (JointArrangement.objects.select_related("centre_municipality")
            .prefetch_related("participations__municipality", "predecessor_links").order_by("name"))


@on_get("Regelingen", parameters=[
    OpenApiParameter("gemeente", OpenApiTypes.STR, description="Alleen regelingen waaraan deze gemeente (CBS-code) deelneemt of deelnam."),
])
class RegelingList(ApiMixin, generics.ListCreateAPIView):
    serializer_class = s.Regeling

    def get_queryset(self):
        qs = arrangement_queryset()
        if self.request.query_params.get("gemeente"):
            qs = qs.filter(participations__municipality__cbs_code__iexact=self.request.query_params["gemeente"].strip()).distinct()
        return qs

    @creates("Regeling aanmaken",
             "Een gemeenschappelijke regeling (of stichting, vereniging, nv, bv, convenant) met de deelnemende gemeenten, "
             "eventueel als opvolger van een eerdere regeling.",
             s.RegelingAanmaken, s.Regeling)
    def post(self, request, *args, **kwargs):
        require(permissions.can_manage_trajectory(request.user),
                "Alleen functioneel beheer en de projectleider van een traject leggen regelingen vast.")
        v = validated(s.RegelingAanmaken, request)
        if JointArrangement.objects.filter(name__iexact=v["naam"].strip()).exists():
            raise conflict(f"Er bestaat al een regeling met de naam '{v['naam']}'.", "naam")
        arrangement = actions.create_arrangement(request.user, v)
        return created(s.Regeling, arrangement_queryset().get(pk=arrangement.pk), "api:regeling-detail")


@extend_schema(summary="Eén regeling")
class RegelingDetail(ApiMixin, generics.RetrieveAPIView):
    serializer_class = s.Regeling
    queryset = arrangement_queryset()


# --- documenten ----------------------------------------------------------------------------------


@on_get("Documenten van een traject", description="Alleen de documenten die u mag zien.")
class TrajectDocumenten(ApiMixin, generics.ListCreateAPIView):
    serializer_class = s.DocumentGegevens

    def get_queryset(self):
        trajectory = trajectory_or_404(self.kwargs["slug"])
        documents = Document.objects.filter(trajectory=trajectory).select_related("trajectory", "issuer_municipality")
        return permissions.visible_documents(self.request.user, documents).order_by("date", "id")

    @creates("Document vastleggen",
             "De gegevens van een stuk (soort, titel, datum, afzender, vindplaats), bijvoorbeeld het stuk dat een "
             "voorwaarde vervult. Alleen wie het traject beheert.",
             s.DocumentAanmaken, s.DocumentGegevens)
    def post(self, request, slug):
        trajectory = trajectory_or_404(slug)
        require(permissions.can_write_document(request.user, Document(trajectory=trajectory)),
                f"Alleen de projectorganisatie van '{trajectory}', medewerkers van deelnemende gemeenten en functioneel beheer "
                "leggen documenten van dit traject vast.")
        v = validated(s.DocumentAanmaken, request)
        document = Document(trajectory=trajectory, kind=v["soort"], title=v["titel"], issuer_municipality=v.get("afzender"),
                            confidential=v["vertrouwelijk"], source=v["bron"], date=v.get("date"),
                            date_precision=v.get("date_precision", c.DatePrecision.UNKNOWN))
        require(permissions.can_write_document(request.user, document), "U mag dit document niet vastleggen.")
        services.save_document(request.user, document)
        return created(s.DocumentGegevens, document, "api:document-detail")


@extend_schema(summary="Eén document", description="404 als het document niet bestaat of vertrouwelijk is voor u.")
class DocumentDetail(ApiMixin, generics.RetrieveAPIView):
    serializer_class = s.DocumentGegevens

    def get_queryset(self):
        return permissions.visible_documents(self.request.user, Document.objects.select_related("trajectory", "issuer_municipality"))


# --- gebruikers ----------------------------------------------------------------------------------


def user_queryset(actor):
    """The users ``actor`` manages: all for the beheerder; for a projectleider the members of the
    trajectories she manages."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.select_related("profile__municipality").prefetch_related("profile__trajectories").order_by("username")
    if permissions.can_change_role(actor):
        return users
    managed = [t.pk for t in Trajectory.objects.all() if permissions.can_manage_users(actor, t)]
    return users.filter(profile__trajectories__in=managed).distinct()


MANAGES_USERS = "Alleen functioneel beheer en projectleiders beheren gebruikers."


class ManagedUsers:
    serializer_class = s.Gebruiker

    def get_queryset(self):
        require(permissions.can_manage_users(self.request.user), MANAGES_USERS)
        return user_queryset(self.request.user)


@on_get("Gebruikers", description="Functioneel beheer ziet iedereen; een projectleider de deelnemers aan haar trajecten.")
class GebruikerList(ApiMixin, ManagedUsers, generics.ListCreateAPIView):
    @creates("Gebruiker toevoegen",
             "Een gebruiker met rol, gemeente (of organisatie) en trajecten, door functioneel beheer of door de "
             "projectleider van die trajecten (nooit een beheerder). De gebruiker krijgt geen wachtwoord: een token "
             "('regiokompas api-token') of een wachtwoordlink van functioneel beheer geeft toegang.",
             s.GebruikerAanmaken, s.Gebruiker)
    def post(self, request, *args, **kwargs):
        require(permissions.can_manage_users(request.user), MANAGES_USERS)
        v = validated(s.GebruikerAanmaken, request)
        from django.contrib.auth import get_user_model

        if get_user_model().objects.filter(username__iexact=v["gebruikersnaam"].strip()).exists():
            raise conflict(f"De gebruikersnaam '{v['gebruikersnaam'].strip()}' is al in gebruik.", "gebruikersnaam")
        for t in v["trajecten"]:
            require(permissions.can_manage_users(request.user, t), f"U beheert het traject '{t}' niet.")
        user = actions.create_user(request.user, v)
        user = user_queryset(request.user).model.objects.select_related("profile__municipality").get(pk=user.pk)
        return created(s.Gebruiker, user, "api:gebruiker-detail", user.get_username())


@extend_schema(summary="Eén gebruiker")
class GebruikerDetail(ApiMixin, ManagedUsers, generics.RetrieveAPIView):
    lookup_field = "username"
    lookup_url_kwarg = "gebruikersnaam"
