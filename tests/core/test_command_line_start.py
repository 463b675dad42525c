"""The command line starts without the libraries only some commands need (PDF, Word, Excel readers, JSON Schema)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = ["jsonschema", "pdfplumber", "pdfminer", "docx", "openpyxl", "weasyprint"]


def _modules_loaded(*args: str) -> set[str]:
    """The heavy libraries imported by a whole ``actionplan`` process run with these arguments."""
    script = (
        "import json, sys\n"
        "from actionplan.cli import main\n"
        f"try:\n    main({list(args)!r})\nexcept SystemExit:\n    pass\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_version_imports_no_reader_or_schema_library() -> None:
    assert _modules_loaded("--version") == set()


def test_parsing_a_text_plan_imports_only_what_text_needs(buckley_hall_text: str, tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(buckley_hall_text, "utf-8")
    assert _modules_loaded("parse", str(plan)) == set()


def test_validating_imports_the_schema_library(tmp_path: Path) -> None:
    document = tmp_path / "plan.json"
    document.write_text('{"schema": "actionplan/1"}', "utf-8")
    assert "jsonschema" in _modules_loaded("validate", str(document))
