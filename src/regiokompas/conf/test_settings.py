"""Settings for the test suite: a throw-away data folder, plain http, fast password hashing."""

import os
import tempfile

os.environ.setdefault("REGIOKOMPAS_DATA_DIR", tempfile.mkdtemp(prefix="regiokompas-test-"))
os.environ.setdefault("REGIOKOMPAS_SECURE", "false")

from regiokompas.conf.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - WhiteNoise expects the folder

# Tests that expect a result in the same request run tasks immediately; the tests of the queue
# itself (tests/jobs) switch to the database backend and run a real worker.
if "REGIOKOMPAS_TASKS" not in os.environ:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
# No collectstatic before the tests: unhashed static file names, as under DEBUG.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"}}  # noqa: F405
