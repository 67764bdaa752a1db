from django.urls import path

from regiokompas.housestyle import views

app_name = "housestyle"

urlpatterns = [
    path("inrichting/huisstijl/", views.overview, name="overview"),
    path("inrichting/huisstijl/gemeenten/<str:code>/", views.municipality_edit, name="municipality"),
    path("inrichting/huisstijl/organisaties/<int:pk>/", views.organisation_edit, name="organisation"),
]
