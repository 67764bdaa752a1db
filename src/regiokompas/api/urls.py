"""Addresses of the API, without trailing slashes (NL API Design Rules), under /api/v1/."""

from django.urls import path, re_path

from regiokompas.api import problems, views
from regiokompas.api.jobs import TaakDetail

app_name = "api"

urlpatterns = [
    path("openapi.json", views.OpenApiDocument.as_view(), name="openapi"),
    path("gemeenten", views.GemeenteList.as_view(), name="gemeente-list"),
    path("gemeenten/<str:code>", views.GemeenteDetail.as_view(), name="gemeente-detail"),
    path("trajecten", views.TrajectList.as_view(), name="traject-list"),
    path("trajecten/<slug:slug>", views.TrajectDetail.as_view(), name="traject-detail"),
    path("trajecten/<slug:slug>/besluitmomenten", views.TrajectBesluitmomenten.as_view(), name="traject-besluitmomenten"),
    path("trajecten/<slug:slug>/besluitmatrix", views.TrajectBesluitmatrix.as_view(), name="traject-besluitmatrix"),
    path("trajecten/<slug:slug>/documenten", views.TrajectDocumenten.as_view(), name="traject-documenten"),
    path("documenten/<int:pk>", views.DocumentDetail.as_view(), name="document-detail"),
    path("besluitmomenten/<int:pk>", views.BesluitmomentDetail.as_view(), name="besluitmoment-detail"),
    path("besluiten", views.BesluitList.as_view(), name="besluit-list"),
    path("besluiten/<int:pk>", views.BesluitDetail.as_view(), name="besluit-detail"),
    path("besluiten/<int:pk>/geschiedenis", views.BesluitGeschiedenis.as_view(), name="besluit-geschiedenis"),
    path("besluiten/<int:pk>/vervangen", views.BesluitVervangen.as_view(), name="besluit-vervangen"),
    path("voorwaarden/<int:pk>", views.VoorwaardeDetail.as_view(), name="voorwaarde-detail"),
    path("gebruikers", views.GebruikerList.as_view(), name="gebruiker-list"),
    path("gebruikers/<str:gebruikersnaam>", views.GebruikerDetail.as_view(), name="gebruiker-detail"),
    path("regelingen", views.RegelingList.as_view(), name="regeling-list"),
    path("regelingen/<int:pk>", views.RegelingDetail.as_view(), name="regeling-detail"),
    path("taken/<uuid:pk>", TaakDetail.as_view(), name="taak-detail"),
    re_path(r"^.*$", problems.not_found_view, name="not-found"),
]
