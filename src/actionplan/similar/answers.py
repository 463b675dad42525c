"""The answers given elsewhere to the recommendations most like one being answered, within what the person may read."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from datetime import date
from functools import reduce

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)

from actionplan.accounts.access import Permission, current_reading_q, listed_plans, reaches_everywhere
from actionplan.accounts.models import User
from actionplan.core import plan as core
from actionplan.core.dates import long_date
from actionplan.core.delivery import matching_actions
from actionplan.core.similarity import Match, cosine, shared, surface_forms
from actionplan.monitoring.delivery import overdue_q
from actionplan.monitoring.models import ProgressJudgement
from actionplan.similar.index import index_rows
from actionplan.similar.models import IndexedRecommendation, IndexedTerm
from actionplan.storage.models import Action, ActionPlan, Recommendation

Source = IndexedRecommendation.Source

SHOWN = 5
# The SQL scores candidates over the query's rarest stems only: a stem most recommendations hold ("prisoners")
# adds little to any score but reads thousands of rows. The candidates found are then scored on every stem.
QUERY_STEMS = 8
CANDIDATES = 20
# Below this share of their weighed wording, two recommendations are about different things: one word in
# common ("prisoners ... healthcare" against "prisoners ... education") scores about 0.1 to 0.2.
MINIMUM_SIMILARITY = 0.25

_FAILED_JUDGEMENTS = {core.ProgressLevel.NO_MEANINGFUL, core.ProgressLevel.INSUFFICIENT}
_JUDGEMENT_COLOURS = {
    core.ProgressLevel.NO_MEANINGFUL: "red",
    core.ProgressLevel.INSUFFICIENT: "orange",
    core.ProgressLevel.REASONABLE: "turquoise",
    core.ProgressLevel.GOOD: "green",
}


@dataclass(frozen=True)
class Tag:
    """A GOV.UK tag: its words and colour."""

    text: str
    colour: str


@dataclass(frozen=True)
class ShownAction:
    text: str
    owner: str
    target: str
    delivery: Tag


@dataclass(frozen=True)
class SimilarAnswer:
    """A recommendation answered elsewhere, as this person may read it, with how its answer was delivered."""

    match: Match[int]
    plan_id: int
    establishment: str
    year: int | None
    ref: str
    kind: str
    as_published: bool  # worded as the version published, not as the plan now stands
    concern: str
    text: str
    decision: str
    agreed_part: str
    response: str
    actions: list[ShownAction]
    delivery: Tag
    judgement: Tag
    worked: bool  # delivered and judged good progress
    failed: bool  # actions not delivered, or judged no meaningful or insufficient progress
    verdict: str  # what a person is told first when it worked or failed

    @property
    def percent(self) -> int:
        return round(min(self.match.score, 1.0) * 100)


def _plans_read_as_they_are(user: User | AnonymousUser) -> QuerySet[ActionPlan] | None:
    """The plans this person reads as they now are (None: every plan); every other plan only as published."""
    if reaches_everywhere(user, Permission.VIEW_PLAN):
        return None
    plans = listed_plans(user)
    current = current_reading_q(user)
    return plans if current is None else plans.filter(current)


def _in_scope(user: User | AnonymousUser, stored: ActionPlan) -> Q:
    """The index entries this person may read, over IndexedTerm: the plans they work on as they now are, every
    other plan only as its version published (never a draft); never the plan being answered."""
    current = _plans_read_as_they_are(user)
    if current is None:
        reached = Q(source=Source.LIVE)
    else:
        ids = current.values("pk")
        reached = Q(source=Source.LIVE, plan__in=ids) | (Q(source=Source.PUBLISHED) & ~Q(plan__in=ids))
    return reached & Q(answered=True) & ~Q(plan=stored.pk)


def _own_entry(row: Recommendation) -> IndexedRecommendation | None:
    """The recommendation's own index entry, indexed now if it is not yet (stored before the index was kept)."""
    own = IndexedRecommendation.objects.filter(recommendation=row.pk).first()
    if own is None:
        index_rows([row])
        own = IndexedRecommendation.objects.filter(recommendation=row.pk).first()
    return own


def _candidates(
    user: User | AnonymousUser, stored: ActionPlan, own: IndexedRecommendation
) -> list[IndexedRecommendation]:
    """In one query: the entries most like this one, scored in SQL over its weightiest stems."""
    weightiest = sorted(own.weights.items(), key=lambda item: (-item[1], item[0]))[:QUERY_STEMS]
    if not weightiest:
        return []
    # The query's weights are written into the SQL: a subquery per row would cost more to plan than to run.
    query_weight = Case(
        *(When(stem=stem, then=Value(weight)) for stem, weight in weightiest), output_field=FloatField()
    )
    scores = (
        IndexedTerm.objects.filter(_in_scope(user, stored), stem__in=[stem for stem, _weight in weightiest])
        .values("document")
        .annotate(score=Sum(F("weight") * query_weight))
        .order_by("-score", "-document")
        .values("document")[:CANDIDATES]
    )
    return list(IndexedRecommendation.objects.filter(pk__in=scores).select_related("plan__inspection__establishment"))


