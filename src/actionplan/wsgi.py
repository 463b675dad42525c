"""WSGI entry point for a deployed service."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actionplan.settings.production")
application = get_wsgi_application()
