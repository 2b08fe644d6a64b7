"""The records the access matrix (tests/test_access_matrix.py) calls each route about, found in the demo partnership.

RECORDS maps a path parameter's name to a finder: given the session, the caller's own agency and another
agency, it returns the path parameters naming a record of each (`own`, `other`), or one record when the kind
belongs to no agency (then `other` is None). A route's last path parameter chooses the finder; a nested
route's finder names its parents too. Where two kinds share a parameter's name (`{member_id}` of a review group
and of a family), the key is the path's tail ending at that parameter ("family/members/{member_id}"): the
longest tail in RECORDS wins over the bare name. A new kind of record adds one finder here.
"""

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.actions.models import AgencyAction
from backend.analysis_reports.models import AnalysisReport
from backend.calendar.models import ClosureDay
from backend.chronologies.models import AgencyChronology, ChronologyEntry
from backend.events.models import Event, Invitation, SignUp
from backend.family_engagement.models import FamilyContact, FamilyMember, FamilyRelationship
from backend.identity.models import Agency, IntegrationClient, User
from backend.incident_notifications.models import IncidentNotification
from backend.information_requests.models import InformationRequest
from backend.integrations.models import WebhookDelivery, WebhookSubscription
from backend.learning.models import Dissemination
from backend.overview_reports.models import ReportComment, ReportVersion
from backend.parallel_processes.models import ParallelProcess
from backend.practitioner_engagement.models import OneToOne
from backend.rapid_reviews.models import ImmediateAction, RapidReview
from backend.recommendations.models import Recommendation
from backend.referrals.models import Referral
from backend.reminders.models import OutboxMessage
from backend.review_groups.models import ReviewGroupMeeting, ReviewGroupMember
from backend.reviews.models import Review, ReviewDelay
from backend.terms_of_reference.models import TermsOfReferenceVersion
from backend.themes.models import Theme

Params = dict[str, str]
Finder = Callable[[Session, Agency, Agency], tuple[Params, Params | None]]


def _first(session: Session, statement: Any) -> Any:
    found = session.scalars(statement.limit(1)).first()
    assert found is not None, f"the demo partnership has no record for {statement}"
    return found


def _per_agency(model: Any, name: str, order: Any = None, parents: Callable[[Any], Params] = lambda found: {}
                ) -> Finder:
    """Records held by one agency: the caller's own agency's, and another agency's (`parents` names the record's
    parents in the path)."""
    def find(session: Session, own: Agency, other: Agency) -> tuple[Params, Params | None]:
        def one(agency: Agency) -> Params | None:
            statement = select(model).where(model.agency_id == agency.id).order_by(order or model.id)
            found = session.scalars(statement.limit(1)).first()
            return {**parents(found), name: str(found.id)} if found is not None else None
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
        found = session.scalars(select(model).order_by(model.created_at, model.id).limit(1)).first()
        if found is None:  # none in the demo: the route is still held to its permission, about one not there
            event = _first(session, select(Event).order_by(Event.created_at))
            return {"event_id": str(event.id), name: str(uuid.uuid4())}, None
        return {"event_id": str(found.event_id), name: str(found.id)}, None
    return find


def _review(session: Session) -> Review:
    """The review the matrix calls about: the demo's most recently decided (Child LW's, part-way through, with
    agencies' submissions, engagement and parallel processes). Ids are random: never choose by id."""
    return _first(session, select(Review).order_by(Review.decided_on.desc(), Review.created_at))


def _in_review(model: Any, name: str, parent: Callable[[Session, Any], Params] | None = None) -> Finder:
    """Records of a review that belong to no agency (the review's own visibility rule holds them): the first the demo
    has, named with its review (and `parent`), or a made-up one on the demo's first review."""
    def find(session: Session, own: Agency, other: Agency) -> tuple[Params, Params | None]:
        review = _review(session)
        found = session.scalars(select(model).order_by(model.review_id != review.id, model.created_at, model.id)
                                .limit(1)).first() if hasattr(model, "review_id") else \
            session.scalars(select(model).order_by(model.created_at, model.id).limit(1)).first()
        if found is None:
            made_up = {"review_id": str(review.id), name: str(uuid.uuid4())}
            if parent is not None:  # a child of a record not there: its parent made up too
                made_up.update({key: str(uuid.uuid4()) for key in parent(session, None)})
            return made_up, None
        parents = parent(session, found) if parent else {"review_id": str(found.review_id)}
        return {**parents, name: str(found.id)}, None
    return find


def _report_version(session: Session, version: Any) -> Params:
    if version is None:
        return {"version_id": ""}
    return {"review_id": str(version.review_id), "version_id": str(version.id)}


def _report_comment(session: Session, comment: Any) -> Params:
    if comment is None:
        return {}
    version = session.get_one(ReportVersion, comment.version_id)
    return {"review_id": str(version.review_id)}


