from django.urls import path

from regiokompas.finance import views

app_name = "finance"

P = "trajecten/<slug:slug>/financien/"

urlpatterns = [
    path(P, views.overview, name="overview"),
    path(P + "criterium/", views.apply_criterion, name="apply-criterion"),
    path(P + "varianten/<int:number>/", views.variant_detail, name="variant"),
    path(P + "gemeenten/<str:code>/", views.municipality_detail, name="municipality"),
]
