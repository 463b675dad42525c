"""Keeping the similarity index: each recommendation's weighed stems, written in the transaction that changes it."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import transaction
from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.db.models.signals import post_save, pre_delete

from actionplan.core import canonical
from actionplan.core import plan as core
from actionplan.core.similarity import terms, weigh
from actionplan.similar.models import IndexedRecommendation, IndexedTerm, TermFrequency
from actionplan.storage.models import ActionPlan, Recommendation
from actionplan.storage.signals import recommendations_replaced
from actionplan.workflow.models import PlanVersion

Source = IndexedRecommendation.Source

# The TermFrequency row that counts every indexed recommendation (no stem is empty).
TOTAL = ""
_STEM_LENGTH = IndexedTerm._meta.get_field("stem").max_length or 60
_paused: ContextVar[bool] = ContextVar("similarity_index_paused", default=False)


def wording_of(concern: str | None, text: str) -> str:
    """What is compared: the concern (when there is one) and the recommendation."""
    return "\n".join(part for part in (concern, text) if part)


def stem_counts(wording: str) -> Counter[str]:
    """How often each stem occurs, stems cut to the length the index keeps."""
    counts: Counter[str] = Counter()
    for stem, count in terms(wording).items():
        counts[stem[:_STEM_LENGTH]] += count
    return counts


def _published_answer(rec: core.Recommendation) -> dict[str, Any]:
    """What a published entry shows of its answer, as the version published words it."""
    return {
        "kind": rec.kind.value,
        "concern": rec.concern or "",
        "text": rec.recommendation,
        "decision": rec.decision.value if rec.decision else "",
        "agreed_part": rec.agreed_part or "",
        "response": rec.response,
        "actions": [
            {"text": action.text, "owner": action.owner or "", "target": action.target.text or ""}
            for action in rec.actions
        ],
    }


def _lock_frequencies() -> None:
    """Take the row counting every document before any other: writers to the index then wait for each other
    there, instead of each locking some stems and waiting for the other's (a deadlock on PostgreSQL)."""
    TermFrequency.objects.bulk_create([TermFrequency(stem=TOTAL)], ignore_conflicts=True)
    list(TermFrequency.objects.select_for_update().filter(stem=TOTAL).values_list("stem"))


def _change_frequencies(stems: Iterable[Iterable[str]], sign: int) -> None:
    """Add (sign 1) or take away (sign -1) these documents' stems from the document frequencies."""
    held: Counter[str] = Counter()
    documents = 0
    for document in stems:
        held.update(set(document))
        documents += 1
    if not documents:
        return
    _lock_frequencies()
    held[TOTAL] = documents
    if sign > 0:
        TermFrequency.objects.bulk_create([TermFrequency(stem=stem) for stem in held], ignore_conflicts=True)
    by_change: dict[int, list[str]] = defaultdict(list)
    for stem, count in held.items():
        by_change[count].append(stem)
    for count, group in by_change.items():
        TermFrequency.objects.filter(stem__in=group).update(documents=F("documents") + sign * count)


def _postings(entries: list[IndexedRecommendation]) -> Iterator[IndexedTerm]:
    for entry in entries:
        for stem, weight in entry.weights.items():
            yield IndexedTerm(
                document=entry,
                stem=stem,
                weight=weight,
                plan_id=entry.plan_id,
                source=entry.source,
                answered=entry.answered,
            )


def _store(entries: list[tuple[IndexedRecommendation, Counter[str]]]) -> None:
    """Save new index entries: count their stems in, weigh them against the frequencies now, write their terms."""
    if not entries:
        return
    _change_frequencies((counts.keys() for _entry, counts in entries), 1)
    needed = {stem for _entry, counts in entries for stem in counts} | {TOTAL}
    frequencies = dict(TermFrequency.objects.filter(stem__in=needed).values_list("stem", "documents"))
    total = frequencies.pop(TOTAL)
    for entry, counts in entries:
        entry.weights = weigh(counts, frequencies, total)
    saved = IndexedRecommendation.objects.bulk_create([entry for entry, _counts in entries])
    IndexedTerm.objects.bulk_create(_postings(saved))


def _forget(entries: QuerySet[IndexedRecommendation]) -> None:
    """Take these entries out of the index and of the document frequencies."""
    removed = entries.count()
    if not removed:
        return
    _lock_frequencies()
    postings = IndexedTerm.objects.filter(document__in=entries.values("pk"))
    held = postings.filter(stem=OuterRef("stem")).values("stem").annotate(n=Count("pk")).values("n")
    TermFrequency.objects.filter(stem__in=postings.values("stem")).update(documents=F("documents") - Subquery(held))
    TermFrequency.objects.filter(stem=TOTAL).update(documents=F("documents") - removed)
    entries.delete()


