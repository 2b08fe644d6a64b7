"""An agency's submission: asked for with a deadline, drafted privately, submitted, returned for more, resubmitted.

Every function takes the record the submission answers (`Owner`: an information request; in stage 2 an
agency's chronology, key event analysis report or update on an action): its audit entries go on that
record's timeline and its deadline is that record's. The owning domain validates its own content and
publishes its own typed events (passed in as `event`), so subscribers keep importing that domain's models.

    request_id = uuid.uuid4()
    owner = Owner("information_request", request_id, case_id, DeadlineKind.information_request,
                  SubjectType.information_request, title="…", link=f"/information-requests/{request_id}")
    submission = submissions.request(session, SubmissionKind.information_request, agency, owner, due)
    session.add(InformationRequest(id=request_id, submission_id=submission.id, …))
"""

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.core import clock
from backend.core.access import Principal
from backend.core.concurrency import check_version, check_version_if_sent
from backend.core.domain_events import DomainEvent
from backend.core.errors import Invalid
from backend.deadlines import service as deadlines
from backend.deadlines.models import DeadlineKind, SubjectType
from backend.identity.models import Agency
from backend.submissions.models import AgencySubmission, AgencySubmissionRevision, SubmissionKind, SubmissionState
from backend.submissions.policy import KINDS, SubmissionStep, may_read_draft, workflow

Content = dict[str, Any]
EventFactory = Callable[[], DomainEvent | None]


@dataclass(frozen=True)
class Owner:
    """The record a submission answers, as the submission's steps need it."""

    entity: str  # its type in the audit log ("information_request"): the steps appear on its timeline
    id: uuid.UUID
    case_id: uuid.UUID | None  # None only for a record on no child's case (an action on an audit's recommendation)
    # The deadline a submission meets; None for one the agency makes of its own accord (an update on an action,
    # which must not meet the action's own due date), opened by `start` rather than `request`.
    deadline: DeadlineKind | None
    subject_type: SubjectType | None
    title: str  # the deadline's title, in the agency's list of what is due ({deadlines.CHILD} for the reference)
    link: str  # where the agency answers it, in reminders

    @property
    def audited_as(self) -> tuple[str, uuid.UUID]:
        return self.entity, self.id


def request(session: Session, kind: SubmissionKind, agency: Agency, owner: Owner, due: dt.date) -> AgencySubmission:
    """Ask `agency` for a submission of `kind`, due on `due`: a deadline in the registry, so reminders follow."""
    assert owner.deadline is not None and owner.subject_type is not None, "a requested submission has a deadline"
    submission = start(session, kind, agency)
    deadlines.open_deadline(session, kind=owner.deadline, subject_type=owner.subject_type, subject_id=owner.id,
                            due_date=due, title=owner.title, case_id=owner.case_id,
                            link=owner.link, owner_agency_id=agency.id)
    return submission


def start(session: Session, kind: SubmissionKind, agency: Agency) -> AgencySubmission:
    """A submission the agency makes of its own accord, with no deadline of its own (an update on an action)."""
    submission = AgencySubmission(kind=kind, agency_id=agency.id, agency=agency, state=SubmissionState.requested)
    session.add(submission)
    session.flush()
    return submission


def save_draft(session: Session, actor: Principal, submission: AgencySubmission, owner: Owner, content: Content,
               if_match: str | None) -> None:
    """Replace the agency's draft, only if it is still the version the caller read (If-Match)."""
    flow = workflow(submission.kind)
    step = flow.check(actor, submission, SubmissionStep.save_draft)
    check_version(submission, if_match)
    # The draft's content stays out of the audit log: it is the agency's own until submitted.
    flow.take(session, actor, submission, step.name, checked=True, audited_as=owner.audited_as,
              summary=f"{submission.agency.name} saved its draft {KINDS[submission.kind].thing}",
              apply={"draft": content})


def submit(session: Session, actor: Principal, submission: AgencySubmission, owner: Owner, sent: Content | None,
           *, complete: Callable[[Content, str], Content], if_match: str | None = None,
           event: EventFactory | None = None) -> AgencySubmissionRevision:
    """Submit `sent`, or the saved draft when None, as the next revision; meets the deadline.

    `complete(content, where)` is the owning domain's check that every required part is there: it returns the
    content to keep or raises `Invalid` naming what is missing (`where` is "body" or "draft").
    """
    flow = workflow(submission.kind)
    step = flow.check(actor, submission, SubmissionStep.submit)
    check_version_if_sent(submission, if_match)
    content = complete(sent if sent is not None else (submission.draft or {}), "body" if sent is not None else "draft")
    now, number = clock.now(), submission.revision + 1
    revision = AgencySubmissionRevision(submission_id=submission.id, number=number, content=content,
                                        submitted_at=now, submitted_by_id=actor.id, submitted_by_name=actor.name)
    session.add(revision)
    if owner.deadline is not None:
        deadlines.meet(session, owner.deadline, owner.id)
    thing = KINDS[submission.kind].thing
    flow.take(session, actor, submission, step.name, checked=True, audited_as=owner.audited_as,
              summary=f"{submission.agency.name} {'resubmitted' if number > 1 else 'submitted'} its {thing}",
              apply={"draft": content, "content": content, "revision": number, "submitted_at": now,
                     "submitted_by_id": actor.id, "submitted_by_name": actor.name},
              changes={"revision": number}, event=event)
    return revision


