"""The OpenAPI document: valid OpenAPI 3, served at /api/v1/openapi.json, and the committed
docs/openapi.json is exactly what the code generates (regenerate: `regiokompas openapi -o docs/openapi.json`)."""

import json
from pathlib import Path

import pytest
from openapi_spec_validator import validate
from tests.api.helpers import client_for

from regiokompas.api.schema import generate_schema, schema_text

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


@pytest.fixture(scope="module")
def schema():
    return generate_schema()


def test_committed_document_matches_the_code():
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "docs/openapi.json wijkt af van de code; maak het opnieuw met: regiokompas openapi -o docs/openapi.json"
    )


def test_document_is_valid_openapi_3(schema):
    validate(json.loads(json.dumps(schema)))
    assert schema["openapi"].startswith("3.")


@pytest.mark.django_db
def test_served_document_is_the_generated_one_and_public(schema):
    response = client_for(None).get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert json.loads(response.content) == json.loads(json.dumps(schema))


def test_every_operation_documents_its_problem_answers(schema):
    for path, operations in schema["paths"].items():
        assert path.startswith("/api/v1/") and not path.endswith("/"), path
        for method, operation in operations.items():
            if method not in {"get", "post", "patch", "put", "delete"}:
                continue
            responses = operation["responses"]
            for code in ("401", "403", "500"):
                assert "application/problem+json" in responses[code]["content"], (path, method, code)
            if method in {"post", "patch", "put"}:
                assert responses["400"]["content"]["application/problem+json"]["schema"]["$ref"].endswith("/ValidatieFout")
            if "{" in path:
                assert "404" in responses, (path, method)


def test_field_names_are_camel_case_and_enum_values_snake_case(schema):
    import re

    for name, component in schema["components"]["schemas"].items():
        for field in component.get("properties", {}):
            assert re.fullmatch(r"[a-z][a-zA-Z0-9]*", field), (name, field)
        for value in component.get("enum", []):
            assert value is None or re.fullmatch(r"[a-z][a-z0-9_]*", value), (name, value)
