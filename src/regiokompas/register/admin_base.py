"""One admin base for every app: saves and deletes in Django admin go through the service functions.

- The change form runs the service once in a transaction that is rolled back, so a change the
  service refuses is shown as a Dutch error above the form, with what the user typed kept.
- A refusal that only shows later (for example while saving inline rows) is caught around the
  whole admin view: Django's transaction is rolled back, the message is shown, nothing is saved.
  Never a server error.

Subclasses set ``save_function(actor, obj, reason=...)`` and ``delete_function(actor, obj, reason=...)``,
or override :meth:`service_save` / :meth:`service_delete` when the service needs more of the form.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpResponseRedirect

from regiokompas.register.errors import RegisterError

REASON = "via beheer"


class _DryRun(Exception):
    pass


class ServiceAdmin(admin.ModelAdmin):
    save_function = None
    delete_function = None

    # --- the service calls ---------------------------------------------------------------------

    def service_save(self, request, obj, form) -> None:
        if type(self).save_function is None:
            raise RegisterError("Dit gegeven kan hier niet worden opgeslagen.")
        type(self).save_function(request.user, obj, reason=REASON)

    def service_delete(self, request, obj) -> None:
        if type(self).delete_function is None:
            raise RegisterError("Dit gegeven kan niet worden verwijderd; het hoort bij de geschiedenis.")
        type(self).delete_function(request.user, obj, reason=REASON)

    def has_delete_permission(self, request, obj=None):
        deletes = type(self).delete_function is not None or type(self).service_delete is not ServiceAdmin.service_delete
        return deletes and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        self.service_save(request, obj, form)

    def delete_model(self, request, obj):
        self.service_delete(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.service_delete(request, obj)

    # --- a refused change is a form error ------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change, **kwargs)
        if not issubclass(base, forms.ModelForm):
            return base
        admin_self = self

        class ServiceForm(base):
            def _post_clean(self):
                super()._post_clean()
                if self.errors:
                    return
                instance = self.instance
                pk, adding = instance.pk, instance._state.adding
                try:
                    with transaction.atomic():
                        admin_self.service_save(request, instance, self)
                        raise _DryRun
                except _DryRun:
                    pass
                except RegisterError as exc:
                    self.add_error(None, exc.message)
                finally:
                    instance.pk, instance._state.adding = pk, adding

        ServiceForm.__name__ = base.__name__
        return ServiceForm

    # --- the safety net around whole views -----------------------------------------------------

    def _refused(self, request, exc: RegisterError):
        self.message_user(request, f"Niet opgeslagen: {exc.message}", messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except RegisterError as exc:
            return self._refused(request, exc)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except RegisterError as exc:
            return self._refused(request, exc)

    def changelist_view(self, request, extra_context=None):
        try:
            with transaction.atomic():  # bulk actions: all or nothing
                return super().changelist_view(request, extra_context)
        except RegisterError as exc:
            return self._refused(request, exc)
