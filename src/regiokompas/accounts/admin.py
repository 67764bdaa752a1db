from django.contrib import admin

from regiokompas.accounts.models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "municipality", "organisation")
    list_filter = ("role",)
