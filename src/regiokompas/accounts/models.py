from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class UserRole(models.TextChoices):
    BELEIDSMEDEWERKER = "beleidsmedewerker", _("beleidsmedewerker van een gemeente")
    PROJECTLEIDER = "projectleider", _("projectleider (projectorganisatie)")
    GRIFFIER = "griffier", _("griffier")
    RAADSLID = "raadslid", _("raadslid")
    OR_LID = "or_lid", _("lid ondernemingsraad")
    BEHEERDER = "beheerder", _("functioneel beheerder")


class Profile(models.Model):
    """A user's membership of one organisation (a municipality or another organisation) and role."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(_("rol"), max_length=30, choices=UserRole.choices)
    municipality = models.ForeignKey(
        "register.Municipality", verbose_name=_("gemeente"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    organisation = models.ForeignKey(
        "register.Organisation", verbose_name=_("organisatie"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    trajectories = models.ManyToManyField(
        "register.Trajectory", verbose_name=_("trajecten"), blank=True, related_name="members",
        help_text=_("De trajecten waaraan deze gebruiker deelneemt; rechten gelden per traject."),
    )

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")
        constraints = [
            models.CheckConstraint(
                condition=~(Q(municipality__isnull=False) & Q(organisation__isnull=False)), name="profile_one_organisation"
            )
        ]

    def __str__(self) -> str:
        where = self.municipality or self.organisation or "-"
        return f"{self.user.get_username()}: {self.get_role_display()} ({where})"
