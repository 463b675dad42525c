"""How alike two texts are: their stemmed words weighed by how rare they are (TF-IDF), and the words they share."""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

import snowballstemmer

K = TypeVar("K", bound=Hashable)

# Words that say nothing about what a recommendation is about. "Prisoners" and "should" are in nearly every
# recommendation, but the document frequency already weighs them down, so only grammar words are listed.
_GRAMMAR_WORDS = """
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on
once only or other our ours out over own same she should so some such than that the their theirs them then
there these they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours must may might shall within without upon per via e g ie eg etc
"""
STOP_WORDS = frozenset(_GRAMMAR_WORDS.split())

_WORD = re.compile(r"[a-z][a-z']*[a-z]|[a-z]")
_stemmer = snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The English Snowball stem of a lower-case word: "inducted" and "induction" both give "induct"."""
    return str(_stemmer.stemWord(word))


def words(text: str) -> list[str]:
    """The words of a text that carry meaning, lower-cased, in order, without grammar words or apostrophes."""
    found = (word.replace("'", "") for word in _WORD.findall(text.lower().replace("\u2019", "'")))
    return [word for word in found if len(word) > 1 and word not in STOP_WORDS]


def terms(text: str) -> Counter[str]:
    """How often each stem occurs in a text."""
    return Counter(stem(word) for word in words(text))


def surface_forms(text: str) -> dict[str, str]:
    """Each stem of a text with the word that first gave it, as written: what a person is shown."""
    forms: dict[str, str] = {}
    for word in words(text):
        forms.setdefault(stem(word), word)
    return forms


def inverse_frequency(total: int, frequency: int) -> float:
    """The weight of a term found in ``frequency`` of ``total`` documents: rare terms weigh most (smoothed)."""
    return math.log((1 + total) / (1 + frequency)) + 1.0


def weigh(counts: Mapping[str, int], frequencies: Mapping[str, int], total: int) -> dict[str, float]:
    """TF-IDF weights of a text's terms, scaled to unit length so that long texts do not win by length alone."""
    raw = {
        term: (1.0 + math.log(count)) * inverse_frequency(total, frequencies.get(term, 0))
        for term, count in counts.items()
        if count > 0
    }
    length = math.sqrt(sum(value * value for value in raw.values()))
    return {term: value / length for term, value in raw.items()} if length else {}


def cosine(first: Mapping[str, float], second: Mapping[str, float]) -> float:
    """The similarity of two unit-length weightings, from 0 (no term shared) to 1 (the same)."""
    if len(second) < len(first):
        first, second = second, first
    return sum(value * second.get(term, 0.0) for term, value in first.items())


def shared(first: Mapping[str, float], second: Mapping[str, float], limit: int = 5) -> list[str]:
    """The stems two weightings share, those that count most towards their similarity first."""
    common = sorted(
        (term for term in first if term in second),
        key=lambda term: (-first[term] * second[term], term),
    )
    return common[:limit]


@dataclass(frozen=True)
class Match(Generic[K]):
    key: K
    score: float
    shares: tuple[str, ...]  # words as the query wrote them, weightiest first

    def explained(self) -> str:
        """What a person is shown: "shares: reception, first, night"."""
        return f"shares: {', '.join(self.shares)}" if self.shares else "shares no words"


class Collection(Generic[K]):
    """Texts kept in memory to compare a new text against, each under a key the caller chooses."""

    def __init__(self, texts: Mapping[K, str] | Iterable[tuple[K, str]]) -> None:
        pairs = list(texts.items()) if isinstance(texts, Mapping) else list(texts)
        counted = [(key, terms(text)) for key, text in pairs]
        self.total = len(counted)
        self.frequencies: Counter[str] = Counter()
        for _key, counts in counted:
            self.frequencies.update(counts.keys())
        self.weights: dict[K, dict[str, float]] = {
            key: weigh(counts, self.frequencies, self.total) for key, counts in counted
        }

    def weigh(self, text: str) -> dict[str, float]:
        """A new text's weights against this collection's frequencies."""
        return weigh(terms(text), self.frequencies, self.total)

    def most_similar(self, text: str, *, limit: int = 5, minimum: float = 0.0) -> list[Match[K]]:
        """The texts most like ``text``, the most similar first, each with the words it shares with it."""
        query = self.weigh(text)
        forms = surface_forms(text)
        scored = [(cosine(query, weights), key) for key, weights in self.weights.items()]
        best = sorted((pair for pair in scored if pair[0] > minimum), key=lambda pair: -pair[0])[:limit]
        return [
            Match(key, round(score, 4), tuple(forms[term] for term in shared(query, self.weights[key])))
            for score, key in best
        ]
