"""Every error of the API as ``application/problem+json`` (RFC 9457) with a Dutch ``title`` and
``detail``, and ``invalidParams`` (name, code, reason) for bad input, as the NL API Design Rules
and the VNG ZGW APIs do. Write operations run in one transaction, so an error leaves the database
unchanged; this module only turns the exception into the answer."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, JsonResponse
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from regiokompas.register.errors import PermissionDenied as RegisterPermissionDenied
from regiokompas.register.errors import RegisterError

logger = logging.getLogger("regiokompas.api")

PROBLEM_JSON = "application/problem+json"

TITLES = {
    400: "Ongeldige invoer",
    401: "Niet aangemeld",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Antwoordformaat niet beschikbaar",
    409: "Conflict met bestaande gegevens",
    415: "Formaat van de invoer niet ondersteund",
    429: "Te veel verzoeken",
    500: "Interne fout",
}

# Dutch details for DRF's own exceptions (their English or partly translated texts never reach a client).
NOT_AUTHENTICATED = (
    "Meld u aan: stuur de kop 'Authorization: Token <token>' mee (een token geeft "
    "'regiokompas api-token GEBRUIKERSNAAM') of gebruik een ingelogde browsersessie."
)
AUTHENTICATION_FAILED = "Het token of de aanmeldgegevens zijn ongeldig."
CSRF_FAILED = (
    "De CSRF-controle is mislukt: een browsersessie stuurt bij elke wijziging het CSRF-token mee in de kop "
    "'X-CSRFToken'. Scripts gebruiken een token ('Authorization: Token <token>')."
)
PERMISSION_DENIED = "U heeft geen rechten voor deze handeling."
NOT_FOUND = "Het gevraagde gegeven bestaat niet (of is voor u niet zichtbaar)."
SERVER_ERROR = "Er ging iets onverwachts mis; er is niets gewijzigd. De fout staat in het log van de server."


class InvalidParam(serializers.Serializer):
    name = serializers.CharField(help_text="Het veld (camelCase; geneste velden met punten, bijv. 'voorwaarden.0.omschrijving').")
    code = serializers.CharField(help_text="Een vaste code van de fout, bijv. 'required' of 'invalid'.")
    reason = serializers.CharField(help_text="De fout in het Nederlands.")


class Fout(serializers.Serializer):
    """A problem detail (RFC 9457)."""

    type = serializers.CharField(help_text="Altijd 'about:blank': de betekenis volgt uit de HTTP-status en 'code'.")
    code = serializers.CharField(help_text="Een vaste code van de fout, bijv. 'not_found' of 'invalid'.")
    title = serializers.CharField(help_text="Korte Nederlandse omschrijving van de soort fout.")
    status = serializers.IntegerField()
    detail = serializers.CharField(help_text="De fout in het Nederlands, voor mensen.")
    instance = serializers.CharField(help_text="Het pad van het verzoek.")


class ValidatieFout(Fout):
    invalidParams = InvalidParam(many=True)


# Field names of the register's services (RegisterError.field) as the API calls them.
FIELD_NAMES = {
    "participants": "deelnemers",
    "slug": "slug",
    "username": "gebruikersnaam",
    "role": "rol",
    "municipality": "gemeente",
    "organisation": "organisatie",
    "trajectories": "trajecten",
    "password": "wachtwoord",
}


def problem(status_code: int, detail: str, *, code: str, instance: str = "", invalid_params=None) -> dict:
    data = {
        "type": "about:blank",
        "code": code,
        "title": TITLES.get(status_code, "Fout"),
        "status": status_code,
        "detail": detail,
        "instance": instance,
    }
    if invalid_params is not None:
        data["invalidParams"] = invalid_params
    return data


def _flatten(detail, prefix: str = "") -> list[dict]:
    """DRF's nested error detail as a flat list of {name, code, reason}."""
    params = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            params += _flatten(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(detail, list):
        if all(isinstance(item, (str, exceptions.ErrorDetail)) for item in detail):
            for item in detail:
                params.append({"name": prefix or "nonFieldErrors", "code": getattr(item, "code", "invalid") or "invalid",
                               "reason": str(item)})
        else:
            for index, item in enumerate(detail):
                if item:
                    params += _flatten(item, f"{prefix}.{index}" if prefix else str(index))
    else:
        params.append({"name": prefix or "nonFieldErrors", "code": getattr(detail, "code", "invalid") or "invalid",
                       "reason": str(detail)})
    return params


def _response(data: dict, headers: dict | None = None) -> Response:
    return Response(data, status=data["status"], content_type=PROBLEM_JSON, headers=headers)


def exception_handler(exc, context):
    """DRF's exception handler: every exception becomes a problem answer, unexpected ones too."""
    request = context.get("request")
    instance = request.path if request is not None else ""

    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or PERMISSION_DENIED)

    if isinstance(exc, RegisterPermissionDenied):
        return _response(problem(403, exc.message, code="permission_denied", instance=instance))
    if isinstance(exc, RegisterError):
        status_code = 409 if exc.code == "conflict" else 400
        name = FIELD_NAMES.get(exc.field, exc.field) if exc.field else "nonFieldErrors"
        return _response(problem(status_code, exc.message, code=exc.code, instance=instance,
                                 invalid_params=[{"name": name, "code": exc.code, "reason": exc.message}]))
    if isinstance(exc, exceptions.ValidationError):
        params = _flatten(exc.detail)
        detail = "; ".join(f"{p['name']}: {p['reason']}" if p["name"] != "nonFieldErrors" else p["reason"] for p in params)
        return _response(problem(400, detail or "De invoer is ongeldig.", code="invalid", instance=instance, invalid_params=params))
    if isinstance(exc, exceptions.APIException):
        headers = {}
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
        return _response(problem(exc.status_code, _dutch_detail(exc, request), code=_code(exc), instance=instance), headers)

    logger.exception("Onverwachte fout in de API bij %s", instance)
    return _response(problem(500, SERVER_ERROR, code="server_error", instance=instance))


