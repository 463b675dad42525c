"""Check a plan against the categorisation table's rules and report what to improve."""

from __future__ import annotations

import argparse
import json
import os
import sys
from itertools import groupby
from pathlib import Path

from actionplan.core.checking import Finding, Severity, check_plan, checker_config_from_environment, totals
from actionplan.core.plan import Plan
from actionplan.core.reading import read_plan


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the plan to check: PDF, Word, text or canonical JSON")
    parser.add_argument("--json", action="store_true", help="print the findings as a JSON list")
    parser.add_argument("--config", type=Path, help="a settings and word list file laid out like wordlists.toml")


def report(path: Path, plan: Plan, findings: list[Finding]) -> str:
    """The findings grouped by recommendation, findings about the whole plan first, then the totals."""
    lines = [f"{path}: {plan.establishment}, {len(plan.recommendations)} recommendations"]
    for index, group in groupby(findings, key=lambda f: f.recommendation_index):
        lines.append("")
        lines.append("The whole plan" if index is None else plan.recommendations[index].ref or f"Row {index + 1}")
        lines.extend(f"  {f.severity.value:<8} {f.rule:<27} {f.message}" for f in group)
    if not findings:
        lines.append("No findings: the plan meets every rule checked.")
    lines.append("")
    lines.append(totals(findings))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    # The same settings as the service reads, so that the command line and the pages report the same findings.
    config = checker_config_from_environment(os.environ, args.config)
    reading = read_plan(args.file)
    # What the reader could not place is shown apart from the findings, so that --json stays a list of findings.
    for warning in reading.warnings:
        print(f"actionplan check: {args.file}: {warning}", file=sys.stderr)
    plan = reading.plan
    findings = check_plan(plan, config)
    if args.json:
        print(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        print(report(args.file, plan, findings))
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0
