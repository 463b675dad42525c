"""Reading a file in a child process held to a time and memory budget, so that a hostile file costs seconds.

The reading limits catch what a file declares; a file can still be built to be slow or large in
ways no check foresees. So a service reads uploads in a child Python process that limits its own
address space and processor time (``resource.setrlimit``) once its libraries are loaded, and is
killed when it runs past the wall-clock time. The child sends back what it read as canonical JSON,
or the refusal. Whatever happens in the child, the caller gets a Reading or a PlanError.
"""

from __future__ import annotations

import json
import math
import os
import resource
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import actionplan
from actionplan.core import canonical
from actionplan.core.errors import PlanError
from actionplan.core.reading.formats import read_plan
from actionplan.core.reading.limits import (
    MB,
    LimitExceeded,
    ReadingLimits,
    applied,
    check_recommendations,
    check_text,
)
from actionplan.core.reading.outcome import Reading, ReadingWarning
from actionplan.core.reading.pasted import PASTED, Pasted, read_pasted


@dataclass(frozen=True)
class Budget:
    """The wall-clock and processor time, and the memory (address space), one reading may take."""

    seconds: float = 60.0
    megabytes: int = 600


@dataclass(frozen=True)
class BudgetedReading:
    """What a reading in a child process gave and cost. ``stopped`` is "time" or "memory" when the budget ended it."""

    reading: Reading | None
    error: PlanError | None
    seconds: float
    peak_mb: float | None
    stopped: str | None = None

    def result(self) -> Reading:
        """The reading, or the error raised."""
        if self.error is not None:
            raise self.error
        assert self.reading is not None
        return self.reading


def read_within_budget(
    data: bytes, *, name: str, format: str = "auto", within: ReadingLimits | None = None, budget: Budget | None = None
) -> Reading:
    """Read a plan from its bytes in a child process held to ``budget``; PlanError (or LimitExceeded) when it cannot."""
    return run_within_budget(data, name=name, format=format, within=within, budget=budget).result()


def run_within_budget(
    data: bytes, *, name: str, format: str = "auto", within: ReadingLimits | None = None, budget: Budget | None = None
) -> BudgetedReading:
    """Read as ``read_within_budget`` does, and say what it cost."""
    ran = _run({"kind": "plan", "name": name, "format": format}, data, within, budget or Budget())
    if ran.answer is None:
        return BudgetedReading(None, ran.error, ran.seconds, ran.peak_mb, ran.stopped)
    plan = canonical.plan_from_dict(ran.answer["plan"], source=name)
    warnings = [ReadingWarning(**warning) for warning in ran.answer["warnings"]]
    return BudgetedReading(Reading(plan, warnings), None, ran.seconds, ran.peak_mb)


def read_pasted_within_budget(
    text: str, *, within: ReadingLimits | None = None, budget: Budget | None = None
) -> Pasted:
    """Take a pasted list apart in a child process held to ``budget``; LimitExceeded past a limit or the budget."""
    ran = _run({"kind": "pasted", "name": PASTED}, text.encode("utf-8"), within, budget or Budget())
    if ran.answer is None:
        assert ran.error is not None
        raise ran.error
    plan = ran.answer["plan"]
    return Pasted(
        recommendations=[canonical.recommendation_from_dict(rec) for rec in ran.answer["recommendations"]],
        warnings=[ReadingWarning(**warning) for warning in ran.answer["warnings"]],
        plan=canonical.plan_from_dict(plan, source=PASTED) if plan else None,
    )


@dataclass(frozen=True)
class _Ran:
    answer: dict[str, Any] | None
    error: PlanError | None
    seconds: float
    peak_mb: float | None
    stopped: str | None = None


