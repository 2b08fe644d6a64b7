"""Demo stage 1 data: a notified serious incident whose rapid review is gathering information, the agreed referral's
rapid review decided by the three safeguarding partners (one of them disagreeing, with reasons), and another
notification's rapid review awaiting two of the three partners' positions.

Every name, place and event here is invented for the demo.
"""

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.cases.models import Case
from backend.core import clock
from backend.core.access import Role
from backend.core.concurrency import etag
from backend.core.errors import NotFound
from backend.identity.models import Agency, AgencyKind, User
from backend.incident_notifications import service as notifications
from backend.incident_notifications.models import IncidentCategory
from backend.incident_notifications.schemas import IncidentNotificationCreate, NotifiedChildDetails
from backend.information_requests import service as information_requests
from backend.information_requests.schemas import InformationRequestCreate, InformationResponse, KeyContact
from backend.rapid_reviews import briefing, meeting
from backend.rapid_reviews import service as rapid_reviews
from backend.rapid_reviews.models import RapidReview, Recommendation
from backend.rapid_reviews.schemas import (
    Attendee,
    LearningBriefingUpdate,
    MeetingCreate,
    RapidReviewPartnerPosition,
    RapidReviewRecommendationCreate,
)
from backend.referrals.models import Referral


def _agency(agencies: dict[str, Agency], kind: AgencyKind, hint: str = "") -> Agency:
    matches = [a for a in agencies.values() if a.kind == kind and hint.lower() in a.name.lower()]
    if not matches:
        raise LookupError(f"The demo needs a {kind.value} agency{' named like ' + hint if hint else ''}.")
    return sorted(matches, key=lambda a: (a.safeguarding_partner is None, a.name))[0]


def _user(users: dict[str, User], role: Role, agency: Agency | None = None) -> User:
    for user in users.values():
        if user.role == role and (agency is None or user.agency_id == agency.id):
            return user
    raise LookupError(f"The demo needs a {role.value} user.")


def seed_demo_rapid_reviews(session: Session, agencies: dict[str, Agency], users: dict[str, User]) -> None:
    """A notification for "Child HT" with an open rapid review: the police have answered, the hospital has not."""
    trust = _agency(agencies, AgencyKind.childrens_social_care)
    police = _agency(agencies, AgencyKind.police)
    hospital = _agency(agencies, AgencyKind.health, "hospital")
    gp = _agency(agencies, AgencyKind.health, "medical practice")
    office = _user(users, Role.business_office).as_principal()
    police_lead = _user(users, Role.agency_lead, police).as_principal()

    today = clock.today()
    notification = notifications.create_notification(session, office, IncidentNotificationCreate(
        child_reference="Child HT",
        incident_date=today - dt.timedelta(days=9),
        became_aware_on=today - dt.timedelta(days=8),
        notified_panel_on=today - dt.timedelta(days=6),
        category=IncidentCategory.serious_harm,
        abuse_or_neglect_suspected=True,
        notifying_agency_id=trust.id,
        agency_ids=[trust.id, police.id, hospital.id, gp.id],
        summary=("A nine-week-old baby was brought to the emergency department with a skull fracture and older "
                 "rib fractures. The explanation given did not account for the injuries. The baby's older sibling "
                 "had been open to early help for missed health appointments."),
        children=[NotifiedChildDetails(name="Harley Tamsin Vale", date_of_birth=today - dt.timedelta(weeks=10),
                                       sex="Male", ethnicity="White British",
                                       address="14 Saltmarsh Row, Harbourside HB4 2QT")],
    ))
    rapid_review = rapid_reviews.for_notification(session, notification.id)
    if rapid_review is None:
        raise RuntimeError("A serious harm notification opens a rapid review.")
    police_request, _hospital_request = information_requests.create_requests(
        session, office, rapid_review, InformationRequestCreate(
            agency_ids=[police.id, hospital.id],
            note="Please cover the six months before the incident, including any contact with the older sibling.",
        ))
    information_requests.submit(session, police_lead, police_request.id, InformationResponse(
        involvement=("Two domestic abuse incidents at the home address in the previous year, both graded standard "
                     "risk; no children were recorded as present at the second."),
        key_contacts=[
            KeyContact(date=today - dt.timedelta(days=140), contact_type="Domestic abuse call-out",
                       summary="Verbal argument reported by a neighbour; no offences disclosed."),
            KeyContact(date=today - dt.timedelta(days=60), contact_type="Domestic abuse call-out",
                       summary="Mother reported being pushed; declined to support a prosecution."),
        ],
        analysis=("The pregnancy was not recorded at the second call-out, so no referral to children's social care "
                  "was considered and the risk assessment did not account for an unborn baby."),
        immediate_learning="Officers attending domestic abuse incidents should ask about pregnancy and record it.",
        actions_taken="A briefing on unborn babies in domestic abuse risk assessments went to all response teams.",
        good_practice="Both incidents were shared with the multi-agency safeguarding hub within 24 hours.",
        author_name="Dan Reilly", author_role="Detective sergeant, child protection",
    ))
    document = briefing.briefing_of(session, rapid_review)
    briefing.update_briefing(session, office, rapid_review, LearningBriefingUpdate(
        case_in_brief="A baby under three months old suffered serious non-accidental injuries at home.",
        questions_for_your_team="How do you find out who lives in, and visits, a home where there is a new baby?",
    ), etag(document))
    _decided_by_the_partners(session, users)
    _awaiting_two_partners(session, agencies, users)


