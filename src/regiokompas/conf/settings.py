"""Django settings. Every value that varies per installation comes from conf.config.config().

Safe production defaults: DEBUG off, secure cookies, HSTS, a strict Content-Security-Policy, login
throttling; ``regiokompas demo`` runs without DEBUG too, only over plain http. See docs/configuration.md.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from regiokompas.conf import limits as _limits
from regiokompas.conf.config import (
    ConfigError,
    as_bool,
    as_int,
    as_list,
    config,
    data_dir,
    one_of,
    persistent_secret_key,
)
from regiokompas.documents.render import CSS_CSP_HASH

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent.parent  # the checkout, in an editable install

DATA_DIR = data_dir()
DEBUG = config("DEBUG", False, cast=as_bool, help="Ontwikkelmodus; nooit aan in productie.")
SECRET_KEY = config(
    "SECRET_KEY",
    "",
    help="Geheime sleutel van Django; zonder waarde wordt er één gegenereerd in de datamap.",
) or persistent_secret_key(DATA_DIR)
ALLOWED_HOSTS = config(
    "ALLOWED_HOSTS",
    ["127.0.0.1", "localhost"],
    cast=as_list,
    help="Komma-gescheiden hostnamen waaronder de applicatie bereikbaar is.",
)
CSRF_TRUSTED_ORIGINS = config(
    "CSRF_TRUSTED_ORIGINS", [], cast=as_list, help="Komma-gescheiden origins (https://...) achter een proxy."
)

def _database(url: str) -> dict:
    try:
        return dj_database_url.parse(url, conn_max_age=60)
    except ValueError:
        raise ConfigError(
            "DATABASE_URL is geen bruikbare database-URL; gebruik postgres://gebruiker@host:5432/naam of sqlite:///pad."
        ) from None


DATABASES = {
    "default": _database(
        config(
            "DATABASE_URL",
            f"sqlite:///{DATA_DIR / 'regiokompas.sqlite3'}",
            help="Database-URL; standaard SQLite in de datamap, in productie postgres://...",
        )
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Writers queue instead of failing: every transaction takes the write lock at its start
    # (IMMEDIATE, so no deadlock when a reader turns writer), a waiting writer waits up to 30 s
    # (no transaction holds the lock that long: computations run outside transactions), and WAL
    # lets readers read while one writes.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["OPTIONS"]["timeout"] = 30

def _cache(url: str) -> dict:
    """CACHE_URL: empty or locmem:// (one cache per process), redis://host:port/db, or dummy:// (none)."""
    if not url or url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}}
    if url.startswith(("redis://", "rediss://", "unix://")):
        import importlib.util

        if importlib.util.find_spec("redis") is None:
            raise ConfigError("CACHE_URL wijst naar Redis, maar de Redis-client is niet geïnstalleerd: "
                              "installeer regiokompas[redis] (pip install 'regiokompas[redis]').")
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ConfigError("CACHE_URL is geen bruikbare cache-URL; gebruik redis://host:6379/0, locmem:// of dummy://.")


