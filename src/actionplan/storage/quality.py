"""The quality checker as the service runs it: the core's rules with the service's settings."""

from __future__ import annotations

import dataclasses
from functools import cache

from django.conf import settings

from actionplan.core.checking import CheckConfig, Finding, check_plan
from actionplan.core.plan import Plan


@cache
def _config(path: str, submission_days: int) -> CheckConfig:
    base = CheckConfig.from_file(path) if path else CheckConfig.default()
    return dataclasses.replace(base, submission_deadline_days=submission_days)


def service_check_config() -> CheckConfig:
    """The word lists from ACTIONPLAN_CHECK_CONFIG (a TOML file) if set, with the service's submission deadline."""
    return _config(getattr(settings, "ACTIONPLAN_CHECK_CONFIG", ""), settings.ACTIONPLAN_SUBMISSION_DAYS)


def findings_for(plan: Plan) -> list[Finding]:
    """Every finding on the plan, as the drafting and sign-off pages show them."""
    return check_plan(plan, config=service_check_config())
