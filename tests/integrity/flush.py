"""Pytest plugin: let the test runner empty the database between transactional tests.

The audit table refuses DELETE and TRUNCATE (database triggers, audit migration 0002), and so
does Django's ``flush`` in production, as it should. Transactional tests (browser, concurrency
and fault tests) flush the test database after every test; here only, the flush drops the
triggers, empties the tables and installs the triggers again, in one transaction.
"""

import pytest


@pytest.fixture(scope="session", autouse=True)
def _flush_past_audit_triggers():
    from django.db import connections

    from regiokompas.audit import triggers

    for conn in connections.all():
        cls = type(conn.ops)
        if getattr(cls, "_flushes_past_audit_triggers", False):
            continue
        original = cls.sql_flush

        def sql_flush(self, style, tables, *args, _original=original, **kwargs):
            statements = _original(self, style, tables, *args, **kwargs)
            if triggers.TABLE not in tables or not statements:
                return statements
            vendor = self.connection.vendor
            return [*triggers.drop_sql(vendor), *statements, *triggers.create_sql(vendor)]

        cls.sql_flush = sql_flush
        cls._flushes_past_audit_triggers = True
    yield
