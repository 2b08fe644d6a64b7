import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response
from sqlalchemy.orm import Session

from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.auth import DbSession, Requires
from backend.core.concurrency import VERSIONED_CREATE, VERSIONED_EDIT, VERSIONED_READ, IfMatch, set_etag
from backend.core.errors import PROBLEM_RESPONSES
from backend.core.pagination import Page, PageParams, page_params, paginate
from backend.core.schemas import QueryDate
from backend.core.visibility import in_scope
from backend.events import attendance, invitations, links, service, signups
from backend.events.models import Event, EventKind, EventStatus, SignUp, SignUpStatus
from backend.events.policy import EVENT, INVITATION, SIGN_UP
from backend.events.schemas import (
    AttendanceMarks,
    Attendees,
    EventCancel,
    EventCreate,
    EventCreated,
    EventRead,
    EventSummary,
    EventUpdate,
    InvitationCreate,
    InvitationCreated,
    InvitationRead,
    OpenLink,
    OpenLinkCreate,
    SignUpCancel,
    SignUpRead,
)

router = APIRouter(prefix="/api/v1/events", tags=["events"], responses=PROBLEM_RESPONSES)
# Every route under /{event_id} reaches the event through this: one the caller may not see is a 404, and its
# invitations and sign-ups are looked up within it.
EventInScope = Annotated[Event, in_scope(service.get_event, "event_id", P.events_read)]


def _step(name: str) -> Any:
    """The caller, checked at the edge for the permission the table gives the step (the event's state after)."""
    return Requires(EVENT.steps[name].permission)


def _read(session: Session, principal: Principal, event: Event, response: Response | None = None) -> EventRead:
    if response is not None:
        set_etag(response, event)
    return EventRead.build(event, service.counts_for(session, [event.id])[event.id],
                           service.allowed_actions(principal, event))


def _sign_up(principal: Principal, record: SignUp) -> SignUpRead:
    return SignUpRead.model_validate(record).model_copy(
        update={"allowed_actions": SIGN_UP.allowed_actions(principal, record)})


def _open_link(event: Event, token: str) -> OpenLink:
    return OpenLink(url=links.sign_up_url(token), token=token, expires_at=event.sign_up_expires_at)


@router.get("", response_model=Page[EventRead])
def list_events(
    session: DbSession, principal: Annotated[Principal, Requires(P.events_read)],
    page: Annotated[PageParams, Depends(page_params)],
    review_id: uuid.UUID | None = None, kind: EventKind | None = None, status: EventStatus | None = None,
    date_from: QueryDate | None = None, date_to: QueryDate | None = None,
) -> Page[EventRead]:
    """Events of the reviews the caller may see, soonest first, with places taken and left."""
    stmt = service.list_events(principal, review_id=review_id, kind=kind, status=status, date_from=date_from,
                               date_to=date_to)
    rows, total = paginate(session, stmt, page)
    counts = service.counts_for(session, [e.id for e in rows])
    items = [EventRead.build(e, counts[e.id], service.allowed_actions(principal, e)) for e in rows]
    return Page(items=items, total=total, **page.model_dump())


@router.post("", response_model=EventCreated, status_code=201, responses=VERSIONED_CREATE)
def create_event(session: DbSession, principal: Annotated[Principal, Requires(P.events_manage)], data: EventCreate,
                 response: Response) -> EventCreated:
    """Schedule an event for a review (business office). Its open sign-up link is in this response only.

    Opens the `event_reminder` deadline (and a `debrief` deadline for de-briefs), due on the day.
    """
    event, token = service.create_event(session, principal, data)
    return EventCreated(**_read(session, principal, event, response).model_dump(),
                        open_link=_open_link(event, token) if token else None)


@router.get("/{event_id}", response_model=EventRead, responses=VERSIONED_READ)
def read_event(session: DbSession, principal: Annotated[Principal, Requires(P.events_read)], event: EventInScope,
               response: Response) -> EventRead:
    """One event with its places taken; `ETag` is its version, for the next change's `If-Match`.
    `allowed_actions` names every step you may take on it now."""
    return _read(session, principal, event, response)


@router.patch("/{event_id}", response_model=EventRead, responses=VERSIONED_EDIT)
def update_event(
    session: DbSession, principal: Annotated[Principal, _step("edit")], event: EventInScope, data: EventUpdate,
    if_match: IfMatch, response: Response,
) -> EventRead:
    """Change an event (`edit`). A new time or place sends everyone holding a place an updated calendar invitation;
    more capacity offers places to the waiting list. Send the `ETag` you read as `If-Match`: without it 428;
    if the event has changed since, 412."""
    return _read(session, principal, service.update_event(session, principal, event, data, if_match), response)


@router.post("/{event_id}/cancel", response_model=EventRead, responses=VERSIONED_READ)
def cancel_event(
    session: DbSession, principal: Annotated[Principal, _step("cancel")], event: EventInScope, data: EventCancel,
    response: Response,
) -> EventRead:
    """Cancel the event: links stop working, deadlines are waived and everyone signed up is told."""
    return _read(session, principal, service.cancel_event(session, principal, event, data.reason), response)


