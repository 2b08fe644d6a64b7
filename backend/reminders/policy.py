"""When each reminder falls due: the built-in policy for every deadline kind, and the step arithmetic.

A policy says how many working days before the due date to remind, whether to remind on the day,
how often to repeat once overdue, and after how many overdue working days to escalate to the owning
agency's managers and the business office. Business office overrides a kind at
`/api/v1/reminder-policies/{kind}`; the `default` policy covers kinds not listed here.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Final, Literal

from backend.calendar.workdays import WorkingDayCalendar
from backend.deadlines.models import DeadlineKind as K

DEFAULT_KIND: Final = "default"


@dataclass(frozen=True)
class Policy:
    kind: str
    before_working_days: tuple[int, ...]
    on_the_day: bool
    overdue_every_working_days: int  # 0: no reminders once overdue (escalation still applies)
    escalate_after_working_days: int | None  # None: never escalate
    escalate_to_agency_managers: bool
    escalate_to_business_office: bool
    what_is_needed: str


def _policy(kind: K | Literal["default"], before: tuple[int, ...], every: int, escalate: int | None, needed: str,
            on_the_day: bool = True) -> Policy:
    return Policy(kind, before, on_the_day, every, escalate, True, True, needed)


DEFAULT_POLICIES: dict[str, Policy] = {p.kind: p for p in (
    _policy(DEFAULT_KIND, (3, 1), 2, 5, "The work this deadline is for, completed and recorded in the system."),
    _policy(K.referral_decision, (5, 3, 1), 1, 2,
            "The three safeguarding partners' decision on whether to hold a review, recorded on the referral "
            "(15 working days from receipt)."),
    _policy(K.referral_sign_off, (2, 1), 1, 3,
            "The agency's senior manager for safeguarding to sign off the referral so it can be submitted."),
    _policy(K.incident_notification, (2, 1), 1, 1,
            "The serious incident notification sent to the National Panel (5 working days from becoming aware)."),
    _policy(K.information_request, (3, 1), 1, 2,
            "Your agency's completed information request returned to the business office "
            "(7 working days)."),
    _policy(K.rapid_review, (5, 3, 1), 1, 1,
            "The rapid review held and its report sent to the National Panel (15 working days)."),
    _policy(K.scrutineer_comment, (1,), 1, None,
            "The independent scrutineer's comment on the rapid review's recommendation, before the safeguarding "
            "partners decide.", on_the_day=True),
    _policy(K.partner_position, (3, 1), 1, 2,
            "Your safeguarding partner's position on whether to hold a review, recorded on the rapid review or "
            "referral: the decision stands only when all three partners have recorded theirs."),
    _policy(K.review_completion, (40, 20, 10, 5, 1), 5, 1,
            "The Child Safeguarding Practice Review completed (six months from the decision to review); "
            "if it will be late, the National Panel must be told."),
    _policy(K.publication_notice, (5, 1), 1, 1,
            "The final report sent to the National Panel at least 14 days before publication."),
    _policy(K.delay_panel_notice, (2, 1), 1, 2,
            "The National Panel told that the review will not be completed within six months, and the day it "
            "was told recorded on the review."),
    _policy(K.debrief, (3, 1), 2, 5, "The practitioner de-brief arranged and held."),
    _policy(K.agency_action, (10, 3), 5, 10,
            "Progress on your agency's action recorded, with evidence that practice has changed."),
    _policy(K.agency_chronology, (5, 2, 1), 1, 3,
            "Your agency's chronology for the review, submitted by the date the partnership set."),
    _policy(K.key_event_analysis, (5, 2, 1), 1, 3,
            "Your agency's key event analysis report, signed off by your agency manager and submitted."),
    _policy(K.report_sign_off, (3, 1), 2, 5,
            "The next step of the overview report's sign-off recorded: the review group's agreement, the local "
            "learning review sub group's, each lead safeguarding partner's sign-off, then the copy to the Panel."),
    _policy(K.publication, (5, 1), 1, 1, "The review's report published on the planned date and time."),
    _policy(K.members_briefing, (3, 1), 1, 1, "Elected members briefed on the review before publication."),
    _policy(K.press_statement, (2, 1), 1, 1, "The press statement issued, about two working days before "
                                              "publication."),
    _policy(K.panel_delay_notice, (10, 5, 1), 5, 1,
            "The review will not be complete within six months of the decision: tell the National Panel, and "
            "record when on the review's publication page."),
    _policy(K.event_reminder, (3, 1), 0, None, "Your place at the practitioner event.", on_the_day=True),
)}


def default_for(kind: str) -> Policy:
    return DEFAULT_POLICIES.get(kind) or DEFAULT_POLICIES[DEFAULT_KIND]


@dataclass(frozen=True)
class Plan:
    """What one sweep does for one deadline on one day."""

    step: str | None  # the owner's reminder due today ("before-3", "due", "overdue-4"), if any
    escalate: bool  # the escalation is due (it is sent once per due date)
    working_days_left: int  # negative once overdue
    next_step_on: dt.date | None  # the first later date on which anything else falls due


def plan(policy: Policy, due: dt.date, today: dt.date, calendar: WorkingDayCalendar) -> Plan:
    """The latest reminder step that has come due, and when the next one will.

    Only the latest step is sent: a deadline opened two days before it is due gets the
    "2 working days left" reminder, not a backlog of earlier ones.
    """
    step: str | None = None
    escalate = False
    later: list[dt.date] = []
    every, escalate_after = policy.overdue_every_working_days, policy.escalate_after_working_days
    if today < due:
        left = calendar.working_days_between(today, due)
        due_before = [k for k in policy.before_working_days if k >= left]
        if due_before and left > 0:
            step = f"before-{min(due_before)}"
        later += [calendar.add_working_days(due, -k) for k in policy.before_working_days if k < left]
        if policy.on_the_day:
            later.append(due)
        if every > 0:
            later.append(calendar.add_working_days(due, 1))
        if escalate_after is not None:
            later.append(calendar.add_working_days(due, escalate_after))
        days_left = left
    else:
        overdue = calendar.working_days_between(due, today)
        if overdue <= 0:
            step = "due" if policy.on_the_day else None
        elif every > 0:
            reached = 1 + every * ((overdue - 1) // every)
            step = f"overdue-{reached}"
        if every > 0:
            later.append(calendar.add_working_days(due, 1 if overdue <= 0 else reached + every))
        if escalate_after is not None:
            if overdue >= escalate_after:
                escalate = True
            else:
                later.append(calendar.add_working_days(due, escalate_after))
        days_left = -overdue
    upcoming = [d for d in later if d > today]
    return Plan(step, escalate, days_left, min(upcoming) if upcoming else None)
