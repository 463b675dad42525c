"""Store plans read from files (PDF, Word, text, Excel tracker, JSON) in the service's database."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from actionplan.core.errors import PlanError

if TYPE_CHECKING:
    from actionplan.storage.importing import FileImport

_BAR_WIDTH = 30


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", type=Path, nargs="+", metavar="FILE", help="plan files to import")
    parser.add_argument(
        "--establishment",
        metavar="NAME",
        help="store the plans under this establishment (created if new) instead of the name each plan gives",
    )
    parser.add_argument(
        "--draft",
        action="store_true",
        help="import as draft plans to work on (by default imported plans are taken as published)",
    )


def _progress_bar(total: int, stream: TextIO) -> Callable[[int, FileImport], None]:
    def show(number: int, result: FileImport) -> None:
        done = round(_BAR_WIDTH * number / total)
        stream.write(f"\r[{'#' * done}{'.' * (_BAR_WIDTH - done)}] {number}/{total}")
        if number == total:
            stream.write("\n")
        stream.flush()

    return show


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actionplan.settings.local")
    import django
    from django.db import DatabaseError

    django.setup()
    from actionplan.storage.importing import Outcome, import_files
    from actionplan.storage.models import ActionPlan

    paths: list[Path] = args.files
    status = ActionPlan.Status.DRAFT if args.draft else ActionPlan.Status.PUBLISHED
    progress = _progress_bar(len(paths), sys.stderr) if len(paths) > 1 else None
    try:
        results = import_files(paths, establishment_name=args.establishment, status=status, progress=progress)
    except DatabaseError as error:
        raise PlanError(f"the database is not ready ({error}); run 'manage.py migrate' first") from None
    for result in results:
        stream = sys.stderr if result.outcome is Outcome.FAILED else sys.stdout
        print(f"{result.path}: {result.message}", file=stream)
        for warning in result.warnings:
            page = f"page {warning.page}: " if warning.page else ""
            print(f"{result.path}: warning: {page}{warning.message}", file=sys.stderr)
    imported = sum(r.outcome is Outcome.IMPORTED for r in results)
    failed = sum(r.outcome is Outcome.FAILED for r in results)
    print(f"{imported} imported, {len(results) - imported - failed} already imported, {failed} failed")
    return 2 if failed else 0
