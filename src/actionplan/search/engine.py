"""Searching the index: one interface over SQLite's FTS5 and PostgreSQL's full-text search, within a reader's reach.

``search(query, reader, facets, page)`` finds the entries the reader may read whose words match the query
(stemmed, phrases in double quotes, every word needed), the better matches first, each with a snippet whose
matches are marked, and counts each facet's values among them.

Every piece of SQL written here is fixed text: what a person types and chooses is only ever passed as a
parameter (hence the S608 exemptions).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString

from actionplan.accounts.access import reading_places
from actionplan.accounts.models import User
from actionplan.core.plan import Decision
from actionplan.monitoring.dashboard import CACHE_SECONDS, changes_seen
from actionplan.search.indexing import MARK_END, MARK_START
from actionplan.search.models import SearchEntry
from actionplan.storage.models import Action

PER_PAGE = 20
# The most values a facet lists besides those chosen: the most frequent first.
FACET_VALUES = 12
_WORD = re.compile(r"\w+")
_PHRASE = re.compile(r'"([^"]*)"')


@dataclass(frozen=True)
class Facet:
    """A facet of the results: its name in the address, its label, and its values with their counts."""

    name: str
    label: str
    values: list[FacetValue] = field(default_factory=list)


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    chosen: bool


def _decision_label(value: str) -> str:
    return Decision(value).label if value in set(Decision) else value


_STATUS_LABELS = dict(Action.Status.choices)
_KIND_LABELS = dict(SearchEntry.Kind.choices)

# name in the address, label, column, how a value is shown.
FACETS: list[tuple[str, str, str, Any]] = [
    ("kind", "Kind", "kind", lambda v: str(_KIND_LABELS.get(v, v))),
    ("establishment", "Establishment", "establishment_name", str),
    ("inspectorate", "Inspectorate", "inspectorate_name", str),
    ("year", "Year report published", "year", str),
    ("decision", "Decision", "decision", _decision_label),
    ("section", "Section", "section", str),
    ("status", "Action status", "status", lambda v: str(_STATUS_LABELS.get(v, v))),
    ("owner", "Owner", "owner", str),
]
FACET_NAMES = [name for name, *_ in FACETS]


class QueryRefused(ValueError):
    """A query with nothing to search for; the message says what to do."""


@dataclass(frozen=True)
class Hit:
    """One result: what it is, where it is, and the words around its match (escaped, matches in <mark>)."""

    entry_id: int
    kind: str
    kind_label: str
    title: str
    plan_id: int
    establishment: str
    snippet: SafeString


@dataclass(frozen=True)
class Results:
    query: str
    page: Page[Hit]
    total: int
    facets: list[Facet]


@dataclass(frozen=True)
class Words:
    """The words of a query as the person typed it: phrases (in double quotes) and single words."""

    phrases: list[list[str]]

    @classmethod
    def of(cls, query: str) -> Words:
        phrases = [_WORD.findall(found) for found in _PHRASE.findall(query)]
        rest = _PHRASE.sub(" ", query)
        singles = [[word] for word in _WORD.findall(rest)]
        kept = [phrase for phrase in phrases + singles if phrase]
        if not kept:
            raise QueryRefused('Enter a word or phrase to search for, for example: induction or "first night".')
        return cls(kept)

    def fts5(self) -> str:
        """An FTS5 query in which every word is a quoted string: nothing typed can be read as an operator."""
        return " ".join('"' + " ".join(phrase).replace('"', '""') + '"' for phrase in self.phrases)

    def websearch(self) -> str:
        """For PostgreSQL's websearch_to_tsquery, which never fails on what is typed: each word or phrase quoted, so
        that every one is needed, as on SQLite (a typed "or" is a word, not an operator)."""
        return " ".join('"' + " ".join(phrase) + '"' for phrase in self.phrases)


@dataclass(frozen=True)
class Reach:
    """Which entries a reader may read: see ``reading_places`` and ``SearchEntry.Audience``."""

    everywhere: bool
    establishments: frozenset[int]
    inspectorates: frozenset[int]

    @classmethod
    def of(cls, reader: User | AnonymousUser) -> Reach:
        everywhere, establishments, inspectorates = reading_places(reader)
        return cls(everywhere, frozenset(establishments), frozenset(inspectorates))

    def condition(self) -> tuple[str, list[Any]]:
        """The entries this reader reads, as SQL over ``e`` (the entries table)."""
        current, current_params = _within("e.establishment_id", self.establishments, everywhere=self.everywhere)
        sent, sent_params = _within("e.inspectorate_id", self.inspectorates, everywhere=False)
        sql = (
            f"((e.audience = 'live' AND {current})"
            f" OR (e.audience = 'progress' AND ({current} OR ({sent} AND e.plan_sent)))"
            f" OR (e.audience = 'frozen' AND NOT {current}"
            f" AND ((e.sent AND {sent}) OR (e.published AND NOT {sent}))))"
        )
        params = current_params + current_params + sent_params + current_params + sent_params + sent_params
        return sql, params


def _within(column: str, ids: frozenset[int], *, everywhere: bool) -> tuple[str, list[Any]]:
    if everywhere:
        return "(1 = 1)", []
    if not ids:
        return "(1 = 0)", []
    return f"({column} IN ({', '.join(['%s'] * len(ids))}))", sorted(ids)


def _facet_condition(chosen: Mapping[str, Sequence[str]], leave_out: str | None = None) -> tuple[str, list[Any]]:
    parts: list[str] = []
    params: list[Any] = []
    for name, _label, column, _shown in FACETS:
        values = [value for value in chosen.get(name, []) if value]
        if name == leave_out or not values:
            continue
        if column == "year":
            # A year is four digits: anything else chosen (typed into the address) matches no year.
            years = [int(value) for value in values if value.isascii() and value.isdigit() and len(value) <= 4] or [0]
            parts.append(f"e.year IN ({', '.join(['%s'] * len(years))})")
            params += years
        else:
            parts.append(f"e.{column} IN ({', '.join(['%s'] * len(values))})")
            params += values
    return (" AND ".join(parts) or "1 = 1"), params


class _Backend:
    """What differs between the databases: how words are matched, ranked and shown."""

    def match(self, words: Words) -> tuple[str, str, list[Any]]:
        """The FROM clause, a condition matching the words, and its parameters."""
        raise NotImplementedError

    # How scores order: the better match first.
    BETTER_FIRST = "ASC"

    def score(self, words: Words) -> tuple[str, list[Any]]:
        """How well an entry matches, as SQL over the FROM clause of ``match``."""
        raise NotImplementedError

    def shown(self, words: Words, ids: list[int], where: str, params: list[Any]) -> list[tuple[Any, ...]]:
        """Of these entries, those still matching ``where`` (the reader's reach and the facets chosen): each one's
        id, kind, title, plan, establishment and snippet."""
        raise NotImplementedError


class _SQLite(_Backend):
    def match(self, words: Words) -> tuple[str, str, list[Any]]:
        source = "search_entry_fts JOIN search_searchentry e ON e.id = search_entry_fts.rowid"
        return source, "search_entry_fts MATCH %s", [words.fts5()]

    def score(self, words: Words) -> tuple[str, list[Any]]:
        # bm25 is lower for a better match; a match in the title counts five times one in the text.
        return "bm25(search_entry_fts, 5.0, 1.0)", []

    def shown(self, words: Words, ids: list[int], where: str, params: list[Any]) -> list[tuple[Any, ...]]:
        sql = (
            "SELECT e.id, e.kind, e.title, e.plan_id, e.establishment_name, "  # noqa: S608
            "snippet(search_entry_fts, 1, %s, %s, '…', 24) "
            "FROM search_entry_fts JOIN search_searchentry e ON e.id = search_entry_fts.rowid "
            f"WHERE search_entry_fts MATCH %s AND search_entry_fts.rowid IN ({', '.join(['%s'] * len(ids))}) "
            f"AND {where}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [MARK_START, MARK_END, words.fts5(), *ids, *params])
            return cursor.fetchall()


class _PostgreSQL(_Backend):
    _QUERY = "websearch_to_tsquery('english', %s)"

    def match(self, words: Words) -> tuple[str, str, list[Any]]:
        return "search_searchentry e", f"e.document @@ {self._QUERY}", [words.websearch()]

    BETTER_FIRST = "DESC"

    def score(self, words: Words) -> tuple[str, list[Any]]:
        return f"ts_rank(e.document, {self._QUERY})", [words.websearch()]

    def shown(self, words: Words, ids: list[int], where: str, params: list[Any]) -> list[tuple[Any, ...]]:
        options = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2"
        sql = (
            "SELECT e.id, e.kind, e.title, e.plan_id, e.establishment_name, "  # noqa: S608
            f"ts_headline('english', e.body, {self._QUERY}, %s) FROM search_searchentry e "
            f"WHERE e.id IN ({', '.join(['%s'] * len(ids))}) AND {where}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [words.websearch(), options, *ids, *params])
            return cursor.fetchall()


def _backend() -> _Backend:
    return _PostgreSQL() if connection.vendor == "postgresql" else _SQLite()


def marked(snippet: str) -> SafeString:
    """The snippet escaped, its matches then marked: what the text holds is never read as HTML."""
    escaped = str(escape(snippet))
    return SafeString(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


class _Hits(Sequence[Hit]):
    """The matching entries in rank order, read a page at a time (what the paginator slices).

    ``first`` is a page of ids in rank order already read with the counts (its first index, and the ids), if any.
    """

    def __init__(
        self,
        backend: _Backend,
        words: Words,
        where: str,
        params: list[Any],
        total: int,
        first: tuple[int, list[int]] | None = None,
    ) -> None:
        self.backend, self.words, self.where, self.params, self.total = backend, words, where, params, total
        self.first = first

    def described(self, start: int, stop: int) -> tuple[object, ...]:
        """What the ids from ``start`` to ``stop`` are kept under."""
        return ("ranked", connection.vendor, self.words.fts5(), self.where, self.params, start, stop)

    def count(self) -> int:  # type: ignore[override]
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: Any) -> Any:
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop if index.stop is not None else self.total
        if self.first is not None and self.first[0] == start and stop - start <= PER_PAGE:
            ids = self.first[1][: stop - start]
        else:
            ids = _kept(
                self.described(start, stop),
                lambda: _ranked(self.backend, self.words, self.where, self.params, start, stop),
            )
        # Read afresh, within the reader's reach and the facets chosen, whether the ids were kept or not.
        rows = {row[0]: row for row in self.backend.shown(self.words, ids, self.where, self.params)} if ids else {}
        return [
            Hit(
                entry_id=pk,
                kind=kind,
                kind_label=str(_KIND_LABELS.get(kind, kind)),
                title=title,
                plan_id=plan_id,
                establishment=establishment,
                snippet=marked(snippet or ""),
            )
            for pk, kind, title, plan_id, establishment, snippet in (rows[pk] for pk in ids if pk in rows)
        ]


def _ranked(backend: _Backend, words: Words, where: str, params: list[Any], start: int, stop: int) -> list[int]:
    """The ids matching the words and ``where`` in rank order, from ``start`` to ``stop``: read on their own when
    the counts were kept but not this page."""
    source, match, match_params = backend.match(words)
    score, score_params = backend.score(words)
    order = f"{score} {backend.BETTER_FIRST}, e.position, e.id"
    sql = f"SELECT e.id FROM {source} WHERE {match} AND {where} ORDER BY {order} LIMIT %s OFFSET %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*match_params, *params, *score_params, stop - start, start])
        return [pk for (pk,) in cursor.fetchall()]


Counts = tuple[int, dict[str, list[tuple[str, int]]]]
K = TypeVar("K")


def _counted(
    backend: _Backend,
    words: Words,
    reach: str,
    reach_params: list[Any],
    chosen: Mapping[str, Sequence[str]],
    start: int,
) -> tuple[Counts, list[int]]:
    """How many entries match with every facet chosen, each facet's values counted with the others chosen (so that
    choosing one value of a facet still shows what its other values would add), and the ids of a page of them in
    rank order from ``start``: all in one query, which finds, scores and reads the matching entries once."""
    source, match, match_params = backend.match(words)
    score, score_params = backend.score(words)
    columns = ", ".join(f"e.{column}" for _name, _label, column, _shown in FACETS)
    params: list[Any] = [*score_params, *match_params, *reach_params]
    every, every_params = _facet_condition(chosen)
    parts = [f"SELECT 'total', '', COUNT(*) FROM matched e WHERE {every}"]  # noqa: S608
    params += every_params
    for name, _label, column, _shown in FACETS:
        others, others_params = _facet_condition(chosen, leave_out=name)
        # A year is a number (or none); every other facet's value is text, blank when it has none.
        present = f"e.{column} IS NOT NULL" if column == "year" else f"e.{column} <> ''"
        parts.append(
            f"SELECT '{name}', CAST(e.{column} AS VARCHAR(300)), COUNT(*) FROM matched e "  # noqa: S608
            f"WHERE {others} AND {present} GROUP BY e.{column}"
        )
        params += others_params
    order = f"score {backend.BETTER_FIRST}, position, id"
    parts.append(
        f"SELECT 'hit', CAST(h.id AS VARCHAR(300)), ROW_NUMBER() OVER (ORDER BY {order}) "  # noqa: S608
        f"FROM (SELECT e.id, e.score, e.position FROM matched e WHERE {every} ORDER BY {order} LIMIT %s OFFSET %s) h"
    )
    params += [*every_params, PER_PAGE, start]
    head = (
        f"WITH matched AS MATERIALIZED (SELECT e.id, {score} AS score, e.position, {columns} "  # noqa: S608
        f"FROM {source} WHERE {match} AND {reach}) "
    )
    with connection.cursor() as cursor:
        cursor.execute(head + " UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    total = 0
    counts: dict[str, list[tuple[str, int]]] = {name: [] for name in FACET_NAMES}
    hits: list[tuple[int, int]] = []
    for name, value, count in rows:
        if name == "total":
            total = count
        elif name == "hit":
            hits.append((count, int(value)))
        else:
            counts[name].append((value, count))
    return (total, counts), [pk for _place, pk in sorted(hits)]


def _facets(counts: dict[str, list[tuple[str, int]]], chosen: Mapping[str, Sequence[str]]) -> list[Facet]:
    facets = []
    for name, label, _column, shown in FACETS:
        picked = set(chosen.get(name, []))
        # A value chosen that nothing matches is still shown, ticked, so that it can be taken off.
        found = counts[name] + [(value, 0) for value in sorted(picked - {value for value, _ in counts[name]})]
        ordered = sorted(found, key=lambda pair: (-pair[1], pair[0]))
        kept = [pair for index, pair in enumerate(ordered) if index < FACET_VALUES or pair[0] in picked]
        if name == "year":
            kept.sort(key=lambda pair: pair[0], reverse=True)
        values = [FacetValue(value, shown(value), count, value in picked) for value, count in kept]
        facets.append(Facet(name, label, values))
    return facets


def _keeping() -> bool:
    """Whether what is found may be kept: nothing made inside a transaction is, as it may hold changes that are then
    rolled back."""
    return bool(settings.ACTIONPLAN_KEEP_RENDERED) and not connection.in_atomic_block


def _key(described: tuple[object, ...]) -> str:
    return "search:" + hashlib.sha256(repr((changes_seen(), *described)).encode()).hexdigest()


def _kept(described: tuple[object, ...], make: Callable[[], K]) -> K:
    """What ``make`` gives (counts, or the ids of a page of results in rank order), kept until anything indexed
    changes (``changes_seen`` moves on) or for at most an hour. The entries shown are always read afresh, within the
    reader's reach."""
    if not _keeping():
        return make()
    key = _key(described)
    found: K | None = cache.get(key)
    if found is None:
        found = make()
        cache.set(key, found, CACHE_SECONDS)
    return found


