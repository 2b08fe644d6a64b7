"""A review's parallel processes: recorded and kept up to date by the business office; which hold publication."""

import uuid
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.cases.access import note_read
from backend.core import clock
from backend.core.access import Principal
from backend.core.concurrency import check_version
from backend.core.dates import not_in_future
from backend.core.errors import Invalid, NotFound
from backend.events import invitations
from backend.events import service as events
from backend.events.schemas import InvitationCreate
from backend.identity.models import Agency
from backend.parallel_processes.models import ParallelProcess, ParallelProcessStatus
from backend.parallel_processes.policy import PROCESS, visible_processes
from backend.parallel_processes.schemas import (
    OfficerInvitation,
    ParallelProcessBegin,
    ParallelProcessConclude,
    ParallelProcessCreate,
    ParallelProcessRead,
    ParallelProcessUpdate,
)
from backend.reviews.models import Review

ENTITY = "parallel_process"
_FIELDS = ("review_id", "kind", "title", "agency_id", "status", "started_on", "concluded_on", "next_key_date",
           "next_key_date_note", "officer_in_charge_name", "officer_in_charge_email", "officer_in_charge_phone",
           "terms_of_reference_given_on", "practitioner_event_date_given_on", "holds_publication",
           "publication_held_until", "publication_held_until_date", "outcome", "notes")


def list_processes(principal: Principal, review: Review) -> Select[ParallelProcess]:
    return (select(ParallelProcess).join(Review, Review.id == ParallelProcess.review_id)
            .where(ParallelProcess.review_id == review.id, visible_processes(principal))
            .order_by(ParallelProcess.created_at, ParallelProcess.id))


def get_process(session: Session, principal: Principal, review: Review, process_id: uuid.UUID) -> ParallelProcess:
    """A process of this review the caller may see (404 otherwise, another review's included)."""
    process = session.scalar(list_processes(principal, review).where(ParallelProcess.id == process_id))
    if process is None:
        raise NotFound("No such parallel process.")
    note_read(session, principal, process.case_id, ENTITY, process.id)
    return process


def holding_publication(session: Session, review: Review) -> list[ParallelProcess]:
    """The processes that hold the review's publication back now (marked so and not concluded), whoever asks:
    publication checks this before it goes ahead."""
    return list(session.scalars(select(ParallelProcess).where(
        ParallelProcess.review_id == review.id, ParallelProcess.holds_publication.is_(True),
        ParallelProcess.status != ParallelProcessStatus.concluded,
    ).order_by(ParallelProcess.created_at, ParallelProcess.id)))


def _agency(session: Session, agency_id: uuid.UUID | None) -> Agency | None:
    if agency_id is None:
        return None
    agency = session.get(Agency, agency_id)
    if agency is None or not agency.active:
        raise Invalid("Choose the agency running the process.",
                      errors=[("body.agency_id", "Choose the agency running the process")])
    return agency


def _check(process: ParallelProcess) -> None:
    """The rules that span fields, on the process as it will be saved."""
    errors: list[tuple[str, str]] = []
    for field, what in (("started_on", "The date it began"),
                        ("terms_of_reference_given_on", "The date the terms of reference were given"),
                        ("practitioner_event_date_given_on", "The date they were told of the practitioner event")):
        not_in_future(errors, f"body.{field}", getattr(process, field), what)
    if process.holds_publication and not process.publication_held_until:
        errors.append(("body.publication_held_until", "Enter what publication is held until"))
    if process.started_on and process.concluded_on and process.concluded_on < process.started_on:
        errors.append(("body.concluded_on", "The date it concluded must be on or after the date it began"))
    if errors:
        raise Invalid("The parallel process's details need correcting.", errors=errors)


