"""The quality checker as the service runs it: the core's rules with the service's settings."""

from __future__ import annotations

from django.conf import settings

from actionplan.core.checking import CheckConfig, Finding, check_plan, checker_config
from actionplan.core.plan import Plan


def service_check_config() -> CheckConfig:
    """The word lists from ACTIONPLAN_CHECK_CONFIG (a TOML file) if set, with the service's submission deadline."""
    return checker_config(getattr(settings, "ACTIONPLAN_CHECK_CONFIG", ""), settings.ACTIONPLAN_SUBMISSION_DAYS)


def findings_for(plan: Plan) -> list[Finding]:
    """Every finding on the plan, as the upload preview, drafting and sign-off pages show them."""
    return check_plan(plan, config=service_check_config())
