"""The plan quality checker: the categorisation table's rules, written once for every surface."""

from actionplan.core.checking.catalogue import Rule, rules
from actionplan.core.checking.check import check_plan, totals
from actionplan.core.checking.config import CheckConfig, ReasonWords, checker_config, checker_config_from_environment
from actionplan.core.checking.findings import Finding, Severity
from actionplan.core.checking.reasons import detect_reasons, record_reasons, unstated_reasons

__all__ = [
    "CheckConfig",
    "Finding",
    "ReasonWords",
    "Rule",
    "Severity",
    "check_plan",
    "checker_config",
    "checker_config_from_environment",
    "detect_reasons",
    "record_reasons",
    "rules",
    "totals",
    "unstated_reasons",
]