@transaction.atomic
def index_rows(rows: Iterable[Recommendation]) -> None:
    """Index recommendations as they now are; a row whose wording has not changed only has its answer noted."""
    rows = list(rows)
    indexed = IndexedRecommendation.objects.filter(recommendation__in=rows)
    existing = {entry.recommendation_id: entry for entry in indexed}
    changed = []
    new = []
    for row in rows:
        wording = wording_of(row.concern, row.text)
        entry = existing.get(row.pk)
        if entry is not None and entry.wording == wording:
            if entry.answered != bool(row.decision):
                IndexedRecommendation.objects.filter(pk=entry.pk).update(answered=bool(row.decision))
                IndexedTerm.objects.filter(document=entry.pk).update(answered=bool(row.decision))
            continue
        if entry is not None:
            changed.append(entry.pk)
        new.append(
            (
                IndexedRecommendation(
                    plan_id=row.plan_id,
                    source=Source.LIVE,
                    recommendation=row,
                    ref=row.ref,
                    answered=bool(row.decision),
                    wording=wording,
                ),
                stem_counts(wording),
            )
        )
    if changed:
        _forget(IndexedRecommendation.objects.filter(pk__in=changed))
    _store(new)


def published_version_of(plan_id: int) -> PlanVersion | None:
    """The version the public reads: the latest one published (as workflow.states.published_version)."""
    return PlanVersion.objects.filter(plan_id=plan_id, published_on__isnull=False).order_by("-number").first()


def _published_entries(version: PlanVersion) -> list[tuple[IndexedRecommendation, Counter[str]]]:
    plan = canonical.plan_from_dict(version.document, checked=False)
    entries = []
    for rec in plan.recommendations:
        wording = wording_of(rec.concern, rec.recommendation)
        entry = IndexedRecommendation(
            plan_id=version.plan_id,
            source=Source.PUBLISHED,
            version=version,
            ref=rec.ref,
            answered=rec.decision is not None,
            wording=wording,
            published=_published_answer(rec),
        )
        entries.append((entry, stem_counts(wording)))
    return entries


@transaction.atomic
def index_published(plan_id: int) -> None:
    """Index the plan's version published in place of any it had: readers who see only that read it."""
    _forget(IndexedRecommendation.objects.filter(plan_id=plan_id, source=Source.PUBLISHED))
    version = published_version_of(plan_id)
    if version is not None:
        _store(_published_entries(version))


@transaction.atomic
def rebuild() -> int:
    """Index every recommendation and every plan's version published afresh, all weighed against the same
    frequencies; how many entries the index holds."""
    IndexedTerm.objects.all().delete()
    IndexedRecommendation.objects.all().delete()
    TermFrequency.objects.all().delete()
    entries: list[tuple[IndexedRecommendation, Counter[str]]] = []
    for row in Recommendation.objects.order_by("pk").iterator(chunk_size=2000):
        wording = wording_of(row.concern, row.text)
        entry = IndexedRecommendation(
            plan_id=row.plan_id,
            source=Source.LIVE,
            recommendation_id=row.pk,
            ref=row.ref,
            answered=bool(row.decision),
            wording=wording,
        )
        entries.append((entry, stem_counts(wording)))
    published = PlanVersion.objects.filter(published_on__isnull=False).order_by("plan_id", "-number")
    seen: set[int] = set()
    for version in published.iterator(chunk_size=200):
        if version.plan_id not in seen:
            seen.add(version.plan_id)
            entries.extend(_published_entries(version))
    frequencies: Counter[str] = Counter()
    for _entry, counts in entries:
        frequencies.update(counts.keys())
    TermFrequency.objects.bulk_create(
        [TermFrequency(stem=TOTAL, documents=len(entries))]
        + [TermFrequency(stem=stem, documents=count) for stem, count in frequencies.items()],
        batch_size=2000,
    )
    for entry, counts in entries:
        entry.weights = weigh(counts, frequencies, len(entries))
    saved = IndexedRecommendation.objects.bulk_create([entry for entry, _counts in entries], batch_size=1000)
    IndexedTerm.objects.bulk_create(_postings(saved), batch_size=5000)
    return len(saved)


@contextmanager
def paused() -> Iterator[None]:
    """Store many plans without following each change, for a caller that then rebuilds the index (load_demo)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def _row_saved(instance: Recommendation, raw: bool = False, **kwargs: object) -> None:
    if not raw and not _paused.get():
        index_rows([instance])


def _rows_replaced(plan: ActionPlan, rows: list[Recommendation], **kwargs: object) -> None:
    if not _paused.get():
        index_rows(rows)


def _row_deleted(instance: Recommendation, **kwargs: object) -> None:
    if not _paused.get():
        _forget(IndexedRecommendation.objects.filter(recommendation=instance))


def _version_saved(instance: PlanVersion, raw: bool = False, **kwargs: object) -> None:
    if not raw and not _paused.get() and instance.published_on is not None:
        index_published(instance.plan_id)


def _version_deleted(instance: PlanVersion, **kwargs: object) -> None:
    if not _paused.get():
        _forget(IndexedRecommendation.objects.filter(version=instance))


def follow_changes() -> None:
    """Keep the index in step with every save: a recommendation's wording, a version published, a removal."""
    post_save.connect(_row_saved, sender=Recommendation, dispatch_uid="similar-recommendation-saved")
    recommendations_replaced.connect(_rows_replaced, sender=ActionPlan, dispatch_uid="similar-recommendations-replaced")
    pre_delete.connect(_row_deleted, sender=Recommendation, dispatch_uid="similar-recommendation-deleted")
    post_save.connect(_version_saved, sender=PlanVersion, dispatch_uid="similar-version-saved")
    pre_delete.connect(_version_deleted, sender=PlanVersion, dispatch_uid="similar-version-deleted")
