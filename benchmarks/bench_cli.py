"""The command line as whole processes: `actionplan --version` and `actionplan parse` of the sample text plan."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 7
SAMPLE = Path(os.environ.get("ACTIONPLAN_SAMPLES", Path(__file__).resolve().parents[2] / "shared" / "samples"))
# Seconds for the whole process, start to exit.
TARGETS = {"--version": 0.150, "parse": 0.350}


def _run(args: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one ``actionplan`` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "actionplan.cli", *args], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    commands = {"--version": ["--version"], "parse": ["parse", str(SAMPLE / "buckley_hall_2019.txt")]}
    for name, args in commands.items():
        runs = [_run(args) for _ in range(RUNS)]
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        # CPU time is what the process itself costs; wall time also holds waiting for a busy machine.
        verdict = "within target" if cpu <= TARGETS[name] else "OVER TARGET"
        print(
            f"  actionplan {' '.join(args[:1])}: median {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU "
            f"over {RUNS} runs (target {TARGETS[name] * 1000:.0f} ms)  {verdict}"
        )


if __name__ == "__main__":
    main()
