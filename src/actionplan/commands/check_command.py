"""Check a plan against the categorisation table's rules and report what to improve."""

from __future__ import annotations

import argparse
import json
from itertools import groupby
from pathlib import Path

from actionplan.core import canonical
from actionplan.core.checking import CheckConfig, Finding, Severity, check_plan, totals
from actionplan.core.errors import PlanError
from actionplan.core.plan import Plan


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the plan to check")
    parser.add_argument("--json", action="store_true", help="print the findings as a JSON list")
    parser.add_argument("--config", type=Path, help="a settings and word list file laid out like wordlists.toml")


def read(path: Path) -> Plan:
    if path.suffix.lower() != ".json":
        raise PlanError("only canonical JSON plans (.json) can be checked so far", source=str(path))
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PlanError(f"cannot read the file ({error.__class__.__name__})", source=str(path)) from None
    return canonical.loads(text, source=str(path))


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
    config = CheckConfig.from_file(args.config) if args.config else None
    plan = read(args.file)
    findings = check_plan(plan, config)
    if args.json:
        print(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        print(report(args.file, plan, findings))
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0
