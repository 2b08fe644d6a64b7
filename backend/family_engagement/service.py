"""The family engagement log and the genogram of a review."""

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.cases.access import note_read
from backend.core.access import Principal
from backend.core.concurrency import check_version
from backend.core.dates import not_in_future
from backend.core.errors import Conflict, Invalid, NotFound
from backend.family_engagement.models import (
    FamilyAnswer,
    FamilyContact,
    FamilyContactKind,
    FamilyMember,
    FamilyRelationship,
)
from backend.family_engagement.policy import (
    CONTACT_ACTIONS,
    GENOGRAM_ACTIONS,
    LOG_ACTIONS,
    MEMBER_ACTIONS,
    RELATIONSHIP_ACTIONS,
    allowed,
    visible_family,
)
from backend.family_engagement.schemas import (
    FamilyContactCreate,
    FamilyContactRead,
    FamilyContactUpdate,
    FamilyLog,
    FamilyMemberCreate,
    FamilyMemberRead,
    FamilyMemberUpdate,
    FamilyRelationshipCreate,
    FamilyRelationshipRead,
    Genogram,
)
from backend.reviews.models import Review

K = FamilyContactKind
A = FamilyAnswer
_CONTACT = ("review_id", "kind", "occurred_on", "with_whom", "delivered_by", "answer", "answered_on", "notes")
_MEMBER = ("review_id", "name", "relationship_to_child", "date_of_birth", "address", "household", "deceased", "notes")
# The answers each kind of entry takes, and whether one is required.
_ANSWERS: dict[FamilyContactKind, tuple[frozenset[FamilyAnswer], str | None]] = {
    K.medical_records_consent: (frozenset({A.given, A.refused}), "Select whether consent was given or refused"),
    K.findings_offer: (frozenset({A.accepted, A.declined}), None),
}


def review_for_family(session: Session, principal: Principal, review: Review) -> Review:
    """The review (already found through its own scoped getter), if the caller sees its family records; else 404."""
    if session.scalar(select(Review.id).where(Review.id == review.id, visible_family(principal))) is None:
        raise NotFound("No such review.")
    return review


# The log.

def _contacts(review: Review) -> Select[FamilyContact]:
    return (select(FamilyContact).where(FamilyContact.review_id == review.id)
            .order_by(FamilyContact.occurred_on, FamilyContact.created_at, FamilyContact.id))


def log(session: Session, principal: Principal, review: Review) -> FamilyLog:
    contacts = [contact_read(principal, c) for c in session.scalars(_contacts(review))]
    return FamilyLog(review_id=review.id, child_reference=review.child_reference, contacts=contacts,
                     allowed_actions=allowed(principal, LOG_ACTIONS))


def get_contact(session: Session, principal: Principal, review: Review, contact_id: uuid.UUID) -> FamilyContact:
    contact = session.scalar(_contacts(review).where(FamilyContact.id == contact_id))
    if contact is None:
        raise NotFound("No such entry in the family engagement log.")
    note_read(session, principal, contact.case_id, "family_contact", contact.id)
    return contact


def _check_contact(contact: FamilyContact) -> None:
    errors: list[tuple[str, str]] = []
    not_in_future(errors, "body.occurred_on", contact.occurred_on, "The date")
    not_in_future(errors, "body.answered_on", contact.answered_on, "The date they answered")
    if contact.kind == K.initial_letter and not contact.delivered_by:
        errors.append(("body.delivered_by", "Enter who delivered the letter"))
    answers, required = _ANSWERS.get(contact.kind, (frozenset(), None))
    if contact.answer is None and required:
        errors.append(("body.answer", required))
    elif contact.answer is not None and contact.answer not in answers:
        errors.append(("body.answer", "This kind of entry does not take that answer" if answers
                       else "Only consent and the offer of the findings take an answer"))
    if contact.answered_on and contact.answered_on < contact.occurred_on:
        errors.append(("body.answered_on", "The date they answered must be on or after the date of the entry"))
    if errors:
        raise Invalid("The entry needs correcting.", errors=errors)


