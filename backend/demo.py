"""A believable demo partnership for `make run` and the end-to-end tests (our own invented names)."""

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.actions.demo import seed_demo_learning
from backend.analysis_reports.demo import seed_demo_analysis_reports
from backend.cases.service import open_case
from backend.chronologies.demo import seed_demo_chronologies
from backend.core import clock
from backend.core.access import Role
from backend.core.config import get_settings
from backend.events.demo import seed_demo_events
from backend.family_engagement.demo import seed_demo_family
from backend.identity import service
from backend.identity.models import Agency, AgencyKind, SafeguardingPartner, User
from backend.identity.schemas import AgencyCreate, UserCreate
from backend.learning.demo import seed_demo_learning_reports
from backend.overview_reports.demo import seed_demo_overview_reports
from backend.parallel_processes.demo import seed_demo_parallel_processes
from backend.practitioner_engagement.demo import seed_demo_one_to_ones
from backend.rapid_reviews.demo import seed_demo_rapid_reviews
from backend.referrals.demo import seed_demo_referrals
from backend.reviews.demo import seed_review_process
from backend.reviews.models import Review
from backend.reviews.schemas import ReviewStageChange, ReviewStep
from backend.reviews.service import change_stage, create_review

DEMO_PASSWORD = "demo-password-2026"
DOMAIN = "harbourside-scp.org.uk"

SP = SafeguardingPartner
# (name, kind, which of the three safeguarding partners it is, if any)
AGENCIES: list[tuple[str, AgencyKind, SafeguardingPartner | None]] = [
    ("Harbourside Children's Trust", AgencyKind.childrens_social_care, SP.local_authority),
    ("Harbourside Police", AgencyKind.police, SP.police),
    ("Harbourside Integrated Care Board", AgencyKind.health, SP.integrated_care_board),
    ("Harbourside University Hospitals NHS Trust", AgencyKind.health, None),
    ("Quayside Medical Practice", AgencyKind.health, None),
    ("Riverside Academy", AgencyKind.education, None),
    ("St Brigid's Primary School", AgencyKind.education, None),
    ("Harbourside Probation Delivery Unit", AgencyKind.probation, None),
    ("Harbourside Homes", AgencyKind.other, None),
]

# (name, e-mail local part, role, agency, job title)
USERS: list[tuple[str, str, Role, str | None, str]] = [
    ("Priya Shah", "business.office", Role.business_office, None, "Safeguarding project officer"),
    ("Tom Okafor", "trust.lead", Role.agency_lead, "Harbourside Children's Trust",
     "Safeguarding lead, children's social care"),
    ("Helen Morris", "trust.manager", Role.agency_manager, "Harbourside Children's Trust",
     "Head of service, safeguarding"),
    ("Dan Reilly", "police.lead", Role.agency_lead, "Harbourside Police", "Detective sergeant, child protection"),
    ("Alison Grant", "police.manager", Role.agency_manager, "Harbourside Police",
     "Detective chief inspector, safeguarding"),
    ("Grace Adeyemi", "hospital.lead", Role.agency_lead, "Harbourside University Hospitals NHS Trust",
     "Named nurse for safeguarding children"),
    ("Mark Ellis", "school.lead", Role.agency_lead, "Riverside Academy", "Designated safeguarding lead"),
    ("Ruth Kaplan", "lead.reviewer", Role.lead_reviewer, None, "Independent lead reviewer"),
    ("Joseph Mensah", "scrutineer", Role.scrutineer, None, "Independent scrutineer"),
    # The partner role in no partner's agency: reads what the partners read, but records no partner's position.
    ("Fiona Walsh", "strategic.lead", Role.strategic_lead, None, "Chair of the safeguarding partnership executive"),
    # The three lead safeguarding partners' delegates, who record their partner's position on rapid reviews and
    # referrals and sign off overview reports.
    ("Angela Brooks", "la.partner", Role.strategic_lead, "Harbourside Children's Trust",
     "Director of children's services (delegated safeguarding partner)"),
    ("Sarah Whitfield", "icb.partner", Role.strategic_lead, "Harbourside Integrated Care Board",
     "Chief nurse (delegated safeguarding partner)"),
    ("Marcus Hale", "police.partner", Role.strategic_lead, "Harbourside Police",
     "Chief superintendent (delegated safeguarding partner)"),
]


def demo_logins() -> list[tuple[str, str]]:
    return [(f"{role.value}", f"{local}@{DOMAIN}") for _, local, role, _, _ in USERS]


def seed_demo(session: Session, only_if_empty: bool = True) -> str | None:
    """Create the demo partnership and its cases.

    Returns the practitioner sign-up link of the demo event (shown once: only its hash is kept),
    or None when the database already had data.
    """
    if only_if_empty and session.scalar(select(Agency.id).limit(1)) is not None:
        return None
    agencies = {
        name: service.create_agency(session, None, AgencyCreate(name=name, kind=kind, safeguarding_partner=partner))
        for name, kind, partner in AGENCIES
    }
    users = {
        local: service.create_user(session, None, UserCreate(
            name=name, email=f"{local}@{DOMAIN}", job_title=title, role=role,
            agency_id=agencies[agency].id if agency else None, password=DEMO_PASSWORD,
        ))
        for name, local, role, agency, title in USERS
    }
    seed_demo_referrals(session, agencies, users)
    seed_demo_rapid_reviews(session, agencies, users)
    # A review decided before the partnership used this service: its case starts with the review.
    review = create_review(
        session, None, case=open_case(session, None, "Child LW"), decided_on=clock.today() - dt.timedelta(days=42),
        agency_ids=[agencies[name].id for name, _, partner in AGENCIES if partner]
        + [agencies["Riverside Academy"].id],
    )
    event, token = seed_demo_events(session, review, users)
    published = _seed_review_stages(session, review, agencies, users)
    seed_demo_chronologies(session, review, users)
    seed_demo_analysis_reports(session, review, users)
    seed_demo_one_to_ones(session, review, agencies, users)
    seed_demo_family(session, review, users)
    seed_demo_parallel_processes(session, review, published, event, agencies, users)
    reviews = {r.child_reference: r for r in session.scalars(select(Review))}
    seed_demo_overview_reports(session, agencies, users, reviews)
    seed_demo_learning(session, agencies, users)
    seed_demo_learning_reports(session, agencies, users)
    return f"{get_settings().frontend_url}/sign-up/{token}" if token else ""


def _seed_review_stages(session: Session, review: Review, agencies: Mapping[str, Agency],
                        users: Mapping[str, User]) -> Review:
    """Child LW's review part-way through (the agencies are writing their submissions), and Child RM's review,
    decided last winter, published six weeks ago: both commissioned, with a review group and agreed terms of
    reference, and moved on through the review's stage table."""
    office = users["business.office"].as_principal()
    seed_review_process(session, review, agencies, users)
    for step in (ReviewStep.begin_terms_of_reference, ReviewStep.begin_agency_submissions):
        change_stage(session, office, review.id, ReviewStageChange(step=step))
    published = create_review(
        session, None, case=open_case(session, None, "Child RM"), decided_on=clock.today() - dt.timedelta(days=300),
        agency_ids=[a.id for a in review.agencies],
    )
    seed_review_process(session, published, agencies, users)
    # Up to publication: its publication record (overview_reports/demo.py) then publishes it.
    for step in ReviewStep:
        if step != ReviewStep.publish:
            change_stage(session, office, published.id, ReviewStageChange(step=step))
    return published
