"""Write a plan file as Word, PDF, HTML, an Excel tracker, CSV or canonical JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from actionplan.core.errors import PlanError
from actionplan.core.plan import Plan
from actionplan.core.reading import read_plan
from actionplan.core.writing import FORMATS, write_plan
from actionplan.core.writing.wording import load_wording


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", type=Path, help="the plan to write out: PDF, Word, text, canonical JSON or an Excel tracker"
    )
    parser.add_argument("--to", required=True, choices=list(FORMATS), help="the format to write")
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="where to write (default: FILE with the format's suffix; '-' for standard output, text formats only)",
    )
    parser.add_argument(
        "--wording",
        type=Path,
        metavar="TOML",
        help="an organisation's own introduction and definitions, laid out like the package's wording.toml",
    )

    def error(message: str) -> NoReturn:
        # One line, like every other refusal of the command line, rather than argparse's usage block.
        parser.exit(2, f"{parser.prog}: {message}\n")

    parser.error = error  # type: ignore[method-assign]


def read(path: Path) -> Plan:
    """The plan in any file the readers accept, with what they could not place shown on standard error."""
    reading = read_plan(path)
    for warning in reading.warnings:
        print(f"{path}: {warning}", file=sys.stderr)
    return reading.plan


def _output_path(args: argparse.Namespace) -> Path | None:
    output = FORMATS[args.to]
    if args.output == "-":
        if not output.is_text:
            raise PlanError(f"a {output.suffix} file cannot go to standard output; give -o FILE")
        return None
    path = Path(args.output) if args.output else args.file.with_suffix(output.suffix)
    if path.resolve() == args.file.resolve():
        raise PlanError("writing would replace the input file; give another name with -o", source=str(path))
    return path


def run(args: argparse.Namespace) -> int:
    wording = load_wording(args.wording) if args.wording else None
    target = _output_path(args)
    data = write_plan(read(args.file), args.to, wording=wording)
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    try:
        target.write_bytes(data)
    except OSError as error:
        raise PlanError(f"cannot write the output ({error.__class__.__name__})", source=str(target)) from None
    print(f"{target}: written ({len(data):,} bytes)", file=sys.stderr)
    return 0
