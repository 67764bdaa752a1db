from django.urls import path

from regiokompas.accounts import views

app_name = "accounts"

urlpatterns = [
    path("gebruikers/", views.user_list, name="user-list"),
    path("gebruikers/nieuw/", views.user_create, name="user-create"),
    path("gebruikers/<int:pk>/", views.user_edit, name="user-edit"),
    path("gebruikers/<int:pk>/wachtwoordlink/", views.user_password_link, name="user-password-link"),
    path("gebruikers/<int:pk>/deactiveren/", views.user_deactivate, name="user-deactivate"),
    path("wachtwoord-instellen/<uidb64>/<token>/", views.PasswordSetView.as_view(), name="password-set"),
]
