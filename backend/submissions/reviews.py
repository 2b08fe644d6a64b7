"""A review's agency submissions (chronologies, key event analysis reports): the review's stages that take them,
and asking the review's agencies for them.

Each kind keeps its own record (an `AgencyChronology`, an `AnalysisReport`) and its own events; what they share is
written here once: when they may be asked for and worked on, the checks on a request, and the request itself.
"""

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from sqlalchemy import Select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.core import clock
from backend.core.access import Principal
from backend.core.domain_events import DomainEvent, OfACase, publish
from backend.core.domain_events import envelope as case_envelope
from backend.core.errors import Conflict, Invalid, InvalidTransition
from backend.core.messages import day_month_year
from backend.identity.models import Agency
from backend.reviews.models import Review, ReviewStage
from backend.submissions import service as submissions
from backend.submissions.models import AgencySubmission, SubmissionKind
from backend.submissions.policy import KINDS

# The review's stages in which the agencies' submissions are asked for, written, submitted and returned; a
# submission returned after the practitioner event can still be revised while the overview report is written.
REQUEST_STAGE = ReviewStage.agency_submissions
OPEN_STAGES = frozenset({ReviewStage.agency_submissions, ReviewStage.practitioner_engagement,
                         ReviewStage.overview_report})

R = TypeVar("R")


class ReviewSubmissionRecord(OfACase, Protocol):
    """What a review's agency submission record holds that its events' envelope names, beyond any record of a
    case's."""

    @property
    def agency_id(self) -> uuid.UUID: ...
    @property
    def review_id(self) -> uuid.UUID: ...


def is_open(review: Review) -> bool:
    """Whether the review is at a stage in which its agencies' submissions are written, submitted and returned."""
    return review.stage in OPEN_STAGES


def not_open(review: Review, what: str) -> str | None:
    """Why the caller cannot `what` ("write chronologies") at the review's stage now (a 409), or None."""
    if is_open(review):
        return None
    if list(ReviewStage).index(review.stage) < list(ReviewStage).index(REQUEST_STAGE):
        return f"You can {what} once the review has reached the agencies' submissions stage."
    return f"The review has moved past the agencies' submissions: you can no longer {what}."


def check_stage(review: Review, what: str, step: str) -> None:
    """409 when the review's stage does not take `step` now (checked after who may take it: 403 comes first)."""
    reason = not_open(review, what)
    if reason is not None:
        raise InvalidTransition(reason, current_state=review.stage.value, action=step)


def involved_agencies(review: Review, agency_ids: Sequence[uuid.UUID], noun: str) -> list[Agency]:
    """The review's agencies named in `agency_ids`, each once; any other answers 422 naming it."""
    involved = {a.id: a for a in review.agencies}
    errors = [(f"body.agency_ids.{i}", "Choose an agency involved in this review; this one is not")
              for i, agency_id in enumerate(agency_ids) if agency_id not in involved]
    errors += [(f"body.agency_ids.{i}", f"This agency is named twice; ask it for one {noun}")
               for i, agency_id in enumerate(agency_ids) if agency_ids.index(agency_id) != i]
    if errors:
        raise Invalid("Choose each agency involved in the review at most once.", errors=errors)
    return [involved[agency_id] for agency_id in agency_ids]


def check_request_stage(review: Review, things: str) -> None:
    if review.stage != REQUEST_STAGE:
        raise InvalidTransition(f"{things} are asked for at the agencies' submissions stage; this review is at "
                                f"{review.stage.value.replace('_', ' ')}.", current_state=review.stage.value,
                                action="request")


def check_due_date(due_date: dt.date) -> None:
    if due_date <= clock.today():
        raise Invalid("The due date must be in the future.",
                      errors=[("body.due_date", "Due date must be after today")])


def ask_agencies(session: Session, actor: Principal, review: Review, agency_ids: Sequence[uuid.UUID],
                 due_date: dt.date, *, kind: SubmissionKind, things: str, noun: str,
                 asked_before: Select[uuid.UUID], owner: Callable[[uuid.UUID], submissions.Owner],
                 record: Callable[[uuid.UUID, Agency, AgencySubmission], R],
                 requested: Callable[[R], DomainEvent]) -> list[R]:
    """Ask each named agency of the review for one submission of `kind`, due on `due_date` (a deadline, so reminders
    follow): one record each, made by `record(id, agency, submission)`, audited on its timeline and announced by
    `requested(record)`.

    Refused at any stage but the agencies' submissions (409, `things` opening the sentence: "Chronologies"), for an
    agency not involved or named twice (422, `noun` in "ask it for one {noun}"), a due date not after today (422), or
    an agency already asked (409, each named): `asked_before` selects the agencies asked for one on this review.
    """
    check_request_stage(review, things)
    agencies = involved_agencies(review, agency_ids, noun)
    check_due_date(due_date)
    already = set(session.scalars(asked_before)) & set(agency_ids)
    thing = KINDS[kind].thing
    if already:
        raise Conflict(f"Each agency is asked for one {thing} per review.", errors=[
            (f"body.agency_ids.{i}", f"This agency has already been asked for its {noun}")
            for i, agency_id in enumerate(agency_ids) if agency_id in already])
    created = []
    for agency in agencies:
        record_id = uuid.uuid4()
        owned = owner(record_id)
        made = record(record_id, agency, submissions.request(session, kind, agency, owned, due_date))
        session.add(made)
        session.flush()
        audit.record(session, actor, "create", owned.entity, record_id,
                     f"Asked {agency.name} for its {thing}, due {day_month_year(due_date)}",
                     {"review_id": review.id, "agency_id": agency.id, "due_date": due_date})
        publish(session, requested(made))
        created.append(made)
    return created


def envelope(record: ReviewSubmissionRecord) -> dict[str, Any]:
    """The fields every event of a review's agency submission carries (its domain adds its own)."""
    return case_envelope(record, record.agency_id, review_id=record.review_id)
