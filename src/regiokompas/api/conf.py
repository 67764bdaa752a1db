"""Settings of Django REST Framework and drf-spectacular; imported by conf.settings.

Nothing here imports Django models: settings load this module before apps are ready.
"""

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous request gets 401 with "WWW-Authenticate: Token".
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "regiokompas.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "regiokompas.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "regiokompas.api.problems.exception_handler",
    "NON_FIELD_ERRORS_KEY": "nonFieldErrors",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATE_FORMAT": "iso-8601",
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": False,
    "URL_FORMAT_OVERRIDE": None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Regiokompas API",
    "DESCRIPTION": (
        "De REST API van Regiokompas: het register van gemeenten, trajecten, besluitmomenten, besluiten met "
        "voorwaarden en gemeenschappelijke regelingen. Dezelfde servicefuncties en dezelfde rechten als de "
        "webapplicatie. Aanmelden met de kop `Authorization: Token <token>` (een token geeft "
        "`regiokompas api-token GEBRUIKERSNAAM`) of met de sessie van de browser (met CSRF-token). "
        "Fouten zijn `application/problem+json` (RFC 9457) met een Nederlandse `title` en `detail` en bij "
        "ongeldige invoer `invalidParams`; bij een fout is niets gewijzigd. Zie docs/api.md."
    ),
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.0.3",
    "SERVERS": [{"url": "/", "description": "deze installatie"}],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": False,
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    # Input and output have their own serializers (TrajectAanmaken, Traject), so no split is needed.
    "COMPONENT_SPLIT_REQUEST": False,
    "COMPONENT_NO_READ_ONLY_REQUIRED": False,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "ENUM_ADD_EXPLICIT_BLANK_NULL_CHOICE": False,
    "SORT_OPERATIONS": False,
    # One name per enum table of regiokompas.api.enums.
    "ENUM_NAME_OVERRIDES": {name: f"regiokompas.api.enums.{table}" for name, table in [
        ("TrajectStatus", "TRAJECTORY_STATUS"),
        ("Voortgangsregel", "CONTINUATION_RULE"),
        ("BesluitmomentSoort", "GATE_KIND"),
        ("Orgaan", "ORGAN"),
        ("Uitkomst", "OUTCOME"),
        ("VoorwaardeStatus", "CONDITION_STATUS"),
        ("VoorwaardeSoort", "CONDITION_CATEGORY"),
        ("SoortVervanging", "SUPERSEDE_KIND"),
        ("BesluitmomentStatus", "GATE_STATUS"),
        ("Deelname", "PARTICIPATION_STATUS"),
        ("Rechtsvorm", "LEGAL_FORM"),
        ("SoortOpvolging", "SUCCESSION_KIND"),
        ("Rol", "ROLE"),
        ("SoortRegeling", "ARRANGEMENT_TYPE"),
        ("DocumentSoort", "DOCUMENT_KIND"),
        ("DocumentStatus", "DOCUMENT_STATUS"),
    ]},
    "LICENSE": {"name": "EUPL-1.2", "url": "https://eupl.eu/1.2/nl/"},
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "regiokompas.api.schema.postprocess"],
    "DISABLE_ERRORS_AND_WARNINGS": False,
}
