from django.urls import path

from regiokompas.summary import views

app_name = "summary"

urlpatterns = [
    path("trajecten/<slug:slug>/samenvatting/<str:code>/", views.municipality_summary, name="municipality"),
    path("begrippen/", views.glossary, name="glossary"),
]
