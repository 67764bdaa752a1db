"""Django settings. Every value that varies per installation comes from conf.config.config().

Safe production defaults: DEBUG off, secure cookies, HSTS; ``regiokompas demo`` switches DEBUG
on for a local demonstration. See docs/configuration.md.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from regiokompas.conf.config import as_bool, as_list, config, data_dir, persistent_secret_key

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

DATABASES = {
    "default": dj_database_url.parse(
        config(
            "DATABASE_URL",
            f"sqlite:///{DATA_DIR / 'regiokompas.sqlite3'}",
            help="Database-URL; standaard SQLite in de datamap, in productie postgres://...",
        ),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA foreign_keys=ON;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "regiokompas.audit",
    "regiokompas.accounts",
    "regiokompas.register",
    "regiokompas.options",
    "regiokompas.planning",
    "regiokompas.finance",
    "regiokompas.publications",
    "regiokompas.api",  # before rest_framework: its locale keeps Django's Dutch wording
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "register:trajectory-list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [PACKAGE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
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
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "media/"
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "regiokompas.audit": {"handlers": ["console"], "level": config("AUDIT_LOG_LEVEL", "WARNING", help="Niveau van het auditlog op stdout (INFO toont elke wijziging).")},
    },
}
