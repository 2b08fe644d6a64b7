"""Child LW's family engagement: the initial letter, consent to medical records and a small genogram. Every name
and address here is invented."""

import datetime as dt
from collections.abc import Mapping

from sqlalchemy.orm import Session

from backend.core import clock
from backend.family_engagement import service
from backend.family_engagement.models import FamilyAnswer, FamilyContactKind, RelationshipKind
from backend.family_engagement.schemas import FamilyContactCreate, FamilyMemberCreate, FamilyRelationshipCreate
from backend.identity.models import User
from backend.reviews.models import Review

HOME = "14 Gull Street, Harbourside HS4 2QT"


def seed_demo_family(session: Session, review: Review, users: Mapping[str, User]) -> None:
    office = users["business.office"].as_principal()
    today = clock.today()
    service.record_contact(session, office, review, FamilyContactCreate(
        kind=FamilyContactKind.initial_letter, occurred_on=today - dt.timedelta(days=35),
        with_whom="Mother and her partner", delivered_by="the allocated social worker, on a home visit",
        notes="The letter explains the review and invites them to speak to the lead reviewer."))
    service.record_contact(session, office, review, FamilyContactCreate(
        kind=FamilyContactKind.medical_records_consent, occurred_on=today - dt.timedelta(days=21),
        with_whom="Mother", answer=FamilyAnswer.given, answered_on=today - dt.timedelta(days=21),
        notes="Signed consent form returned by post."))
    members = {
        key: service.add_member(session, office, review, FamilyMemberCreate(**fields))
        for key, fields in {
            "grandmother": {"name": "Maureen Lowe", "relationship_to_child": "Maternal grandmother",
                            "date_of_birth": dt.date(1968, 7, 2), "address": "3 Ferry Lane, Harbourside HS2 8LP",
                            "household": "Grandmother's home",
                            "notes": "Cared for the children most weekends."},
            "mother": {"name": "Kerry Lowe", "relationship_to_child": "Mother", "date_of_birth": dt.date(1994, 3, 12),
                       "address": HOME, "household": "Mother's home"},
            "partner": {"name": "Sam Dyer", "relationship_to_child": "Mother's partner",
                        "date_of_birth": dt.date(1990, 11, 28), "address": HOME, "household": "Mother's home",
                        "notes": "Moved into the household about a year before the incident."},
            "sibling": {"name": "Jayden Lowe", "relationship_to_child": "Half-brother",
                        "date_of_birth": dt.date(2015, 5, 9), "address": HOME, "household": "Mother's home"},
        }.items()
    }
    for first, kind, second in (("grandmother", RelationshipKind.parent, "mother"),
                                ("partner", RelationshipKind.partner, "mother"),
                                ("mother", RelationshipKind.parent, "sibling"),
                                ("grandmother", RelationshipKind.grandparent, "sibling")):
        service.add_relationship(session, office, review, FamilyRelationshipCreate(
            from_member_id=members[first].id, to_member_id=members[second].id, kind=kind))
