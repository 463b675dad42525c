"""Settings for a deployed service: every secret from the environment, HTTPS only."""

from django.core.exceptions import ImproperlyConfigured

from actionplan.settings.base import *  # noqa: F403
from actionplan.settings.base import SECRET_KEY
from actionplan.settings.environment import env_bool, env_int

if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 50 characters in production.")

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# A load balancer asks for /healthz over plain HTTP inside the network; a redirect would read as a failure.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
ACTIONPLAN_DEMO_ALLOWED = False
