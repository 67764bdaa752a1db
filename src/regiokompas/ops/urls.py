from django.urls import path

from regiokompas.ops import health, views

urlpatterns = [
    path("gezondheid/live", health.live, name="health-live"),
    path("gezondheid/klaar", health.ready, name="health-ready"),
    path("metrics", views.metrics, name="metrics"),
]
