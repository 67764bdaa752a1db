"""Background work: analyses, reports, document renderings and imports that take longer than a request.

The work runs as a task of Django's task framework (the `django-tasks` backport with the database
backend of `django-tasks-db`, the same on SQLite and PostgreSQL); a :class:`~regiokompas.jobs.models.Job`
row records who asked for it, its state, its progress and its result, for the status page.
"""
