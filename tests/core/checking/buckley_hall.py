"""A hand-built copy of the published HMP Buckley Hall 2019 plan (samples/buckley_hall_2019.txt)."""

from actionplan.core.plan import Action, Decision, Plan, Recommendation, Summary
from actionplan.core.targets import parse_target

AGREED, PARTLY, NOT = Decision.AGREED, Decision.PARTLY_AGREED, Decision.NOT_AGREED

S34_ACTIONS = [
    (
        "Following the Drug Diagnostic Team visit which took place in September 2019, the outcomes and"
        " recommendations from this report will be used to re-write the Drug Strategy.",
        "Governor",
        "December 2019",
    ),
    (
        "HMP Buckley Hall has requested a number of Band 3 officers to replace officers who have transferred, gained"
        " promotion or resigned. When they are in post the required number of tests will be able to be completed.",
        "Governor",
        "March 2020",
    ),
    (
        "A small group of security staff conduct intel led searching and drug tests throughout the week. The Security"
        " Manager will ensure that these tasks are allocated at different times each week to ensure they are less"
        " predictable.",
        "Governor",
        "March 2020",
    ),
    (
        "The Operational Support Grade (OSG) officer tasks have been reprioritised and greater importance will be"
        " given to ensuring that a member of staff is available to conduct CCTV monitoring at every visits session.",
        "Governor",
        "December 2020",
    ),
]

S35_RESPONSE = (
    "This recommendation is not agreed as the wider problem of crowding in prisons is a longstanding issue that will"
    " not be easily addressed. However HMPPPS welcome the Government’s recent announcement of up to £2.5 billion"
    " investment in new prison construction to create up to 10,000 prison places and the opportunity this creates to"
    " take steps towards reducing crowding.\n\n"
    "Whilst the average number of prisoners held in crowded conditions across the estate has fallen slightly, HMPPS"
    " recognises the ongoing concerns raised by the Board (and others across the estate) in relation to the use of"
    " crowded cells. While these places meet HMPPS standards for crowded accommodation, holding two men in a cell"
    " designed for one prisoner in order to accommodate national population pressures is not desirable.\n\n"
    "HMPPS’ plan for reducing prison crowding is to replace prisons that are operating over their certified normal"
    " accommodation levels with new accommodation that is safe, decent, and uncrowded and close current (crowded or"
    " partially crowded) capacity. The first steps in this direction have already been taken with a commitment to"
    " construct modern, decent, uncrowded prisons at two former prison sites, which are due to open in 2021 and 2023."
)

R2_11_RESPONSE = (
    "This recommendation is partly agreed as all double cells have now been routinely screened, however due to"
    " funding pressures, finance is not available to routinely screen single cells. Residential Services PSI"
    " (75/2011) at states that ‘prisoners should have access to living accommodation, furnishings, fittings, and"
    " equipment that are safe, decent and secure which meet individual needs, as far as practicable.’"
)

R3_20_REASON = (
    "This recommendation is partly agreed as two workshops are currently run by external contractors who fund an"
    " additional productivity bonus. This is outside of the control of the Governor."
)
R3_20_PART = (
    "However, the pay strategy at HMP Buckley Hall will be rewritten to provide incentives for prisoners to attend"
    " education. This policy will also link with the sequencing policy."
)

