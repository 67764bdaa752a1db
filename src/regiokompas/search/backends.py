"""One backend per database, with the same interface: which index rows match a query (ranked, best
first) and a highlighted snippet per row. The caller has already narrowed the rows to what the user
may see (``accounts.permissions.visible_search_entries``); a backend never widens them.

Snippets come back as plain text with :data:`START` and :data:`STOP` around the matched words; the
search service escapes the text and only then turns those into ``<mark>``.
"""

from __future__ import annotations

from django.db import connection
from django.db.models.expressions import RawSQL

START, STOP = "\ue000", "\ue001"  # private-use characters: never in indexed text (index._clean)
SNIPPET_WORDS = 24


class SQLiteBackend:
    """FTS5 (``search_fts``, migration 0002): every word as a prefix, all words required, ranked by
    bm25 with the title weighing five times the text."""

    @staticmethod
    def _match(words: list[str]) -> str:
        return " ".join(f'"{w}"*' for w in words)

    def matches(self, words: list[str], entries) -> list[tuple[int, float]]:
        match = self._match(words)
        with connection.cursor() as cursor:
            cursor.execute("SELECT rowid, bm25(search_fts, 5.0, 1.0) FROM search_fts WHERE search_fts MATCH %s", [match])
            ranks = {pk: -score for pk, score in cursor.fetchall()}
        visible = entries.filter(pk__in=RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [match]))
        hits = [(pk, ranks[pk]) for pk in visible.values_list("pk", flat=True) if pk in ranks]
        return sorted(hits, key=lambda hit: (-hit[1], hit[0]))

    def snippets(self, words: list[str], ids: list[int]) -> dict[int, tuple[str, str]]:
        if not ids:
            return {}
        marks = ", ".join(["%s"] * len(ids))
        sql = (f"SELECT rowid, highlight(search_fts, 0, %s, %s), snippet(search_fts, 1, %s, %s, '…', {SNIPPET_WORDS}) "
               f"FROM search_fts WHERE search_fts MATCH %s AND rowid IN ({marks})")
        with connection.cursor() as cursor:
            cursor.execute(sql, [START, STOP, START, STOP, self._match(words), *ids])
            return {pk: (title, body) for pk, title, body in cursor.fetchall()}


class PostgresBackend:
    """PostgreSQL full-text search with the 'dutch' configuration (stemming, stop words): the stored
    weighted vector (title A, text B, GIN index), every word as a prefix, ranked by ts_rank."""

    @staticmethod
    def _query(words: list[str]):
        from django.contrib.postgres.search import SearchQuery

        # words are \\w+ only (service.parse_words), so nothing in them is tsquery syntax
        return SearchQuery(" & ".join(f"{w}:*" for w in words), config="dutch", search_type="raw")

    def matches(self, words: list[str], entries) -> list[tuple[int, float]]:
        from django.contrib.postgres.search import SearchRank
        from django.db.models import F

        query = self._query(words)
        rows = (entries.filter(vector=query).annotate(rank=SearchRank(F("vector"), query))
                .order_by("-rank", "pk").values_list("pk", "rank"))
        return [(pk, float(rank)) for pk, rank in rows]

    def snippets(self, words: list[str], ids: list[int]) -> dict[int, tuple[str, str]]:
        from django.contrib.postgres.search import SearchHeadline

        from regiokompas.search.models import SearchEntry

        query = self._query(words)
        options = {"config": "dutch", "start_sel": START, "stop_sel": STOP}
        rows = SearchEntry.objects.filter(pk__in=ids).annotate(
            title_mark=SearchHeadline("title", query, highlight_all=True, **options),
            body_mark=SearchHeadline("body", query, max_words=SNIPPET_WORDS, min_words=10, max_fragments=2,
                                     fragment_delimiter=" … ", **options),
        ).values_list("pk", "title_mark", "body_mark")
        return {pk: (title, body) for pk, title, body in rows}


def backend():
    """The backend of the database in use."""
    return PostgresBackend() if connection.vendor == "postgresql" else SQLiteBackend()