def create(session: Session, actor: Principal, review: Review, data: ParallelProcessCreate) -> ParallelProcess:
    agency = _agency(session, data.agency_id)
    values = data.model_dump(exclude={"agency_id"})
    values["officer_in_charge_email"] = values["officer_in_charge_email"] or ""
    process = ParallelProcess(review_id=review.id, case_id=review.case_id, agency=agency, **values)
    _check(process)
    session.add(process)
    session.flush()
    audit.record(session, actor, "create", ENTITY, process.id,
                 f"Parallel process recorded: {process.title} ({review.child_reference})",
                 audit.snapshot(process, _FIELDS))
    return process


def update(session: Session, actor: Principal, process: ParallelProcess, data: ParallelProcessUpdate,
           if_match: str | None) -> ParallelProcess:
    PROCESS.check(actor, process, "edit")
    check_version(process, if_match)
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    before = audit.snapshot(process, _FIELDS)
    if "agency_id" in changes:
        process.agency = _agency(session, changes.pop("agency_id"))
    if "officer_in_charge_email" in changes:
        changes["officer_in_charge_email"] = changes["officer_in_charge_email"] or ""
    for key, value in changes.items():
        setattr(process, key, value)
    _check(process)
    PROCESS.take(session, actor, process, "edit", checked=True, summary=f"Changed {process.title}",
                 changes=audit.diff(before, audit.snapshot(process, _FIELDS)))
    return process


def begin(session: Session, actor: Principal, process: ParallelProcess, data: ParallelProcessBegin) -> ParallelProcess:
    PROCESS.check(actor, process, "begin")
    process.started_on = data.started_on
    _check(process)
    PROCESS.take(session, actor, process, "begin", checked=True, summary=f"{process.title} began",
                 changes={"started_on": data.started_on.isoformat()})
    return process


def conclude(session: Session, actor: Principal, process: ParallelProcess,
             data: ParallelProcessConclude) -> ParallelProcess:
    """Concluded: a hold on publication it had is released (the record keeps that it held it)."""
    PROCESS.check(actor, process, "conclude")
    errors: list[tuple[str, str]] = []
    not_in_future(errors, "body.concluded_on", data.concluded_on, "The date it concluded")
    if errors:
        raise Invalid("The parallel process's details need correcting.", errors=errors)
    process.concluded_on, process.outcome = data.concluded_on, data.outcome
    _check(process)
    PROCESS.take(session, actor, process, "conclude", checked=True,
                 summary=f"{process.title} concluded on {data.concluded_on:%-d %B %Y}",
                 changes={"concluded_on": data.concluded_on.isoformat(), "outcome": data.outcome})
    return process


def invite_officer(session: Session, actor: Principal, process: ParallelProcess,
                   data: OfficerInvitation) -> ParallelProcess:
    """Invite the officer in charge to one of the review's events through the events' own invitations (they get
    the personal sign-up link by e-mail), and record that they were told its date today."""
    PROCESS.check(actor, process, "invite_officer")
    try:
        event = events.get_event(session, actor, data.event_id)
    except NotFound:
        event = None
    if event is None or event.review_id != process.review_id:
        raise Invalid("Choose one of this review's events.", errors=[("body.event_id", "Choose one of this "
                                                                                       "review's events")])
    invitations.invite(session, actor, event, InvitationCreate(
        name=process.officer_in_charge_name, email=process.officer_in_charge_email, agency_id=process.agency_id,
        job_title="Officer in charge", involvement=process.title))
    PROCESS.take(session, actor, process, "invite_officer", checked=True,
                 apply={"practitioner_event_date_given_on": clock.today()},
                 summary=f"Invited {process.officer_in_charge_name} to {event.title} on {event.date:%-d %B %Y}",
                 changes={"event_id": str(event.id), "practitioner_event_date_given_on": clock.today().isoformat()})
    return process


def as_read(principal: Principal, process: ParallelProcess) -> ParallelProcessRead:
    return ParallelProcessRead.model_validate(process).model_copy(update={
        "agency_name": process.agency.name if process.agency else None,
        "allowed_actions": PROCESS.allowed_actions(principal, process)})
