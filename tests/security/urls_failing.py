"""The application's URLs plus one page that fails, to see the 500 page (tests only)."""

from django.urls import path

from regiokompas.urls import urlpatterns as application


def failing_page(request):
    raise RuntimeError("opzettelijke fout voor de test van de 500-pagina")


urlpatterns = [path("test-fout/", failing_page), *application]
