"""Demo stage 1 data: a notified serious incident whose rapid review is gathering information.

Every name, place and event here is invented for the demo.
"""

import datetime as dt

from sqlalchemy.orm import Session

from backend.core import clock
from backend.core.access import Role
from backend.core.concurrency import etag
from backend.identity.models import Agency, AgencyKind, User
from backend.incident_notifications import service as notifications
from backend.incident_notifications.characteristics import (
    Ethnicity,
    LookedAfterStatus,
    PlanStatus,
    Sex,
    YesNoNotKnown,
)
from backend.incident_notifications.models import IncidentCategory
from backend.incident_notifications.schemas import IncidentNotificationCreate, NotifiedChildDetails
from backend.information_requests import service as information_requests
from backend.information_requests.schemas import InformationRequestCreate, InformationResponse, KeyContact
from backend.rapid_reviews import briefing
from backend.rapid_reviews import service as rapid_reviews
from backend.rapid_reviews.schemas import LearningBriefingUpdate


def _agency(agencies: dict[str, Agency], kind: AgencyKind, hint: str = "") -> Agency:
    matches = [a for a in agencies.values() if a.kind == kind and hint.lower() in a.name.lower()]
    if not matches:
        raise LookupError(f"The demo needs a {kind.value} agency{' named like ' + hint if hint else ''}.")
    return sorted(matches, key=lambda a: (not a.statutory_partner, a.name))[0]


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
        incident_council="Harbourside City Council", home_council="Saltmarsh District Council",
        summary=("A nine-week-old baby was brought to the emergency department with a skull fracture and older "
                 "rib fractures. The explanation given did not account for the injuries. When examined the same "
                 "day, the baby's two-year-old sister had bruising to her face and upper arms that was not "
                 "explained. She had been open to early help for missed health appointments."),
        children=[
            NotifiedChildDetails(
                name="Harley Tamsin Vale", date_of_birth=today - dt.timedelta(weeks=10),
                address="14 Saltmarsh Row, Harbourside HB4 2QT", sex=Sex.male,
                ethnicity=Ethnicity.mixed_white_and_black_african, disability=YesNoNotKnown.no,
                looked_after_status=LookedAfterStatus.not_looked_after, child_in_need_plan=PlanStatus.never,
                child_protection_plan=PlanStatus.never, known_to_agencies=YesNoNotKnown.yes,
                known_agencies="Midwifery, health visiting and the GP practice"),
            NotifiedChildDetails(
                name="Skye Marie Vale", date_of_birth=today - dt.timedelta(days=2 * 365 + 100),
                address="14 Saltmarsh Row, Harbourside HB4 2QT", sex=Sex.female,
                ethnicity=Ethnicity.mixed_white_and_black_african, disability=YesNoNotKnown.yes,
                disability_description="Global developmental delay; under the community paediatrician",
                looked_after_status=LookedAfterStatus.not_looked_after, child_in_need_plan=PlanStatus.past,
                child_protection_plan=PlanStatus.never, known_to_agencies=YesNoNotKnown.yes,
                known_agencies="Early help, health visiting, the GP practice and community paediatrics"),
        ],
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
