"""Django admin for every register model. Saves and deletes go through the service layer, so
the admin validates, audits and refuses edits to history like every other entry point."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from regiokompas.register import models as m
from regiokompas.register import services
from regiokompas.register.errors import RegisterError


class ServiceAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        try:
            services.save_object(request.user, obj, reason="via beheer")
        except RegisterError as exc:
            raise ValidationError(exc.message) from exc

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        try:
            services.delete_object(request.user, obj, reason="via beheer")
        except RegisterError as exc:
            messages.error(request, exc.message)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class SectionInline(admin.TabularInline):
    model = m.DocumentSection
    extra = 0


@admin.register(m.Municipality)
class MunicipalityAdmin(ServiceAdmin):
    list_display = ("name", "cbs_code", "valid_from", "valid_to", "successor")
    search_fields = ("name", "cbs_code")


@admin.register(m.Trajectory)
class TrajectoryAdmin(ServiceAdmin):
    list_display = ("name", "slug", "status", "start_date")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(m.Gate)
class GateAdmin(ServiceAdmin):
    list_display = ("__str__", "trajectory", "continuation_rule", "planned_date")
    list_filter = ("trajectory",)


@admin.register(m.Document)
class DocumentAdmin(ServiceAdmin):
    list_display = ("title", "kind", "status", "date", "confidential")
    list_filter = ("kind", "status", "confidential")
    inlines = [SectionInline]


class HistoryAdmin(ServiceAdmin):
    """Decisions and conditions are history: recorded through the site's forms, never edited here."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(m.Decision)
class DecisionAdmin(HistoryAdmin):
    list_display = ("municipality", "gate", "outcome", "date", "is_current")
    list_filter = ("outcome", "is_current", "gate__trajectory")


@admin.register(m.Condition)
class ConditionAdmin(HistoryAdmin):
    list_display = ("__str__", "status", "category")
    list_filter = ("status",)


for model in (
    m.PopulationFigure, m.Region, m.RegionMembership, m.JointArrangement, m.ArrangementParticipation,
    m.Organisation, m.ExecutionOrganisation, m.GoverningBody, m.Person, m.Role, m.Law,
    m.TrajectoryParticipant, m.Assignment,
):
    admin.site.register(model, ServiceAdmin)