def record_contact(session: Session, actor: Principal, review: Review, data: FamilyContactCreate) -> FamilyContact:
    contact = FamilyContact(review_id=review.id, case_id=review.case_id, recorded_by_name=actor.name,
                            **data.model_dump())
    _check_contact(contact)
    session.add(contact)
    session.flush()
    audit.record(session, actor, "create", "family_contact", contact.id,
                 f"Family engagement recorded: {contact.kind.value.replace('_', ' ')} ({review.child_reference})",
                 audit.snapshot(contact, _CONTACT))
    return contact


def update_contact(session: Session, actor: Principal, contact: FamilyContact, data: FamilyContactUpdate,
                   if_match: str | None) -> FamilyContact:
    check_version(contact, if_match)
    before = audit.snapshot(contact, _CONTACT)
    for key, value in data.model_dump(exclude_unset=True).items():
        setattr(contact, key, value)
    _check_contact(contact)
    session.flush()
    audit.record(session, actor, "update", "family_contact", contact.id, "Changed a family engagement entry",
                 audit.diff(before, audit.snapshot(contact, _CONTACT)))
    return contact


def contact_read(principal: Principal, contact: FamilyContact) -> FamilyContactRead:
    return FamilyContactRead.model_validate(contact).model_copy(
        update={"allowed_actions": allowed(principal, CONTACT_ACTIONS)})


def findings_offered_on(session: Session, review: Review) -> dt.date | None:
    """When the family were last offered to hear the findings before publication (None if never): publication
    checks this."""
    return session.scalar(select(FamilyContact.occurred_on).where(
        FamilyContact.review_id == review.id, FamilyContact.kind == K.findings_offer,
    ).order_by(FamilyContact.occurred_on.desc()).limit(1))


# The genogram.

def _members(review: Review) -> Select[FamilyMember]:
    """Oldest first (a genogram reads down the generations); those without a date of birth last, by name."""
    return (select(FamilyMember).where(FamilyMember.review_id == review.id)
            .order_by(FamilyMember.date_of_birth.is_(None), FamilyMember.date_of_birth, FamilyMember.name,
                      FamilyMember.id))


def _relationships(review: Review) -> Select[FamilyRelationship]:
    return (select(FamilyRelationship).where(FamilyRelationship.review_id == review.id)
            .order_by(FamilyRelationship.created_at, FamilyRelationship.id))


def genogram(session: Session, principal: Principal, review: Review) -> Genogram:
    """The genogram, which names the family: a read of the case's identifying details, audited (one row)."""
    members = list(session.scalars(_members(review)))
    relationships = list(session.scalars(_relationships(review)))
    note_read(session, principal, review.case_id, "genogram", review.id)
    audit.record_identifying_read(
        session, principal, "case", review.case_id, f"Read the genogram of {review.child_reference}",
        {"sources": [{"record_type": "family_member", "record_id": m.id} for m in members]})
    return Genogram(
        review_id=review.id, child_reference=review.child_reference,
        members=[member_read(principal, m) for m in members],
        relationships=[relationship_read(principal, r) for r in relationships],
        allowed_actions=allowed(principal, GENOGRAM_ACTIONS))


def get_member(session: Session, principal: Principal, review: Review, member_id: uuid.UUID) -> FamilyMember:
    member = session.scalar(_members(review).where(FamilyMember.id == member_id))
    if member is None:
        raise NotFound("No such family member.")
    note_read(session, principal, member.case_id, "family_member", member.id)
    return member


def _check_member(member: FamilyMember) -> None:
    errors: list[tuple[str, str]] = []
    not_in_future(errors, "body.date_of_birth", member.date_of_birth, "Date of birth")
    if errors:
        raise Invalid("The family member's details need correcting.", errors=errors)