def return_for_more(session: Session, actor: Principal, submission: AgencySubmission, owner: Owner, reasons: str,
                    *, event: EventFactory | None = None) -> None:
    """Send the latest submission back to its agency with the reasons; the revision keeps them. The deadline
    stays as it was (met by the submission): the agency answers again without a new one."""
    flow = workflow(submission.kind)
    step = flow.check(actor, submission, SubmissionStep.return_for_more)
    latest = session.scalar(select(AgencySubmissionRevision).where(
        AgencySubmissionRevision.submission_id == submission.id,
        AgencySubmissionRevision.number == submission.revision))
    if latest is not None:  # every submitted submission has one; rows migrated without a history may not
        latest.returned_at, latest.returned_by_id, latest.returned_by_name = clock.now(), actor.id, actor.name
        latest.return_reasons = reasons
    flow.take(session, actor, submission, step.name, checked=True, audited_as=owner.audited_as,
              summary=f"Returned to {submission.agency.name} for more information",
              apply={"return_reasons": reasons}, changes={"reasons": reasons, "revision": submission.revision},
              event=event)


def chase(session: Session, actor: Principal, submission: AgencySubmission, owner: Owner, *,
          event: EventFactory) -> None:
    """Remind the agency now, outside the reminder schedule: `event` carries the reminder to its people."""
    flow = workflow(submission.kind)
    step = flow.check(actor, submission, SubmissionStep.chase)
    flow.take(session, actor, submission, step.name, checked=True, audited_as=owner.audited_as,
              summary=f"Reminded {submission.agency.name} to send its {KINDS[submission.kind].thing}", event=event)


def change_due_date(session: Session, actor: Principal, submission: AgencySubmission, owner: Owner, due: dt.date,
                    reason: str) -> None:
    """Move the deadline to `due` (today or later), with the reason on the record's timeline; the reminders
    follow the new date."""
    flow = workflow(submission.kind)
    step = flow.check(actor, submission, SubmissionStep.change_due_date)
    if due < clock.today():
        raise Invalid("The new due date must be today or in the future.",
                      errors=[("body.due_date", "The new due date must be today or in the future")])
    if owner.deadline is None or owner.subject_type is None:  # only kinds with a deadline offer the step
        raise ValueError(f"a {submission.kind} submission has no deadline to move")
    current = deadlines.find(session, owner.deadline, owner.id)
    before = current.due_date if current else None
    deadlines.open_deadline(session, kind=owner.deadline, subject_type=owner.subject_type, subject_id=owner.id,
                            due_date=due, title=owner.title, case_id=owner.case_id, link=owner.link,
                            owner_agency_id=submission.agency_id)
    flow.take(session, actor, submission, step.name, checked=True, audited_as=owner.audited_as,
              summary=f"New due date for {submission.agency.name}: {due.day} {due:%B %Y}. Reason: {reason}",
              changes={"due_date": {"from": before, "to": due}, "reason": reason})


def revisions(session: Session, submission: AgencySubmission) -> list[AgencySubmissionRevision]:
    """Every submission the agency made, oldest first (callers check the owning record is visible first)."""
    return list(session.scalars(select(AgencySubmissionRevision).where(
        AgencySubmissionRevision.submission_id == submission.id).order_by(AgencySubmissionRevision.number)))


def revision_fields(revision: AgencySubmissionRevision) -> dict[str, Any]:
    """The `RevisionRead` fields of one revision; the owning domain adds its content, typed as it reads it."""
    return {"number": revision.number, "resubmission": revision.number > 1, "submitted_at": revision.submitted_at,
            "submitted_by_name": revision.submitted_by_name, "returned_at": revision.returned_at,
            "returned_by_name": revision.returned_by_name, "return_reasons": revision.return_reasons}


def status(principal: Principal, submission: AgencySubmission) -> dict[str, Any]:
    """The `SubmissionStatus` fields of the owning record's read, for this caller."""
    return {"state": submission.state, "submitted_at": submission.submitted_at,
            "submitted_by_name": submission.submitted_by_name, "return_reasons": submission.return_reasons,
            "revision": submission.revision, "resubmitted": submission.resubmitted,
            "allowed_actions": workflow(submission.kind).allowed_actions(principal, submission)}


def draft_for(principal: Principal, submission: AgencySubmission) -> Content | None:
    """The draft, for the owning agency only; None for everyone else, the business office included."""
    return submission.draft if may_read_draft(principal, submission) else None