def _run(request: dict[str, Any], data: bytes, within: ReadingLimits | None, budget: Budget) -> _Ran:
    """Run the child on ``data``: its answer, or the error it raised or the budget stopped it with."""
    name = request["name"]
    request = {**request, "limits": asdict(within or ReadingLimits()), "budget": asdict(budget)}
    command = [sys.executable, "-m", "actionplan.core.reading.budget", json.dumps(request)]
    # The child imports this very copy of the package, wherever it was installed from.
    package_root = str(Path(actionplan.__file__).resolve().parents[1])
    path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
    started = time.monotonic()
    try:
        # The command is this interpreter and this module; the file only ever reaches the child on its input.
        child = subprocess.run(  # noqa: S603
            command,
            input=data,
            capture_output=True,
            timeout=budget.seconds,
            check=False,
            env={**os.environ, "PYTHONPATH": path},
        )
    except subprocess.TimeoutExpired:
        return _Ran(None, _stopped("time", budget, name), time.monotonic() - started, None, "time")
    took = time.monotonic() - started
    try:
        answer = json.loads(child.stdout)
    except ValueError:
        # The child died without answering: killed by its processor-time limit, or out of memory in a library.
        stopped = "time" if child.returncode in (-signal.SIGXCPU, -signal.SIGKILL) else "memory"
        return _Ran(None, _stopped(stopped, budget, name), took, None, stopped)
    peak = answer["peak_kb"] / 1024
    if stopped := answer.get("stopped"):
        return _Ran(None, _stopped(stopped, budget, name), took, peak, stopped)
    if refused := answer.get("error"):
        error: PlanError
        if refused["limit"]:
            error = LimitExceeded(refused["message"], limit=refused["limit"], source=name)
        else:
            error = PlanError(refused["message"], source=name, where=refused["where"])
        return _Ran(None, error, took, peak)
    return _Ran(answer, None, took, peak)


def _stopped(what: str, budget: Budget, name: str) -> LimitExceeded:
    if what == "time":
        return LimitExceeded(f"it takes more than {budget.seconds:g} seconds to read", limit="seconds", source=name)
    return LimitExceeded(f"it needs more than {budget.megabytes} MB of memory to read", limit="megabytes", source=name)


def _read(request: dict[str, Any], data: bytes, limits: ReadingLimits) -> dict[str, Any]:
    name = request["name"]
    if request["kind"] == "pasted":
        text = data.decode("utf-8")
        with applied(limits):
            check_text(text, name=name)
            pasted = read_pasted(text)
            check_recommendations(len(pasted.recommendations), name=name)
        return {
            "recommendations": [canonical.recommendation_to_dict(rec) for rec in pasted.recommendations],
            "warnings": [asdict(warning) for warning in pasted.warnings],
            "plan": canonical.plan_to_dict(pasted.plan) if pasted.plan else None,
        }
    reading = read_plan(data, format=request["format"], name=name, within=limits)
    return {
        "plan": canonical.plan_to_dict(reading.plan),
        "warnings": [asdict(warning) for warning in reading.warnings],
    }


def _answer(request: dict[str, Any], data: bytes) -> dict[str, Any]:
    budget = Budget(**request["budget"])
    memory = budget.megabytes * MB
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = math.ceil(budget.seconds)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    try:
        return _read(request, data, ReadingLimits(**request["limits"]))
    except LimitExceeded as error:
        return {"error": {"message": error.reason, "where": None, "limit": error.limit}}
    except PlanError as error:
        if _ran_out_of_memory(error):
            return {"stopped": "memory"}
        return {"error": {"message": error.message, "where": error.where, "limit": None}}
    except MemoryError:
        return {"stopped": "memory"}
    except Exception as error:
        # A failure outside any reader (telling the format, say) is still one line for the person.
        return {
            "error": {
                "message": f"the file could not be read ({error.__class__.__name__})",
                "where": None,
                "limit": None,
            }
        }


def _ran_out_of_memory(error: BaseException) -> bool:
    """True when the error was raised in place of a MemoryError (readers turn a library's failures into PlanError)."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, MemoryError):
            return True
        cause = cause.__context__
    return False


def _peak_kb() -> int:
    """The most memory the child held. Not ru_maxrss, which on Linux may carry over the parent's through fork."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _child() -> None:
    request = json.loads(sys.argv[1])
    data = sys.stdin.buffer.read()
    answer_to = sys.stdout
    # Nothing a library prints may get into the answer.
    sys.stdout = sys.stderr
    answer = _answer(request, data)
    answer["peak_kb"] = _peak_kb()
    answer_to.write(json.dumps(answer))


if __name__ == "__main__":
    _child()
