from django.urls import path

from regiokompas.notifications import views

app_name = "notifications"

urlpatterns = [
    path("meldingen/", views.notification_list, name="list"),
    path("meldingen/gelezen/", views.mark_read, name="mark-read"),
    path("meldingen/instellingen/", views.preferences, name="preferences"),
]
