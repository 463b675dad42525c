"""Fixtures shared by the whole suite."""

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = Path(os.environ.get("ACTIONPLAN_SAMPLES", REPO.parent / "shared" / "samples"))


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The folder of real published plans used as test input (kept outside the project)."""
    if not SAMPLES.is_dir():
        pytest.fail(f"sample plans not found at {SAMPLES}; set ACTIONPLAN_SAMPLES to their folder")
    return SAMPLES


@pytest.fixture(scope="session")
def buckley_hall_text(samples_dir: Path) -> str:
    return (samples_dir / "buckley_hall_2019.txt").read_text("utf-8")
