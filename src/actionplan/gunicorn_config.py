"""gunicorn's settings for the service (``gunicorn -c python:actionplan.gunicorn_config``), from the environment."""

from __future__ import annotations

import os

from actionplan.settings.environment import env_int, env_str

bind = f"{env_str('HOST', '127.0.0.1')}:{env_int('PORT', 8000)}"
# Page work is CPU bound (templates, documents), so about one worker a core; more only queue for the same cores.
workers = env_int("WEB_CONCURRENCY", os.cpu_count() or 1)
# A PDF of a long plan may take several seconds to render the first time, and an upload is read for up to
# ACTIONPLAN_READ_SECONDS in a child process: the worker must outlast that budget so the person gets its message.
timeout = env_int("GUNICORN_TIMEOUT", env_int("ACTIONPLAN_READ_SECONDS", 60) + 30)
# Keep connections from a load balancer open between requests.
keepalive = env_int("GUNICORN_KEEPALIVE", 5)
# Workers are replaced after a number of requests, so memory a long run gathers is given back.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
# Requests are logged by the service as JSON lines (actionplan.pages.request_log), not by gunicorn.
accesslog = None
errorlog = "-"
