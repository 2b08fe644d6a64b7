"""The records the access matrix (tests/test_access_matrix.py) calls each route about, found in the demo partnership.

RECORDS maps a path parameter's name to a finder: given the session, the caller's own agency and another
agency, it returns the path parameters naming a record of each (`own`, `other`), or one record when the kind
belongs to no agency (then `other` is None). A route's last path parameter chooses the finder; a nested
route's finder names its parents too. A new kind of record adds one finder here.
"""

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.calendar.models import ClosureDay
from backend.events.models import Event, Invitation, SignUp
from backend.identity.models import Agency, IntegrationClient, User
from backend.incident_notifications.models import IncidentNotification
from backend.information_requests.models import InformationRequest
from backend.integrations.models import WebhookDelivery, WebhookSubscription
from backend.rapid_reviews.models import ImmediateAction, RapidReview
from backend.referrals.models import Referral
from backend.reminders.models import OutboxMessage
from backend.reviews.models import Review

Params = dict[str, str]
Finder = Callable[[Session, Agency, Agency], tuple[Params, Params | None]]


def _first(session: Session, statement: Any) -> Any:
    found = session.scalars(statement.limit(1)).first()
    assert found is not None, f"the demo partnership has no record for {statement}"
    return found


def _per_agency(model: Any, name: str, order: Any = None) -> Finder:
    def find(session: Session, own: Agency, other: Agency) -> tuple[Params, Params | None]:
        def one(agency: Agency) -> Params | None:
            statement = select(model).where(model.agency_id == agency.id).order_by(order or model.id)
            found = session.scalars(statement.limit(1)).first()
            return {name: str(found.id)} if found is not None else None
        mine, theirs = one(own), one(other)
        return (mine or theirs or {name: str(uuid.uuid4())}), (theirs if mine else None)
    return find


def _single(model: Any, name: str) -> Finder:
    def find(session: Session, own: Agency, other: Agency) -> tuple[Params, Params | None]:
        found = session.scalars(select(model).order_by(model.id).limit(1)).first()
        return {name: str(found.id if found is not None else uuid.uuid4())}, None
    return find


def _with_agency(model: Any, name: str) -> Finder:
    """Records that involve agencies (a notification, a rapid review): one involving the caller's agency, and one
    not involving it."""
    def find(session: Session, own: Agency, other: Agency) -> tuple[Params, Params | None]:
        rows = session.scalars(select(model).order_by(model.created_at)).all()
        mine = next(r for r in rows if own in r.agencies)
        theirs = next((r for r in rows if own not in r.agencies), None)
        return {name: str(mine.id)}, ({name: str(theirs.id)} if theirs else None)
    return find


def _referral(session: Session, own: Agency, other: Agency) -> tuple[Params, Params | None]:
    # A draft where there is one: a draft is its agency's own until submitted, the sharpest test of a leak.
    def one(agency: Agency) -> Referral:
        return _first(session, select(Referral).where(Referral.agency_id == agency.id)
                      .order_by((Referral.state != "draft"), Referral.created_at))
    return {"referral_id": str(one(own).id)}, {"referral_id": str(one(other).id)}


def _case(session: Session, own: Agency, other: Agency) -> tuple[Params, Params | None]:
    own_referral, other_referral = _referral(session, own, other)
    assert other_referral is not None
    return ({"case_id": str(session.get_one(Referral, uuid.UUID(own_referral["referral_id"])).case_id)},
            {"case_id": str(session.get_one(Referral, uuid.UUID(other_referral["referral_id"])).case_id)})


def _action(session: Session, own: Agency, other: Agency) -> tuple[Params, Params | None]:
    def one(mine: bool) -> Params | None:
        held = ImmediateAction.agency_id == own.id if mine else ImmediateAction.agency_id != own.id
        action = session.scalars(select(ImmediateAction).where(held).order_by(ImmediateAction.created_at)).first()
        return {"rapid_review_id": str(action.rapid_review_id), "action_id": str(action.id)} if action else None
    mine, theirs = one(True), one(False)
    if mine is None:  # the demo gives the caller's agency no action: another agency's is the one to test
        mine, theirs = theirs, None
    if mine is None:  # none at all: the route is still held to its permission, about an action that is not there
        rapid_review = _first(session, select(RapidReview).order_by(RapidReview.created_at))
        mine = {"rapid_review_id": str(rapid_review.id), "action_id": str(uuid.uuid4())}
    return mine, theirs


def _in_event(model: Any, name: str) -> Finder:
    def find(session: Session, own: Agency, other: Agency) -> tuple[Params, Params | None]:
        found = session.scalars(select(model).order_by(model.created_at).limit(1)).first()
        if found is None:  # none in the demo: the route is still held to its permission, about one not there
            event = _first(session, select(Event).order_by(Event.created_at))
            return {"event_id": str(event.id), name: str(uuid.uuid4())}, None
        return {"event_id": str(found.event_id), name: str(found.id)}, None
    return find


def _agency(session: Session, own: Agency, other: Agency) -> tuple[Params, Params | None]:
    return {"agency_id": str(own.id)}, {"agency_id": str(other.id)}


RECORDS: dict[str, Finder] = {
    "agency_id": _agency,
    "user_id": _per_agency(User, "user_id", User.email),
    "client_id": _per_agency(IntegrationClient, "client_id"),
    "closure_id": _single(ClosureDay, "closure_id"),
    "case_id": _case,
    "referral_id": _referral,
    "notification_id": _with_agency(IncidentNotification, "notification_id"),
    "rapid_review_id": _with_agency(RapidReview, "rapid_review_id"),
    "action_id": _action,
    "request_id": _per_agency(InformationRequest, "request_id"),
    "review_id": _single(Review, "review_id"),
    "event_id": _single(Event, "event_id"),
    "invitation_id": _in_event(Invitation, "invitation_id"),
    "sign_up_id": _in_event(SignUp, "sign_up_id"),
    "message_id": _single(OutboxMessage, "message_id"),
    "subscription_id": _per_agency(WebhookSubscription, "subscription_id"),
    "delivery_id": _single(WebhookDelivery, "delivery_id"),
    "kind": lambda session, own, other: ({"kind": "default"}, None),
    "token": lambda session, own, other: ({"token": "not-a-real-link-token"}, None),
}
