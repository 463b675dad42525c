"""Read a plan from a PDF, Word or text file and print it as canonical JSON; warnings and fields not read to stderr."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from actionplan.core import canonical
from actionplan.core.reading import READERS, read_plan
from actionplan.core.reading.gaps import unread_fields


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="a published action plan: PDF, Word (.docx), text or JSON")
    parser.add_argument(
        "--format",
        choices=["auto", *READERS],
        default="auto",
        help="the file's format (default: told from its content)",
    )


def run(args: argparse.Namespace) -> int:
    path: Path = args.file
    reading = read_plan(path, format=args.format, name=str(path))
    for warning in reading.warnings:
        print(f"{path}: {warning}", file=sys.stderr)
    for ref, fields in unread_fields(reading.plan):
        where = f"{ref}: " if ref else ""
        print(f"{path}: {where}not read: {', '.join(fields)}", file=sys.stderr)
    sys.stdout.write(canonical.dumps(reading.plan))
    return 0
