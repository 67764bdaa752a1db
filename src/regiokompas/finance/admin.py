"""Django admin for the finance models. Saves go through finance.services (validation, audit)."""

from django.contrib import admin

from regiokompas.finance import models as m
from regiokompas.finance import services
from regiokompas.register import admin_base


class _ServiceAdmin(admin_base.ServiceAdmin):
    """Each admin below names its service in service_save; a refusal is a form error (see admin_base)."""


@admin.register(m.CostSettings)
class CostSettingsAdmin(_ServiceAdmin):
    list_display = ("trajectory", "start_year", "years", "illustrative")

    def service_save(self, request, obj, form):
        services.save_settings(request.user, obj, reason="via beheer")


class KeyValueInline(admin.TabularInline):
    model = m.AllocationKeyValue
    extra = 0


@admin.register(m.AllocationKey)
class AllocationKeyAdmin(_ServiceAdmin):
    list_display = ("name", "trajectory", "method", "reference_date", "illustrative")
    list_filter = ("trajectory", "method")
    inlines = [KeyValueInline]

    def service_save(self, request, obj, form):
        # saved (and audited) in save_related, once the inline values are known; the admin view
        # runs in one transaction, so a refused key leaves nothing behind
        return None

    def save_related(self, request, form, formsets, change):
        values = {}
        for formset in formsets:
            for row in formset.cleaned_data:
                if row and not row.get("DELETE") and row.get("municipality") is not None:
                    values[row["municipality"]] = row.get("value")
        services.save_key(request.user, form.instance, values, reason="via beheer")
        for formset in formsets:  # the service wrote the values; the admin's change message expects these
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


@admin.register(m.CostItem)
class CostItemAdmin(_ServiceAdmin):
    list_display = ("name", "variant", "category", "behaviour", "low", "likely", "high", "illustrative")
    list_filter = ("variant__trajectory", "category")

    def service_save(self, request, obj, form):
        services.save_item(request.user, obj, members=form.cleaned_data.get("members"), reason="via beheer")

    def service_delete(self, request, obj):
        services.delete_item(request.user, obj, reason="via beheer")


@admin.register(m.CurrentCost)
class CurrentCostAdmin(_ServiceAdmin):
    list_display = ("municipality", "trajectory", "low", "likely", "high", "illustrative")

    def service_save(self, request, obj, form):
        services.save_current_cost(request.user, obj, reason="via beheer")


@admin.register(m.SharedOrganisationScenario)
class SharedOrganisationScenarioAdmin(_ServiceAdmin):
    list_display = ("name", "organisation", "budget_year", "illustrative")

    def service_save(self, request, obj, form):
        services.save_shared_scenario(request.user, obj, form.cleaned_data.get("transferring") or [], reason="via beheer")
