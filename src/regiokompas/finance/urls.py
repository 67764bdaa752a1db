from django.urls import path

from regiokompas.finance import views

app_name = "finance"

P = "trajecten/<slug:slug>/financien/"

urlpatterns = [
    path(P, views.overview, name="overview"),
    path(P + "criterium/", views.apply_criterion, name="apply-criterion"),
    path(P + "varianten/<int:number>/", views.variant_detail, name="variant"),
    path(P + "varianten/<int:number>/posten/nieuw/", views.item_edit, name="item-create"),
    path(P + "varianten/<int:number>/posten/<slug:code>/", views.item_edit, name="item-edit"),
    path(P + "varianten/<int:number>/posten/<slug:code>/verwijderen/", views.item_delete, name="item-delete"),
    path(P + "gemeenten/<str:code>/", views.municipality_detail, name="municipality"),
    path(P + "uitgangspunten/", views.settings_edit, name="settings-edit"),
    path(P + "sleutels/nieuw/", views.key_edit, name="key-create"),
    path(P + "sleutels/<slug:code>/", views.key_edit, name="key-edit"),
    path(P + "huidige-kosten/nieuw/", views.current_cost_edit, name="current-cost-create"),
    path(P + "huidige-kosten/<str:code>/", views.current_cost_edit, name="current-cost-edit"),
]
