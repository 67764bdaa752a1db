"""Users, their organisation and role, and what each role may see and do."""
from django.contrib import admin

from regiokompas.accounts.models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "municipality", "organisation")
    list_filter = ("role", "trajectories")
    filter_horizontal = ("trajectories",)

    def save_related(self, request, form, formsets, change):
        # Membership of trajectories goes through the service (rights checked, audit row).
        from regiokompas.accounts.services import set_membership

        wanted = list(form.cleaned_data.pop("trajectories", None) or [])
        super().save_related(request, form, formsets, change)
        set_membership(request.user, form.instance, wanted, reason="via beheer")
