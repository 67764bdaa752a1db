"""JSON log lines on stdout: one per request with request id, user id, path, status and duration;
a server error logged by django.request with its traceback and the same request id."""

import io
import json
import logging

import pytest
from django.test import Client

from regiokompas.ops import logs

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    """The configured stdout handler (formatter and filter as in production), writing to a buffer."""
    handler = logging.getLogger(logs.ACCESS_LOGGER).handlers[0]
    assert handler is logging.getLogger("django.request").handlers[0]
    buffer = io.StringIO()
    handler.stream = buffer
    try:
        yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    finally:
        handler.stream = None  # follows sys.stdout again


def access(lines, path):
    return [line for line in lines if line["logger"] == logs.ACCESS_LOGGER and line["path"] == path]


def test_a_request_gives_one_json_line_with_its_request_id(log_lines):
    response = Client().get("/gezondheid/live", HTTP_X_REQUEST_ID="proxy-id-42")
    assert response["X-Request-ID"] == "proxy-id-42"
    [line] = access(log_lines(), "/gezondheid/live")
    assert line["request_id"] == "proxy-id-42"
    assert line["status"] == 200 and line["method"] == "GET" and line["user_id"] is None
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["level"] == "INFO" and "time" in line


def test_a_missing_or_odd_request_id_is_replaced_by_a_fresh_one(log_lines):
    first = Client().get("/gezondheid/live")
    second = Client().get("/gezondheid/live", HTTP_X_REQUEST_ID="geen geldige id\n{}")
    ids = [line["request_id"] for line in access(log_lines(), "/gezondheid/live")]
    assert ids == [first["X-Request-ID"], second["X-Request-ID"]]
    assert len(set(ids)) == 2 and all(len(i) == 32 for i in ids)


def test_the_user_id_and_no_query_string(log_lines, users):
    client = Client()
    client.force_login(users["bergen"])
    client.get("/trajecten/?zoek=persoonsgegeven")
    [line] = access(log_lines(), "/trajecten/")
    assert line["user_id"] == users["bergen"].pk and line["status"] == 200
    assert "persoonsgegeven" not in json.dumps(log_lines())


def test_a_server_error_is_logged_with_its_traceback_and_shows_the_dutch_page(log_lines, settings):
    settings.ROOT_URLCONF = "tests.ops.boom_urls"
    response = Client(raise_request_exception=False).get("/test-fout/", HTTP_X_REQUEST_ID="fout-1")
    assert response.status_code == 500 and "Er ging iets mis" in response.content.decode()
    lines = log_lines()
    [error] = [line for line in lines if line["logger"] == "django.request"]
    assert error["level"] == "ERROR" and error["request_id"] == "fout-1"
    assert "Traceback" in error["exc_info"] and "kapotte testpagina" in error["exc_info"]
    [line] = access(lines, "/test-fout/")
    assert line["status"] == 500 and line["request_id"] == "fout-1"


def test_text_format_for_a_person_in_the_terminal():
    config = logs.logging_config(fmt="text")
    assert "request_id" in config["formatters"]["main"]["format"]


def test_the_handler_follows_a_replaced_stdout_instead_of_a_closed_one(monkeypatch):
    """Logging configured while stdout was one stream keeps working after that stream is closed."""
    handler = logging.getLogger(logs.ACCESS_LOGGER).handlers[0]
    old, new = io.StringIO(), io.StringIO()
    monkeypatch.setattr("sys.stdout", old)
    old.close()
    monkeypatch.setattr("sys.stdout", new)
    logging.getLogger(logs.ACCESS_LOGGER).info("na vervanging")
    assert "na vervanging" in new.getvalue()
    handler.flush()
