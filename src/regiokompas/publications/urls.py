from django.urls import path

from regiokompas.publications import views

app_name = "publications"

urlpatterns = [
    path("trajecten/<slug:slug>/raadsinformatie/", views.overview, name="overview"),
    path("besluitmomenten/<int:pk>/raadsinformatie/nieuw/", views.draft, name="draft"),
    path("raadsinformatie/<int:pk>/", views.detail, name="detail"),
    path("raadsinformatie/<int:pk>/bewerken/", views.edit, name="edit"),
    path("raadsinformatie/<int:pk>/definitief/", views.finalise, name="finalise"),
    path("raadsinformatie/<int:pk>/ter-akkoord/", views.submit, name="submit"),
    path("raadsinformatie/<int:pk>/akkoord/", views.approve, name="approve"),
    path("raadsinformatie/<int:pk>/nieuwe-versie/", views.new_version, name="new-version"),
    path("raadsinformatie/<int:pk>/verzonden/", views.information_event, name="event"),
    path("raadsinformatie/<int:pk>/download.<str:fmt>", views.download, name="download"),
    path("documenten/<int:pk>/download.<str:fmt>", views.document_download, name="document-download"),
    path("raadsinformatie/inlezen/", views.import_upload, name="import"),
    path("raadsinformatie/inlezen/<int:pk>/", views.import_review, name="import-review"),
    path("raadsinformatie/inlezen/<int:pk>/annuleren/", views.import_cancel, name="import-cancel"),
]
