from django.urls import path

from regiokompas.register import setup_views, views

app_name = "register"

urlpatterns = [
    path("trajecten/", views.trajectory_list, name="trajectory-list"),
    path("trajecten/<slug:slug>/", views.trajectory_detail, name="trajectory-detail"),
    path("trajecten/<slug:slug>/dossier.json", views.trajectory_export, name="trajectory-export"),
    path("trajecten/<slug:slug>/documenten/", views.document_list, name="document-list"),
    path("besluitmomenten/<int:pk>/", views.gate_detail, name="gate-detail"),
    path("besluitmomenten/<int:pk>/besluit/<str:code>/", views.decision_create, name="decision-create"),
    path("besluiten/<int:pk>/", views.decision_detail, name="decision-detail"),
    path("besluiten/<int:pk>/vervangen/", views.decision_supersede, name="decision-supersede"),
    path("voorwaarden/<int:pk>/status/", views.condition_status, name="condition-status"),
    path("gemeenten/<str:code>/", views.municipality_detail, name="municipality-detail"),
    path("documenten/<int:pk>/", views.document_detail, name="document-detail"),
    path("regelingen/", views.arrangement_list, name="arrangement-list"),
    path("regelingen/<int:pk>/", views.arrangement_detail, name="arrangement-detail"),
    # setting up a trajectory on the pages (no admin)
    path("inrichting/", setup_views.setup_overview, name="setup-overview"),
    path("inrichting/nieuw-traject/", setup_views.trajectory_create, name="trajectory-create"),
    path("trajecten/<slug:slug>/wijzigen/", setup_views.trajectory_edit, name="trajectory-edit"),
    path("trajecten/<slug:slug>/besluitmomenten/nieuw/", setup_views.gate_create, name="gate-create"),
    path("besluitmomenten/<int:pk>/wijzigen/", setup_views.gate_edit, name="gate-edit"),
    path("inrichting/organisaties/nieuw/", setup_views.organisation_form, name="organisation-create"),
    path("inrichting/organisaties/<int:pk>/", setup_views.organisation_form, name="organisation-edit"),
    path("inrichting/regelingen/nieuw/", setup_views.arrangement_form, name="arrangement-create"),
    path("inrichting/regelingen/<int:pk>/", setup_views.arrangement_form, name="arrangement-edit"),
    path("inrichting/regelingen/<int:pk>/benoemingen/nieuw/", setup_views.appointment_create, name="appointment-create"),
    path("inrichting/deelnames/<int:pk>/", setup_views.participation_edit, name="participation-edit"),
]
