"""The database side of the index that Django's models do not describe: the FTS5 table and its
triggers on SQLite, the GIN index on the 'dutch' vector on PostgreSQL (migration 0002)."""

from __future__ import annotations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(title, body, content='search_searchentry', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS search_fts_insert AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_delete AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_update AFTER UPDATE OF title, body ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_CREATE = ["CREATE INDEX IF NOT EXISTS search_entry_vector_gin ON search_searchentry USING gin (vector)"]
POSTGRES_DROP = ["DROP INDEX IF EXISTS search_entry_vector_gin"]


def _run(schema_editor, statements) -> None:
    with schema_editor.connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _run_for(schema_editor, statements: dict) -> None:
    """The statements for this database ({vendor: statements}); none for another database."""
    chosen = statements.get(schema_editor.connection.vendor)
    if chosen:
        _run(schema_editor, chosen)


def install(apps, schema_editor) -> None:
    _run_for(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE})


def remove(apps, schema_editor) -> None:
    _run_for(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


def fill_after_migrate(sender, using="default", **kwargs) -> None:
    """An existing database that has no index yet (just upgraded): index what it holds. Runs after
    every migration (post_migrate), with the current models."""
    from regiokompas.register.models import Decision, Document
    from regiokompas.search import index
    from regiokompas.search.models import SearchEntry

    if SearchEntry.objects.using(using).exists():
        return
    if Document.objects.using(using).exists() or Decision.objects.using(using).exists():
        index.rebuild()
