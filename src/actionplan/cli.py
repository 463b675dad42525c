"""The ``actionplan`` command line: work on plan files with the core alone."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from actionplan import __version__
from actionplan.core.errors import PlanError

# Each command lives in its own module of actionplan.commands, with ``add_arguments(parser)``
# and ``run(args) -> int``; the module docstring's first line is the command's help.
COMMANDS = ["validate", "check", "render", "import", "parse"]


def _command_module(name: str) -> ModuleType:
    return importlib.import_module(f"actionplan.commands.{name}_command")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="actionplan",
        description="Read, check and write inspection action plans.",
    )
    parser.add_argument("--version", action="version", version=f"actionplan {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        module = _command_module(name)
        summary = (module.__doc__ or name).strip().splitlines()[0]
        sub = commands.add_parser(name, help=summary, description=summary)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Imported once a command is to run (it brings the readers in), so that --version and --help start at once.
    from actionplan.core.reading.limits import applied, from_environment

    try:
        # The reading limits are the service's settings of the same names, when set.
        with applied(from_environment(os.environ)):
            status: int = args.run(args)
    except PlanError as error:
        print(f"actionplan {args.command}: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    return status


if __name__ == "__main__":
    sys.exit(main())
