"""A believable demo partnership for `make run` and the end-to-end tests (our own invented names)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.core.access import Role
from backend.identity import service
from backend.identity.models import Agency, AgencyKind
from backend.identity.schemas import AgencyCreate, UserCreate
from backend.referrals.demo import seed_demo_referrals

DEMO_PASSWORD = "demo-password-2026"
DOMAIN = "harbourside-scp.org.uk"

AGENCIES: list[tuple[str, AgencyKind, bool]] = [
    ("Harbourside Children's Trust", AgencyKind.childrens_social_care, True),
    ("Harbourside Police", AgencyKind.police, True),
    ("Harbourside Integrated Care Board", AgencyKind.health, True),
    ("Harbourside University Hospitals NHS Trust", AgencyKind.health, False),
    ("Quayside Medical Practice", AgencyKind.health, False),
    ("Riverside Academy", AgencyKind.education, False),
    ("St Brigid's Primary School", AgencyKind.education, False),
    ("Harbourside Probation Delivery Unit", AgencyKind.probation, False),
    ("Harbourside Homes", AgencyKind.other, False),
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
    ("Fiona Walsh", "strategic.lead", Role.strategic_lead, None, "Director of children's services"),
]


def demo_logins() -> list[tuple[str, str]]:
    return [(f"{role.value}", f"{local}@{DOMAIN}") for _, local, role, _, _ in USERS]


def seed_demo(session: Session, only_if_empty: bool = True) -> bool:
    """Create the demo agencies and one user per role; returns False when data already exists."""
    if only_if_empty and session.scalar(select(Agency.id).limit(1)) is not None:
        return False
    agencies = {
        name: service.create_agency(session, None, AgencyCreate(name=name, kind=kind, statutory_partner=statutory))
        for name, kind, statutory in AGENCIES
    }
    users = {
        local: service.create_user(session, None, UserCreate(
            name=name, email=f"{local}@{DOMAIN}", job_title=title, role=role,
            agency_id=agencies[agency].id if agency else None, password=DEMO_PASSWORD,
        ))
        for name, local, role, agency, title in USERS
    }
    seed_demo_referrals(session, agencies, users)
    return True
