"""Django admin for the options analysis. Saves go through the service layer (validation, audit);
preferences belong to each municipality and analyses are history, so both are read-only here."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from regiokompas.options import models as m
from regiokompas.options import services
from regiokompas.register.errors import RegisterError


class ServiceAdmin(admin.ModelAdmin):
    save_function = None
    delete_function = None

    def save_model(self, request, obj, form, change):
        try:
            type(self).save_function(request.user, obj, reason="via beheer")
        except RegisterError as exc:
            raise ValidationError(exc.message) from exc

    def delete_model(self, request, obj):
        try:
            type(self).delete_function(request.user, obj, reason="via beheer")
        except RegisterError as exc:
            messages.error(request, exc.message)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(m.Variant)
class VariantAdmin(ServiceAdmin):
    save_function = services.save_variant
    delete_function = services.delete_variant
    list_display = ("__str__", "trajectory", "wgr_form", "illustrative")
    list_filter = ("trajectory", "illustrative")


@admin.register(m.Criterion)
class CriterionAdmin(ServiceAdmin):
    save_function = services.save_criterion
    delete_function = services.delete_criterion
    list_display = ("name", "code", "unit", "scale_min", "scale_max", "direction", "criteria_set")
    list_filter = ("criteria_set",)


@admin.register(m.Score)
class ScoreAdmin(ServiceAdmin):
    save_function = services.save_score
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
