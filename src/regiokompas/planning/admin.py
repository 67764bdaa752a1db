"""Admin for functioneel beheer. Saves go through the service functions (validation + audit)."""

from django.contrib import admin, messages

from regiokompas.planning import models as pm
from regiokompas.planning import services as ps
from regiokompas.register.errors import RegisterError


class ServiceAdmin(admin.ModelAdmin):
    saver = None

    def save_model(self, request, obj, form, change):
        try:
            if self.saver:
                type(self).saver(request.user, obj)
            else:
                ps._save(request.user, obj, "")
        except RegisterError as exc:
            messages.error(request, exc.message)


class MilestoneInline(admin.TabularInline):
    model = pm.Milestone
    extra = 0
    can_delete = False
    fields = ("code", "title", "kind", "date", "end_date", "municipality", "status", "illustrative")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(pm.PlanVersion)
class PlanVersionAdmin(admin.ModelAdmin):
    list_display = ("plan", "number", "title", "date", "illustrative")
    inlines = [MilestoneInline]
    readonly_fields = ("plan", "number", "based_on", "changes", "recorded_by")

    def has_change_permission(self, request, obj=None):
        return False  # versions are history: a change is a new version (planning pages or CLI)


@admin.register(pm.ConsultationBody)
class ConsultationBodyAdmin(ServiceAdmin):
    saver = ps.save_body
    list_display = ("name", "kind", "trajectory", "employer_municipality", "illustrative")
    list_filter = ("kind", "trajectory")


@admin.register(pm.Consultation)
class ConsultationAdmin(ServiceAdmin):
    saver = ps.save_consultation
    list_display = ("subject", "body", "kind", "requested", "due", "received", "outcome", "illustrative")
    list_filter = ("kind", "outcome")


@admin.register(pm.CouncilProcedure)
class CouncilProcedureAdmin(ServiceAdmin):
    saver = ps.save_procedure
    list_display = ("gate", "municipality", "kind", "planned", "completed", "illustrative")
    list_filter = ("kind",)


@admin.register(pm.PrerequisiteRule)
class PrerequisiteRuleAdmin(ServiceAdmin):
    saver = ps.save_rule
    list_display = ("code", "title", "kind", "region", "required", "active")
    list_filter = ("region", "kind", "active")
