"""Owner/target pairs of a row, and the response paragraph each sits beside, turned into actions.

How pairs meet paragraphs, when the reader knows where each sits on the page (PDF, column-aligned
text), and when it only knows their order (Word, extracted text):

- one pair: its action is the whole response, but a lead-in before it ("The part that will be
  implemented:") and what follows it that is no action (reasons for the part not agreed, why the
  previous action plan did not deliver a repeated recommendation);
- as many pairs as paragraphs: the first pair goes with the first paragraph, and so on;
- otherwise, with positions: each pair goes with the paragraph it sits beside (the last paragraph
  starting at or above it);
- otherwise, by order, leaving out the lead-ins that open the response and what closes it that is no
  action: pair *i* goes with paragraph *i*; the last pair also takes the paragraphs left over, and
  pairs beyond the last paragraph share it.

A document that marks each response paragraph as an action or as response text (our own Word
files do, with paragraph styles) says which paragraphs are actions: each is one, with the pair on
its line or none, and the rest of the response belongs to no action.

Every pair is an action, also when the recommendation is not agreed, and also when its owner
or its target is blank.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest
from typing import Literal

from actionplan.core.checking.config import CheckConfig
from actionplan.core.checking.reasons import detect_reasons
from actionplan.core.plan import Action
from actionplan.core.reading.wrapping import join_lines, tidy
from actionplan.core.targets import Target, parse_target

# Positions are measured in text lines. An owner and a target may be a pair when this near each other,
# and leaving one without a partner costs as much as pairing two a line apart.
_NEAR = 1.5
_ALONE = 1.0
# A pair belongs to a paragraph starting up to half a line below it.
_SAME_LINE = 0.5
# Lining items up by position weighs every item of one column against every item of the other. A row of
# a real plan has a few dozen of each; past this many weighings (a file built to be slow) items are
# paired in order instead, which costs only their number.
_MOST_WEIGHINGS = 40_000


# What a document marks a paragraph of the response, owner or target column as, when it does.
Role = Literal["action", "response", "owner", "target"]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a cell, with where it starts when the reader knows (page, and top in text lines),
    and what the document marks it as, when it does."""

    text: str
    page: int | None = None
    top: float | None = None
    role: Role | None = None

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

    Without positions, the n-th owner goes with the n-th target. With positions, owners and
    targets are lined up as a whole: a pair sits within a line or so of each other, and one
    with nothing beside it stands alone. Lining up the whole column, rather than each owner
    with its nearest target, keeps the pairs right when a long owner or a wrapped date pushes
    the rest of its column a line down. A row's only owner and only target are a pair wherever
    they stand: a page break may leave the target lines below the owner.
    """
    owners = [p for p in owners if tidy(p.text)]
    targets = [p for p in targets if tidy(p.text)]
    if len(owners) == len(targets) == 1:
        return [_pair(owners[0], targets[0])]
    if not all(p.position is not None for p in owners + targets) or len(owners) * len(targets) > _MOST_WEIGHINGS:
        return [_pair(owner, target) for owner, target in zip_longest(owners, targets)]
    owners.sort(key=_position)
    targets.sort(key=_position)
    return [_pair(owner, target) for owner, target in _line_up(owners, targets)]


def _line_up(owners: list[Paragraph], targets: list[Paragraph]) -> list[tuple[Paragraph | None, Paragraph | None]]:
    """The alignment of two position-ordered columns that pairs the nearest items and leaves the fewest alone."""
    rows, columns = len(owners), len(targets)
    cost = [[0.0] * (columns + 1) for _ in range(rows + 1)]
    for i in range(rows + 1):
        for j in range(columns + 1):
            if i == 0 or j == 0:
                cost[i][j] = float(i + j) * _ALONE
                continue
            choices = [cost[i - 1][j] + _ALONE, cost[i][j - 1] + _ALONE]
            if (apart := _distance(owners[i - 1], targets[j - 1])) is not None:
                choices.append(cost[i - 1][j - 1] + apart)
            cost[i][j] = min(choices)
    lined_up: list[tuple[Paragraph | None, Paragraph | None]] = []
    i, j = rows, columns
    while i or j:
        apart = _distance(owners[i - 1], targets[j - 1]) if i and j else None
        if apart is not None and cost[i][j] == cost[i - 1][j - 1] + apart:
            lined_up.append((owners[i - 1], targets[j - 1]))
            i, j = i - 1, j - 1
        elif i and cost[i][j] == cost[i - 1][j] + _ALONE:
            lined_up.append((owners[i - 1], None))
            i -= 1
        else:
            lined_up.append((None, targets[j - 1]))
            j -= 1
    lined_up.reverse()
    return lined_up


def _position(paragraph: Paragraph) -> tuple[int, float]:
    position = paragraph.position
    assert position is not None
    return position


def _distance(owner: Paragraph, target: Paragraph) -> float | None:
    """How many lines apart an owner and a target are, when near enough to be a pair."""
    (owner_page, owner_top), (target_page, target_top) = _position(owner), _position(target)
    apart = abs(owner_top - target_top)
    return apart if owner_page == target_page and apart <= _NEAR else None


def actions_for(paragraphs: list[Paragraph], pairs: list[Pair]) -> list[Action]:
    """The actions of a row: each owner/target pair with the response paragraph it belongs to."""
    if paragraphs and all(p.role is not None for p in paragraphs):
        marked = _marked_actions(paragraphs, pairs)
        if marked is not None:
            return marked
    texts = [p.text for p in paragraphs]
    if not pairs:
        return []
    placed = (
        bool(texts)
        and all(p.position is not None for p in paragraphs)
        and all(pair.position is not None for pair in pairs)
    )
    if len(pairs) == 1:
        return [_action("\n\n".join(_only_action(paragraphs, pairs[0], placed)), pairs[0])]
    if len(pairs) == len(texts):
        return [_action(text, pair) for text, pair in zip(texts, pairs, strict=True)]
    if placed and len(paragraphs) * len(pairs) <= _MOST_WEIGHINGS:
        return [_action(_beside_paragraph(paragraphs, pair).text, pair) for pair in pairs]
    if len(pairs) < len(texts):
        texts = _actions_only(paragraphs, len(pairs))
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


def _actions_only(paragraphs: list[Paragraph], pairs: int) -> list[str]:
    """The paragraphs that may be actions, lined up by order with ``pairs`` pairs: without the lead-ins that open
    the response and what closes it that is no action, so long as as many paragraphs as pairs are left."""
    start = 0
    while start < len(paragraphs) - pairs and _lead_in(paragraphs[start]):
        start += 1
    end = len(paragraphs)
    while end - start > pairs and paragraphs[end - 1].role is None and _no_action(paragraphs[end - 1].text):
        end -= 1
    return [p.text for p in paragraphs[start:end]]


def _marked_actions(paragraphs: list[Paragraph], pairs: list[Pair]) -> list[Action] | None:
    """Each paragraph marked as an action, with the pair on its line or none; None when a pair is beside no action."""
    waiting = list(pairs)
    actions = []
    for paragraph in paragraphs:
        if paragraph.role != "action":
            continue
        # Pairs and paragraphs are both in reading order: the next pair is this action's if it is on its line.
        if waiting and waiting[0].position == paragraph.position:
            actions.append(_action(paragraph.text, waiting.pop(0)))
        else:
            actions.append(_action(paragraph.text, Pair(owner=None, target=Target.none())))
    return None if waiting else actions


def _only_action(paragraphs: list[Paragraph], pair: Pair, placed: bool) -> list[str]:
    """The paragraphs of a row's only action: all of the response but a lead-in ("The part that will
    be implemented:") above the owner's line, or before the first other paragraph when the reader knows
    no lines, and what follows that is no action: the reasons stated for the part not agreed, or why
    the previous action plan did not deliver a repeated recommendation.

    A Word file marks such paragraphs as response text; a PDF or extracted text does not, so what a
    paragraph says is what tells them apart.
    """
    if not paragraphs:
        return []
    if placed:
        beside = paragraphs.index(_beside_paragraph(paragraphs, pair))
    else:
        beside = next((n for n, p in enumerate(paragraphs) if not _lead_in(p)), 0)
    start = beside if all(_lead_in(p) for p in paragraphs[:beside]) else 0
    own = [paragraphs[start].text]
    for paragraph in paragraphs[start + 1 :]:
        if paragraph.role is None and _no_action(paragraph.text):
            break
        own.append(paragraph.text)
    return own


def _lead_in(paragraph: Paragraph) -> bool:
    return paragraph.text.rstrip().endswith(":")


def _no_action(text: str) -> bool:
    """Whether a response paragraph states reasons or explains the previous plan, rather than an action."""
    return bool(detect_reasons(text)[0]) or bool(CheckConfig.default().repeated_explanation_pattern.search(text))


def _beside_paragraph(paragraphs: list[Paragraph], pair: Pair) -> Paragraph:
    assert pair.position is not None
    page, top = pair.position
    above = [p for p in paragraphs if _position(p) <= (page, top + _SAME_LINE)]
    return above[-1] if above else paragraphs[0]


def _action(text: str, pair: Pair) -> Action:
    return Action(text=text, owner=pair.owner, target=pair.target)
