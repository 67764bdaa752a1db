"""Notifications: what a user follows per trajectory (Subscription), what she was told
(Notification, once per event and user) and when her daily digest went out (DigestRun)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    GATE_OPENED = "moment_aangebroken", _("een besluitmoment is aangebroken (de geplande datum is bereikt)")
    GATE_NEAR = "moment_nadert", _("een besluitmoment nadert zijn geplande datum")
    DECISION = "besluit", _("een andere gemeente heeft een besluit vastgelegd")
    SUBMITTED = "ter_akkoord", _("een raadsstuk is ter akkoord aangeboden")
    SENT = "verzonden", _("een raadsstuk is aan de raad verzonden")
    DEADLINE = "adviestermijn", _("de adviestermijn van een medezeggenschapstraject nadert")


class EmailMode(models.TextChoices):
    NONE = "geen", _("geen e-mail, alleen in Regiokompas")
    IMMEDIATE = "direct", _("direct: één e-mail per melding")
    DAILY = "dagelijks", _("dagelijks overzicht: één e-mail per dag met alles sinds het vorige overzicht")


class Subscription(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_subscriptions")
    trajectory = models.ForeignKey("register.Trajectory", on_delete=models.CASCADE, related_name="+")
    events = models.JSONField(_("meldingen over"), default=list, blank=True)
    email = models.CharField(_("e-mail"), max_length=12, choices=EmailMode.choices, default=EmailMode.NONE)
    updated = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")
        constraints = [models.UniqueConstraint(fields=["user", "trajectory"], name="subscription_once")]

    def __str__(self) -> str:
        return f"{self.user} volgt {self.trajectory}"


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    trajectory = models.ForeignKey("register.Trajectory", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("soort"), max_length=30, choices=EventKind.choices)
    event_key = models.CharField(_("gebeurtenis"), max_length=200)
    title = models.CharField(_("titel"), max_length=300)
    text = models.TextField(_("tekst"), blank=True)
    url = models.CharField(_("adres"), max_length=300, blank=True)
    email = models.CharField(_("e-mail"), max_length=12, choices=EmailMode.choices, default=EmailMode.NONE)
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    read_at = models.DateTimeField(_("gelezen"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("gemaild"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "event_key"], name="notification_once_per_event")]
        indexes = [models.Index(fields=["user", "read_at"]), models.Index(fields=["email", "emailed_at"])]

    def __str__(self) -> str:
        return self.title


class DigestRun(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("dag"))
    sent_at = models.DateTimeField(_("verzonden"), auto_now_add=True)
    count = models.PositiveIntegerField(_("meldingen"), default=0)

    class Meta:
        verbose_name = _("dagelijks overzicht")
        verbose_name_plural = _("dagelijkse overzichten")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once_per_day")]
