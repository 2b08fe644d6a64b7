"""Nominations and invitations: agencies name their case-involved practitioners; the business office anyone."""

import uuid

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.core import clock
from backend.core.access import Permission, Principal
from backend.core.errors import Conflict, Forbidden, Invalid, NotFound
from backend.events import emails, links
from backend.events import events as practitioner_emails
from backend.events.models import Event, Invitation, SignUp, SignUpStatus
from backend.events.policy import EVENT, INVITATION, attendee_scope
from backend.events.schemas import InvitationCreate, InvitationRead
from backend.identity.models import Agency

_FIELDS = ("event_id", "agency_id", "name", "email", "job_title", "team", "involvement")


def _agency_for(session: Session, actor: Principal, step: str, requested: uuid.UUID | None) -> uuid.UUID | None:
    if step == "nominate":
        if requested is not None and requested != actor.agency_id:
            raise Forbidden("You can nominate practitioners from your own agency only.")
        return actor.agency_id
    if requested is None:
        return None
    agency = session.get(Agency, requested)
    if agency is None or not agency.active:
        raise Invalid("No such agency.", errors=[("body.agency_id", "not a partnership agency")])
    return agency.id


def invite(session: Session, actor: Principal, event: Event, data: InvitationCreate) -> tuple[Invitation, str]:
    """Nominate (agency) or invite (business office) one practitioner; the link is e-mailed to them."""
    step = "invite" if actor.can(Permission.events_manage) else "nominate"
    EVENT.check(actor, event, step)
    agency_id = _agency_for(session, actor, step, data.agency_id)
    email = data.email.lower()
    if session.scalar(select(Invitation.id).where(
            Invitation.event_id == event.id, Invitation.email == email, Invitation.revoked_at.is_(None))):
        raise Conflict("This person has already been invited to this event.",
                       errors=[("body.email", "already invited")])
    token = links.new_token()
    invitation = Invitation(event_id=event.id, agency_id=agency_id, name=data.name, email=email,
                            job_title=data.job_title, team=data.team, involvement=data.involvement,
                            token_hash=links.hash_token(token), invited_by_id=actor.id, invited_by_name=actor.name)
    session.add(invitation)
    session.flush()
    verb = "Invited" if step == "invite" else "Nominated"
    EVENT.take(session, actor, event, step, checked=True, summary=f"{verb} {invitation.name} to {event.title}",
               changes=audit.snapshot(invitation, _FIELDS), audited_as=("event_invitation", invitation.id))
    practitioner_emails.publish_message(
        session, practitioner_emails.InvitationSent, emails.invitation_message(invitation, event, token),
        event=event, subject_id=invitation.id, agency_id=agency_id)
    return invitation, token


def visible_invitations(principal: Principal, event_id: uuid.UUID) -> Select[Invitation]:
    return (select(Invitation).where(Invitation.event_id == event_id, attendee_scope(principal, Invitation.agency_id))
            .order_by(Invitation.created_at, Invitation.id))


def get_invitation(session: Session, principal: Principal, event: Event, invitation_id: uuid.UUID) -> Invitation:
    """An invitation of this event that the caller may see (404 otherwise, another event's included)."""
    invitation = session.scalar(visible_invitations(principal, event.id).where(Invitation.id == invitation_id))
    if invitation is None:
        raise NotFound("No such invitation.")
    return invitation


def revoke(session: Session, actor: Principal, event: Event, invitation_id: uuid.UUID) -> Invitation:
    """The link stops working at once; a place already taken with it stays until cancelled."""
    invitation = get_invitation(session, actor, event, invitation_id)
    INVITATION.take(session, actor, invitation, "revoke", apply={"revoked_at": clock.now()},
                    summary=f"Revoked the invitation of {invitation.name} to {event.title}")
    return invitation


def read(session: Session, principal: Principal, invitations: list[Invitation]) -> list[InvitationRead]:
    """As staff see them, each with whether its link has been used and the steps the caller may take on it."""
    used = set(session.scalars(select(SignUp.invitation_id).where(
        SignUp.invitation_id.in_([i.id for i in invitations]), SignUp.status != SignUpStatus.cancelled)))
    return [InvitationRead.model_validate(i).model_copy(update={
        "agency_name": i.agency.name if i.agency else None, "signed_up": i.id in used,
        "allowed_actions": INVITATION.allowed_actions(principal, i)}) for i in invitations]