def _chronology_entry(session: Session, own: Agency, other: Agency) -> tuple[Params, Params | None]:
    return _per_agency(ChronologyEntry, "entry_id", ChronologyEntry.created_at,
                       lambda entry: {"chronology_id": str(entry.chronology_id)})(session, own, other)


def _recommendation(session: Session, own: Agency, other: Agency) -> tuple[Params, Params | None]:
    """A recommendation to the caller's agency, and one to another agency (not to the caller's)."""
    rows = session.scalars(select(Recommendation).order_by(Recommendation.created_at)).all()
    mine = next((r for r in rows if own in r.agencies), rows[0])
    theirs = next((r for r in rows if r.agencies and own not in r.agencies), None)
    return {"recommendation_id": str(mine.id)}, ({"recommendation_id": str(theirs.id)} if theirs else None)


def _review_document(session: Session, own: Agency, other: Agency) -> tuple[Params, Params | None]:
    return {"review_id": str(_review(session).id), "document": "overview_report"}, None


def _held(model: Any, name: str, parents: Callable[[Any], Params]) -> Finder:
    """A record its agency holds, where the demo has one held by another agency only (the police's investigation
    and the officer it invited): the caller's agency's, or a made-up one beside the other's (not there for anyone);
    and another agency's."""
    def find(session: Session, own: Agency, other: Agency) -> tuple[Params, Params | None]:
        def one(agency: Agency | None) -> Any:
            held = model.agency_id == agency.id if agency is not None else model.agency_id.is_not(None)
            return session.scalars(select(model).where(held).order_by(model.created_at, model.id).limit(1)).first()
        mine, theirs = one(own), one(other)
        if mine is not None:
            return ({**parents(mine), name: str(mine.id)},
                    {**parents(theirs), name: str(theirs.id)} if theirs else None)
        found = theirs if theirs is not None else one(None)
        assert found is not None, f"the demo partnership has no {model.__name__} held by an agency"
        return {**parents(found), name: str(uuid.uuid4())}, {**parents(found), name: str(found.id)}
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
    "rapid-reviews/{rapid_review_id}/immediate-actions/{action_id}": _action,
    "actions/{action_id}": _per_agency(AgencyAction, "action_id", AgencyAction.created_at),
    "request_id": _per_agency(InformationRequest, "request_id"),
    "review_id": lambda session, own, other: ({"review_id": str(_review(session).id)}, None),
    "delay_id": _in_review(ReviewDelay, "delay_id"),
    "chronology_id": _per_agency(AgencyChronology, "chronology_id", AgencyChronology.created_at),
    "entry_id": _chronology_entry,
    "report_id": _per_agency(AnalysisReport, "report_id", AnalysisReport.created_at),
    "review-group/members/{member_id}": _in_review(ReviewGroupMember, "member_id"),
    "meeting_id": _in_review(ReviewGroupMeeting, "meeting_id"),
    "terms-of-reference/versions/{version_id}": _in_review(TermsOfReferenceVersion, "version_id"),
    "overview-report/versions/{version_id}": _in_review(ReportVersion, "version_id", _report_version),
    "comment_id": _in_review(ReportComment, "comment_id", _report_comment),
    "document": _review_document,
    "theme_id": _single(Theme, "theme_id"),
    "dissemination_id": _per_agency(Dissemination, "dissemination_id", Dissemination.created_at),
    "recommendation_id": _recommendation,
    "one_to_one_id": _per_agency(OneToOne, "one_to_one_id", OneToOne.created_at,
                                 lambda found: {"review_id": str(found.review_id)}),
    "contact_id": _in_review(FamilyContact, "contact_id"),
    "family/members/{member_id}": _in_review(FamilyMember, "member_id"),
    "relationship_id": _in_review(FamilyRelationship, "relationship_id"),
    "process_id": _held(ParallelProcess, "process_id", lambda found: {"review_id": str(found.review_id)}),
    # The demo's next event (the others are past, where a change answers 409): ids are random, never chosen by.
    "event_id": lambda session, own, other: (
        {"event_id": str(_first(session, select(Event).order_by(Event.date.desc())).id)}, None),
    "invitation_id": _held(Invitation, "invitation_id", lambda found: {"event_id": str(found.event_id)}),
    "sign_up_id": _in_event(SignUp, "sign_up_id"),
    "message_id": _single(OutboxMessage, "message_id"),
    "subscription_id": _per_agency(WebhookSubscription, "subscription_id"),
    "delivery_id": _single(WebhookDelivery, "delivery_id"),
    "kind": lambda session, own, other: ({"kind": "default"}, None),
    "token": lambda session, own, other: ({"token": "not-a-real-link-token"}, None),
}
