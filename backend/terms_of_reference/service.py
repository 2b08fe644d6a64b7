"""Terms of reference and key lines of enquiry: versions, the scrutineer's observations on each, the review group's
agreement, and the authors' briefing on what was agreed (an event of the events domain, scheduled through it)."""

import uuid

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.core import clock
from backend.core.access import Principal
from backend.core.concurrency import check_version
from backend.core.errors import Invalid, NotFound
from backend.events import service as events
from backend.events.models import Event, EventKind, EventStatus
from backend.events.schemas import EventCreate
from backend.reminders.mail import long_date
from backend.review_groups.models import ReviewGroupMeeting
from backend.reviews.models import Review, ReviewStage
from backend.reviews.tasks import Found, ReviewTask, Summary, TaskSource, TaskStatus
from backend.terms_of_reference.models import TermsOfReferenceObservation, TermsOfReferenceVersion, TermsState
from backend.terms_of_reference.policy import TERMS, VERSION, visible_versions
from backend.terms_of_reference.schemas import (
    AgreementCreate,
    AuthorBriefingCreate,
    AuthorBriefingRead,
    ObservationCreate,
    TermsOfReferenceRead,
    TermsOfReferenceVersionCreate,
    TermsOfReferenceVersionRead,
    TermsOfReferenceVersionUpdate,
)

_FIELDS = ("number", "state", "terms", "key_lines_of_enquiry", "agreed_on", "agreed_by_name")


def versions(session: Session, principal: Principal, review: Review) -> list[TermsOfReferenceVersion]:
    return list(session.scalars(select(TermsOfReferenceVersion).where(
        TermsOfReferenceVersion.review_id == review.id, visible_versions(principal))
        .order_by(TermsOfReferenceVersion.number.desc())))


def get_version(session: Session, principal: Principal, review: Review,
                version_id: uuid.UUID) -> TermsOfReferenceVersion:
    version = session.scalar(select(TermsOfReferenceVersion).where(
        TermsOfReferenceVersion.id == version_id, TermsOfReferenceVersion.review_id == review.id,
        visible_versions(principal)))
    if version is None:
        raise NotFound("No such version of this review's terms of reference.")
    return version


def new_version(session: Session, actor: Principal, review: Review,
                data: TermsOfReferenceVersionCreate) -> TermsOfReferenceVersion:
    """A new draft, starting from the latest version's text unless the body gives its own."""
    TERMS.check(actor, review, "new_version")
    latest = session.scalar(select(TermsOfReferenceVersion).where(TermsOfReferenceVersion.review_id == review.id)
                            .order_by(TermsOfReferenceVersion.number.desc()).limit(1))
    number = (session.scalar(select(func.max(TermsOfReferenceVersion.number))
                             .where(TermsOfReferenceVersion.review_id == review.id)) or 0) + 1
    version = TermsOfReferenceVersion(
        review_id=review.id, number=number, state=TermsState.draft, drafted_by_name=actor.name,
        terms=data.terms if data.terms is not None else latest.terms if latest else "",
        key_lines_of_enquiry=list(data.key_lines_of_enquiry if data.key_lines_of_enquiry is not None
                                  else latest.key_lines_of_enquiry if latest else []))
    session.add(version)
    session.flush()
    audit.record(session, actor, "new_version", "review", review.id,
                 f"Terms of reference version {number} drafted ({review.child_reference})",
                 audit.snapshot(version, _FIELDS))
    return version


def update_version(session: Session, actor: Principal, review: Review, version_id: uuid.UUID,
                   data: TermsOfReferenceVersionUpdate, if_match: str | None) -> TermsOfReferenceVersion:
    version = get_version(session, actor, review, version_id)
    VERSION.check(actor, version, "edit")
    check_version(version, if_match)
    before = audit.snapshot(version, _FIELDS)
    for name, value in data.model_dump(exclude_unset=True).items():
        setattr(version, name, list(value) if name == "key_lines_of_enquiry" else value)
    VERSION.take(session, actor, version, "edit", checked=True, audited_as=("review", review.id),
                 summary=f"Terms of reference version {version.number} changed ({review.child_reference})",
                 changes=audit.diff(before, audit.snapshot(version, _FIELDS)))
    return version


def add_observation(session: Session, actor: Principal, review: Review, version_id: uuid.UUID,
                    data: ObservationCreate) -> TermsOfReferenceVersion:
    version = get_version(session, actor, review, version_id)
    VERSION.check(actor, version, "comment")
    if not data.text:
        raise Invalid("Enter your observation.", errors=[("body.text", "Enter your observation")])
    version.observations.append(TermsOfReferenceObservation(author_id=actor.id, author_name=actor.name, text=data.text))
    VERSION.take(session, actor, version, "comment", checked=True, audited_as=("review", review.id),
                 summary=f"Observation on terms of reference version {version.number} ({review.child_reference})",
                 changes={"observation": data.text})
    return version


