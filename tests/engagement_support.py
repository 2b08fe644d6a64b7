"""A review with its lead reviewer, agencies and people, for the practitioner, family and parallel process tests."""

from dataclasses import dataclass

from backend.core.access import Role
from backend.identity.models import Agency, AgencyKind, User
from backend.reviews.models import Review
from tests.events_support import review_for


@dataclass
class ReviewPeople:
    review: Review
    office: User
    reviewer: User
    other_reviewer: User
    police: Agency
    trust: Agency
    outsider: Agency
    police_lead: User
    trust_lead: User
    outsider_lead: User
    strategic: User
    scrutineer: User

    @property
    def url(self) -> str:
        return f"/api/v1/reviews/{self.review.id}"


def people(db, make) -> ReviewPeople:
    police = make.agency("Harbourside Police", AgencyKind.police, statutory=True)
    trust = make.agency("Harbourside Children's Trust", AgencyKind.childrens_social_care, statutory=True)
    outsider = make.agency("Faraway School", AgencyKind.education)
    review = review_for(db, police, trust, child_reference="Child LW")
    reviewer, other_reviewer = make.user(Role.lead_reviewer), make.user(Role.lead_reviewer)
    review.lead_reviewer_id = reviewer.id
    other = review_for(db, police, child_reference="Child ZZ")
    other.lead_reviewer_id = other_reviewer.id
    db.flush()
    return ReviewPeople(
        review=review, office=make.user(Role.business_office), reviewer=reviewer, other_reviewer=other_reviewer,
        police=police, trust=trust, outsider=outsider, police_lead=make.user(Role.agency_lead, police),
        trust_lead=make.user(Role.agency_lead, trust), outsider_lead=make.user(Role.agency_lead, outsider),
        strategic=make.user(Role.strategic_lead), scrutineer=make.user(Role.scrutineer))
