"""Shared by the learning tracker's tests: a review with two involved agencies, its recommendations and actions."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.core.access import Role
from backend.identity.models import Agency, AgencyKind, User
from backend.reviews import service as reviews
from backend.reviews.models import Review
from backend.themes.models import Theme
from backend.themes.service import ensure_seeded

RECOMMENDATIONS = "/api/v1/recommendations"
ACTIONS = "/api/v1/actions"
EVIDENCE = {"evidence_of_impact": "Audit of 20 strategy discussions in March: all minutes reached the GP.",
            "impact_known_by": "Quarterly multi-agency audit, reported to the Quality and Governance sub group."}


@dataclass
class Tracker:
    client: TestClient
    db: Session
    make: Any
    office: User
    second_office: User
    police: Agency
    police_lead: User
    health: Agency
    health_lead: User
    review: Review

    def as_(self, user: User) -> dict[str, str]:
        return self.make.headers(user)

    def theme(self, name: str) -> Theme:
        theme = self.db.scalar(select(Theme).where(Theme.name == name))
        assert theme is not None, name
        return theme

    def recommendation(self, **overrides: Any) -> dict[str, Any]:
        body = {"kind": "recommendation", "number": 1, "review_id": str(self.review.id),
                "text": "Partners to remind practitioners when to convene a strategy discussion.",
                "addressed_to_partnership": True, "theme_ids": [str(self.theme("Strategy discussions").id)],
                "response": "The partnership will issue a briefing on strategy discussions."} | overrides
        created = self.client.post(RECOMMENDATIONS, headers=self.as_(self.office), json=body)
        assert created.status_code == 201, created.text
        return created.json()

    def action(self, recommendation_id: str | None = None, agency: Agency | None = None,
               owner: User | None = None, **overrides: Any) -> dict[str, Any]:
        recommendation_id = recommendation_id or self.recommendation()["id"]
        agency = agency or self.police
        body = {"recommendation_id": recommendation_id, "agency_id": str(agency.id),
                "owner_id": str((owner or (self.police_lead if agency == self.police else self.health_lead)).id),
                "description": "Brief every response officer on convening strategy discussions.",
                "intended_outcome": "Strategy discussions held within a day of a section 47 concern.",
                "due_date": "2027-03-31"} | overrides
        created = self.client.post(ACTIONS, headers=self.as_(self.office), json=body)
        assert created.status_code == 201, created.text
        return created.json()

    def step(self, action_id: str, step: str, by: User, body: dict[str, Any] | None = None):
        return self.client.post(f"{ACTIONS}/{action_id}/{step}", headers=self.as_(by), json=body or {})

    def read(self, action_id: str, by: User | None = None) -> dict[str, Any]:
        read = self.client.get(f"{ACTIONS}/{action_id}", headers=self.as_(by or self.office))
        assert read.status_code == 200, read.text
        return read.json()


def make_tracker(client: TestClient, db: Session, make: Any) -> Tracker:
    """Each test module's `tracker` fixture: `return make_tracker(client, db, make)`."""
    ensure_seeded(db)  # a test emptying the tables (live_app) takes the migration's themes with it
    police = make.agency("Harbourside Police", AgencyKind.police, statutory=True)
    health = make.agency("Harbourside ICB", AgencyKind.health, statutory=True)
    review = reviews.create_review(db, None, case=make.case("Child RM"), decided_on=dt.date(2026, 6, 1),
                                   agency_ids=[police.id, health.id])
    db.flush()
    return Tracker(client=client, db=db, make=make, office=make.user(Role.business_office),
                   second_office=make.user(Role.business_office), police=police,
                   police_lead=make.user(Role.agency_lead, police), health=health,
                   health_lead=make.user(Role.agency_lead, health), review=review)
