"""The OpenAPI document: drf-spectacular's schema with the problem answers of every operation, and
the command that writes it (`regiokompas openapi -o FILE`, committed as docs/openapi.json)."""

from __future__ import annotations

import json

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse

from regiokompas.api.problems import PROBLEM_JSON, Fout, ValidatieFout

ERRORS = {
    "400": (ValidatieFout, "Ongeldige invoer; er is niets gewijzigd."),
    "401": (Fout, "Niet aangemeld: geen of een ongeldig token."),
    "403": (Fout, "Geen rechten voor deze handeling; er is niets gewijzigd."),
    "404": (Fout, "Niet gevonden."),
    "409": (ValidatieFout, "Conflict met bestaande gegevens; er is niets gewijzigd."),
    "415": (Fout, "De invoer is geen JSON."),
    "500": (Fout, "Onverwachte fout; er is niets gewijzigd."),
}


class AutoSchema(SpectacularAutoSchema):
    """Adds the problem+json answers (RFC 9457) that an operation can give."""

    def get_paginated_name(self, serializer_name: str) -> str:
        return f"{serializer_name}Pagina"

    def _error_codes(self) -> list[str]:
        codes = ["401", "403"]
        writes = self.method in {"POST", "PUT", "PATCH"}
        if writes or self._is_list_view() or self.get_override_parameters():
            codes.insert(0, "400")
        if self.path_regex and "{" in self.path:
            codes.append("404")
        if writes:
            codes += ["409", "415"]
        codes.append("500")
        return codes

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if code in responses:
                continue
            serializer, description = ERRORS[code]
            responses[code] = self._get_response_for_code(OpenApiResponse(serializer, description), code, media_types=[PROBLEM_JSON])
        return responses


def postprocess(result, generator, request, public):
    """Stable output: the security schemes described in Dutch."""
    schemes = result.get("components", {}).get("securitySchemes", {})
    if "tokenAuth" in schemes:
        schemes["tokenAuth"]["description"] = (
            "Kop 'Authorization: Token <token>'; het token geeft 'regiokompas api-token GEBRUIKERSNAAM'."
        )
    if "cookieAuth" in schemes:
        schemes["cookieAuth"]["description"] = (
            "De sessie van een ingelogde browser; wijzigingen sturen het CSRF-token mee in de kop 'X-CSRFToken'."
        )
    return result


def generate_schema() -> dict:
    """The OpenAPI document as the code describes it (the same as /api/v1/openapi.json)."""
    from django.utils import translation
    from drf_spectacular.generators import SchemaGenerator

    with translation.override("nl"):
        return SchemaGenerator().get_schema(request=None, public=True)


def schema_text() -> str:
    """The OpenAPI document as committed in docs/openapi.json: JSON, two-space indent, UTF-8, final newline."""
    return json.dumps(generate_schema(), indent=2, ensure_ascii=False) + "\n"
