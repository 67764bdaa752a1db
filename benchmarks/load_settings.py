"""Settings of the load-test server: the production settings. Request errors are logged by
``django.request`` with their traceback as JSON lines on stdout (regiokompas.ops.logs), which the
load test writes to its server log and prints when a run has errors."""

from regiokompas.conf.settings import *  # noqa: F403

assert "stdout" in LOGGING["loggers"]["django.request"]["handlers"]  # noqa: F405, S101
