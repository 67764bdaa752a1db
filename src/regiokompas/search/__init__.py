"""Search over the dossier of the trajectories a user may see (``/zoeken/``).

One index table (:class:`~regiokompas.search.models.SearchEntry`), kept in step with the register by
signals (``index.py``); one backend per database for matching, ranking and snippets
(``backends.py``): PostgreSQL full-text search with the ``dutch`` configuration, SQLite FTS5 on the
embedded default. What a user may see is decided by ``accounts.permissions`` before anything is
ranked or shown.
"""
