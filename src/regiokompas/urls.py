from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "Regiokompas beheer"
admin.site.site_title = "Regiokompas"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="register:trajectory-list", permanent=False)),
    path("inloggen/", auth_views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("regiokompas.api.urls")),
    path("", include("regiokompas.register.urls")),
    path("", include("regiokompas.options.urls")),
    path("", include("regiokompas.planning.urls")),
    path("", include("regiokompas.finance.urls")),
    path("", include("regiokompas.publications.urls")),
    path("", include("regiokompas.summary.urls")),
    path("", include("regiokompas.housestyle.urls")),
    path("", include("regiokompas.accounts.urls")),
    path("", include("regiokompas.jobs.urls")),
    path("", include("regiokompas.search.urls")),
    path("", include("regiokompas.notifications.urls")),
    path("", include("regiokompas.ops.urls")),  # /gezondheid/live, /gezondheid/klaar, /metrics
]