def _meeting(session: Session, office_user: User, rapid_review: RapidReview, held_on: dt.date, facts: str) -> None:
    meeting.record_meeting(session, office_user.as_principal(), rapid_review, MeetingCreate(
        held_on=held_on, facts_reviewed=facts, immediate_action_needed=False,
        attendees=[Attendee(name="Dr Nkechi Obi", role="Designated doctor (chair)",
                            agency="Harbourside Integrated Care Board"),
                   Attendee(name="Alison Grant", role="Head of the child protection team", agency="Harbourside Police"),
                   Attendee(name="Helen Morris", role="Service manager", agency="Harbourside Children's Trust")]))


def _decided_by_the_partners(session: Session, users: dict[str, User]) -> None:
    """Child HW's rapid review (opened when the partners agreed the referral): the meeting recommended no local
    review; the local authority and the integrated care board agreed, the police disagreed with reasons, so the
    majority decided not to hold one."""
    referral = session.scalar(select(Referral).join(Case, Case.id == Referral.case_id)
                              .where(Case.reference == "Child HW"))
    rapid_review = rapid_reviews.for_referral(session, referral.id) if referral else None
    if rapid_review is None:
        raise NotFound("The demo's agreed referral opens a rapid review.")
    office = users["business.office"]
    today = clock.today()
    _meeting(session, office, rapid_review, today - dt.timedelta(days=3),
             "The trust's, the police's and the hospital's chronologies, and the GP's records of the mother's "
             "treatment.")
    rapid_reviews.make_recommendation(session, office.as_principal(), rapid_review, RapidReviewRecommendationCreate(
        recommendation=Recommendation.no_cspr,
        rationale="The learning is about safe storage advice when take-home doses change, already being taken "
                  "forward by the drug service and the health visiting team.",
        learning_mechanisms=["Single-agency review by the drug service", "Learning briefing to all agencies"]))
    for partner, hold, reasons in (
            ("la.partner", False, "The single-agency review and the briefing will take the learning forward."),
            ("icb.partner", False, ""),
            ("police.partner", True, "Information about the closed child protection plan was not shared with the "
                                     "drug service; that is multi-agency learning a local review should examine.")):
        rapid_reviews.record_partner_position(session, users[partner].as_principal(), rapid_review,
                                              RapidReviewPartnerPosition(hold_cspr=hold, reasons=reasons,
                                                                         recorded_on=today - dt.timedelta(days=1)))


def _awaiting_two_partners(session: Session, agencies: dict[str, Agency], users: dict[str, User]) -> None:
    """Child KP's rapid review: the meeting recommended a local review; the integrated care board agreed, and the
    local authority's and the police's positions are still to come (on their partners' dashboards)."""
    trust = _agency(agencies, AgencyKind.childrens_social_care)
    police = _agency(agencies, AgencyKind.police)
    school = agencies["Riverside Academy"]
    office = users["business.office"]
    today = clock.today()
    notification = notifications.create_notification(session, office.as_principal(), IncidentNotificationCreate(
        child_reference="Child KP",
        incident_date=today - dt.timedelta(days=12),
        became_aware_on=today - dt.timedelta(days=11),
        notified_panel_on=today - dt.timedelta(days=10),
        category=IncidentCategory.serious_harm,
        abuse_or_neglect_suspected=True,
        notifying_agency_id=trust.id,
        agency_ids=[trust.id, police.id, school.id],
        summary=("A fourteen-year-old was found with serious stab wounds after going missing for three days. "
                 "The school had raised concerns about older boys collecting him at the gates."),
        children=[NotifiedChildDetails(name="Kian Patrick Doyle", date_of_birth=today - dt.timedelta(weeks=740),
                                       sex="Male", ethnicity="White Irish",
                                       address="7 Ropewalk Court, Harbourside HB2 6LD")],
    ))
    rapid_review = rapid_reviews.for_notification(session, notification.id)
    if rapid_review is None:
        raise RuntimeError("A serious harm notification opens a rapid review.")
    _meeting(session, office, rapid_review, today - dt.timedelta(days=2),
             "The school's record of concerns, two missing episodes and the police's exploitation screening.")
    rapid_reviews.make_recommendation(session, office.as_principal(), rapid_review, RapidReviewRecommendationCreate(
        recommendation=Recommendation.local_cspr,
        rationale="Criminal exploitation was suspected for months; the agencies' screening tools disagreed."))
    rapid_reviews.record_partner_position(session, users["icb.partner"].as_principal(), rapid_review,
                                          RapidReviewPartnerPosition(hold_cspr=True, reasons="The GP and school "
                                                                     "nurse records show missed chances to ask."))
