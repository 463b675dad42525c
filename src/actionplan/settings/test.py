"""Settings for the test suite: fast hashing, in-memory email and files, demo data allowed."""

import os
import tempfile
from pathlib import Path

from actionplan.settings.base import *  # noqa: F403
from actionplan.settings.environment import env_str

SECRET_KEY = env_str("SECRET_KEY", "test-only-not-secret")
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ACTIONPLAN_DEMO_ALLOWED = True
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Static files come straight from the finders; nothing is collected for tests.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# Tests that publish and commit write the open data download here, never into the checkout.
ACTIONPLAN_OPEN_DATA_DIR = Path(tempfile.gettempdir()) / f"actionplan-test-open-data-{os.getpid()}"
