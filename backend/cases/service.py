"""Cases: opened by the record that starts one, renamed in one place, read through their stages."""

import uuid
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.cases import identifying
from backend.cases.access import note_read
from backend.cases.models import Case, CaseAccess
from backend.cases.policy import sees_identifying_details_of, stage_clauses, visible_cases
from backend.cases.schemas import IdentifyingDetail
from backend.core.access import Permission, Principal
from backend.core.concurrency import check_version
from backend.core.db import Base
from backend.core.errors import Conflict, Forbidden, NotFound
from backend.family_engagement.models import FamilyMember
from backend.family_engagement.policy import visible_family
from backend.incident_notifications.models import IncidentNotification
from backend.information_requests.models import InformationRequest
from backend.rapid_reviews.models import RapidReview
from backend.referrals.models import Referral
from backend.reviews.models import Review

ENTITY = "case"
# Tables that hold a case's bookkeeping, not its records: they never keep a case open.
_CASE_HOUSEKEEPING = frozenset({"case_access_log", "deadlines"})
_SOURCE_TYPES: dict[type, str] = {Referral: "referral", IncidentNotification: "incident_notification",
                                  FamilyMember: "family_member"}


def reference_taken(session: Session, reference: str, *, other_than: uuid.UUID | None = None) -> bool:
    stmt = select(Case.id).where(Case.reference == reference)
    if other_than is not None:
        stmt = stmt.where(Case.id != other_than)
    return session.scalar(stmt.limit(1)) is not None


def _check_free(session: Session, reference: str, field: str, case_id: uuid.UUID | None = None) -> None:
    if reference_taken(session, reference, other_than=case_id):
        raise Conflict(f"{reference} is already the reference of another child's case: choose another.",
                       errors=[(field, "already the reference of another case")])


def open_case(session: Session, actor: Principal | None, reference: str, *,
              field: str = "body.child_reference") -> Case:
    """A new child's case, named by `reference`; a reference another case holds is a 409 naming `field`."""
    _check_free(session, reference, field)
    case = Case(reference=reference)
    session.add(case)
    session.flush()
    audit.record(session, actor, "create", ENTITY, case.id, f"Case opened for {reference}", {"reference": reference})
    return case


def rename(session: Session, actor: Principal | None, case: Case, reference: str, *,
           field: str = "body.reference") -> dict[str, str] | None:
    """Give the case a new reference: every stage, deadline and e-mail shows it from now on.

    Returns the change (for the caller's own audit row), or None when the reference is unchanged.
    """
    if reference == case.reference:
        return None
    _check_free(session, reference, field, case.id)
    change = {"from": case.reference, "to": reference}
    case.reference = reference
    session.flush()
    audit.record(session, actor, "rename", ENTITY, case.id, f"Case renamed {change['from']} to {reference}",
                 {"reference": change})
    return change


def close_if_empty(session: Session, actor: Principal, case: Case) -> bool:
    """Remove a case nothing hangs off any more (its only record, an agency's draft, was deleted), so its reference
    is free again. Every table with a `case_id` counts, whichever domain added it; the case's access log goes with
    it, while the audit log keeps who read and who deleted what."""
    for table in Base.metadata.sorted_tables:
        if table.name in _CASE_HOUSEKEEPING or "case_id" not in table.c:
            continue
        if session.scalar(select(table.c.case_id).where(table.c.case_id == case.id).limit(1)) is not None:
            return False
    session.execute(delete(CaseAccess).where(CaseAccess.case_id == case.id))
    audit.record(session, actor, "delete", ENTITY, case.id, f"Case {case.reference} closed: nothing remains in it")
    session.delete(case)
    session.flush()
    return True


def search(principal: Principal, *, reference: str | None = None) -> Select[Case]:
    """The cases the caller may see (a case with only an agency's unsigned draft referral is that agency's own),
    newest first."""
    stmt = select(Case).where(visible_cases(principal))
    if reference:
        stmt = stmt.where(Case.reference.ilike(f"%{reference.strip()}%"))
    return stmt.order_by(Case.created_at.desc(), Case.id)


def get_case(session: Session, principal: Principal, case_id: uuid.UUID) -> Case:
    """One case, if the caller may see at least one of its records; otherwise 404."""
    case = session.scalar(select(Case).where(Case.id == case_id, visible_cases(principal)))
    if case is None:
        raise NotFound("No such case.")
    note_read(session, principal, case.id, ENTITY, case.id)
    return case


def update_case(session: Session, actor: Principal, case_id: uuid.UUID, reference: str,
                if_match: str | None) -> Case:
    case = get_case(session, actor, case_id)
    check_version(case, if_match)
    rename(session, actor, case, reference)
    return case


Stage = TypeVar("Stage", IncidentNotification, Referral, RapidReview, InformationRequest, Review)


@dataclass
class Stages:
    """The records of one case that the caller may see, oldest first."""

    notifications: list[IncidentNotification]
    referrals: list[Referral]
    rapid_reviews: list[RapidReview]
    information_requests: list[InformationRequest]
    reviews: list[Review]


def stages(session: Session, principal: Principal, case: Case) -> Stages:
    clauses = stage_clauses(principal)

    def visible(model: type[Stage]) -> list[Stage]:
        if model not in clauses:
            return []
        return list(session.scalars(select(model).where(model.case_id == case.id, clauses[model])
                                    .order_by(model.created_at, model.id)))

    return Stages(notifications=visible(IncidentNotification), referrals=visible(Referral),
                  rapid_reviews=visible(RapidReview), information_requests=visible(InformationRequest),
                  reviews=visible(Review))


def identifying_details(session: Session, principal: Principal, case_id: uuid.UUID) -> tuple[Case,
                                                                                              list[IdentifyingDetail]]:
    """What identifies the child and family, from the records whose details the caller may see; audited.

    An agency asked for information about the child sees what it needs to find its own records (the child's
    name, date of birth and address, the family members' names), whoever gave them, and nothing more.
    403 for a caller who may see the case but none of its identifying details.
    """
    case = get_case(session, principal, case_id)
    found = stages(session, principal, case)
    records: list[Referral | IncidentNotification] = [*found.notifications, *found.referrals]
    sources: list[identifying.Source] = [r for r in records if sees_identifying_details_of(principal, r)]
    # The genogram of each review of the case whose family records the caller sees (its lead reviewer's included).
    family_reviews = list(session.scalars(select(Review.id).where(Review.case_id == case.id,
                                                                 visible_family(principal))))
    sources += session.scalars(select(FamilyMember).where(FamilyMember.review_id.in_(family_reviews))
                               .order_by(FamilyMember.created_at, FamilyMember.id))
    details = identifying.gather(session, sources)
    asked = not principal.can(Permission.identifying_details_read) and any(
        principal.in_agency(r.agency_id) for r in found.information_requests)
    if asked:
        everything = identifying.gather(session, identifying.records_of(session, case.id))
        details += [d for d in identifying.to_find_records(everything) if d not in details]
    elif not sources and not family_reviews and not principal.can(Permission.identifying_details_read):
        raise Forbidden("Only the business office, safeguarding partners, the review's lead reviewer, the agency that "
                        "referred or notified the child and the agencies asked for information may see who the "
                        "child and family are.")
    audit.record_identifying_read(
        session, principal, ENTITY, case.id, f"Read the identifying details of {case.reference}",
        {"sources": [{"record_type": _SOURCE_TYPES[type(r)], "record_id": r.id} for r in sources],
         "as_agency_asked_for_information": asked})
    return case, details
