"""Users and access on the pages: the beheerder and a trajectory's projectleider add, change and
deactivate users. Views parse input, ask accounts.permissions and call accounts.users."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from regiokompas.accounts import permissions, users
from regiokompas.accounts.forms import DeactivateForm, UserForm
from regiokompas.accounts.models import Profile
from regiokompas.formpages import render_form, require, saved

LINK_KEY = "regiokompas_password_link"


def _check_manage(request):
    require(permissions.can_manage_users(request.user), "Alleen functioneel beheer en projectleiders beheren gebruikers.")


def _input(data, username=None) -> users.UserInput:
    return users.UserInput(
        username=username or data["username"], first_name=data["first_name"], last_name=data["last_name"], email=data["email"],
        role=data["role"], municipality=data["municipality"], organisation=data["organisation"],
        trajectories=list(data["trajectories"]), password=data["password"],
    )


@login_required
def user_list(request):
    _check_manage(request)
    rows = []
    for user in get_user_model().objects.order_by("username"):
        profile = Profile.objects.filter(user=user).select_related("municipality", "organisation").first()
        rows.append({"user": user, "profile": profile, "editable": permissions.can_edit_user(request.user, user),
                     "trajectories": list(profile.trajectories.order_by("name")) if profile else []})
    all_users = permissions.can_change_role(request.user)
    if not all_users:
        rows = [r for r in rows if r["editable"]]
    return render(request, "accounts/user_list.html", {"rows": rows, "all_users": all_users})


@login_required
def user_create(request):
    _check_manage(request)
    form = UserForm(request.POST or None, actor=request.user)
    if done := saved(request, form, lambda: users.create_user(request.user, _input(form.cleaned_data)),
                     lambda user: f"Gebruiker '{user.get_username()}' aangemaakt."):
        user = done.result
        if not form.cleaned_data["password"]:
            request.session[LINK_KEY] = request.build_absolute_uri(users.password_link(request.user, user))
        return redirect("accounts:user-edit", pk=user.pk)
    return render_form(request, "accounts/user_form.html", {"form": form, "title": "Nieuwe gebruiker"}, form)


def _editable(request, pk):
    user = get_object_or_404(get_user_model(), pk=pk)
    if not permissions.can_edit_user(request.user, user):
        raise DjangoPermissionDenied(f"U mag de gebruiker '{user.get_username()}' niet wijzigen.")
    return user


@login_required
def user_edit(request, pk):
    _check_manage(request)
    user = _editable(request, pk)
    profile = Profile.objects.filter(user=user).first()
    initial = {"username": user.get_username(), "first_name": user.first_name, "last_name": user.last_name, "email": user.email}
    if profile is not None:
        initial.update(role=profile.role, municipality=profile.municipality_id, organisation=profile.organisation_id,
                       trajectories=list(profile.trajectories.values_list("pk", flat=True)))
    form = UserForm(request.POST or None, initial=initial, actor=request.user, editing=True)
    if saved(request, form, lambda: users.update_user(request.user, user, _input(form.cleaned_data, username=user.get_username())),
             lambda _: f"Gebruiker '{user.get_username()}' bijgewerkt."):
        return redirect("accounts:user-list")
    return render_form(request, "accounts/user_form.html", {
        "form": form, "title": f"Gebruiker wijzigen: {user.get_username()}", "target": user,
        "password_link": request.session.pop(LINK_KEY, None) if request.method == "GET" else None,
    }, form)


@login_required
@require_POST
def user_password_link(request, pk):
    _check_manage(request)
    user = _editable(request, pk)
    request.session[LINK_KEY] = request.build_absolute_uri(users.password_link(request.user, user))
    messages.success(request, f"Nieuwe link gemaakt voor '{user.get_username()}'. Hij staat hieronder, eenmalig.")
    return redirect("accounts:user-edit", pk=user.pk)


@login_required
def user_deactivate(request, pk):
    _check_manage(request)
    user = _editable(request, pk)
    form = DeactivateForm(request.POST or None)
    if saved(request, form, lambda: users.deactivate_user(request.user, user, reason=form.cleaned_data["reason"]),
             lambda _: f"Gebruiker '{user.get_username()}' is gedeactiveerd en kan niet meer inloggen."):
        return redirect("accounts:user-list")
    return render_form(request, "accounts/user_deactivate.html", {"form": form, "target": user}, form)


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """The one-time link: the user chooses a password and then logs in."""

    template_name = "accounts/password_set.html"
    success_url = reverse_lazy("login")
    post_reset_login = False

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Uw wachtwoord is ingesteld. U kunt nu inloggen.")
        return response