def add_member(session: Session, actor: Principal, review: Review, data: FamilyMemberCreate) -> FamilyMember:
    member = FamilyMember(review_id=review.id, case_id=review.case_id, **data.model_dump())
    _check_member(member)
    session.add(member)
    session.flush()
    # The audit row says who was added by relationship only: the log is read more widely than the genogram.
    audit.record(session, actor, "create", "family_member", member.id,
                 f"Added {member.relationship_to_child} to the genogram ({review.child_reference})",
                 {"relationship_to_child": member.relationship_to_child, "review_id": str(review.id)})
    return member


def update_member(session: Session, actor: Principal, member: FamilyMember, data: FamilyMemberUpdate,
                  if_match: str | None) -> FamilyMember:
    check_version(member, if_match)
    before = audit.snapshot(member, _MEMBER)
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    for key, value in changes.items():
        setattr(member, key, value)
    _check_member(member)
    session.flush()
    changed = sorted(audit.diff(before, audit.snapshot(member, _MEMBER)))
    audit.record(session, actor, "update", "family_member", member.id,
                 f"Changed {member.relationship_to_child} in the genogram", {"fields_changed": changed})
    return member


def remove_member(session: Session, actor: Principal, member: FamilyMember) -> None:
    for line in session.scalars(select(FamilyRelationship).where(
            (FamilyRelationship.from_member_id == member.id) | (FamilyRelationship.to_member_id == member.id))):
        session.delete(line)
    session.delete(member)
    session.flush()
    audit.record(session, actor, "delete", "family_member", member.id,
                 f"Removed {member.relationship_to_child} from the genogram", {})


def member_read(principal: Principal, member: FamilyMember) -> FamilyMemberRead:
    return FamilyMemberRead.model_validate(member).model_copy(
        update={"allowed_actions": allowed(principal, MEMBER_ACTIONS)})


def add_relationship(session: Session, actor: Principal, review: Review,
                     data: FamilyRelationshipCreate) -> FamilyRelationship:
    ids = {m.id for m in session.scalars(_members(review).where(
        FamilyMember.id.in_([data.from_member_id, data.to_member_id])))}
    errors = [(f"body.{field}", "Choose a member of this genogram")
              for field in ("from_member_id", "to_member_id") if getattr(data, field) not in ids]
    if not errors and data.from_member_id == data.to_member_id:
        errors.append(("body.to_member_id", "Choose two different people"))
    if errors:
        raise Invalid("The relationship needs correcting.", errors=errors)
    if session.scalar(select(FamilyRelationship.id).where(
            FamilyRelationship.from_member_id == data.from_member_id,
            FamilyRelationship.to_member_id == data.to_member_id, FamilyRelationship.kind == data.kind)):
        raise Conflict("This relationship is already in the genogram.", errors=[("body.kind", "already recorded")])
    line = FamilyRelationship(review_id=review.id, **data.model_dump())
    session.add(line)
    session.flush()
    audit.record(session, actor, "create", "family_relationship", line.id,
                 f"Genogram: {line.from_member.relationship_to_child} is the {line.kind.value.replace('_', ' ')} "
                 f"of {line.to_member.relationship_to_child}", {"kind": line.kind.value})
    return line


def relationship_read(principal: Principal, line: FamilyRelationship) -> FamilyRelationshipRead:
    return FamilyRelationshipRead.model_validate(line).model_copy(
        update={"allowed_actions": allowed(principal, RELATIONSHIP_ACTIONS)})


def remove_relationship(session: Session, actor: Principal, review: Review, relationship_id: uuid.UUID) -> None:
    line = session.scalar(_relationships(review).where(FamilyRelationship.id == relationship_id))
    if line is None:
        raise NotFound("No such relationship.")
    session.delete(line)
    session.flush()
    audit.record(session, actor, "delete", "family_relationship", line.id, "Removed a line from the genogram", {})


def audit_member_read(session: Session, principal: Principal, review: Review, member: FamilyMember) -> None:
    audit.record_identifying_read(
        session, principal, "case", review.case_id, f"Read a family member's details ({review.child_reference})",
        {"sources": [{"record_type": "family_member", "record_id": member.id}]})
