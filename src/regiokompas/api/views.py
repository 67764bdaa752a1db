"""Views of the API. Each one asks accounts.permissions what the user may do and calls the same
service functions as the web pages, a write in one transaction: an error leaves nothing written."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import generics, serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from regiokompas.accounts import permissions
from regiokompas.api import serializers as s
from regiokompas.register import services
from regiokompas.register.errors import RegisterError
from regiokompas.register.models import Municipality, Trajectory


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


class TrajectList(ApiMixin, generics.ListCreateAPIView):
    serializer_class = s.Traject

    def get_queryset(self):
        return trajectory_queryset()

    @extend_schema(summary="Trajecten")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Traject aanmaken",
        description="Maakt een traject met zijn deelnemende gemeenten. Wie het aanmaakt, beheert het.",
        request=s.TrajectAanmaken,
        responses={201: s.Traject},
    )
    @transaction.atomic
    def post(self, request, *args, **kwargs):
        require(permissions.can_manage_trajectory(request.user), "U mag geen trajecten aanmaken.")
        data = s.TrajectAanmaken(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        if Trajectory.objects.filter(slug=v["slug"]).exists():
            raise conflict(f"Er bestaat al een traject met de korte naam '{v['slug']}'.", "slug")
        trajectory = Trajectory(slug=v["slug"], name=v["naam"], domain=v["domein"], aim=v["doel"])
        if "start_date" in v:
            trajectory.start_date, trajectory.start_precision = v["start_date"], v["start_precision"]
        services.save_object(request.user, trajectory)
        for municipality in v["deelnemers"]:
            services.add_participant(request.user, trajectory, municipality)
        trajectory = trajectory_queryset().get(pk=trajectory.pk)
        return Response(s.Traject(trajectory).data, status=201, headers={"Location": reverse("api:traject-detail", args=[trajectory.slug])})


@extend_schema(summary="Eén traject")
class TrajectDetail(ApiMixin, generics.RetrieveAPIView):
    serializer_class = s.Traject
    lookup_field = "slug"

    def get_queryset(self):
        return trajectory_queryset()


def trajectory_or_404(slug: str) -> Trajectory:
    return get_object_or_404(Trajectory, slug=slug)
