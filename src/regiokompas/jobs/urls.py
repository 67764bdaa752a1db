from django.urls import path

from regiokompas.jobs import views

app_name = "jobs"

urlpatterns = [
    path("taken/", views.job_list, name="list"),
    path("taken/<uuid:pk>/", views.job_detail, name="detail"),
    path("taken/<uuid:pk>/status.json", views.job_status, name="status"),
    path("taken/<uuid:pk>/download/", views.job_download, name="download"),
]
