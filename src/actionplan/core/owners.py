"""Owners as plans write them: split joint owners, and match each to an establishment's directory of owners."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

# Words that start the name of a post or an owning body. After " and " they mark a second owner
# ("Governor and Head of Learning and Skills"); anywhere else " and " belongs to one name ("Learning and Skills").
_OWNER_HEAD_WORDS = frozenset(
    [
        "governor",
        "governors",
        "deputy",
        "head",
        "heads",
        "director",
        "directors",
        "manager",
        "managers",
        "chief",
        "senior",
        "assistant",
        "lead",
        "custodial",
        "residential",
        "security",
        "safer",
        "safety",
        "healthcare",
        "health",
        "education",
        "prison",
        "probation",
        "regional",
        "area",
        "group",
        "business",
        "operational",
        "operations",
        "offender",
        "omu",
        "hmpps",
        "noms",
        "nhs",
        "novus",
        "hmip",
        "hmi",
        "police",
        "ministry",
        "moj",
        "coordinator",
        "coordinators",
        "officer",
        "officers",
        "supervising",
        "principal",
        "functional",
    ]
)
# Separators that always part two owners. A slash inside a word pair such as "N/A" is not an owner list,
# but "N/A" never names an owner, so it is dropped below.
_ALWAYS_SPLIT = re.compile(r"\s*(?:/|;|\n|&|\+|,\s*(?=[A-Z]))\s*")
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_NOT_AN_OWNER = frozenset({"", "n/a", "na", "none", "tbc", "tbd", "all", "-", "–"})
_LEADING_FILLER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
# Words too common in owner names to tell two names apart; a name made only of them still matches exactly.
_COMMON_WORDS = frozenset({"of", "the", "and", "for", "at", "hmp", "hmyoi", "yoi", "head", "manager"})


@functools.lru_cache(maxsize=16384)
def normalise(text: str) -> str:
    """A name reduced to what tells it apart: case, accents, punctuation, "&" and a leading "the" ignored."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(character for character in decomposed if not unicodedata.combining(character))
    plain = plain.replace("&", " and ").replace("’", "'").replace("'", "")
    plain = _PUNCTUATION.sub(" ", plain.casefold())
    return _LEADING_FILLER.sub("", _SPACES.sub(" ", plain).strip())


def _starts_an_owner(text: str) -> bool:
    first = normalise(text).split(" ", 1)[0]
    return first in _OWNER_HEAD_WORDS


def _split_on_and(text: str, is_known: Callable[[str], bool] | None) -> list[str]:
    """Parts of ``text`` joined by " and " that are each an owner; the rest stays one name."""
    parts = _AND.split(text)
    if len(parts) == 1:
        return [text]
    owners: list[str] = [parts[0]]
    for part in parts[1:]:
        # A new owner starts when the words after "and" open a post or body, or are a name the directory
        # knows and the words before it are one too; otherwise "and" is inside a name.
        known_pair = is_known is not None and is_known(part) and is_known(owners[-1])
        if _starts_an_owner(part) or known_pair:
            owners.append(part)
        else:
            owners[-1] = f"{owners[-1]} and {part}"
    return owners


def split_owners(text: str | None, is_known: Callable[[str], bool] | None = None) -> list[str]:
    """The owners named in one owner text, in the order written; the first is the lead owner.

    ``is_known`` tells whether a piece is a name in the directory, so that "Governor and Novus" parts even
    though "Novus" opens no post's title.
    """
    if not text or normalise(text) in _NOT_AN_OWNER or text.strip().casefold() in _NOT_AN_OWNER:
        return []
    owners: list[str] = []
    for piece in _ALWAYS_SPLIT.split(text.strip()):
        for owner in _split_on_and(piece.strip(), is_known):
            cleaned = owner.strip(" .,:;-–")
            if normalise(cleaned) not in _NOT_AN_OWNER and cleaned.casefold() not in _NOT_AN_OWNER:
                owners.append(cleaned)
    # The same owner written twice ("Governor/governor") is one owner.
    seen: set[str] = set()
    unique: list[str] = []
    for owner in owners:
        if normalise(owner) not in seen:
            seen.add(normalise(owner))
            unique.append(owner)
    return unique


@dataclass(frozen=True)
class DirectoryEntry:
    """One owner an establishment's plans may name: a post or an organisation, and the other names it goes by."""

    key: str
    name: str
    other_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    key: str
    name: str
    score: float


