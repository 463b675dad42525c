"""Which recommendations of a plan repeat one of the establishment's earlier plans: stated, or likely by wording."""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from actionplan.core.similarity import Collection

New = TypeVar("New", bound=Hashable)
Earlier = TypeVar("Earlier", bound=Hashable)

# Measured on generated estates (benchmarks/bench_repeats.py), with new recommendations on the same subjects as
# earlier ones: at 0.3 one offer in nine is such a recommendation, at 0.4 one in twenty-five; from 0.5 up, one
# reworded repeat in fifteen is missed. An offer wrongly made costs a person one "no"; a repeat missed is lost.
LIKELY_REPEAT = 0.4

_SPACES = re.compile(r"\s+")


def same_ref(first: str, second: str) -> bool:
    """Whether two refs name the same recommendation, as plans write them ("2.8", "2.08 ", "s34" and "S34")."""
    return _normal_ref(first) == _normal_ref(second)


def _normal_ref(ref: str) -> str:
    ref = _SPACES.sub("", ref).upper().rstrip(".")
    head, dot, tail = ref.partition(".")
    # Older plans write 5.01 for 5.1: the number after the dot counts, not how it is padded.
    return f"{head}.{int(tail)}" if dot and tail.isdigit() else ref


def find_ref(ref: str, refs: Mapping[str, Earlier]) -> Earlier | None:
    """The recommendation of an earlier plan (keyed by its ref) that a stated ref names, if it has one."""
    wanted = _normal_ref(ref)
    return next((key for written, key in refs.items() if _normal_ref(written) == wanted), None)


@dataclass(frozen=True)
class LikelyRepeat(Generic[New, Earlier]):
    """A recommendation that reads like an earlier one, with how alike they are and the words they share."""

    new: New
    earlier: Earlier
    score: float
    shares: tuple[str, ...]

    def explained(self) -> str:
        return f"shares: {', '.join(self.shares)}" if self.shares else "shares no words"


def likely_repeats(
    new: Mapping[New, str],
    earlier: Mapping[Earlier, str],
    *,
    minimum: float = LIKELY_REPEAT,
    excluded: frozenset[tuple[New, Earlier]] = frozenset(),
) -> list[LikelyRepeat[New, Earlier]]:
    """Each new recommendation that reads like one of the earlier ones, at most one earlier one each and each
    earlier one taken at most once, the most alike pairs first; pairs in ``excluded`` (rejected) are never
    offered. A report repeats a recommendation once, so two new ones are never both offered the same earlier one.
    """
    if not new or not earlier:
        return []
    collection: Collection[Earlier] = Collection(earlier)
    candidates = [
        LikelyRepeat(key, match.key, match.score, match.shares)
        for key, text in new.items()
        for match in collection.most_similar(text, limit=5, minimum=minimum)
        if (key, match.key) not in excluded
    ]
    candidates.sort(key=lambda candidate: -candidate.score)
    taken_new: set[New] = set()
    taken_earlier: set[Earlier] = set()
    chosen = []
    for candidate in candidates:
        if candidate.new in taken_new or candidate.earlier in taken_earlier:
            continue
        taken_new.add(candidate.new)
        taken_earlier.add(candidate.earlier)
        chosen.append(candidate)
    return chosen


@dataclass(frozen=True)
class Measured:
    """How well found repeats agree with the known ones."""

    found: int
    right: int
    known: int

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.known if self.known else 1.0


def measure(found: set[tuple[New, Earlier]], known: set[tuple[New, Earlier]]) -> Measured:
    """Precision and recall of found (new, earlier) pairs against the known repeats."""
    return Measured(found=len(found), right=len(found & known), known=len(known))


def chains(repeats: Mapping[New, New]) -> list[list[New]]:
    """The chains of repeats, longest first: each from the latest recommendation back to the first it repeats.

    ``repeats`` maps a recommendation to the earlier one it repeats. A chain is only started at a
    recommendation nothing later repeats; a loop (which linking never makes) is cut where it closes.
    """
    repeated = set(repeats.values())
    found = []
    for latest in repeats:
        if latest in repeated:
            continue
        chain = [latest]
        while (earlier := repeats.get(chain[-1])) is not None and earlier not in chain:
            chain.append(earlier)
        found.append(chain)
    return sorted(found, key=lambda chain: -len(chain))
