"""Settings for a developer's machine: debug on, a fixed throwaway secret, demo data allowed."""

from actionplan.settings.base import *  # noqa: F403
from actionplan.settings.environment import env_bool, env_str

SECRET_KEY = env_str("SECRET_KEY", "local-development-only-not-secret")
DEBUG = env_bool("DEBUG", True)
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
ACTIONPLAN_DEMO_ALLOWED = True
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
