"""Check that a JSON file is a valid actionplan/1 plan and say how many recommendations it holds."""

from __future__ import annotations

import argparse
from pathlib import Path

from actionplan.core import canonical
from actionplan.core.errors import PlanError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="a canonical JSON plan")


def run(args: argparse.Namespace) -> int:
    path: Path = args.file
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PlanError(f"cannot read the file ({error.__class__.__name__})", source=str(path)) from None
    plan = canonical.loads(text, source=str(path))
    print(f"{path}: valid actionplan/1, {plan.establishment}, {len(plan.recommendations)} recommendations")
    return 0
