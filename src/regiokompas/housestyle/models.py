from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regiokompas.documents.style import MAX_FOOTER_CHARS, MAX_NAME_CHARS, NEUTRAL_COLOUR


class HouseStyle(models.Model):
    """The house style of one municipality or one organisation (exactly one of the two)."""

    municipality = models.OneToOneField("register.Municipality", null=True, blank=True, on_delete=models.CASCADE,
                                        related_name="house_style", verbose_name=_("gemeente"))
    organisation = models.OneToOneField("register.Organisation", null=True, blank=True, on_delete=models.CASCADE,
                                        related_name="house_style", verbose_name=_("organisatie"))
    name = models.CharField(_("naam in documenten"), max_length=MAX_NAME_CHARS, blank=True)
    colour = models.CharField(_("huisstijlkleur"), max_length=7, default=NEUTRAL_COLOUR)
    logo = models.BinaryField(_("logo (PNG)"), null=True, blank=True)
    logo_width = models.PositiveIntegerField(default=0)
    logo_height = models.PositiveIntegerField(default=0)
    address = models.TextField(_("adresblok"), blank=True)
    footer = models.CharField(_("voettekst"), max_length=MAX_FOOTER_CHARS, blank=True)
    updated = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("huisstijl")
        verbose_name_plural = _("huisstijlen")
        constraints = [
            models.CheckConstraint(
                condition=(Q(municipality__isnull=False) & Q(organisation__isnull=True))
                | (Q(municipality__isnull=True) & Q(organisation__isnull=False)),
                name="housestyle_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"Huisstijl van {self.owner}"

    @property
    def owner(self):
        return self.municipality or self.organisation
