"""A review at the agencies' submissions stage, with three involved agencies and the people who work on it."""

import datetime as dt
from dataclasses import dataclass

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from backend.core import clock
from backend.core.access import Role
from backend.identity.models import Agency, AgencyKind, User
from backend.reviews import service as reviews
from backend.reviews.models import Review
from backend.reviews.schemas import ReviewStageChange, ReviewStep
from tests.conftest import Factory
from tests.review_process import ready_for


@dataclass
class ReviewAtSubmissions:
    client: TestClient
    make: Factory
    review: Review
    office: User
    reviewer: User
    police: Agency
    trust: Agency
    school: Agency
    police_lead: User
    police_manager: User
    trust_lead: User
    school_lead: User
    uninvolved_lead: User
    other_reviewer: User

    @property
    def due(self) -> str:
        return (clock.today() + dt.timedelta(days=28)).isoformat()

    def as_(self, user: User) -> dict[str, str]:
        return self.make.headers(user)

    def url(self, tail: str = "") -> str:
        return f"/api/v1/reviews/{self.review.id}{tail}"


def review_at_submissions(client: TestClient, db: Session, make: Factory, *,
                          stage_steps: tuple[ReviewStep, ...] = (ReviewStep.begin_terms_of_reference,
                                                                 ReviewStep.begin_agency_submissions),
                          reference: str = "Child TW") -> ReviewAtSubmissions:
    police = make.agency("Harbourside Police", AgencyKind.police, statutory=True)
    trust = make.agency("Harbourside Children's Trust", AgencyKind.childrens_social_care, statutory=True)
    school = make.agency("Riverside Academy", AgencyKind.education)
    office = make.user(Role.business_office, name="Priya Shah")
    reviewer = make.user(Role.lead_reviewer, name="Ruth Kaplan")
    review = reviews.create_review(db, None, case=make.case(reference),
                                   decided_on=clock.today() - dt.timedelta(days=40),
                                   agency_ids=[police.id, trust.id, school.id])
    review.lead_reviewer = reviewer
    db.flush()
    for step in stage_steps:
        ready_for(client, make, office, str(review.id), step.value)  # what the stage table asks first, done
        reviews.change_stage(db, office.as_principal(), review.id, ReviewStageChange(step=step))
    return ReviewAtSubmissions(
        client=client, make=make, review=review, office=office, reviewer=reviewer, police=police, trust=trust,
        school=school, police_lead=make.user(Role.agency_lead, police, name="Dan Reilly"),
        police_manager=make.user(Role.agency_manager, police, name="Alison Grant"),
        trust_lead=make.user(Role.agency_lead, trust, name="Tom Okafor"),
        school_lead=make.user(Role.agency_lead, school, name="Mark Ellis"),
        uninvolved_lead=make.user(Role.agency_lead, make.agency("Harbourside Homes")),
        other_reviewer=make.user(Role.lead_reviewer, name="Another Reviewer"))
