from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

IMMUTABLE = "Een auditregel wordt nooit gewijzigd of verwijderd."


class ImmutableAuditEntry(Exception):
    """An attempt to change or delete an audit row. Also refused by the database (triggers)."""

    def __init__(self, message: str = IMMUTABLE):
        super().__init__(message)
        self.message = message


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableAuditEntry()

    def delete(self):
        raise ImmutableAuditEntry()

    def bulk_update(self, objs, fields, batch_size=None):
        raise ImmutableAuditEntry()


class AuditEntry(models.Model):
    """Who changed what, when, with the state before and after. Never updated or deleted: model,
    queryset and database (triggers, migration 0002) all refuse it. The only change the database
    allows is the one Django makes when a user is deleted: ``actor`` becomes empty (the row keeps
    ``actor_label``)."""

    timestamp = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_label = models.CharField(_("door (naam)"), max_length=200)
    action = models.CharField(_("handeling"), max_length=100, db_index=True)
    object_type = models.CharField(_("soort object"), max_length=100)
    object_id = models.CharField(_("object-id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    trajectory_slug = models.SlugField(_("traject"), max_length=100, blank=True, db_index=True)
    before = models.JSONField(_("voor"), null=True, blank=True)
    after = models.JSONField(_("na"), null=True, blank=True)
    reason = models.TextField(_("reden"), blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("audittrail")
        ordering = ["-timestamp", "-id"]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableAuditEntry()
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableAuditEntry()

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.actor_label}: {self.action} {self.object_repr}"


class DataVersion(models.Model):
    """A change of one kind of data (an object type as the audit trail names it, e.g.
    ``register.Decision``). Every audit row adds one, with a random value, in the transaction of the
    change (:mod:`regiokompas.audit.versions`); after the commit the older rows of that kind are
    removed. The version of a kind is the set of its rows, so a cached result keyed by the versions of
    its inputs is never served after those inputs changed, in any process, also after a rollback or a
    restored backup. Rows are only inserted in a transaction, never updated: writers of the same
    kind do not wait for each other."""

    scope = models.CharField(_("soort gegevens"), max_length=100, db_index=True)
    version = models.BigIntegerField(_("versie"))

    class Meta:
        verbose_name = _("gegevensversie")
        verbose_name_plural = _("gegevensversies")

    def __str__(self) -> str:
        return f"{self.scope}: {self.version}"
