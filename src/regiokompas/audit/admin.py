from django.contrib import admin

from regiokompas.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("timestamp", "actor_label", "action", "object_repr", "trajectory_slug")
    list_filter = ("action", "trajectory_slug")
    search_fields = ("object_repr", "actor_label", "reason")
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    list_per_page = 50  # the trail grows by tens of thousands of rows at national scale (issue 14)
    show_full_result_count = False  # a filtered list does not count the whole trail a second time

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
