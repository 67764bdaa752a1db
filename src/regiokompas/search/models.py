"""The search index: one row per searchable object, its text and the facts to filter on.

Which rows a user may see is never stored here: it is decided at query time by
``accounts.permissions.visible_search_entries`` from the live objects.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryKind(models.TextChoices):
    DOCUMENT = "document", _("document")
    DECISION = "besluit", _("besluit")
    CONDITION = "voorwaarde", _("voorwaarde")
    VARIANT = "variant", _("uitvoeringsvariant")
    GATE = "besluitmoment", _("besluitmoment")


class SearchEntry(models.Model):
    kind = models.CharField(_("soort"), max_length=20, choices=EntryKind.choices)
    object_id = models.BigIntegerField(_("object"))
    trajectory = models.ForeignKey("register.Trajectory", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey("register.Municipality", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    date = models.DateField(_("datum"), null=True, blank=True)
    date_precision = models.CharField(_("nauwkeurigheid datum"), max_length=10, default="day")
    title = models.CharField(_("titel"), max_length=400)
    body = models.TextField(_("tekst"), blank=True)
    url = models.CharField(_("adres"), max_length=300)
    # PostgreSQL only: the weighted 'dutch' tsvector of title and body (GIN index, migration 0001);
    # empty on SQLite, where the FTS5 table search_fts holds the index.
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("zoekregel")
        verbose_name_plural = _("zoekindex")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once")]
        indexes = [models.Index(fields=["trajectory", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
