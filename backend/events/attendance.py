"""Who is coming, who came, and the numbers by agency, each held to what the caller's agency may see."""

import uuid
from collections import defaultdict

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from backend.core import clock
from backend.core.access import Principal
from backend.core.errors import Invalid, NotFound
from backend.events.invitations import visible_invitations
from backend.events.models import Event, SignUp, SignUpStatus
from backend.events.policy import EVENT, SIGN_UP, attendee_scope
from backend.events.schemas import AgencyNumbers, AttendanceMark, EventSummary

NO_AGENCY = "No agency given"


def visible_sign_ups(principal: Principal, event_id: uuid.UUID, *, flagged: bool | None = None,
                     status: SignUpStatus | None = None) -> Select[SignUp]:
    stmt = select(SignUp).where(SignUp.event_id == event_id, attendee_scope(principal, SignUp.agency_id))
    if flagged is not None:
        stmt = stmt.where(SignUp.flagged.is_(flagged))
    if status is not None:
        stmt = stmt.where(SignUp.status == status)
    return stmt.order_by(SignUp.queue_number)


def get_sign_up(session: Session, principal: Principal, event: Event, sign_up_id: uuid.UUID) -> SignUp:
    """A sign-up of this event that the caller may see (404 otherwise, another event's included)."""
    record = session.scalar(visible_sign_ups(principal, event.id).where(SignUp.id == sign_up_id))
    if record is None:
        raise NotFound("No such sign-up.")
    return record


def mark_attendance(session: Session, actor: Principal, event: Event, marks: list[AttendanceMark]) -> list[SignUp]:
    """Attended yes/no per sign-up still holding a place, once the event has started (it can be corrected
    afterwards)."""
    EVENT.check(actor, event, "mark_attendance")
    wanted = {mark.sign_up_id: mark.attended for mark in marks}
    found = {s.id: s for s in session.scalars(select(SignUp).where(
        SignUp.event_id == event.id, SignUp.id.in_(list(wanted))))}
    missing = [f"body.marks.{i}.sign_up_id" for i, mark in enumerate(marks) if mark.sign_up_id not in found]
    if missing:
        raise Invalid("Some sign-ups are not for this event.", errors=[(m, "not a sign-up for this event")
                                                                        for m in missing])
    for record in found.values():
        SIGN_UP.check(actor, record, "mark_attendance")
    changes = {}
    for sign_up_id, attended in wanted.items():
        record = found[sign_up_id]
        if record.attended != attended:
            changes[str(sign_up_id)] = {"name": record.name, "from": record.attended, "to": attended}
        record.attended = attended
        record.attendance_marked_at = clock.now()
    EVENT.take(session, actor, event, "mark_attendance", checked=True,
               summary=f"Recorded attendance for {len(wanted)} at {event.title}", changes=changes)
    return list(found.values())


def _agency_key(record_agency_id: uuid.UUID | None, agency_name: str) -> tuple[uuid.UUID | None, str]:
    # Sign-ups without a chosen agency are grouped by the name typed in, ignoring case and spacing.
    return (record_agency_id, "") if record_agency_id else (None, " ".join(agency_name.lower().split()))


def summary(session: Session, principal: Principal, event: Event) -> EventSummary:
    """Invited, confirmed, waiting and attended, per agency (an agency sees its own row only)."""
    rows: dict[tuple[uuid.UUID | None, str], AgencyNumbers] = {}

    def row(agency_id: uuid.UUID | None, name: str) -> AgencyNumbers:
        key = _agency_key(agency_id, name)
        if key not in rows:
            rows[key] = AgencyNumbers(agency_id=agency_id, agency_name=name or NO_AGENCY)
        return rows[key]

    for invitation in session.scalars(visible_invitations(principal, event.id)):
        if invitation.revoked_at is None:
            row(invitation.agency_id, invitation.agency.name if invitation.agency else NO_AGENCY).invited += 1
    tallies: dict[SignUpStatus, str] = {SignUpStatus.confirmed: "confirmed", SignUpStatus.waiting_list: "waiting"}
    for record in session.scalars(visible_sign_ups(principal, event.id)):
        numbers = row(record.agency_id, record.agency.name if record.agency else record.agency_name)
        if record.status in tallies:
            setattr(numbers, tallies[record.status], getattr(numbers, tallies[record.status]) + 1)
        if record.attended:
            numbers.attended += 1
    agencies = sorted(rows.values(), key=lambda r: (r.agency_id is None, r.agency_name.lower()))
    totals: dict[str, int] = defaultdict(int)
    for numbers in agencies:
        for name in ("invited", "confirmed", "waiting", "attended"):
            totals[name] += getattr(numbers, name)
    return EventSummary(event_id=event.id, capacity=event.capacity, agencies=agencies,
                        totals=AgencyNumbers(agency_id=None, agency_name="All agencies", **totals))
