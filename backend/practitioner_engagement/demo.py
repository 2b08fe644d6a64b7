"""Two one-to-one discussions for Child LW's review: one held, one still to be arranged (invented people)."""

import datetime as dt
from collections.abc import Mapping

from sqlalchemy.orm import Session

from backend.core import clock
from backend.identity.models import Agency, User
from backend.practitioner_engagement import service
from backend.practitioner_engagement.schemas import OneToOneCreate, OneToOneHeld
from backend.reviews.models import Review


def seed_demo_one_to_ones(session: Session, review: Review, agencies: Mapping[str, Agency],
                          users: Mapping[str, User]) -> None:
    office, reviewer = users["business.office"].as_principal(), users["lead.reviewer"]
    today = clock.today()
    held = service.create(session, office, review, OneToOneCreate(
        agency_id=agencies["Harbourside University Hospitals NHS Trust"].id, practitioner_name="Bethan Cole",
        practitioner_role="Paediatric emergency nurse", offered_on=today - dt.timedelta(days=14),
        offered_by=office.name, notes="On night shifts during the event; prefers to talk by video call."))
    service.record_held(session, office, held, OneToOneHeld(
        held_on=today - dt.timedelta(days=5), held_by=f"{reviewer.name}, lead reviewer"))
    service.create(session, office, review, OneToOneCreate(
        agency_id=agencies["Harbourside Children's Trust"].id, practitioner_name="Marcus Webb",
        practitioner_role="Social worker (formerly allocated)", offered_on=today - dt.timedelta(days=10),
        offered_by=office.name,
        notes="Finds a group setting too distressing; his team manager will attend the event for the team."))
