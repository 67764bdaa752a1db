"""Django admin for the options analysis. Saves go through the service layer (validation, audit);
preferences belong to each municipality and analyses are history, so both are read-only here."""

from django.contrib import admin

from regiokompas.options import models as m
from regiokompas.options import services
from regiokompas.register import admin_base


class ServiceAdmin(admin_base.ServiceAdmin):
    pass


@admin.register(m.Variant)
class VariantAdmin(ServiceAdmin):
    save_function = staticmethod(services.save_variant)
    delete_function = staticmethod(services.delete_variant)
    list_display = ("__str__", "trajectory", "wgr_form", "illustrative")
    list_filter = ("trajectory", "illustrative")


@admin.register(m.Criterion)
class CriterionAdmin(ServiceAdmin):
    save_function = staticmethod(services.save_criterion)
    delete_function = staticmethod(services.delete_criterion)
    list_display = ("name", "code", "unit", "scale_min", "scale_max", "direction", "criteria_set")
    list_filter = ("criteria_set",)


@admin.register(m.Score)
class ScoreAdmin(ServiceAdmin):
    save_function = staticmethod(services.save_score)
    list_display = ("variant", "criterion", "kind", "low", "most_likely", "high", "unit", "substantiation_label", "illustrative")
    list_filter = ("variant__trajectory", "illustrative")

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StatementInline(admin.TabularInline):
    model = m.PreferenceStatement
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(m.PreferenceSet)
class PreferenceSetAdmin(ReadOnlyAdmin):
    list_display = ("municipality", "trajectory", "entered_by", "illustrative", "updated")
    inlines = [StatementInline]


@admin.register(m.AnalysisRun)
class AnalysisRunAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "created_at", "created_by_label", "samples", "seed", "engine_version", "illustrative")
    list_filter = ("trajectory",)


@admin.register(m.CriteriaSet)
class CriteriaSetAdmin(ReadOnlyAdmin):
    list_display = ("name", "trajectory", "template")
