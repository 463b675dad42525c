"""Text similarity: stems, rare words weighing most, and the words two texts share."""

from __future__ import annotations

import pytest

from actionplan.core.similarity import Collection, cosine, shared, surface_forms, terms, weigh, words


def test_words_drop_grammar_and_apostrophes() -> None:
    assert words("The prisoners’ first night should be SAFE.") == ["prisoners", "first", "night", "safe"]


def test_terms_count_stems_so_word_forms_meet() -> None:
    assert terms("Induction for inducted prisoners; inductions") == {"induct": 3, "prison": 1}


def test_surface_forms_keep_the_first_word_as_written() -> None:
    assert surface_forms("Inductions and induction") == {"induct": "inductions"}


def test_rare_terms_weigh_more_than_common_ones() -> None:
    frequencies = {"prison": 90, "recept": 2}
    weights = weigh({"prison": 1, "recept": 1}, frequencies, 100)
    assert weights["recept"] > weights["prison"]
    assert sum(value * value for value in weights.values()) == pytest.approx(1.0)


def test_cosine_is_one_for_the_same_text_and_zero_for_none_shared() -> None:
    one = weigh(terms("reception and first night"), {}, 1)
    other = weigh(terms("library opening hours"), {}, 1)
    assert cosine(one, one) == pytest.approx(1.0)
    assert cosine(one, other) == 0.0
    assert weigh({}, {}, 1) == {}


def test_shared_puts_the_weightiest_first() -> None:
    first = {"a": 0.8, "b": 0.1, "c": 0.5}
    second = {"a": 0.1, "b": 0.9, "c": 0.9}
    assert shared(first, second) == ["c", "b", "a"]


def test_collection_finds_the_closest_text_and_says_why() -> None:
    texts = {
        1: "Prisoners should receive a full induction within a week of arrival.",
        2: "Reception staff should search prisoners respectfully on the first night.",
        3: "The library should open in the evenings and at weekends.",
        4: "Prisoners should have access to time out of cell every day.",
    }
    found = Collection(texts).most_similar(
        "All new arrivals should be seen in reception and given first night support and induction.", limit=2
    )
    assert [match.key for match in found] == [2, 1]
    assert found[0].score > found[1].score > 0
    assert set(found[0].shares) == {"reception", "first", "night"}
    assert found[0].explained() == "shares: " + ", ".join(found[0].shares)


def test_collection_leaves_out_texts_below_the_minimum() -> None:
    collection = Collection([("a", "cell sharing"), ("b", "education classes")])
    assert [match.key for match in collection.most_similar("cells designed for one", minimum=0.01)] == ["a"]
    assert collection.most_similar("nothing alike at all", minimum=0.01) == []