def agree_version(session: Session, actor: Principal, review: Review, version_id: uuid.UUID,
                  data: AgreementCreate) -> TermsOfReferenceVersion:
    version = get_version(session, actor, review, version_id)
    VERSION.check(actor, version, "agree")
    agreed_on = data.agreed_on or clock.today()
    errors = []
    if agreed_on > clock.today():
        errors.append(("body.agreed_on", "The date the review group agreed them must be today or in the past"))
    meeting = session.get(ReviewGroupMeeting, data.meeting_id) if data.meeting_id else None
    if data.meeting_id and (meeting is None or meeting.review_id != review.id):
        errors.append(("body.meeting_id", "Choose a meeting of this review's group"))
    if errors:
        raise Invalid("The agreement needs correcting.", errors=errors)
    for earlier in session.scalars(select(TermsOfReferenceVersion).where(
            TermsOfReferenceVersion.review_id == review.id, TermsOfReferenceVersion.state == TermsState.agreed)):
        earlier.state = TermsState.superseded
    VERSION.take(session, actor, version, "agree", checked=True, audited_as=("review", review.id),
                 apply={"agreed_on": agreed_on, "agreed_by_name": actor.name,
                        "agreed_at_meeting_id": meeting.id if meeting else None},
                 summary=f"Terms of reference version {version.number} agreed by the review group on "
                         f"{long_date(agreed_on)} ({review.child_reference})",
                 changes={"agreed_on": agreed_on.isoformat()})
    return version


def schedule_author_briefing(session: Session, actor: Principal, review: Review, data: AuthorBriefingCreate) -> Event:
    """The authors' briefing, on the agreed terms of reference: an invitation-only event of the review, made by the
    events service (its rules, deadlines and audit), so it shows on the events pages like any other."""
    TERMS.check(actor, review, "schedule_author_briefing")
    event, _ = events.create_event(session, actor, EventCreate(
        review_id=review.id, kind=EventKind.author_briefing, title=data.title, date=data.date,
        start_time=data.start_time, end_time=data.end_time, location=data.location, virtual_link=data.virtual_link,
        capacity=data.capacity, create_open_link=False, sign_up_open=False))
    return event


def author_briefings(session: Session, review: Review) -> list[Event]:
    return list(session.scalars(select(Event).where(Event.review_id == review.id,
                                                    Event.kind == EventKind.author_briefing)
                                .order_by(Event.date, Event.start_time)))


def version_read(principal: Principal, version: TermsOfReferenceVersion) -> TermsOfReferenceVersionRead:
    return TermsOfReferenceVersionRead.model_validate(version).model_copy(
        update={"allowed_actions": VERSION.allowed_actions(principal, version)})


def as_read(session: Session, principal: Principal, review: Review) -> TermsOfReferenceRead:
    seen = versions(session, principal, review)
    in_force = next((v.number for v in seen if v.state == TermsState.agreed), None)
    return TermsOfReferenceRead(
        review_id=review.id, agreed_version=in_force, versions=[version_read(principal, v) for v in seen],
        author_briefings=[AuthorBriefingRead.model_validate(e) for e in author_briefings(session, review)],
        allowed_actions=TERMS.allowed_actions(principal, review))


def _summary(_review: Review) -> Summary:
    version = TermsOfReferenceVersion
    ours = version.review_id == Review.id
    agreed = (ours, version.state != TermsState.draft)
    return {
        "latest": select(func.max(version.number)).where(ours).scalar_subquery(),
        "observed": select(func.max(version.number)).where(ours, exists().where(
            TermsOfReferenceObservation.version_id == version.id)).scalar_subquery(),
        "agreed": select(func.max(version.number)).where(*agreed).scalar_subquery(),
        "agreed_on": select(version.agreed_on).where(*agreed).order_by(version.number.desc()).limit(1)
        .scalar_subquery(),
        "briefing": select(Event.date).where(Event.review_id == Review.id, Event.kind == EventKind.author_briefing,
                                             Event.status == EventStatus.scheduled)
        .order_by(Event.date, Event.start_time).limit(1).scalar_subquery(),
    }


def _build(_review: Review, found: Found) -> list[ReviewTask]:
    """Draft; the scrutineer's observations; the review group's agreement; the authors' briefing."""
    latest, observed, agreed, agreed_on, briefing = (found.values[name] for name in (
        "latest", "observed", "agreed", "agreed_on", "briefing"))
    stage, section = ReviewStage.terms_of_reference, "terms-of-reference"
    draft = ReviewTask(stage=stage, key="terms_of_reference_drafted", label="Draft the terms of reference and key "
                       "lines of enquiry", section=section,
                       status=(TaskStatus.completed if agreed else TaskStatus.in_progress if latest
                               else TaskStatus.not_started),
                       hint=f"Version {latest}" if latest else None)
    observations = ReviewTask(stage=stage, key="scrutineer_observations", section=section,
                              label="The scrutineer's observations",
                              status=TaskStatus.completed if observed else TaskStatus.not_started if latest
                              else TaskStatus.cannot_start_yet,
                              hint=f"On version {observed}" if observed else None)
    agree = ReviewTask(stage=stage, key="terms_of_reference_agreed", section=section,
                       label="Agree the terms of reference (review group)",
                       status=TaskStatus.completed if agreed else TaskStatus.not_started if latest
                       else TaskStatus.cannot_start_yet,
                       hint=f"Version {agreed}, agreed on {long_date(agreed_on)}" if agreed and agreed_on else None)
    brief = ReviewTask(stage=stage, key="authors_briefed", section=section, label="Brief the agencies' authors",
                       status=TaskStatus.completed if briefing else TaskStatus.not_started if agreed
                       else TaskStatus.cannot_start_yet,
                       hint=f"Briefing on {long_date(briefing)}" if briefing
                       else None if agreed else "Once the terms of reference are agreed")
    return [draft, observations, agree, brief]


TERMS_OF_REFERENCE_TASKS = TaskSource("terms_of_reference", _build, _summary)
