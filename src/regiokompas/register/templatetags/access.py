"""Template tags that ask accounts.permissions how a document may be referred to.

Templates never print a document's title or link on their own:

    {% load access %}
    {% document_link doc %}                      the title as a link, or nothing
    {% document_link doc "vertrouwelijk stuk" %} the title as a link, or this text (no title)
    {% document_title doc as title %}            the title, or "" (for conditions)
    {% publication_link publication %}           a council document: its title as a link, or nothing
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html

from regiokompas.accounts import permissions

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


@register.simple_tag(takes_context=True)
def document_title(context, document) -> str:
    return permissions.document_title(_user(context), document) or ""


@register.simple_tag(takes_context=True)
def document_link(context, document, fallback: str = "") -> str:
    title = permissions.document_title(_user(context), document)
    if title is None:
        return format_html("{}", fallback) if fallback else ""
    return format_html('<a href="{}">{}</a>', reverse("register:document-detail", args=[document.pk]), title)


@register.simple_tag(takes_context=True)
def publication_link(context, publication) -> str:
    if not permissions.can_see_publication(_user(context), publication):
        return ""
    return format_html('<a href="{}">{}</a>', reverse("publications:detail", args=[publication.pk]), publication.document.title)


@register.filter
def visible_to(documents, user):
    """The documents of a list or queryset that ``user`` may see: ``{% for d in docs|visible_to:request.user %}``."""
    return [d for d in documents if permissions.can_see_document(user, d)]
