"""Owner texts split into owners and matched to a directory: nothing lost, nothing matched by guesswork."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from actionplan.core.owners import Directory, DirectoryEntry, match_owners, match_plan_owners, normalise, split_owners
from actionplan.core.reading import read_plan

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "buckley_hall_2019.txt"

# Every owner text of the sample, and the owners it names, in order.
SAMPLE_OWNERS = {
    "Governor": ["Governor"],
    "Governor/Novus": ["Governor", "Novus"],
    "Novus/Governor": ["Novus", "Governor"],
    "Greater Manchester NHS Foundation Trust": ["Greater Manchester NHS Foundation Trust"],
    "Prison Estates Transformation Programme": ["Prison Estates Transformation Programme"],
    "Operational Policy: System Delivery and Reform": ["Operational Policy: System Delivery and Reform"],
}

BUCKLEY_HALL_ENTRIES = (
    DirectoryEntry("governor", "Governor", ("Governing Governor", "No 1 Governor")),
    DirectoryEntry("novus", "Novus", ("Novus Cambria",)),
    DirectoryEntry("gmmh", "Greater Manchester NHS Foundation Trust"),
    DirectoryEntry("petp", "Prison Estates Transformation Programme"),
    DirectoryEntry("policy", "Operational Policy: System Delivery and Reform"),
    DirectoryEntry("safety", "Head of Safety", ("Safer Custody Manager",)),
    DirectoryEntry("learning", "Head of Learning and Skills"),
)
BUCKLEY_HALL = Directory(BUCKLEY_HALL_ENTRIES)


def _sample_actions() -> list[str | None]:
    plan = read_plan(SAMPLE).plan
    return [action.owner for rec in plan.recommendations for action in rec.actions]


def test_every_owner_text_of_the_sample_splits_into_the_owners_it_names() -> None:
    owners = _sample_actions()
    assert len(owners) == 33
    assert {text for text in owners if text} == set(SAMPLE_OWNERS)
    for text in owners:
        assert split_owners(text) == SAMPLE_OWNERS[text or ""]


def test_every_owner_of_the_sample_matches_the_directory_with_certainty() -> None:
    matched = match_plan_owners(_sample_actions(), BUCKLEY_HALL)
    assert set(matched) == set(SAMPLE_OWNERS)
    for text, matches in matched.items():
        assert [match.written for match in matches] == SAMPLE_OWNERS[text]
        assert all(match.matched for match in matches), text
    assert [m.key for m in matched["Novus/Governor"]] == ["novus", "governor"]


@pytest.mark.parametrize(
    ("text", "owners"),
    [
        ("Governor and Head of Learning and Skills", ["Governor", "Head of Learning and Skills"]),
        ("Head of Learning and Skills", ["Head of Learning and Skills"]),
        ("Head of Safety & Deputy Governor", ["Head of Safety", "Deputy Governor"]),
        ("Governor, Head of Residence; Novus", ["Governor", "Head of Residence", "Novus"]),
        ("Safety and Equalities Manager", ["Safety and Equalities Manager"]),
        ("Governor/governor", ["Governor"]),
        ("N/A", []),
        ("", []),
        (None, []),
    ],
)
def test_joint_owners_are_split_where_a_new_owner_starts(text: str | None, owners: list[str]) -> None:
    assert split_owners(text) == owners


def test_a_known_name_after_and_is_a_second_owner() -> None:
    directory = Directory([*BUCKLEY_HALL_ENTRIES, DirectoryEntry("aramark", "Aramark")])
    assert split_owners("Governor and Aramark") == ["Governor and Aramark"]
    assert [m.key for m in match_owners("Governor and Aramark", directory)] == ["governor", "aramark"]


def test_other_names_match_with_certainty_and_close_names_only_as_suggestions() -> None:
    assert match_owners("Safer custody manager", BUCKLEY_HALL)[0].key == "safety"
    close = match_owners("Head of Saftey", BUCKLEY_HALL)[0]
    assert close.key is None
    assert close.suggestions[0].key == "safety"
    unknown = match_owners("Catering Contractor", BUCKLEY_HALL)[0]
    assert unknown.key is None
    assert unknown.suggestions == ()


def test_the_same_name_for_two_owners_waits_for_a_person() -> None:
    directory = Directory([DirectoryEntry("a", "Head of Residence"), DirectoryEntry("b", "Head of Residence")])
    match = match_owners("Head of residence", directory)[0]
    assert match.key is None
    assert {suggestion.key for suggestion in match.suggestions} == {"a", "b"}


def test_normalising_ignores_case_punctuation_accents_and_a_leading_the() -> None:
    assert normalise("The Head of Safety.") == normalise("head  of safety") == "head of safety"
    assert normalise("Governor & Novus") == normalise("governor and novus")
    assert normalise("Café’s Lead") == normalise("cafes lead")


def test_generated_owner_texts_are_never_matched_to_a_wrong_owner() -> None:
    rng = random.Random(7)
    posts = [f"Head of {word} {n}" for n in range(300) for word in ("Safety", "Residence", "Reducing Reoffending")]
    directory = Directory(DirectoryEntry(str(i), name, (f"{name} Manager",)) for i, name in enumerate(posts))
    for _ in range(500):
        chosen = rng.sample(range(len(posts)), rng.randint(1, 3))
        written = "/".join(posts[i] if rng.random() < 0.7 else f"{posts[i]} Manager" for i in chosen)
        if rng.random() < 0.2:
            written = written.replace("Head", "Haed", 1)  # a typo: never matched, only suggested
        matches = match_owners(written, directory)
        assert len(matches) == len(chosen)  # no owner lost
        for index, match in zip(chosen, matches, strict=True):
            assert match.key in (None, str(index))
            if match.key is None:
                assert match.suggestions
                assert match.suggestions[0].key == str(index)
