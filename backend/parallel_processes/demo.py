"""Parallel processes for the demo: Child LW's police investigation, holding publication, its officer in charge
given the terms of reference and invited to the practitioner event; Child RM's prosecution, concluded before its
review was published. Invented people."""

import datetime as dt
from collections.abc import Mapping

from sqlalchemy.orm import Session

from backend.core import clock
from backend.events.models import Event
from backend.identity.models import Agency, User
from backend.parallel_processes import service
from backend.parallel_processes.models import ParallelProcessKind, ParallelProcessStatus
from backend.parallel_processes.schemas import OfficerInvitation, ParallelProcessConclude, ParallelProcessCreate
from backend.reviews.models import Review


def seed_demo_parallel_processes(session: Session, current: Review, published: Review, event: Event,
                                 agencies: Mapping[str, Agency], users: Mapping[str, User]) -> None:
    office = users["business.office"].as_principal()
    police = agencies["Harbourside Police"].id
    today = clock.today()
    investigation = service.create(session, office, current, ParallelProcessCreate(
        kind=ParallelProcessKind.criminal_investigation, title="Police investigation (Operation Kestrel)",
        agency_id=police, status=ParallelProcessStatus.active, started_on=current.decided_on - dt.timedelta(days=9),
        next_key_date=today + dt.timedelta(days=45), next_key_date_note="Charging decision expected",
        officer_in_charge_name="DC Alex Reid", officer_in_charge_email="alex.reid@police.harbourside.example",
        officer_in_charge_phone="01632 960 418", terms_of_reference_given_on=today - dt.timedelta(days=7),
        holds_publication=True, publication_held_until="the end of any prosecution",
        notes="The OIC asks that the mother's partner is not approached by the review until after interview."))
    service.invite_officer(session, office, investigation, OfficerInvitation(event_id=event.id))
    prosecution = service.create(session, office, published, ParallelProcessCreate(
        kind=ParallelProcessKind.prosecution, title="Crown Court prosecution", agency_id=police,
        status=ParallelProcessStatus.active, started_on=published.decided_on + dt.timedelta(days=20),
        officer_in_charge_name="DS Priya Nair", officer_in_charge_email="priya.nair@police.harbourside.example",
        terms_of_reference_given_on=published.decided_on + dt.timedelta(days=30), holds_publication=True,
        publication_held_until="the end of the trial"))
    service.conclude(session, office, prosecution, ParallelProcessConclude(
        concluded_on=today - dt.timedelta(days=70), outcome="Guilty plea entered; sentenced at Harbourside Crown "
                                                           "Court."))
