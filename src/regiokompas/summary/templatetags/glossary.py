"""Inline explanations of terms: ``{% begrip "smaa" %}`` links a term to its entry on /begrippen/;
``{% begrippen "smaa" "rangacceptatie" %}`` shows their explanations in a disclosure section."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from regiokompas.summary.glossary import BY_SLUG

register = template.Library()


@register.simple_tag
def begrip(slug, text=""):
    term = BY_SLUG[slug]
    return format_html('<a class="term" href="{}#{}"><dfn>{}</dfn></a>', reverse("summary:glossary"), term.slug, text or term.term)


@register.simple_tag
def begrippen(*slugs):
    terms = [BY_SLUG[s] for s in slugs]
    items = format_html_join("", "<dt>{}</dt><dd>{}</dd>", ((t.term, t.text) for t in terms))
    return format_html('<details class="glossary-inline"><summary>Wat betekenen deze begrippen?</summary><dl>{}</dl>'
                       '<p><a href="{}">Alle begrippen</a></p></details>', items, reverse("summary:glossary"))
