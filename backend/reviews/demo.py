"""The demo reviews' commissioning, review group and terms of reference, as the business office, the lead reviewer
and the scrutineer would have recorded them (invented people and words), dated from each review's decision."""

import datetime as dt
from collections.abc import Mapping

from sqlalchemy.orm import Session

from backend.core.concurrency import etag
from backend.events import service as events
from backend.identity.models import Agency, User
from backend.review_groups import service as groups
from backend.review_groups.schemas import GroupMeetingCreate, MemberCreate
from backend.reviews import commissioning
from backend.reviews.models import Review
from backend.reviews.schemas import ReviewUpdate
from backend.reviews.service import update_review
from backend.terms_of_reference import service as terms
from backend.terms_of_reference.schemas import (
    AgreementCreate,
    AuthorBriefingCreate,
    ObservationCreate,
    TermsOfReferenceVersionCreate,
    TermsOfReferenceVersionUpdate,
)

TERMS = (
    "The review will consider multi-agency practice with the child and their family from the child's birth to the "
    "incident, and how agencies shared information, recognised risk and heard the child's voice. It will take a "
    "systems approach: why practice happened as it did, not who was at fault."
)
LINES_OF_ENQUIRY = [
    "How well did agencies share information about the adults in the household, and act on it?",
    "How was the child's lived experience understood and recorded, and was their voice heard?",
    "Were escalation routes used when professionals disagreed about the level of risk?",
    "What was the impact of the COVID-19 restrictions on face-to-face contact with the family?",
]
# (agency, role) of each member beyond the lead reviewer who chairs the group.
MEMBERS = (
    ("Harbourside Children's Trust", "Head of service, safeguarding"),
    ("Harbourside Integrated Care Board", "Designated nurse for safeguarding children"),
    ("Harbourside Police", "Detective chief inspector, safeguarding"),
    ("Harbourside University Hospitals NHS Trust", "Named nurse for safeguarding children"),
    ("Harbourside Homes", "Tenancy safeguarding lead"),
)
_NAMES = ("Helen Morris", "Dr Amira Haddad", "Alison Grant", "Grace Adeyemi", "Colin Pryce")


def seed_review_process(session: Session, review: Review, agencies: Mapping[str, Agency],
                        users: Mapping[str, User]) -> None:
    """Commissioned (lead reviewer, national bodies told), a review group of the guidance's composition with two
    meetings, terms of reference agreed after the scrutineer's observations, and the authors' briefing held."""
    office, reviewer = users["business.office"].as_principal(), users["lead.reviewer"]
    scrutineer = users["scrutineer"].as_principal()
    decided = review.decided_on
    update_review(session, office, review.id, ReviewUpdate(lead_reviewer_id=reviewer.id), etag(review))
    for notice in commissioning.send_notices(session, office, review):
        notice.sent_on = decided + dt.timedelta(days=3)

    chair = groups.add_member(session, office, review, MemberCreate(user_id=reviewer.id, role="Chair (lead reviewer)"))
    members = [chair] + [
        groups.add_member(session, office, review, MemberCreate(name=name, agency_id=agencies[agency].id, role=role))
        for name, (agency, role) in zip(_NAMES, MEMBERS, strict=True)]
    lead = reviewer.as_principal()
    first = groups.record_meeting(session, lead, review, GroupMeetingCreate(
        held_on=decided + dt.timedelta(days=10), attendee_ids=[m.id for m in members],
        minutes="The group considered the rapid review report and the scrutineer's views, and scoped the terms of "
                "reference. The period under review is agreed as the child's birth to the incident.",
        decisions="The lead reviewer to circulate draft terms of reference and key lines of enquiry within a week.",
        family_engagement="The allocated social worker delivered the letter to the child's mother; she would like "
                          "to speak with the lead reviewer. The father has not yet been reached."))
    version = terms.new_version(session, lead, review,
                                TermsOfReferenceVersionCreate(terms=TERMS, key_lines_of_enquiry=LINES_OF_ENQUIRY[:3]))
    terms.add_observation(session, scrutineer, review, version.id, ObservationCreate(
        text="The lines of enquiry should ask how the pandemic restrictions shaped contact with the family; the "
             "rapid review noted no face-to-face visits for eleven weeks."))
    terms.update_version(session, lead, review, version.id,
                         TermsOfReferenceVersionUpdate(key_lines_of_enquiry=LINES_OF_ENQUIRY), etag(version))
    second = groups.record_meeting(session, lead, review, GroupMeetingCreate(
        held_on=decided + dt.timedelta(days=17), attendee_ids=[m.id for m in members[:-1]],
        minutes="The group reviewed the draft terms of reference with the scrutineer's observation, which was "
                "accepted as a fourth line of enquiry.",
        decisions="Terms of reference agreed. Authors' briefing to be held within two weeks.",
        family_engagement="The mother has consented to the review group accessing her medical records. A meeting "
                          "with the lead reviewer is being arranged at a place of her choosing."))
    terms.agree_version(session, lead, review, version.id,
                        AgreementCreate(agreed_on=second.held_on, meeting_id=second.id))
    event = terms.schedule_author_briefing(session, office, review, AuthorBriefingCreate(
        date=decided + dt.timedelta(days=24), start_time=dt.time(10, 0), end_time=dt.time(11, 30),
        location="Harbourside Civic Centre, Committee Room 2", capacity=20))
    events.mark_held(session, event)
    del first
