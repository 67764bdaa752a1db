"""Admin for functioneel beheer. Saves go through the service functions (validation + audit); a
refused change is shown as a form error and nothing is saved."""

from django.contrib import admin

from regiokompas.planning import models as pm
from regiokompas.planning import services as ps
from regiokompas.register import admin_base


class ServiceAdmin(admin_base.ServiceAdmin):
    """``saver(actor, obj)`` validates, saves and audits (planning.services)."""

    saver = None

    def service_save(self, request, obj, form) -> None:
        type(self).saver(request.user, obj)


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
        return False  # versions are history: a change is a new version (planning pages)

    def has_add_permission(self, request):
        return False


@admin.register(pm.ConsultationBody)
class ConsultationBodyAdmin(ServiceAdmin):
    saver = staticmethod(ps.save_body)
    list_display = ("name", "kind", "trajectory", "employer_municipality", "illustrative")
    list_filter = ("kind", "trajectory")


@admin.register(pm.Consultation)
class ConsultationAdmin(ServiceAdmin):
    saver = staticmethod(ps.save_consultation)
    list_display = ("subject", "body", "kind", "requested", "due", "received", "outcome", "illustrative")
    list_filter = ("kind", "outcome")


@admin.register(pm.CouncilProcedure)
class CouncilProcedureAdmin(ServiceAdmin):
    saver = staticmethod(ps.save_procedure)
    list_display = ("gate", "municipality", "kind", "planned", "completed", "illustrative")
    list_filter = ("kind",)


@admin.register(pm.PrerequisiteRule)
class PrerequisiteRuleAdmin(ServiceAdmin):
    saver = staticmethod(ps.save_rule)
    list_display = ("code", "title", "kind", "region", "required", "active")
    list_filter = ("region", "kind", "active")
