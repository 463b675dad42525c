"""Start-up checks of the monitoring settings: a reminder backend that cannot send stops the service."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from actionplan.monitoring.evidence import KINDS


@register()
def monitoring_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    backend = settings.ACTIONPLAN_REMINDER_BACKEND
    if backend not in ("email", "notify"):
        errors.append(
            Error(f"ACTIONPLAN_REMINDER_BACKEND must be email or notify; it is {backend!r}.", id="monitoring.E001")
        )
    if backend == "notify":
        if not settings.NOTIFY_API_KEY:
            errors.append(
                Error("NOTIFY_API_KEY must be set to send reminders through GOV.UK Notify.", id="monitoring.E002")
            )
        missing = [kind for kind, template in settings.NOTIFY_REMINDER_TEMPLATES.items() if not template]
        if missing:
            names = ", ".join(f"NOTIFY_TEMPLATE_{kind.upper()}" for kind in missing)
            errors.append(Error(f"Set the GOV.UK Notify template ids {names}.", id="monitoring.E003"))
    unknown = [name for name in settings.ACTIONPLAN_EVIDENCE_TYPES if name not in KINDS]
    if unknown or not settings.ACTIONPLAN_EVIDENCE_TYPES:
        errors.append(
            Error(
                f"ACTIONPLAN_EVIDENCE_TYPES must list some of {', '.join(KINDS)}; "
                f"not {', '.join(unknown) or 'nothing'}.",
                id="monitoring.E004",
            )
        )
    return errors