@dataclass(frozen=True)
class OwnerMatch:
    """What one owner, as written, was matched to.

    ``key`` is set only when the match is certain (the name or a known other name, once normalised); a close
    match is only suggested, for a person to confirm, so that no action is silently given a wrong owner.
    """

    written: str
    key: str | None = None
    suggestions: tuple[Suggestion, ...] = field(default=())

    @property
    def matched(self) -> bool:
        return self.key is not None


class Directory:
    """An establishment's owners, indexed to match owner texts quickly (thousands of entries, hundreds of texts)."""

    # A close match below this is not worth showing a person.
    SUGGESTION_FLOOR = 0.55
    SUGGESTIONS = 3

    def __init__(self, entries: Iterable[DirectoryEntry]) -> None:
        self._entries: dict[str, DirectoryEntry] = {}
        self._exact: dict[str, set[str]] = defaultdict(set)
        self._names: list[tuple[str, str]] = []  # (normalised name, key)
        self._by_word: dict[str, list[int]] = defaultdict(list)
        for entry in entries:
            self._entries[entry.key] = entry
            for name in (entry.name, *entry.other_names):
                normal = normalise(name)
                if not normal:
                    continue
                self._exact[normal].add(entry.key)
                index = len(self._names)
                self._names.append((normal, entry.key))
                for word in set(normal.split()):
                    self._by_word[word].append(index)
        self._words_by_trigram: dict[str, set[str]] = defaultdict(set)
        for word in self._by_word:
            for trigram in _trigrams(word):
                self._words_by_trigram[trigram].add(word)

    def __len__(self) -> int:
        return len(self._entries)

    def knows(self, text: str) -> bool:
        return normalise(text) in self._exact

    def match(self, written: str) -> OwnerMatch:
        normal = normalise(written)
        exact = self._exact.get(normal, set())
        if len(exact) == 1:
            return OwnerMatch(written, key=next(iter(exact)))
        # Two owners of the same name (a post here and one elsewhere) are both offered: a person decides.
        return OwnerMatch(written, suggestions=self._suggest(normal, exact))

    def _suggest(self, normal: str, exact: set[str]) -> tuple[Suggestion, ...]:
        scores: dict[str, float] = {key: 1.0 for key in exact}
        words = set(normal.split())
        telling = [word for word in words if word not in _COMMON_WORDS] or list(words)
        shared: Counter[int] = Counter()
        for word in telling:
            # A misspelt word ("Saftey") counts as the directory's words closest to it.
            for known in [word] if word in self._by_word else self._close_words(word):
                shared.update(self._by_word[known])
        # Only names sharing a telling word are compared in full, best-sharing first: the rest cannot be close.
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(normal)
        for index, _count in shared.most_common(20):
            name, key = self._names[index]
            matcher.set_seq1(name)
            if matcher.real_quick_ratio() < self.SUGGESTION_FLOOR or matcher.quick_ratio() < self.SUGGESTION_FLOOR:
                continue
            score = matcher.ratio()
            if score > scores.get(key, 0.0):
                scores[key] = score
        ranked = sorted(
            (Suggestion(key, self._entries[key].name, round(score, 3)) for key, score in scores.items()),
            key=lambda suggestion: (-suggestion.score, suggestion.name),
        )
        return tuple(s for s in ranked if s.score >= self.SUGGESTION_FLOOR)[: self.SUGGESTIONS]

    def _close_words(self, word: str) -> list[str]:
        """The directory's words sharing most of this word's three-letter pieces: its likely correct spellings."""
        pieces = _trigrams(word)
        counts: Counter[str] = Counter()
        for piece in pieces:
            counts.update(self._words_by_trigram.get(piece, ()))
        return [known for known, count in counts.most_common(3) if count * 3 >= len(pieces)]


def _trigrams(word: str) -> set[str]:
    padded = f" {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def match_owners(text: str | None, directory: Directory) -> list[OwnerMatch]:
    """Split one owner text into owners and match each to the directory, in the order written."""
    return [directory.match(owner) for owner in split_owners(text, directory.knows)]


def match_plan_owners(texts: Iterable[str | None], directory: Directory) -> dict[str, list[OwnerMatch]]:
    """Every distinct owner text of a plan, matched once: a 600-action plan repeats a few dozen texts."""
    return {text: match_owners(text, directory) for text in dict.fromkeys(t for t in texts if t)}