def _delivery_rows(entries: list[IndexedRecommendation], today: date) -> dict[int, Recommendation]:
    """The rows that record the delivery of these entries, by entry: a live entry's own row, a published
    entry's the row of its plan with its ref (as delivery is carried onto a version), each with its actions
    (whether overdue today) and its latest judgement."""
    if not entries:
        return {}
    wanted = reduce(
        operator.or_,
        (
            Q(pk=entry.recommendation_id) if entry.source == Source.LIVE else Q(plan_id=entry.plan_id, ref=entry.ref)
            for entry in entries
        ),
    )
    latest = ProgressJudgement.objects.filter(recommendation=OuterRef("pk")).order_by("-judged_on", "-pk")
    actions = Action.objects.annotate(overdue=ExpressionWrapper(overdue_q(today), output_field=BooleanField()))
    rows = (
        Recommendation.objects.filter(wanted)
        .annotate(judged=Subquery(latest.values("level")[:1]), judged_on=Subquery(latest.values("judged_on")[:1]))
        .prefetch_related(Prefetch("actions", queryset=actions))
    )
    by_pk = {row.pk: row for row in rows}
    by_ref = {(row.plan_id, row.ref): row for row in sorted(by_pk.values(), key=lambda row: row.position)}
    return {
        entry.pk: found
        for entry in entries
        if (found := by_pk.get(entry.recommendation_id or 0) or by_ref.get((entry.plan_id, entry.ref))) is not None
    }


def _days_late(action: Action) -> int:
    """How many days after its target a completed action was completed (0: on time, or not known)."""
    if action.completed_on is None or action.target_date is None:
        return 0
    return max((action.completed_on - action.target_date).days, 0)


def _action_delivery(action: Action | None) -> Tag:
    """How one action went: completed on time or late, overdue, or where it stands."""
    if action is None:
        return Tag("Delivery not recorded", "grey")
    if action.status == Action.Status.COMPLETED:
        if action.completed_on is None or action.target_date is None:
            return Tag("Completed", "green")
        late = _days_late(action)
        if not late:
            return Tag("Completed on time", "green")
        return Tag(f"Completed {late} day{'s' if late != 1 else ''} late", "yellow")
    if action.status == Action.Status.CANCELLED:
        return Tag("Cancelled", "grey")
    if getattr(action, "overdue", False) and action.target_date is not None:
        return Tag(f"Not delivered: overdue since {long_date(action.target_date)}", "red")
    return Tag(Action.Status(action.status).label, "blue")


@dataclass(frozen=True)
class _Delivery:
    tag: Tag
    delivered: bool  # every action completed (or cancelled), at least one completed
    overdue: int  # actions still open past their target
    actions: int


def _delivery(decision: str, actions: list[Action | None]) -> _Delivery:
    """How the answer's actions went, as one tag."""
    if not actions:
        words = "Not agreed: no actions" if decision == core.Decision.NOT_AGREED else "No actions"
        return _Delivery(Tag(words, "grey"), delivered=False, overdue=0, actions=0)
    recorded = [action for action in actions if action is not None]
    overdue = sum(bool(getattr(action, "overdue", False)) for action in recorded)
    if overdue:
        words = f"Not delivered: {overdue} of {len(actions)} action{'s' if len(actions) != 1 else ''} overdue"
        return _Delivery(Tag(words, "red"), delivered=False, overdue=overdue, actions=len(actions))
    completed = [action for action in recorded if action.status == Action.Status.COMPLETED]
    closed = all(action.status in (Action.Status.COMPLETED, Action.Status.CANCELLED) for action in recorded)
    if completed and closed and len(recorded) == len(actions):
        late = sum(_days_late(action) > 0 for action in completed)
        if late:
            return _Delivery(Tag(f"Delivered, {late} of {len(actions)} late", "yellow"), True, 0, len(actions))
        return _Delivery(Tag("Delivered on time", "green"), True, 0, len(actions))
    return _Delivery(Tag(f"Under way: {len(completed)} of {len(actions)} completed", "blue"), False, 0, len(actions))