@router.post("/{event_id}/open-link", response_model=OpenLink, status_code=201)
def replace_open_link(
    session: DbSession, principal: Annotated[Principal, _step("replace_open_link")], event: EventInScope,
    data: OpenLinkCreate,
) -> OpenLink:
    """Make a new open sign-up link (shown in this response only); any earlier link stops working."""
    event, token = service.replace_open_link(session, principal, event, data.expires_at)
    return _open_link(event, token)


@router.delete("/{event_id}/open-link", response_model=EventRead, responses=VERSIONED_READ)
def remove_open_link(session: DbSession, principal: Annotated[Principal, _step("remove_open_link")],
                     event: EventInScope, response: Response) -> EventRead:
    """Make the event invitation-only: the open link stops working."""
    return _read(session, principal, service.remove_open_link(session, principal, event), response)


@router.get("/{event_id}/invitations", response_model=list[InvitationRead])
def list_invitations(
    session: DbSession, principal: Annotated[Principal, Requires(P.events_read)], event: EventInScope,
) -> list[InvitationRead]:
    """Nominations and invitations (an agency sees its own), each with the steps you may take on it."""
    return invitations.read(session, principal,
                            list(session.scalars(invitations.visible_invitations(principal, event.id))))


@router.post("/{event_id}/invitations", response_model=InvitationCreated, status_code=201)
def invite(
    session: DbSession, principal: Annotated[Principal, Requires(P.events_nominate)], event: EventInScope,
    data: InvitationCreate,
) -> InvitationCreated:
    """Nominate a case-involved frontline practitioner from your agency (`nominate`), or (business office, `invite`)
    invite anyone, such as the officer in charge of a criminal case. The person is e-mailed a personal sign-up link,
    which is also in this response only."""
    invitation, token = invitations.invite(session, principal, event, data)
    read = invitations.read(session, principal, [invitation])[0]
    return InvitationCreated(**read.model_dump(), sign_up_url=links.sign_up_url(token))


@router.post("/{event_id}/invitations/{invitation_id}/revoke", response_model=InvitationRead)
def revoke_invitation(
    session: DbSession, principal: Annotated[Principal, Requires(INVITATION.steps["revoke"].permission)],
    event: EventInScope, invitation_id: uuid.UUID,
) -> InvitationRead:
    """Revoke an invitation: its link stops working at once (a place already taken stays until cancelled). An
    invitation to another event is not found here."""
    return invitations.read(session, principal, [invitations.revoke(session, principal, event, invitation_id)])[0]


@router.get("/{event_id}/attendees", response_model=Attendees)
def list_attendees(
    session: DbSession, principal: Annotated[Principal, Requires(P.events_read)], event: EventInScope,
    flagged: bool | None = None, status: SignUpStatus | None = None,
) -> Attendees:
    """Nominations and sign-ups: an agency sees only its own people; `flagged=true` lists the sign-ups the
    business office should look at (senior managers not directly involved)."""
    nominated = list(session.scalars(invitations.visible_invitations(principal, event.id)))
    records = session.scalars(attendance.visible_sign_ups(principal, event.id, flagged=flagged, status=status))
    return Attendees(nominations=invitations.read(session, principal, nominated),
                     sign_ups=[_sign_up(principal, s) for s in records])


@router.post("/{event_id}/sign-ups/{sign_up_id}/cancel", response_model=SignUpRead)
def cancel_sign_up(
    session: DbSession, principal: Annotated[Principal, Requires(SIGN_UP.steps["cancel"].permission)],
    event: EventInScope, sign_up_id: uuid.UUID, data: SignUpCancel,
) -> SignUpRead:
    """Cancel someone's place (business office, e.g. after speaking to a flagged senior manager); the place is
    offered to the waiting list. A sign-up for another event is not found here."""
    record = attendance.get_sign_up(session, principal, event, sign_up_id)
    signups.cancel(session, record, principal, data.reason)
    return _sign_up(principal, record)


@router.post("/{event_id}/attendance", response_model=list[SignUpRead])
def mark_attendance(
    session: DbSession, principal: Annotated[Principal, _step("mark_attendance")], event: EventInScope,
    data: AttendanceMarks,
) -> list[SignUpRead]:
    """Record who attended (business office), once the event has started, for those still holding a place."""
    records = attendance.mark_attendance(session, principal, event, data.marks)
    service.mark_held(session, event)
    return [_sign_up(principal, r) for r in sorted(records, key=lambda r: r.queue_number)]


@router.get("/{event_id}/summary", response_model=EventSummary)
def summary(session: DbSession, principal: Annotated[Principal, Requires(P.events_read)],
            event: EventInScope) -> EventSummary:
    """Invited, confirmed, waiting and attended, by agency (an agency sees its own numbers)."""
    return attendance.summary(session, principal, event)
