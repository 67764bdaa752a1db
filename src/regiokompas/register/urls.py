from django.urls import path

from regiokompas.register import views

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
]