# (ref, decision, [(action text, owner, target)]) for the agreed rows the sample tests do not single out.
_AGREED_ROWS = [
    (
        "S36",
        [
            (
                "The new Prison Education Framework (PEF) contract is now in place. Performance is measured and"
                " reported on by the Head of Learning and Skills (HOLS) through the new Teaching Quality Management"
                " Plan.",
                "Novus/Governor",
                "March 2020",
            )
        ],
    ),
    (
        "S37",
        [
            (
                "Individual Learning Plans (ILPs) are now in place across all areas. Monthly learning walks will be"
                " conducted by the HOLS to quality assure ILPs.",
                "Novus/Governor",
                "March 2020",
            ),
            (
                "The Education provider has recruited a Special Educational Needs Co-ordinator (SENCO) worker, who will"
                " meet with identified prisoners to formulate an agreed action plan.",
                "Governor",
                "December 2019",
            ),
        ],
    ),
    (
        "S38",
        [
            (
                "All prisoners on transfer to HMP Buckley Hall will meet with the Education Provider, the Activities"
                " Manager and the Information, Advice and Guidance Worker.",
                "Governor/Novus",
                "January 2020",
            ),
            (
                "Novus now employ an outreach worker who visits all workshops to assist instructors to embed Maths &"
                " English as standard.",
                "Governor/Novus",
                "Completed",
            ),
        ],
    ),
    (
        "1.8",
        [
            (
                "HMP Buckley Hall will provide an activity area and basic work for all men within three days of"
                " arrival.",
                "Governor",
                "December 2019",
            )
        ],
    ),
    (
        "1.16",
        [
            (
                "The Safer Custody Department will quality check all Challenge Support and Intervention Plans (CSIP)"
                " to ensure targets are tailored to the individual needs.",
                "Governor",
                "December 2019",
            )
        ],
    ),
    (
        "1.29",
        [
            (
                "Additional funding has now been received and a new classroom is currently being built.",
                "Governor",
                "January 2020",
            )
        ],
    ),
    (
        "1.30",
        [
            (
                "Prisoners who are located in CSU on Rule 45 have a CSIP opened to provide support and a plan for"
                " either reintegration or transfer.",
                "Governor",
                "Completed",
            ),
            (
                "The Regional Safer Custody Team will develop a proforma regarding identifying SMART targets within"
                " plans.",
                "Governor",
                "January 2020",
            ),
        ],
    ),
    (
        "2.10",
        [
            (
                "In the interim, manual monthly checks will be conducted to monitor and analyse the timeliness of cell"
                " call bell responses.",
                "Governor",
                "December 2019",
            ),
            ("Cell Call bells are monitored and analysed on a weekly basis.", "Governor", "Completed"),
        ],
    ),
    (
        "2.21",
        [
            (
                "Analysis of applications will be carried out monthly by the Head of Residence.",
                "Governor",
                "January 2020",
            ),
            (
                "The Prisoner Information System will be implemented where all applications will be logged and"
                " monitored.",
                "Governor",
                "March 2020",
            ),
            ("Envelopes will be made available for confidential applications.", "Governor", "December 2019"),
        ],
    ),
    (
        "2.51",
        [
            (
                "The healthcare service will be monitored through a monthly Governance meeting.",
                "Greater Manchester NHS Foundation Trust",
                "December 2019",
            )
        ],
    ),
    (
        "2.52",
        [
            (
                "All responses to healthcare complaints will be answered on the Trust response form.",
                "Greater Manchester NHS Foundation Trust",
                "December 2019",
            )
        ],
    ),
    (
        "2.66",
        [
            (
                "All receptions into HMP Buckley Hall will be assessed by nursing staff.",
                "Greater Manchester NHS Foundation Trust",
                "April 2020",
            )
        ],
    ),
    (
        "2.97",
        [
            (
                "An officer is allocated to supervise medication in the Healthcare centre which is subject to a daily"
                " duty management check.",
                "Governor",
                "Completed",
            )
        ],
    ),
    (
        "3.7",
        [("Library staff will collect data of all those attending the library sessions.", "Governor", "December 2019")],
    ),
    (
        "3.21",
        [
            (
                "The HOLS and Education Manager will increase prisoner use of the virtual campus by promoting and"
                " publicising the use of the Virtual Campus.",
                "Governor",
                "March 2020",
            )
        ],
    ),
    ("3.31", [("The HOLS will quality check 10% of ILPs each month.", "Governor/Novus", "March 2020")]),
    (
        "3.40",
        [("All workshop instructors will be given refresher training in equalities.", "Governor/Novus", "March 2020")],
    ),
    (
        "3.50",
        [
            (
                "Monitoring of ILPs will be conducted monthly and reported on during the QIG meeting.",
                "Governor/Novus",
                "March 2020",
            )
        ],
    ),
    (
        "4.14",
        [
            (
                "HMP Buckley Hall will commission a needs analysis of the prison population which will be completed"
                " by January 2020.",
                "Governor",
                "March 2020",
            )
        ],
    ),
    (
        "4.28",
        [("Any prisoners identified for discharge are transferred to a resettlement prison.", "Governor", "Completed")],
    ),
]


def _actions(rows: list[tuple[str, str | None, str]]) -> list[Action]:
    return [Action(text=text, owner=owner, target=parse_target(target)) for text, owner, target in rows]


def buckley_hall_plan() -> Plan:
    """The plan as published: no publication or submission date, summary 21 / 2 / 1 = 24."""
    recs = [
        Recommendation(
            ref="S34",
            recommendation="Managers should actively drive a robust drug strategy.",
            decision=AGREED,
            response="\n\n".join(text for text, _, _ in S34_ACTIONS),
            actions=_actions(S34_ACTIONS),
        ),
        Recommendation(
            ref="S35",
            recommendation="Cells designed to hold one prisoner should not be used to hold two.",
            repeated_from="2.8",
            decision=NOT,
            response=S35_RESPONSE,
            actions=[Action(text=S35_RESPONSE, owner="Prison Estates Transformation Programme")],
        ),
        Recommendation(
            ref="2.11",
            recommendation="Toilets in all cells should be adequately screened to ensure prisoner privacy and dignity.",
            decision=PARTLY,
            response=R2_11_RESPONSE,
            actions=[Action(text=R2_11_RESPONSE, owner="Operational Policy: System Delivery and Reform")],
        ),
        Recommendation(
            ref="3.20",
            recommendation="The prisoner pay structure should not discourage prisoners from taking part in education.",
            decision=PARTLY,
            response=f"{R3_20_REASON}\n\n{R3_20_PART}",
            actions=_actions([(R3_20_PART, "Governor", "December 2019")]),
        ),
    ]
    for ref, rows in _AGREED_ROWS:
        recs.append(
            Recommendation(
                ref=ref,
                recommendation=f"Recommendation {ref} of the report.",
                decision=AGREED,
                response="\n\n".join(text for text, _, _ in rows),
                actions=_actions(rows),
            )
        )
    return Plan(
        establishment="HMP Buckley Hall",
        recommendations=recs,
        stated_summary=Summary(agreed=21, partly_agreed=2, not_agreed=1, total=24),
    )
