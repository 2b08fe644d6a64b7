"""Driving a review's stage 2 work through the HTTP API, as the people who do it, so a test can move a review on
through the stage table (backend/reviews/policy.py STAGES) with every condition met the way the product meets it."""

import uuid
from typing import Any

from fastapi.testclient import TestClient

from backend.core import clock
from backend.identity.models import Agency, AgencyKind, User
from backend.overview_reports.models import Publication, PublicationState
from backend.reviews.models import Review

BRIEFING = {"date": "2026-12-10", "start_time": "10:00", "end_time": "11:30",
            "location": "Civic Centre, Committee Room 2", "capacity": 20}


def ok(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


def statutory_partners(make: Any) -> dict[str, Agency]:
    """The three statutory partners and two further agencies, made once per test."""
    return {
        "trust": make.agency("Eastmoor Children's Trust", AgencyKind.childrens_social_care, statutory=True),
        "icb": make.agency("Eastmoor Integrated Care Board", AgencyKind.health, statutory=True),
        "police": make.agency("Eastmoor Police", AgencyKind.police, statutory=True),
        "school": make.agency("Eastmoor Academy", AgencyKind.education),
        "housing": make.agency("Eastmoor Homes", AgencyKind.other),
    }


def send_notices(client: TestClient, office: dict[str, str], review_id: str) -> dict[str, Any]:
    return ok(client.post(f"/api/v1/reviews/{review_id}/commissioning/notices", headers=office), 201)


def form_review_group(client: TestClient, make: Any, office: dict[str, str], review_id: str) -> dict[str, Any]:
    """Members from the three statutory partners and two further agencies, none of them involved in the review."""
    group: dict[str, Any] = {}
    for key, agency in statutory_partners(make).items():
        group = ok(client.post(f"/api/v1/reviews/{review_id}/review-group/members", headers=office,
                               json={"name": f"Member for {key}", "agency_id": str(agency.id),
                                     "role": "Safeguarding lead"}), 201)
    return group


def agree_terms(client: TestClient, writer: dict[str, str], review_id: str) -> dict[str, Any]:
    url = f"/api/v1/reviews/{review_id}/terms-of-reference"
    draft = ok(client.post(f"{url}/versions", headers=writer, json={
        "terms": "Multi-agency practice from the child's birth to the incident.",
        "key_lines_of_enquiry": ["How was information shared?"]}), 201)
    return ok(client.post(f"{url}/versions/{draft['id']}/agree", headers=writer, json={}))


def brief_authors(client: TestClient, office: dict[str, str], review_id: str) -> dict[str, Any]:
    return ok(client.post(f"/api/v1/reviews/{review_id}/terms-of-reference/author-briefings", headers=office,
                          json=BRIEFING), 201)


def ready_for(client: TestClient, make: Any, office_user: User, review_id: str, step: str) -> None:
    """Meet what the stage table asks before `step` (the lead reviewer already appointed); twice is harmless."""
    office = make.headers(office_user)
    if step == "begin_terms_of_reference":
        read = ok(client.get(f"/api/v1/reviews/{review_id}/commissioning", headers=office))
        if "send_notices" in read["allowed_actions"]:
            send_notices(client, office, review_id)
    elif step == "publish":
        record_publication(make, review_id)
    elif step == "begin_agency_submissions":
        form_review_group(client, make, office, review_id)
        agree_terms(client, office, review_id)
        brief_authors(client, office, review_id)


def record_publication(make: Any, review_id: str) -> None:
    """What the publication page records once its checklist is complete (tests/test_overview_reports.py drives that
    page); the review's own `publish` step asks for it. Written straight in, for tests of the stage table."""
    review = make.session.get(Review, uuid.UUID(review_id))
    make.session.add(Publication(review_id=review.id, case_id=review.case_id, state=PublicationState.published,
                                 published_at=clock.now()))
    make.session.flush()
