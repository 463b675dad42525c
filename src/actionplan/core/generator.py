"""Realistic but fictional action plans, for demo data, tests and benchmarks.

The establishments, people and texts are invented. A generated plan follows the
categorisation table unless ``flawed=True`` asks for the faults real plans show
(a missing target date, a vague owner, a reason that is never stated).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from actionplan.core.plan import (
    Action,
    Decision,
    Inspectorate,
    Plan,
    Reason,
    Recommendation,
    RecommendationKind,
    Report,
    Summary,
)
from actionplan.core.targets import Target, parse_target

_PLACES = [
    "Ashcombe",
    "Barrowfield",
    "Castlemere",
    "Dunholt",
    "Elmstead Moor",
    "Fenwick Vale",
    "Greystone",
    "Harlow Fen",
    "Ingleby",
    "Juniper Hill",
    "Kestrel Down",
    "Longmarsh",
    "Millbrook",
    "Northgate",
    "Oakridge",
    "Pennard",
    "Queensholme",
    "Redcliffe",
    "Saltmarsh",
    "Thornbury Hill",
    "Ullswick",
    "Varley",
    "Westerleigh",
    "Yarrowdale",
    "Ambleford",
    "Brackenside",
    "Coldharbour",
    "Deepdene",
]
_QUALIFIERS = ["Grange", "Park", "Lodge", "Court", "Hall", "Fields", "Heath"]
_PREFIXES = ["HMP", "HMP", "HMP", "HMP/YOI", "HMYOI", "HMP & YOI"]

# The posts generated plans name as owners (the demo establishments' owner directory holds them).
OWNER_POSTS = [
    "Governor",
    "Deputy Governor",
    "Head of Residence",
    "Head of Safety",
    "Head of Security",
    "Head of Learning and Skills",
    "Head of Reducing Reoffending",
    "Head of Healthcare",
    "Head of Operations",
    "Equalities Manager",
    "Catering Manager",
    "Industries Manager",
]
_PROVIDERS = ["Education provider", "Healthcare provider (NHS Trust)", "Facilities management contractor"]


@dataclass(frozen=True)
class _Theme:
    concern: str
    recommendation: str
    actions: tuple[str, ...]
    owners: tuple[str, ...]


_THEMES = [
    _Theme(
        "Too many prisoners said it was easy to get illicit drugs, and suspicion drug testing was rarely completed.",
        "Leaders should reduce the supply of illicit drugs through an intelligence-led drug strategy.",
        (
            "The drug strategy will be rewritten with the findings of the drug diagnostic review and agreed at the"
            " monthly security meeting.",
            "Suspicion drug tests will be completed within 48 hours of intelligence in at least 90% of cases,"
            " reported monthly to the senior leadership team.",
            "Visits will be monitored on CCTV at every session, checked weekly by the duty manager.",
        ),
        ("Head of Security", "Governor"),
    ),
    _Theme(
        "Cells designed for one prisoner were used to hold two.",
        "Cells designed to hold one prisoner should not be used to hold two.",
        (
            "The certified normal accommodation of each wing will be reviewed and reported to the Prison Group"
            " Director.",
        ),
        ("Governor",),
    ),
    _Theme(
        "Too few prisoners were allocated promptly to education, skills or work.",
        "Prisoners should be allocated to purposeful activity within five working days of completing induction.",
        (
            "An allocation meeting will be held every week so that each prisoner is allocated within five working"
            " days of induction.",
            "Allocation times will be published in the monthly activities report and reviewed at the quality"
            " improvement group.",
        ),
        ("Head of Learning and Skills", "Industries Manager"),
    ),
    _Theme(
        "The quality of teaching in English and mathematics was not good enough.",
        "Teachers should plan learning in English and mathematics that matches each prisoner's needs.",
        (
            "Individual learning plans will be completed for 100% of learners within two weeks of starting a course.",
            "Monthly learning walks will check 10% of individual learning plans and report to the education"
            " performance meeting.",
        ),
        ("Education provider", "Head of Learning and Skills"),
    ),
    _Theme(
        "Officers took too long to answer cell call bells.",
        "The prison should monitor and analyse officer response times to cell call bells.",
        (
            "Cell call bell response times will be analysed weekly and reported to the monthly safety meeting.",
            "Any response over five minutes will be investigated by the orderly officer within 24 hours.",
        ),
        ("Head of Residence",),
    ),
    _Theme(
        "Toilets in many cells were not adequately screened.",
        "Toilets in all cells should be screened to give prisoners privacy and dignity.",
        ("Privacy screens will be fitted in all shared cells on A and B wings.",),
        ("Facilities management contractor", "Head of Operations"),
    ),
    _Theme(
        "Applications were not answered promptly and many went unanswered.",
        "The applications system should be monitored so that responses are prompt and helpful.",
        (
            "A log of all applications will be introduced on every wing and audited monthly by the Head of Residence.",
            "Envelopes will be made available on every wing for confidential applications.",
        ),
        ("Head of Residence",),
    ),
    _Theme(
        "Patients with long-term conditions were not always identified or reviewed.",
        "All patients with long-term conditions should be identified on arrival and reviewed regularly.",
        (
            "All new arrivals will be screened for long-term conditions and placed on the correct register within"
            " seven days.",
            "Training in managing long-term conditions will be delivered to all nursing staff.",
        ),
        ("Healthcare provider (NHS Trust)",),
    ),
    _Theme(
        "Segregated prisoners had a very limited regime.",
        "Prisoners in the segregation unit should be offered a full and purposeful regime.",
        (
            "A timetable of daily activities for the care and separation unit will be published and checked weekly.",
            "A classroom will be opened in the care and separation unit with two sessions a day.",
        ),
        ("Head of Safety", "Head of Reducing Reoffending"),
    ),
    _Theme(
        "The reducing reoffending strategy was not based on an analysis of prisoners' needs.",
        "Reducing reoffending work should be informed by an up-to-date analysis of the population's needs.",
        (
            "A needs analysis of the population will be commissioned and completed.",
            "The reducing reoffending strategy will be rewritten from the needs analysis and agreed at the"
            " quarterly reducing reoffending meeting.",
        ),
        ("Head of Reducing Reoffending",),
    ),
    _Theme(
        "The prison pay structure discouraged prisoners from attending education.",
        "The pay structure should not discourage prisoners from taking part in education and training.",
        ("The pay policy will be rewritten so that education pays the same as work, and published to prisoners.",),
        ("Governor", "Industries Manager"),
    ),
    _Theme(
        "Support plans for prisoners at risk of violence were not recorded or reviewed.",
        "Support and interventions for perpetrators and victims of violence should be recorded and reviewed.",
        (
            "Every challenge, support and intervention plan will be quality checked by the Safer Custody team"
            " within 72 hours of opening.",
            "Plans will be discussed weekly at the safety intervention meeting and targets reviewed.",
        ),
        ("Head of Safety",),
    ),
    _Theme(
        "Food was often served cold and too early.",
        "Meals should be served at reasonable times and at the right temperature.",
        (
            "Lunch will be served no earlier than 11.45am and the evening meal no earlier than 4.45pm.",
            "Food temperatures will be checked and logged at every serving point every day.",
        ),
        ("Catering Manager",),
    ),
    _Theme(
        "Black and minority ethnic prisoners reported worse treatment than other prisoners.",
        "Leaders should investigate and address the worse perceptions of black and minority ethnic prisoners.",
        (
            "A consultation forum for black and minority ethnic prisoners will meet every two months and report to"
            " the equalities meeting.",
            "Use of force and adjudication data will be analysed by ethnicity each quarter.",
        ),
        ("Equalities Manager",),
    ),
]

_PARTLY = {
    Reason.AFFORDABILITY: "The remaining work cannot be funded this year, for affordability reasons: the capital"
    " budget is committed to urgent repairs.",
    Reason.OPERATIONAL: "The rest cannot be implemented for operational reasons: population pressures across the"
    " region mean the accommodation is still needed.",
    Reason.POLICY: "The rest is not agreed for policy reasons: national policy sets this and it cannot be varied"
    " locally.",
    Reason.COMMISSIONING: "The rest cannot be delivered for commissioning reasons: the service is provided under a"
    " national contract that does not include it.",
}
_NOT_AGREED = {
    Reason.AFFORDABILITY: "This recommendation is not agreed for affordability reasons: the work would cost more"
    " than the establishment's budget allows.",
    Reason.OPERATIONAL: "This recommendation is not agreed for operational reasons: national population pressures"
    " mean the places are needed.",
    Reason.POLICY: "This recommendation is not agreed for policy reasons: it conflicts with national policy.",
    Reason.COMMISSIONING: "This recommendation is not agreed for commissioning reasons: the service is commissioned"
    " nationally.",
}


def establishment_names(count: int, seed: int = 0) -> list[str]:
    """``count`` distinct fictional establishment names, stable for a seed."""
    rng = random.Random(seed)
    names: list[str] = []
    for number in range(count):
        place = _PLACES[number % len(_PLACES)]
        round_ = number // len(_PLACES)
        suffix = f" {_QUALIFIERS[round_ % len(_QUALIFIERS)]}" if round_ else ""
        if round_ > len(_QUALIFIERS):
            suffix += f" {round_ // len(_QUALIFIERS) + 1}"
        names.append(f"{rng.choice(_PREFIXES)} {place}{suffix}")
    return names


def _target_text(rng: random.Random, published: date) -> str:
    when = published + timedelta(days=rng.randint(45, 330))
    style = rng.random()
    if style < 0.6:
        return when.strftime("%B %Y")
    if style < 0.85:
        return when.strftime("%d/%m/%Y")
    return f"Q{(when.month - 1) // 3 + 1} {when.year}"


def _actions(rng: random.Random, theme: _Theme, published: date, flawed: bool) -> list[Action]:
    count = rng.randint(1, len(theme.actions))
    actions = []
    for text in theme.actions[:count]:
        owner: str | None = rng.choice(theme.owners)
        target: Target = parse_target(_target_text(rng, published))
        if rng.random() < 0.1:
            target = parse_target("Completed")
        if flawed and rng.random() < 0.12:
            target = rng.choice([Target.none(), parse_target("Ongoing")])
        if flawed and rng.random() < 0.06:
            owner = rng.choice(["All staff", "TBC", None])
        actions.append(Action(text=text, owner=owner, target=target))
    return actions


def generate_plan(
    seed: int = 0,
    *,
    recommendations: int = 24,
    establishment: str | None = None,
    published: date | None = None,
    concerns: bool | None = None,
    flawed: bool = False,
) -> Plan:
    """A plan of ``recommendations`` answered recommendations (or key and priority concerns).

    Plans for reports published from May 2022 answer concerns, older ones recommendations,
    unless ``concerns`` says otherwise.
    """
    rng = random.Random(seed)
    published = published or date(2017, 1, 1) + timedelta(days=rng.randint(0, 8 * 365))
    concerns = published >= date(2022, 5, 1) if concerns is None else concerns
    establishment = establishment or establishment_names(1, seed)[0]
    fieldwork_end = published - timedelta(days=rng.randint(70, 120))
    fieldwork_start = fieldwork_end - timedelta(days=rng.choice([4, 9, 11]))

    recs: list[Recommendation] = []
    priority = min(rng.randint(3, 6), recommendations)
    for index in range(recommendations):
        theme = _THEMES[rng.randrange(len(_THEMES))]
        if concerns:
            kind = RecommendationKind.PRIORITY_CONCERN if index < priority else RecommendationKind.KEY_CONCERN
            ref = str(index + 1)
            section = "Priority concerns" if index < priority else "Key concerns"
        elif index < min(5, recommendations):
            kind, ref, section = RecommendationKind.RECOMMENDATION, f"S{index + 30}", "Key concerns and recommendations"
        else:
            kind = RecommendationKind.RECOMMENDATION
            ref = f"{(index - 5) // 8 + 1}.{(index - 5) % 8 * 4 + 3}"
            section = "General recommendations"
        roll = rng.random()
        decision = Decision.AGREED if roll < 0.86 else Decision.PARTLY_AGREED if roll < 0.95 else Decision.NOT_AGREED
        actions = _actions(rng, theme, published, flawed)
        reasons: list[Reason] = []
        if decision is Decision.AGREED:
            response = " ".join(a.text for a in actions)
        else:
            reason = rng.choice(list(Reason))
            stated = not (flawed and rng.random() < 0.5)
            if decision is Decision.PARTLY_AGREED:
                response = f"This recommendation is partly agreed. The part that will be implemented: {actions[0].text}"
                actions = actions[:1]
                explanation = _PARTLY[reason]
            else:
                response, actions = "", []
                explanation = _NOT_AGREED[reason]
            if stated:
                reasons = [reason]
                response = f"{response} {explanation}".strip()
            else:
                response = f"{response} The rest will not be taken forward at this time.".strip()
        repeated = rng.random() < 0.08
        if repeated:
            response += " The previous action plan did not deliver this because the work depended on staff who were"
            response += " not yet in post; the actions above now have funded owners."
        recs.append(
            Recommendation(
                ref=ref,
                kind=kind,
                section=section,
                directed_to="The Governor",
                concern=theme.concern
                if (concerns or (kind is RecommendationKind.RECOMMENDATION and index < 5))
                else None,
                recommendation=theme.recommendation,
                repeated_from=f"{rng.randint(1, 4)}.{rng.randint(1, 60)}" if repeated else None,
                decision=decision,
                reasons=reasons,
                response=response,
                actions=actions,
            )
        )
    plan = Plan(
        establishment=establishment,
        inspectorate=Inspectorate.HMIP.value,
        report=Report(
            title=f"Report on an unannounced inspection of {establishment}",
            inspection_dates=f"{fieldwork_start.day} {fieldwork_start:%B} – {fieldwork_end.day} {fieldwork_end:%B %Y}",
            published=published,
        ),
        submitted=published + timedelta(days=rng.randint(20, 55)),
        recommendations=recs,
    )
    counted = plan.counted_summary()
    plan.stated_summary = Summary(counted.agreed, counted.partly_agreed, counted.not_agreed, counted.total)
    return plan


def generate_estate(
    establishments: int, *, plans_each: int = 1, seed: int = 0, published_before: date | None = None
) -> list[Plan]:
    """Plans for a fictional estate: ``plans_each`` inspections for each of ``establishments``.

    With ``published_before``, every report was published in the 18 months before that day, so that
    the plans' targets fall around it; otherwise reports are spread over 2017 to 2024.
    """
    names = establishment_names(establishments, seed)
    plans = []
    for number, name in enumerate(names):
        for inspection in range(plans_each):
            plan_seed = seed * 100_003 + number * 31 + inspection
            rng = random.Random(plan_seed)
            published = published_before - timedelta(days=rng.randint(30, 540)) if published_before else None
            plans.append(
                generate_plan(
                    plan_seed,
                    recommendations=rng.randint(8, 30),
                    establishment=name,
                    flawed=rng.random() < 0.4,
                    published=published,
                )
            )
    return plans


# Recommendations on subjects besides the themes', for inspections that follow one another: a next plan repeats
# some of its previous plan's recommendations in other words and raises new ones.
_MORE_RECOMMENDATIONS = [
    "New arrivals should be given a private first night interview and a full induction within two days.",
    "Prisoners should be able to have a shower and make a telephone call on their first night.",
    "Use of force should be reviewed and body-worn camera footage checked after every incident.",
    "Segregation reviews should be attended by a healthcare professional and a chaplain.",
    "Self-harm case management documents should be completed with meaningful care maps.",
    "The incentives scheme should motivate good behaviour and be applied consistently on every wing.",
    "Prisoners should have access to the library at least once a week.",
    "Gym sessions should be available to every prisoner, including those who work in the kitchens.",
    "Complaints about staff should be investigated independently and answered within five days.",
    "Foreign national prisoners should have access to independent immigration advice.",
    "Prisoners with disabilities should have personal emergency evacuation plans.",
    "Older prisoners should have a regime that meets their social care needs.",
    "Mental health transfers to hospital should take place within the 28-day target.",
    "Medicines should be administered with privacy and supervision at every hatch.",
    "Dental waiting times should be reduced to match those in the community.",
    "Visits should start on time and the visitors centre should be open before every session.",
    "Family days should be offered to all prisoners who are eligible, not only enhanced prisoners.",
    "Offender managers should have regular contact with prisoners to progress their sentence plans.",
    "Public protection arrangements should be confirmed well before each prisoner's release.",
    "Release on temporary licence should be used to support resettlement of prisoners near release.",
    "Accommodation should be found for every prisoner released so that none leave homeless.",
    "Outside exercise should be offered every day for at least thirty minutes in the open air.",
    "Showers on the residential units should be refurbished and kept clean and working.",
    "Windows in cells should be repaired and cells kept free of graffiti.",
    "Kit and laundry should be issued weekly so that every prisoner has clean bedding.",
    "The canteen ordering process should be simplified for newly arrived prisoners.",
    "Chaplaincy provision should meet the needs of every faith represented in the population.",
    "Peer supporters such as Listeners should be trained and available on every wing at night.",
    "Vocational training workshops should lead to qualifications recognised by employers.",
    "Attendance and punctuality at education classes should be improved and monitored.",
    "Work placements should be allocated fairly according to prisoners' sentence plans.",
    "Substance misuse services should provide psychosocial support to all who need it.",
    "Prisoners subject to an assessment care in custody and teamwork plan should be observed as set out.",
    "Violence reduction data should be analysed to identify patterns and hotspots each month.",
    "Staff should challenge prisoners who use abusive language and record such incidents.",
    "Key workers should meet their prisoners every week and record meaningful sessions.",
    # On the same subjects as recommendations above, but asking for something else: not repeats of them.
    "Cells should be properly furnished, and every cell should have a working call bell.",
    "Drug testing should be resourced so that random tests are completed every month.",
    "Prisoners in the segregation unit should have access to a telephone every day.",
    "Teachers should be trained to support learners with dyslexia in English classes.",
    "The first night centre should be clean and fully furnished.",
    "Visits should be booked easily by telephone and online for every family.",
    "The library should stock books in the main languages spoken by foreign national prisoners.",
    "Applications about property should be tracked and answered within seven days.",
    "Healthcare complaints should be answered by the provider within the NHS timescale.",
    "Release on temporary licence decisions should be made promptly and recorded with reasons.",
]

# The words an inspector rewriting a recommendation tends to change, with what they write instead.
_REWORDINGS = {
    "should": "must",
    "prisoners": "men",
    "prisoner": "man",
    "every": "each",
    "reviewed": "looked at again",
    "ensure": "make sure",
    "improved": "raised",
    "monitored": "kept under review",
    "offered": "made available",
    "within": "in under",
    "regularly": "at regular intervals",
    "available": "provided",
    "all": "every one of the",
    "reduce": "cut",
    "promptly": "without delay",
    "leaders": "managers",
    "staff": "officers",
    "access": "the chance to use",
    "have": "get",
    "meet": "see",
    "needs": "requirements",
    "made": "given",
}
_REPEAT_OPENINGS = [
    "As at the last inspection, ",
    "Leaders should ensure that ",
    "The governor should make sure that ",
    "",
]


def _reworded(rng: random.Random, text: str) -> str:
    """The same recommendation written again: some words changed, sometimes a new opening or the end cut."""
    words = text.rstrip(".").split()
    changed = [
        _REWORDINGS[word.lower()] if word.lower() in _REWORDINGS and rng.random() < 0.8 else word for word in words
    ]
    # A word or two left out, as a rewritten recommendation drops a detail.
    for _ in range(rng.randint(0, 2)):
        if len(changed) > 6:
            del changed[rng.randrange(1, len(changed))]
    if len(changed) > 12 and rng.random() < 0.3:
        changed = changed[: len(changed) - rng.randint(2, 4)]
    opening = rng.choice(_REPEAT_OPENINGS)
    sentence = " ".join(changed)
    if opening:
        sentence = sentence[0].lower() + sentence[1:]
    return f"{opening}{sentence}."


@dataclass(frozen=True)
class InspectionCycle:
    """Two plans of one establishment, the next repeating some of the previous one's recommendations.

    ``repeats`` maps each repeating recommendation's ref in the next plan to the ref it repeats; ``stated``
    are those whose next plan says so ("Repeated recommendation 2.8"), the others only reword it.
    """

    previous: Plan
    next: Plan
    repeats: dict[str, str]
    stated: frozenset[str]


def generate_cycle(
    seed: int = 0,
    *,
    establishment: str | None = None,
    recommendations: int = 20,
    repeated: int = 6,
    stated: int = 2,
    published: date | None = None,
) -> InspectionCycle:
    """A previous plan and the next one, three years later, with ``repeated`` of its recommendations repeated
    (``stated`` of them saying so), the rest on subjects the previous plan did not raise."""
    rng = random.Random(seed)
    subjects = [theme.recommendation for theme in _THEMES] + _MORE_RECOMMENDATIONS
    rng.shuffle(subjects)
    assert 2 * recommendations - repeated <= len(subjects), "not enough subjects for two plans this long"
    published = published or date(2016, 1, 1) + timedelta(days=rng.randint(0, 3 * 365))
    previous = generate_plan(
        seed, recommendations=recommendations, establishment=establishment, published=published, concerns=False
    )
    following = generate_plan(
        seed + 1,
        recommendations=recommendations,
        establishment=previous.establishment,
        published=published + timedelta(days=3 * 365 + rng.randint(0, 60)),
        concerns=False,
    )
    for rec, text in zip(previous.recommendations, subjects, strict=False):
        rec.recommendation, rec.repeated_from, rec.concern = text, None, None
    fresh = iter(subjects[recommendations:])
    repeating = rng.sample(range(recommendations), repeated)
    earlier_refs = rng.sample(range(recommendations), repeated)
    said = set(rng.sample(repeating, stated))
    repeats: dict[str, str] = {}
    for index, rec in enumerate(following.recommendations):
        rec.concern, rec.repeated_from = None, None
        if index in repeating:
            earlier = previous.recommendations[earlier_refs[repeating.index(index)]]
            rec.recommendation = _reworded(rng, earlier.recommendation)
            repeats[rec.ref] = earlier.ref
            if index in said:
                rec.repeated_from = earlier.ref
        else:
            rec.recommendation = next(fresh)
    stated_refs = frozenset(following.recommendations[index].ref for index in said)
    return InspectionCycle(previous, following, repeats, stated_refs)


def generate_previous(plan: Plan, seed: int = 0, *, repeated: int = 4, stated: int = 2) -> tuple[Plan, dict[str, str]]:
    """The plan of the inspection three years before ``plan``'s, which ``plan`` repeats ``repeated`` of: worded
    differently then, ``stated`` of them said so in ``plan`` (its ``repeated_from`` is set). The other
    recommendations of either plan repeat nothing: a generated ``repeated_from`` is cleared. Returns the previous
    plan and, for each repeating recommendation's ref, the ref it repeats."""
    rng = random.Random(seed)
    published = (plan.report.published or date(2020, 1, 1)) - timedelta(days=3 * 365 + rng.randint(0, 60))
    count = max(len(plan.recommendations), repeated)
    previous = generate_plan(
        seed, recommendations=count, establishment=plan.establishment, published=published, concerns=False
    )
    used = {rec.recommendation for rec in plan.recommendations}
    fresh = iter([text for text in _MORE_RECOMMENDATIONS if text not in used] * (count // 10 + 1))
    repeating = rng.sample(range(len(plan.recommendations)), min(repeated, len(plan.recommendations)))
    said = set(repeating[:stated])
    repeats: dict[str, str] = {}
    for rec in plan.recommendations:
        rec.repeated_from = None
    for index, earlier in enumerate(previous.recommendations):
        earlier.repeated_from, earlier.concern = None, None
        if index < len(repeating):
            later = plan.recommendations[repeating[index]]
            earlier.recommendation = _reworded(rng, later.recommendation)
            repeats[later.ref] = earlier.ref
            if repeating[index] in said:
                later.repeated_from = earlier.ref
        else:
            earlier.recommendation = next(fresh)
    return previous, repeats