def _code(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    return codes if isinstance(codes, str) else exc.default_code


def _dutch_detail(exc: exceptions.APIException, request) -> str:
    detail = str(exc.detail)
    if isinstance(exc, exceptions.NotAuthenticated):
        return NOT_AUTHENTICATED
    if isinstance(exc, exceptions.AuthenticationFailed):
        return AUTHENTICATION_FAILED
    if isinstance(exc, exceptions.PermissionDenied):
        if detail.startswith("CSRF Failed"):
            return CSRF_FAILED
        return PERMISSION_DENIED if detail == str(exceptions.PermissionDenied.default_detail) else detail
    if isinstance(exc, exceptions.NotFound):
        return NOT_FOUND if detail == str(exceptions.NotFound.default_detail) else detail
    if isinstance(exc, exceptions.MethodNotAllowed):
        method = request.method if request is not None else ""
        return f"De methode {method} is op dit adres niet toegestaan."
    if isinstance(exc, exceptions.NotAcceptable):
        return "De API antwoordt alleen in JSON (application/json)."
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return "Stuur de invoer als JSON met de kop 'Content-Type: application/json'."
    if isinstance(exc, exceptions.ParseError):
        return "De invoer is geen geldige JSON."
    if isinstance(exc, exceptions.Throttled):
        return "Te veel verzoeken; probeer het later opnieuw."
    return detail


def not_found_view(request, *args, **kwargs):
    """A problem answer for an address under /api/v1/ that does not exist (outside DRF's views)."""
    return JsonResponse(problem(404, "Dit adres bestaat niet in de API. Zie /api/v1/openapi.json.", code="not_found",
                                instance=request.path), status=status.HTTP_404_NOT_FOUND, content_type=PROBLEM_JSON,
                        json_dumps_params={"ensure_ascii": False})
