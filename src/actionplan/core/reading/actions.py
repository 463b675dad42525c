"""Owner/target pairs of a row, and the response paragraph each sits beside, turned into actions.

How pairs meet paragraphs, when the reader knows where each sits on the page (PDF, column-aligned
text), and when it only knows their order (Word, extracted text):

- one pair: its action is the whole response;
- as many pairs as paragraphs: the first pair goes with the first paragraph, and so on;
- otherwise, with positions: each pair goes with the paragraph it sits beside (the last paragraph
  starting at or above it);
- otherwise, by order: pair *i* goes with paragraph *i*; the last pair also takes the paragraphs
  left over, and pairs beyond the last paragraph share it.

Every pair is an action, also when the recommendation is not agreed, and also when its owner
or its target is blank.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest

from actionplan.core.plan import Action
from actionplan.core.reading.wrapping import join_lines, tidy
from actionplan.core.targets import Target, parse_target

# Positions are measured in text lines: an owner and a target within half a line of each other sit side by side.
_SAME_LINE = 0.5


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a cell, with where it starts when the reader knows (page, and top in text lines)."""

    text: str
    page: int | None = None
    top: float | None = None

    @property
    def position(self) -> tuple[int, float] | None:
        if self.top is None:
            return None
        return (self.page or 0, self.top)


@dataclass(frozen=True)
class Pair:
    """An owner and a target written side by side in the fifth and sixth columns."""

    owner: str | None
    target: Target
    position: tuple[int, float] | None = None


def _pair(owner: Paragraph | None, target: Paragraph | None) -> Pair:
    positions = [p.position for p in (owner, target) if p is not None and p.position is not None]
    return Pair(
        owner=(join_lines([owner.text]) or None) if owner else None,
        target=parse_target(target.text) if target else Target.none(),
        position=min(positions) if positions else None,
    )


def pair_owners_and_targets(owners: list[Paragraph], targets: list[Paragraph]) -> list[Pair]:
    """The owner/target pairs of one row (or of one page's part of a row), in order.

    With positions, an owner and a target on the same line pair up and one alone stands alone;
    without, the n-th owner goes with the n-th target.
    """
    owners = [p for p in owners if tidy(p.text)]
    targets = [p for p in targets if tidy(p.text)]
    positioned = all(p.position is not None for p in owners + targets)
    if not positioned:
        return [_pair(owner, target) for owner, target in zip_longest(owners, targets)]
    pairs: list[Pair] = []
    waiting = sorted(targets, key=_position)
    for owner in sorted(owners, key=_position):
        beside = next((t for t in waiting if _side_by_side(owner, t)), None)
        before = [t for t in waiting if _position(t) < _position(owner) and t is not beside]
        pairs.extend(_pair(None, t) for t in before)
        waiting = [t for t in waiting if t is not beside and t not in before]
        pairs.append(_pair(owner, beside))
    pairs.extend(_pair(None, t) for t in waiting)
    return pairs


def _position(paragraph: Paragraph) -> tuple[int, float]:
    position = paragraph.position
    assert position is not None
    return position


def _side_by_side(owner: Paragraph, target: Paragraph) -> bool:
    (owner_page, owner_top), (target_page, target_top) = _position(owner), _position(target)
    return owner_page == target_page and abs(owner_top - target_top) <= _SAME_LINE


def actions_for(paragraphs: list[Paragraph], pairs: list[Pair]) -> list[Action]:
    """The actions of a row: each owner/target pair with the response paragraph it belongs to."""
    texts = [p.text for p in paragraphs]
    if not pairs:
        return []
    if len(pairs) == 1:
        return [_action("\n\n".join(texts), pairs[0])]
    if len(pairs) == len(texts):
        return [_action(text, pair) for text, pair in zip(texts, pairs, strict=True)]
    if texts and all(p.position is not None for p in paragraphs) and all(p.position is not None for p in pairs):
        return [_action(_beside(paragraphs, pair), pair) for pair in pairs]
    actions = []
    for index, pair in enumerate(pairs):
        if index >= len(texts):
            own = texts[-1:]
        elif index == len(pairs) - 1:
            own = texts[index:]
        else:
            own = texts[index : index + 1]
        actions.append(_action("\n\n".join(own), pair))
    return actions


def _beside(paragraphs: list[Paragraph], pair: Pair) -> str:
    assert pair.position is not None
    page, top = pair.position
    above = [p for p in paragraphs if _position(p) <= (page, top + _SAME_LINE)]
    return (above[-1] if above else paragraphs[0]).text


def _action(text: str, pair: Pair) -> Action:
    return Action(text=text, owner=pair.owner, target=pair.target)
