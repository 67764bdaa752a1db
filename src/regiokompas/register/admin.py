"""Django admin for every register model. Saves and deletes go through the service layer, so
the admin validates, audits and refuses edits to history like every other entry point."""

from django.contrib import admin

from regiokompas.register import admin_base, services
from regiokompas.register import models as m


class ServiceAdmin(admin_base.ServiceAdmin):
    save_function = staticmethod(services.save_object)
    delete_function = staticmethod(services.delete_object)


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
    save_function = staticmethod(services.save_document)  # a definitief document stays as it is
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
    m.TrajectoryParticipant, m.Assignment, m.ArrangementSuccession, m.Appointment, m.TrajectoryLaw,
):
    admin.site.register(model, ServiceAdmin)
