"""One-to-one discussions of a review: offered, then held or declined; and what the review's task list says of
its practitioner engagement."""

import uuid

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.cases.access import note_read
from backend.core.access import Principal
from backend.core.concurrency import check_version
from backend.core.dates import not_in_future
from backend.core.errors import Invalid, NotFound
from backend.identity.models import Agency
from backend.practitioner_engagement.models import OneToOne
from backend.practitioner_engagement.policy import ONE_TO_ONE, visible_one_to_ones
from backend.practitioner_engagement.schemas import (
    OneToOneCreate,
    OneToOneDeclined,
    OneToOneHeld,
    OneToOneRead,
    OneToOneUpdate,
)
from backend.reviews.models import Review

ENTITY = "one_to_one"
_FIELDS = ("review_id", "agency_id", "practitioner_name", "practitioner_role", "offered_on", "offered_by", "state",
           "held_on", "held_by", "declined_on", "notes")


def list_one_to_ones(principal: Principal, review: Review) -> Select[OneToOne]:
    return (select(OneToOne).join(Review, Review.id == OneToOne.review_id)
            .where(OneToOne.review_id == review.id, visible_one_to_ones(principal))
            .order_by(OneToOne.offered_on, OneToOne.created_at, OneToOne.id))


def get_one_to_one(session: Session, principal: Principal, review: Review, one_to_one_id: uuid.UUID) -> OneToOne:
    """A one-to-one of this review the caller may see (404 otherwise, another review's included)."""
    record = session.scalar(list_one_to_ones(principal, review).where(OneToOne.id == one_to_one_id))
    if record is None:
        raise NotFound("No such one-to-one discussion.")
    note_read(session, principal, record.case_id, ENTITY, record.id)
    return record


def _agency(session: Session, agency_id: uuid.UUID) -> Agency:
    agency = session.get(Agency, agency_id)
    if agency is None or not agency.active:
        raise Invalid("Choose the practitioner's agency.",
                      errors=[("body.agency_id", "Choose the practitioner's agency")])
    return agency


def create(session: Session, actor: Principal, review: Review, data: OneToOneCreate) -> OneToOne:
    errors: list[tuple[str, str]] = []
    not_in_future(errors, "body.offered_on", data.offered_on, "The date it was offered")
    if errors:
        raise Invalid("The one-to-one's details need correcting.", errors=errors)
    agency = _agency(session, data.agency_id)
    record = OneToOne(review_id=review.id, case_id=review.case_id, agency=agency,
                      **data.model_dump(exclude={"agency_id"}))
    session.add(record)
    session.flush()
    audit.record(session, actor, "create", ENTITY, record.id,
                 f"One-to-one offered to {record.practitioner_name} ({review.child_reference})",
                 audit.snapshot(record, _FIELDS))
    return record


def update(session: Session, actor: Principal, record: OneToOne, data: OneToOneUpdate,
           if_match: str | None) -> OneToOne:
    ONE_TO_ONE.check(actor, record, "edit")
    check_version(record, if_match)
    changes = data.model_dump(exclude_unset=True)
    errors: list[tuple[str, str]] = []
    not_in_future(errors, "body.offered_on", changes.get("offered_on"), "The date it was offered")
    if errors:
        raise Invalid("The one-to-one's details need correcting.", errors=errors)
    if "agency_id" in changes:
        record.agency = _agency(session, changes.pop("agency_id"))
    before = audit.snapshot(record, _FIELDS)
    ONE_TO_ONE.take(session, actor, record, "edit", checked=True, apply=changes,
                    summary=f"Changed the one-to-one with {record.practitioner_name}",
                    changes=audit.diff(before, audit.snapshot(record, _FIELDS)))
    return record


def record_held(session: Session, actor: Principal, record: OneToOne, data: OneToOneHeld) -> OneToOne:
    ONE_TO_ONE.check(actor, record, "record_held")
    errors: list[tuple[str, str]] = []
    not_in_future(errors, "body.held_on", data.held_on, "The date it was held")
    if data.held_on < record.offered_on:
        errors.append(("body.held_on", "The date it was held must be on or after the date it was offered"))
    if errors:
        raise Invalid("The one-to-one's details need correcting.", errors=errors)
    apply = {"held_on": data.held_on, "held_by": data.held_by} | ({"notes": data.notes} if data.notes else {})
    ONE_TO_ONE.take(session, actor, record, "record_held", checked=True, apply=apply,
                    summary=f"One-to-one with {record.practitioner_name} held on {data.held_on:%-d %B %Y}",
                    changes={"held_on": data.held_on.isoformat(), "held_by": data.held_by})
    return record


def record_declined(session: Session, actor: Principal, record: OneToOne, data: OneToOneDeclined) -> OneToOne:
    ONE_TO_ONE.check(actor, record, "record_declined")
    errors: list[tuple[str, str]] = []
    not_in_future(errors, "body.declined_on", data.declined_on, "The date it was declined")
    if data.declined_on < record.offered_on:
        errors.append(("body.declined_on", "The date it was declined must be on or after the date it was offered"))
    if errors:
        raise Invalid("The one-to-one's details need correcting.", errors=errors)
    apply = {"declined_on": data.declined_on} | ({"notes": data.notes} if data.notes else {})
    ONE_TO_ONE.take(session, actor, record, "record_declined", checked=True, apply=apply,
                    summary=f"{record.practitioner_name} declined a one-to-one",
                    changes={"declined_on": data.declined_on.isoformat()})
    return record


def as_read(principal: Principal, record: OneToOne) -> OneToOneRead:
    return OneToOneRead.model_validate(record).model_copy(update={
        "agency_name": record.agency.name, "allowed_actions": ONE_TO_ONE.allowed_actions(principal, record)})

