from django.urls import path

from regiokompas.options import views

app_name = "options"

P = "trajecten/<slug:slug>/varianten/"

urlpatterns = [
    path(P, views.overview, name="overview"),
    path(P + "nieuw/", views.variant_edit, name="variant-create"),
    path(P + "<int:number>/", views.variant_detail, name="variant-detail"),
    path(P + "<int:number>/bewerken/", views.variant_edit, name="variant-edit"),
    path(P + "<int:number>/verwijderen/", views.variant_delete, name="variant-delete"),
    path(P + "<int:number>/onderdelen/nieuw/", views.variant_component_add, name="variant-component-add"),
    path(P + "maatregelen/nieuw/", views.common_measure_add, name="common-measure-add"),
    path(P + "<int:number>/scores/<slug:code>/", views.score_edit, name="score-edit"),
    path(P + "criteria/", views.criteria_list, name="criteria"),
    path(P + "criteria/sjabloon/", views.criteria_template, name="criteria-template"),
    path(P + "criteria/nieuw/", views.criterion_edit, name="criterion-create"),
    path(P + "criteria/<slug:code>/", views.criterion_edit, name="criterion-edit"),
    path(P + "criteria/<slug:code>/verwijderen/", views.criterion_delete, name="criterion-delete"),
    path(P + "voorkeuren/<str:code>/", views.preferences, name="preferences"),
    path(P + "voorkeuren/<str:code>/intrekken/", views.preferences_withdraw, name="preferences-withdraw"),
    path(P + "analyses/", views.runs, name="runs"),
    path(P + "analyses/vergelijken/", views.run_compare, name="run-compare"),
    path(P + "analyses/<int:number>/", views.run_detail, name="run-detail"),
    path(P + "analyses/<int:number>/details/", views.run_details, name="run-details"),
    path(P + "analyses/<int:number>/reproduceren/", views.run_reproduce, name="run-reproduce"),
    path(P + "analyses/<int:number>/grafiek/<slug:kind>/<str:who>.svg", views.run_chart, name="run-chart"),
    path(P + "onderbouwing.<str:fmt>", views.report_download, name="report"),
]
