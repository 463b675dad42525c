"""Hypothesis strategies for plans as the core holds them, and for hostile JSON, shared by the fuzz tests and benchmark.

Text comes from the whole Unicode range, control characters and lone surrogates included, with long
paragraphs and text that starts the way a spreadsheet formula does.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import strategies as st

from actionplan.core import canonical
from actionplan.core.characters import clean_text
from actionplan.core.plan import (
    Action,
    ActionOwnerRef,
    ActionStatus,
    Decision,
    Judgement,
    Plan,
    ProgressLevel,
    ProgressNote,
    Reason,
    Recommendation,
    RecommendationKind,
    Report,
    Summary,
    TargetChange,
)
from actionplan.core.targets import Target, parse_target

# Every code point: controls (Cc) and lone surrogates (Cs), which hypothesis leaves out by default, too.
ANY_CHARACTER = st.characters(codec=None, categories=None, exclude_categories=())
CONTROL = st.characters(min_codepoint=0, max_codepoint=0x1F) | st.sampled_from(["\x7f", "\x85", "\ufffe", "\ud800"])
FORMULA_START = st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", "'=", "=HYPERLINK(", "-1+"])
WORDS = st.sampled_from(["Staff", "will", "review", "the", "wing", "Governor", "30/06/2020", "ü", "中文", "😀"])

_short = st.text(ANY_CHARACTER, max_size=40)
_controlled = st.text(ANY_CHARACTER | CONTROL, max_size=80)
_formula = st.builds(lambda start, rest: start + rest, FORMULA_START, st.text(ANY_CHARACTER, max_size=40))
# A paragraph of a few thousand characters: taller than a printed page in a table cell.
_paragraph = st.builds(
    lambda words, times: " ".join(words) * times, st.lists(WORDS, min_size=3, max_size=12), st.integers(1, 80)
)
_unbroken = st.builds(lambda char, times: char * times, ANY_CHARACTER, st.integers(100, 3000))
_lines = st.lists(_short, min_size=2, max_size=6).map("\n".join) | st.lists(_short, min_size=2, max_size=4).map(
    "\x0b".join
)

texts = st.one_of(_short, _controlled, _formula, _lines, _paragraph, _unbroken)
# Text the canonical JSON requires to be there: not empty once cleaned (a filter would throw many draws away).
present_texts = texts.map(lambda text: text if clean_text(text) else f"R{text}")
optional_texts = st.none() | present_texts
dates = st.dates(min_value=date(1900, 3, 1), max_value=date(2200, 12, 31))

targets = st.one_of(
    st.just(Target.none()),
    st.sampled_from(
        ["December 2019", "31/03/2020", "Q1 2020", "2021", "Completed", "Ongoing", "by end of June 2020"]
    ).map(parse_target),
    texts.map(parse_target),
)

# An owner as written, waiting or matched to a directory's post or organisation.
owner_refs = st.builds(ActionOwnerRef, written=present_texts) | st.builds(
    ActionOwnerRef,
    written=present_texts,
    id=st.integers(1, 2**31),
    name=present_texts,
    kind=st.sampled_from(["post", "organisation"]),
)
progress_notes = st.builds(ProgressNote, on=dates, text=texts, status=st.none() | st.sampled_from(ActionStatus))
target_changes = st.builds(TargetChange, changed_on=dates, previous=targets, reason=present_texts)
actions = st.builds(
    Action,
    text=texts,
    owner=optional_texts,
    target=targets,
    status=st.sampled_from(ActionStatus),
    completed_on=st.none() | dates,
    cancellation_reason=st.none() | texts,
    progress=st.lists(progress_notes, max_size=3),
    target_history=st.lists(target_changes, max_size=2),
    owners=st.lists(owner_refs, max_size=3),
)
judgements = st.builds(Judgement, level=st.sampled_from(ProgressLevel), judged_on=dates, comment=texts)
recommendations = st.builds(
    Recommendation,
    ref=present_texts,
    recommendation=texts,
    kind=st.sampled_from(RecommendationKind),
    section=optional_texts,
    directed_to=optional_texts,
    concern=optional_texts,
    cross_ref=optional_texts,
    repeated_from=optional_texts,
    decision=st.none() | st.sampled_from(Decision),
    agreed_part=optional_texts,
    reasons=st.lists(st.sampled_from(Reason), unique=True),
    response=texts,
    actions=st.lists(actions, max_size=4),
    judgement=st.none() | judgements,
    inferred_reasons=st.lists(st.sampled_from(Reason), unique=True),
)
counts = st.integers(0, 10_000)
plans = st.builds(
    Plan,
    establishment=present_texts,
    inspectorate=present_texts,
    report=st.builds(Report, title=st.none() | texts, inspection_dates=st.none() | texts, published=st.none() | dates),
    submitted=st.none() | dates,
    notes=st.lists(texts, max_size=3),
    recommendations=st.lists(recommendations, max_size=5),
    stated_summary=st.none() | st.builds(Summary, counts, counts, counts, counts),
)

_json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts
json_values = st.recursive(
    _json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_short, children, max_size=4),
    max_leaves=30,
)


def _nested(depth: int, opener: str) -> str:
    if opener == "[":
        return "[" * depth + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


def _spliced(document: dict[str, Any], path: list[str | int], value: Any) -> dict[str, Any]:
    """The document with the value at the deepest reachable point of ``path`` replaced."""
    container: Any = document
    for step in path[:-1]:
        if isinstance(container, dict) and step in container and isinstance(container[step], dict | list):
            container = container[step]
        elif (
            isinstance(container, list)
            and isinstance(step, int)
            and container
            and isinstance(container[step % len(container)], dict | list)
        ):
            container = container[step % len(container)]
    last = path[-1] if path else "establishment"
    if isinstance(container, dict):
        container[str(last)] = value
    elif isinstance(container, list) and container:
        container[int(last) % len(container) if isinstance(last, int) else 0] = value
    return document


_paths = st.lists(
    st.sampled_from(["recommendations", "actions", "target", "report", "stated_summary", "text", "ref", "notes"])
    | st.integers(0, 3),
    min_size=1,
    max_size=5,
)
hostile_documents = st.one_of(
    # A valid plan with one part replaced by anything JSON can hold.
    st.builds(
        lambda plan, path, value: _spliced(canonical.plan_to_dict(plan), path, value), plans, _paths, json_values
    ),
    json_values,
)
# JSON text that is no plan: cut, deeply nested, or not JSON at all.
hostile_json_texts = st.one_of(
    st.builds(
        lambda depth, opener: '{"schema": "actionplan/1", "notes": ' + _nested(depth, opener) + "}",
        st.integers(1, 50_000),
        st.sampled_from("[{"),
    ),
    st.builds(lambda plan, cut: canonical.dumps(plan)[:cut], plans, st.integers(0, 2000)),
    st.text(ANY_CHARACTER | CONTROL, max_size=200),
)
