"""Settings of the load-test server: the production settings, with request errors (tracebacks) on
stderr so that a failed request in the load test can be explained."""

from regiokompas.conf.settings import *  # noqa: F403

LOGGING["loggers"]["django.request"] = {"handlers": ["console"], "level": "ERROR", "propagate": False}  # noqa: F405
