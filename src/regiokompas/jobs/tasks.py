"""The task the worker runs (Django's task framework, `django-tasks` backport)."""

from django_tasks import task


@task()
def run_job(job_id: str) -> str:
    from regiokompas.jobs import services

    return services.run(job_id)
