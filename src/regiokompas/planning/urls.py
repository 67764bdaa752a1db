from django.urls import path

from regiokompas.planning import views

app_name = "planning"

urlpatterns = [
    path("trajecten/<slug:slug>/planning/", views.overview, name="overview"),
    path("trajecten/<slug:slug>/planning/versies/", views.versions, name="versions"),
    path("trajecten/<slug:slug>/planning/nieuwe-versie/", views.edit_version, name="edit"),
    path("trajecten/<slug:slug>/planning/medezeggenschap/", views.participation, name="participation"),
    path("trajecten/<slug:slug>/planning/organen/", views.bodies, name="bodies"),
    path("trajecten/<slug:slug>/planning/organen/nieuw/", views.body_edit, name="body-add"),
    path("trajecten/<slug:slug>/planning/organen/<int:pk>/", views.body_edit, name="body-edit"),
    path("trajecten/<slug:slug>/planning/<str:what>/<int:pk>/wijzigen/", views.item_edit, name="item-edit"),
    path("trajecten/<slug:slug>/planning/medezeggenschap/<int:pk>/advies/", views.advice, name="advice"),
    path("trajecten/<slug:slug>/planning/wetswijziging/", views.law_change, name="law-change"),
    path("trajecten/<slug:slug>/planning/export.<str:fmt>", views.export, name="export"),
    path("trajecten/<slug:slug>/planning/procesbeschrijving/", views.process_description, name="process"),
    path("trajecten/<slug:slug>/planning/procesbeschrijving/download.<str:fmt>", views.process_download, name="process-download"),
]
