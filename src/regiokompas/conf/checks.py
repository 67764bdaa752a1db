"""Django's system checks, reported in Dutch.

`regiokompas check --deploy` runs the same checks as ``manage.py check --deploy`` but prints each
finding as a Dutch sentence that names the Regiokompas setting to change, and ends with an exit
status instead of a traceback."""

from __future__ import annotations

from django.core import checks

# Django's deployment checks (django.core.checks.security) by id, in terms of Regiokompas' settings.
DUTCH = {
    "security.W001": "De SecurityMiddleware van Django ontbreekt in MIDDLEWARE; HSTS, nosniff en doorsturen naar https werken dan niet.",
    "security.W002": "De XFrameOptionsMiddleware ontbreekt in MIDDLEWARE; pagina's kunnen dan in een frame van een andere site worden getoond.",
    "security.W003": "De CsrfViewMiddleware ontbreekt in MIDDLEWARE; formulieren zijn dan niet beschermd tegen CSRF.",
    "security.W004": "HSTS staat uit (SECURE_HSTS_SECONDS is 0): zet REGIOKOMPAS_SECURE=true als de site alleen via https bereikbaar is.",
    "security.W005": "HSTS geldt niet voor subdomeinen: zet REGIOKOMPAS_SECURE=true.",
    "security.W006": "De kopregel X-Content-Type-Options: nosniff ontbreekt (SECURE_CONTENT_TYPE_NOSNIFF).",
    "security.W008": "Gewone http wordt niet doorgestuurd naar https: zet REGIOKOMPAS_SECURE=true en SECURE_SSL_REDIRECT=true.",
    "security.W009": "De geheime sleutel (SECRET_KEY) is te kort of te voorspelbaar: laat hem leeg (dan wordt er één gegenereerd in de datamap) of kies minstens 50 willekeurige tekens.",
    "security.W010": "De sessiecookie wordt ook over http verstuurd: zet REGIOKOMPAS_SECURE=true.",
    "security.W011": "De sessiecookie wordt ook over http verstuurd: zet REGIOKOMPAS_SECURE=true.",
    "security.W012": "De sessiecookie wordt ook over http verstuurd: zet REGIOKOMPAS_SECURE=true.",
    "security.W013": "De sessiecookie is leesbaar voor scripts (SESSION_COOKIE_HTTPONLY staat uit).",
    "security.W014": "De sessiecookie is leesbaar voor scripts (SESSION_COOKIE_HTTPONLY staat uit).",
    "security.W015": "De sessiecookie is leesbaar voor scripts (SESSION_COOKIE_HTTPONLY staat uit).",
    "security.W016": "De CSRF-cookie wordt ook over http verstuurd: zet REGIOKOMPAS_SECURE=true.",
    "security.W018": "DEBUG staat aan: foutpagina's tonen dan interne gegevens. Zet DEBUG=false in productie.",
    "security.W019": "X_FRAME_OPTIONS staat niet op DENY.",
    "security.W020": "ALLOWED_HOSTS is leeg: geef de hostnaam op waaronder Regiokompas bereikbaar is.",
    "security.W021": "De site staat niet klaar voor de HSTS-preloadlijst: zet REGIOKOMPAS_SECURE=true.",
    "security.W022": "Er is geen Referrer-Policy ingesteld (SECURE_REFERRER_POLICY).",
    "security.E023": "SECURE_REFERRER_POLICY heeft een ongeldige waarde.",
    "security.E024": "SECURE_CROSS_ORIGIN_OPENER_POLICY heeft een ongeldige waarde.",
    "security.W025": "Een van de oude geheime sleutels (SECRET_KEY_FALLBACKS) is te kort of te voorspelbaar.",
    "security.E100": "DEFAULT_HASHING_ALGORITHM heeft een ongeldige waarde.",
    "security.E101": "De weergave voor CSRF-fouten (CSRF_FAILURE_VIEW) heeft niet de juiste parameters.",
    "security.E102": "De weergave voor CSRF-fouten (CSRF_FAILURE_VIEW) kan niet worden geladen.",
}

LEVELS = {checks.DEBUG: "Info", checks.INFO: "Info", checks.WARNING: "Waarschuwing", checks.ERROR: "Fout", checks.CRITICAL: "Ernstige fout"}


def dutch_message(message: checks.CheckMessage) -> str:
    """The finding as one Dutch line; a finding without a translation keeps its own text, marked as such."""
    text = DUTCH.get(message.id or "")
    if text is None:
        where = f" ({message.obj})" if message.obj is not None else ""
        text = f"melding zonder Nederlandse vertaling{where}: {message.msg}"
    level = LEVELS.get(message.level, "Melding")
    return f"{level} [{message.id or 'zonder code'}]: {text}"


def run(*, deploy: bool) -> list[checks.CheckMessage]:
    """Every check finding that should stop a deployment: errors always, warnings with ``deploy``."""
    threshold = checks.WARNING if deploy else checks.ERROR
    found = checks.run_checks(include_deployment_checks=deploy)
    return [m for m in found if m.level >= threshold and not m.is_silenced()]
