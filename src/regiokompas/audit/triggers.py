"""Database triggers that refuse UPDATE and DELETE on the audit table (SQLite and PostgreSQL).

Installed by migration 0002. The one update allowed is the one Django makes when a user is
deleted: ``actor_id`` set to NULL with every other column unchanged (the row keeps the actor's
name in ``actor_label``). Anything else, whether from the application, the Django shell or plain
SQL, fails with the message below.
"""

from __future__ import annotations

TABLE = "audit_auditentry"
MESSAGE = "Een auditregel wordt nooit gewijzigd of verwijderd."
# every column but actor_id; an UPDATE may change nothing else
COLUMNS = ("id", "timestamp", "actor_label", "action", "object_type", "object_id", "object_repr", "trajectory_slug",
           "before", "after", "reason")

_SQLITE_UNCHANGED = " AND ".join(f'NEW."{c}" IS OLD."{c}"' for c in COLUMNS)

SQLITE_CREATE = [
    f"""CREATE TRIGGER audit_auditentry_no_update BEFORE UPDATE ON {TABLE}
        WHEN NOT (NEW.actor_id IS NULL AND OLD.actor_id IS NOT NULL AND {_SQLITE_UNCHANGED})
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER audit_auditentry_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS audit_auditentry_no_update", "DROP TRIGGER IF EXISTS audit_auditentry_no_delete"]

POSTGRES_CREATE = [
    f"""CREATE OR REPLACE FUNCTION audit_auditentry_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL AND OLD.actor_id IS NOT NULL
               AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation';
        END $$""",
    f"""CREATE TRIGGER audit_auditentry_no_change BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION audit_auditentry_refuse()""",
    f"""CREATE TRIGGER audit_auditentry_no_truncate BEFORE TRUNCATE ON {TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION audit_auditentry_refuse()""",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS audit_auditentry_no_change ON {TABLE}",
    f"DROP TRIGGER IF EXISTS audit_auditentry_no_truncate ON {TABLE}",
    "DROP FUNCTION IF EXISTS audit_auditentry_refuse()",
]


def create_sql(vendor: str) -> list[str]:
    return {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}.get(vendor, [])


def drop_sql(vendor: str) -> list[str]:
    return {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(vendor, [])


def install(apps, schema_editor) -> None:
    for statement in create_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def remove(apps, schema_editor) -> None:
    for statement in drop_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement)
