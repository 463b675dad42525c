"""One JSON line a request (method, path, status, duration, user id), for a log collector to parse."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

logger = logging.getLogger("actionplan.requests")


class JsonFormatter(logging.Formatter):
    """A record as one JSON object: time, level, logger, message and any fields passed in ``extra``."""

    # Attributes every LogRecord has; anything else on a record came from ``extra``.
    _STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({key: value for key, value in vars(record).items() if key not in self._STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


class RequestLogMiddleware:
    """Logs each request once it is answered. The user is logged by id, never by name or email."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        logger.info(
            "request",
            extra={
                "method": request.method,
                # The path alone: query strings may hold search words or tokens.
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        return response
