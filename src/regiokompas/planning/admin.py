"""Admin for functioneel beheer. Saves go through the service functions (validation + audit); a
refused change is shown as a form error and nothing is saved."""

from django import forms
from django.contrib import admin
from django.db import transaction

from regiokompas.planning import models as pm
from regiokompas.planning import services as ps
from regiokompas.register.errors import RegisterError


class _DryRun(Exception):
    pass


class ServiceAdmin(admin.ModelAdmin):
    """``saver(actor, obj)`` validates and saves; the form runs it once in a rolled-back transaction."""

    saver = staticmethod(lambda actor, obj: obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change, **kwargs)
        saver = self.saver

        class ServiceForm(base):
            def _post_clean(self):
                super()._post_clean()
                if self.errors:
                    return
                instance = self.instance
                pk, adding = instance.pk, instance._state.adding
                try:
                    with transaction.atomic():
                        saver(request.user, instance)
                        raise _DryRun
                except _DryRun:
                    pass
                except RegisterError as exc:
                    self.add_error(None, exc.message)
                finally:
                    instance.pk, instance._state.adding = pk, adding

        return base if not issubclass(base, forms.ModelForm) else ServiceForm

    def save_model(self, request, obj, form, change):
        self.saver(request.user, obj)


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