# Computed results (cost simulations, gate state, analysis pages) are cached (regiokompas.caching).
CACHES = {"default": _cache(config(
    "CACHE_URL", "", help="Cache voor berekende uitkomsten: leeg (geheugen per proces), redis://host:6379/0 of dummy://."
))}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "regiokompas.audit",
    "regiokompas.accounts",
    "regiokompas.register",
    "regiokompas.options",
    "regiokompas.planning",
    "regiokompas.finance",
    "regiokompas.publications",
    "regiokompas.jobs",
    "django_tasks",
    "django_tasks_db",
    "regiokompas.summary",
    "regiokompas.search",
    "regiokompas.notifications",
    "regiokompas.housestyle",
    "regiokompas.api",  # before rest_framework: its locale keeps Django's Dutch wording
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_prometheus",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "regiokompas.ops.middleware.RequestLogMiddleware",  # request id, one JSON log line per request
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "regiokompas.audit.context.AuditActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "regiokompas.conf.middleware.NoStoreMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # last, as django-axes asks: turns a refused login into the lockout page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "regiokompas.urls"
WSGI_APPLICATION = "regiokompas.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out logins before any password check
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "register:trajectory-list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
# Dutch only: every text, message and document is Dutch, and Django's own texts (form errors,
# validation messages) are too, whatever language a browser asks for (no LocaleMiddleware).
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [PACKAGE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = Path(config("REGIOKOMPAS_STATIC_ROOT", str(DATA_DIR / "static"),
                          help="Map voor de statische bestanden (regiokompas collectstatic); standaard static in de datamap."))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# NL Design System CSS, installed from the npm registry by `make`; optional at run time.
NODE_MODULES = Path(
    config("REGIOKOMPAS_NODE_MODULES", str(PROJECT_DIR / "node_modules"), help="Map met de npm-pakketten (NL Design System CSS).")
)
for package in ("@utrecht/component-library-css/dist", "@utrecht/design-tokens/dist"):
    if (NODE_MODULES / package).is_dir():
        STATICFILES_DIRS.append((f"nlds/{package.split('/')[1]}", NODE_MODULES / package))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # hashed file names (cacheable forever), built by `regiokompas collectstatic` at install
    "staticfiles": {"BACKEND": "regiokompas.ops.storage.StaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "media/"
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# Resource limits of every importer and analysis (regiokompas.conf.limits, docs/configuration.md):
# REGIOKOMPAS_MAX_UPLOAD_BYTES, REGIOKOMPAS_MAX_DOCX_PART_BYTES, REGIOKOMPAS_MAX_ALTERNATIVES, ...
globals().update(_limits.from_environment())

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background tasks (regiokompas.jobs, docs/configuration.md#achtergrondtaken): Django's task framework
# (django-tasks) with its database backend (django-tasks-db), the same on SQLite and PostgreSQL.
def _choice(*allowed: str):
    def cast(value: str) -> str:
        items = one_of(*allowed)(value)
        if len(items) != 1:
            raise ConfigError(f"kies één van: {', '.join(allowed)}")
        return items[0]
    return cast


_tasks_backend = config("REGIOKOMPAS_TASKS", "database", cast=_choice("database", "immediate"),
                        help="Achtergrondtaken: database (wachtrij in de database, uitgevoerd door een worker) of "
                             "immediate (direct in het verzoek; alleen voor tests).")
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend" if _tasks_backend == "database"
                     else "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
REGIOKOMPAS_WORKER = config("REGIOKOMPAS_WORKER", "auto", cast=_choice("auto", "in-process", "separate"),
                            help="Waar de worker draait: auto (in het webproces op SQLite, apart op PostgreSQL), "
                                 "in-process of separate ('regiokompas worker').")
REGIOKOMPAS_BACKGROUND_ANALYSIS_SAMPLES = config(
    "REGIOKOMPAS_BACKGROUND_ANALYSIS_SAMPLES", 20_000, cast=as_int(0, 10_000_000),
    help="Een analyse met meer trekkingen dan dit draait als achtergrondtaak; kleinere direct.")
REGIOKOMPAS_BACKGROUND_IMPORT_BYTES = config(
    "REGIOKOMPAS_BACKGROUND_IMPORT_BYTES", 1024 * 1024, cast=as_int(0, 2**40),
    help="Een ingelezen bestand groter dan dit (bytes) wordt als achtergrondtaak gelezen; kleinere direct.")
REGIOKOMPAS_QUEUE_MAX_WAIT_MINUTES = config(
    "REGIOKOMPAS_QUEUE_MAX_WAIT_MINUTES", 10, cast=as_int(1, 10_000),
    help="De gezondheidscontrole meldt een probleem als een taak langer dan dit (minuten) op een worker wacht.")

# The REST API under /api/v1/ (docs/api.md).
from regiokompas.api.conf import REST_FRAMEWORK, SPECTACULAR_SETTINGS  # noqa: E402,F401

# Production-safe by default; a local demo over plain http turns DEBUG on.
SECURE = config("REGIOKOMPAS_SECURE", not DEBUG, cast=as_bool, help="Alleen via https: veilige cookies, HSTS, doorsturen.")
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and config("SECURE_SSL_REDIRECT", True, cast=as_bool, help="Stuur http door naar https.")
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Behind a TLS proxy. The web server (`regiokompas serve`) believes the X-Forwarded-* headers only
# from these addresses and removes them from every other request; Django then reads them as well.
TRUSTED_PROXIES = config(
    "TRUSTED_PROXIES",
    [],
    cast=as_list,
    help="Adres van de https-proxy (bijv. 127.0.0.1) waarvan X-Forwarded-*-kopregels vertrouwd worden; leeg: geen proxy.",
)
TRUSTED_PROXY_HEADERS = config(
    "TRUSTED_PROXY_HEADERS",
    ["x-forwarded-proto", "x-forwarded-for", "x-forwarded-host"],
    cast=one_of("x-forwarded-proto", "x-forwarded-for", "x-forwarded-host", "x-forwarded-port"),
    help="Kopregels die van de vertrouwde proxy worden overgenomen, komma-gescheiden.",
)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXIES and "x-forwarded-proto" in TRUSTED_PROXY_HEADERS else None
)
USE_X_FORWARDED_HOST = bool(TRUSTED_PROXIES) and "x-forwarded-host" in TRUSTED_PROXY_HEADERS

# Content-Security-Policy (django-csp 4): nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, CSS_CSP_HASH],  # the stylesheet embedded in generated html documents
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# Permissions-Policy (django-permissions-policy): the application uses none of these features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "ambient-light-sensor", "autoplay", "bluetooth", "browsing-topics", "camera",
        "display-capture", "encrypted-media", "geolocation", "gyroscope", "hid", "idle-detection",
        "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get", "screen-wake-lock",
        "serial", "usb", "xr-spatial-tracking",
    )
}

# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one user name, or
# from one address, further logins are refused until the lockout ends or the beheerder lifts it.
AXES_FAILURE_LIMIT = config(
    "LOGIN_FAILURE_LIMIT", 5, cast=as_int(1, 1000), help="Aantal mislukte inlogpogingen waarna inloggen wordt geblokkeerd."
)
_lockout_minutes = config(
    "LOGIN_LOCKOUT_MINUTES",
    30,
    cast=as_int(0, 525600),
    help="Minuten dat een blokkade duurt; 0: tot de beheerder hem opheft.",
)
AXES_COOLOFF_TIME = timedelta(minutes=_lockout_minutes) if _lockout_minutes else None
AXES_LOCKOUT_PARAMETERS = [
    ["username", "ip_address"] if item == "username+ip_address" else item
    for item in config(
        "LOGIN_LOCKOUT_BY",
        ["username", "ip_address"],
        cast=one_of("username", "ip_address", "username+ip_address"),
        help="Waarop geblokkeerd wordt: username (gebruikersnaam), ip_address (adres) of username+ip_address (de combinatie).",
    )
]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False

# E-mail for notifications (regiokompas.notifications): the console by default (the demo prints the
# mails); in production an SMTP server (docs/configuration.md).
EMAIL_BACKEND = config("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend",
                       help="Django-e-mailbackend, bijv. django.core.mail.backends.smtp.EmailBackend.")
EMAIL_HOST = config("EMAIL_HOST", "localhost", help="SMTP-server voor meldingen per e-mail.")
EMAIL_PORT = config("EMAIL_PORT", 25, cast=as_int(1, 65535), help="Poort van de SMTP-server.")
EMAIL_HOST_USER = config("EMAIL_HOST_USER", "", help="Gebruikersnaam bij de SMTP-server.")
EMAIL_HOST_PASSWORD = config("EMAIL_HOST_PASSWORD", "", help="Wachtwoord bij de SMTP-server.")
EMAIL_USE_TLS = config("EMAIL_USE_TLS", False, cast=as_bool, help="STARTTLS naar de SMTP-server.")
DEFAULT_FROM_EMAIL = config("DEFAULT_FROM_EMAIL", "regiokompas@localhost", help="Afzender van de meldingen per e-mail.")
REGIOKOMPAS_SITE_URL = config("REGIOKOMPAS_SITE_URL", "http://127.0.0.1:8000",
                              help="Adres van de applicatie, voor de links in e-mails.")
REGIOKOMPAS_NOTIFY_DAYS = config("REGIOKOMPAS_NOTIFY_DAYS", 14, cast=as_int(1, 365),
                                 help="Dagen vooraf dat een melding komt over een naderend besluitmoment of adviestermijn.")

# Operations (docs/operations.md): JSON log lines on stdout, health checks, metrics, Sentry.
from regiokompas.ops.logs import logging_config  # noqa: E402

LOGGING = logging_config(
    fmt=config("REGIOKOMPAS_LOG_FORMAT", "json", cast=lambda v: one_of("json", "text")(v)[0],
               help="Opmaak van het log op stdout: json (één JSON-regel per melding) of text."),
    audit_level=config("AUDIT_LOG_LEVEL", "WARNING", help="Niveau van het auditlog op stdout (INFO toont elke wijziging)."),
    access_log=config("REGIOKOMPAS_ACCESS_LOG", True, cast=as_bool, help="Eén logregel per verzoek (request id, gebruiker, pad, status, duur)."),
)
REGIOKOMPAS_READINESS_CHECKS = config(
    "REGIOKOMPAS_READINESS_CHECKS", [], cast=as_list,
    help="Extra controles voor /gezondheid/klaar: komma-gescheiden functies (module.functie) die (ok, melding) geven.",
)
REGIOKOMPAS_METRICS_ADDRESSES = config(
    "REGIOKOMPAS_METRICS_ADDRESSES", ["127.0.0.1", "::1"], cast=as_list,
    help="Adressen die /metrics (Prometheus) mogen lezen.",
)
REGIOKOMPAS_METRICS_TOKEN = config(
    "REGIOKOMPAS_METRICS_TOKEN", "", help="Token waarmee /metrics ook van elders leesbaar is (Authorization: Bearer ...).",
)
SENTRY_DSN = config("SENTRY_DSN", "", help="Optioneel: fouten melden aan Sentry (zonder persoonsgegevens).")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(dsn=SENTRY_DSN, send_default_pii=False, traces_sample_rate=0.0)