@dataclass(frozen=True)
class _Judged:
    """The inspectorate's latest judgement of a recommendation, as annotated on its row."""

    level: core.ProgressLevel
    on: date

    @classmethod
    def of(cls, row: Recommendation | None) -> _Judged | None:
        level, on = getattr(row, "judged", None), getattr(row, "judged_on", None)
        return cls(core.ProgressLevel(level), on) if level and on else None

    @property
    def tag(self) -> Tag:
        return Tag(f"{self.level.label} ({long_date(self.on)})", _JUDGEMENT_COLOURS[self.level])


def _verdict(worked: bool, delivery: _Delivery, judged: _Judged | None) -> str:
    """One sentence for an answer that worked, or a promise that was not kept; nothing for the others."""
    if worked:
        return "This answer worked: its actions were delivered and the inspectorate judged good progress."
    failures = []
    if delivery.overdue:
        failures.append(f"{delivery.overdue} of its {delivery.actions} actions passed their target undelivered")
    if judged is not None and judged.level in _FAILED_JUDGEMENTS:
        failures.append(f"the inspectorate judged {judged.level.label.lower()} on {long_date(judged.on)}")
    return f"This promise was not kept: {' and '.join(failures)}." if failures else ""


def _answer(entry: IndexedRecommendation, match: Match[int], row: Recommendation | None) -> SimilarAnswer:
    inspection = entry.plan.inspection
    if entry.source == Source.LIVE:
        assert row is not None
        action_rows: list[Action | None] = list(row.actions.all())
        worded = {
            "kind": row.kind,
            "concern": row.concern,
            "text": row.text,
            "decision": row.decision,
            "agreed_part": row.agreed_part,
            "response": row.response,
        }
        written = [{"text": a.text, "owner": a.owner, "target": a.target_text} for a in row.actions.all()]
    else:
        worded = entry.published
        written = entry.published["actions"]
        action_rows = [None] * len(written)
        if row is not None:
            # Delivery is carried onto the version's actions as it is for every reader: by wording, in order.
            now = list(row.actions.all())
            as_published = core.Recommendation(
                ref=entry.ref, recommendation="", actions=[core.Action(text=a["text"]) for a in written]
            )
            as_now = core.Recommendation(
                ref=row.ref, recommendation="", actions=[core.Action(text=action.text) for action in now]
            )
            action_rows = [None if at is None else now[at] for at in matching_actions(as_published, as_now)]
    delivery = _delivery(worded["decision"], action_rows)
    judged = _Judged.of(row)
    worked = delivery.delivered and judged is not None and judged.level is core.ProgressLevel.GOOD
    failed = bool(delivery.overdue) or (judged is not None and judged.level in _FAILED_JUDGEMENTS)
    decision = core.Decision(worded["decision"]).label if worded["decision"] else "No decision"
    return SimilarAnswer(
        match=match,
        plan_id=entry.plan_id,
        establishment=inspection.establishment.name,
        year=inspection.report_published.year if inspection.report_published else None,
        ref=entry.ref,
        kind=core.RecommendationKind(worded["kind"]).label,
        as_published=entry.source == Source.PUBLISHED,
        concern=worded["concern"],
        text=worded["text"],
        decision=decision,
        agreed_part=worded["agreed_part"],
        response=worded["response"],
        actions=[
            ShownAction(a["text"], a["owner"], a["target"], _action_delivery(action))
            for a, action in zip(written, action_rows, strict=True)
        ],
        delivery=delivery.tag,
        judgement=judged.tag if judged is not None else Tag("Not judged yet", "grey"),
        worked=worked,
        failed=failed,
        verdict=_verdict(worked, delivery, judged),
    )


def similar_answers(
    user: User | AnonymousUser, stored: ActionPlan, row: Recommendation, today: date
) -> list[SimilarAnswer]:
    """The answers most like this recommendation's, from other plans this person may read, the most alike first.

    Four queries whatever the size of the estate: its own weighed stems, the scoring (with the entries found),
    their delivery rows and those rows' actions.
    """
    own = _own_entry(row)
    if own is None:
        return []
    others = _candidates(user, stored, own)
    forms = surface_forms(own.wording)
    scored = sorted(
        ((cosine(own.weights, entry.weights), entry) for entry in others), key=lambda pair: (-pair[0], -pair[1].pk)
    )
    # The closest answer of each plan only, so that five answers come from five plans.
    best: dict[int, tuple[float, IndexedRecommendation]] = {}
    for score, entry in scored:
        if score >= MINIMUM_SIMILARITY:
            best.setdefault(entry.plan_id, (score, entry))
    matches = [
        Match(entry.pk, round(score, 4), tuple(forms.get(stem, stem) for stem in shared(own.weights, entry.weights)))
        for score, entry in list(best.values())[:SHOWN]
    ]
    by_key = {entry.pk: entry for entry in others}
    rows = _delivery_rows([by_key[match.key] for match in matches], today)
    return [_answer(by_key[match.key], match, rows.get(match.key)) for match in matches]
