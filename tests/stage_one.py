"""Shared arrangements for the stage 1 tests: a notification's body and integration client tokens."""

from typing import TYPE_CHECKING, Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from backend.core.access import Role
from backend.identity import service as identity
from backend.identity.models import Agency, User
from backend.identity.schemas import IntegrationClientCreate

if TYPE_CHECKING:
    from tests.conftest import Factory

NOTIFICATIONS = "/api/v1/incident-notifications"
CHILD = {"name": "Rowan Ashby-Kerr", "date_of_birth": "2025-03-14", "address": "7 Lantern Court, Harbourside HB2 9XY",
         "sex": "female", "ethnicity": "mixed_white_and_black_caribbean", "disability": "no",
         "looked_after_status": "not_looked_after", "child_in_need_plan": "past", "child_protection_plan": "current",
         "known_to_agencies": "yes", "known_agencies": "Health visiting and the police"}

# Children the nature of the incident asks for: a care leaver of 21 on the incident date, a child in foster care.
CARE_LEAVER = CHILD | {"date_of_birth": "2005-06-01", "looked_after_status": "care_leaver",
                       "placement_type": "independent_or_semi_independent_living", "child_in_need_plan": "past",
                       "child_protection_plan": "past"}
LOOKED_AFTER = CHILD | {"looked_after_status": "currently_looked_after", "placement_type": "foster_care"}
CHILD_FOR = {"death_of_care_leaver_under_25": CARE_LEAVER, "death_of_looked_after_child": LOOKED_AFTER}


def notification_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "child_reference": "Child BM", "incident_date": "2026-11-16", "became_aware_on": "2026-11-17",
        "category": "serious_harm", "abuse_or_neglect_suspected": True, "children": [CHILD],
        "incident_council": "Harbourside City Council", "home_council": "Harbourside City Council",
        "summary": "Admitted to hospital with injuries the explanation did not account for.", "agency_ids": [],
    }
    return body | overrides


def notify(client: TestClient, make: "Factory", office: User, **overrides: Any) -> dict[str, Any]:
    response = client.post(NOTIFICATIONS, headers=make.headers(office), json=notification_body(**overrides))
    assert response.status_code == 201, response.text
    return response.json()


def client_headers(client: TestClient, db: Session, make: "Factory", agency: Agency,
                   scopes: list[str]) -> dict[str, str]:
    """A real integration client of `agency`, signed in with client_credentials."""
    office = make.principal(make.user(Role.business_office))
    created, secret = identity.create_client(db, office, IntegrationClientCreate(
        name=f"{agency.name} case system", agency_id=agency.id, scopes=scopes))
    db.flush()
    token = client.post("/api/v1/auth/token", data={
        "grant_type": "client_credentials", "client_id": created.client_id, "client_secret": secret})
    assert token.status_code == 200, token.text
    return {"Authorization": f"Bearer {token.json()['access_token']}"}