def _page_asked(page: Any) -> int:
    """The page number asked for, as the paginator reads it when it is a page that exists (otherwise it shows
    another, which is then read on its own)."""
    try:
        return max(int(page), 1)
    except (TypeError, ValueError):
        return 1


def search(
    query: str, reader: User | AnonymousUser, facets: Mapping[str, Sequence[str]] | None = None, page: Any = 1
) -> Results:
    """The entries this reader may read that match the query, a page of them, and the facets' counts.

    Raises QueryRefused when the query holds no word to search for.
    """
    words = Words.of(query)
    chosen = {name: list(values) for name, values in (facets or {}).items() if name in FACET_NAMES}
    backend = _backend()
    reach, reach_params = Reach.of(reader).condition()
    where, where_params = _facet_condition(chosen)
    where, params = f"{reach} AND {where}", [*reach_params, *where_params]
    counts_key = _key(("counts", connection.vendor, words.fts5(), reach, reach_params, sorted(chosen.items())))
    kept: Counts | None = cache.get(counts_key) if _keeping() else None
    if kept is not None:
        total, facet_counts = kept
        hits = _Hits(backend, words, where, params, total)
    else:
        # Counted afresh: the page asked for is read in the same query, and kept as the paginator will ask for it.
        start = (_page_asked(page) - 1) * PER_PAGE
        (total, facet_counts), first = _counted(backend, words, reach, reach_params, chosen, start)
        hits = _Hits(backend, words, where, params, total, (start, first))
        if _keeping():
            page_key = _key(hits.described(start, min(start + PER_PAGE, total)))
            cache.set_many({counts_key: (total, facet_counts), page_key: first}, CACHE_SECONDS)
    return Results(query, Paginator(hits, PER_PAGE).get_page(page), total, _facets(facet_counts, chosen))
