"""Addresses of the API, without trailing slashes (NL API Design Rules), under /api/v1/."""

from django.urls import path, re_path

from regiokompas.api import problems, views

app_name = "api"

urlpatterns = [
    path("openapi.json", views.OpenApiDocument.as_view(), name="openapi"),
    path("gemeenten", views.GemeenteList.as_view(), name="gemeente-list"),
    path("gemeenten/<str:code>", views.GemeenteDetail.as_view(), name="gemeente-detail"),
    path("trajecten", views.TrajectList.as_view(), name="traject-list"),
    path("trajecten/<slug:slug>", views.TrajectDetail.as_view(), name="traject-detail"),
    re_path(r"^.*$", problems.not_found_view),
]
