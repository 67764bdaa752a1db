"""A URL configuration for tests/ops only: the application's routes plus one that fails."""

from django.urls import path

from regiokompas.urls import urlpatterns as application


def boom(request):
    raise RuntimeError("kapotte testpagina")


urlpatterns = [path("test-fout/", boom), *application]
