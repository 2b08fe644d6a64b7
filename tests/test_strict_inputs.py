"""A field the API does not know is refused with a 422 that names it, and nothing changes.

Silently dropping it (as `requested_on` on an information request once was) loses an integrating case
system's data without a word. Every request body inherits `core.schemas.RequestBody`; the last test walks
the OpenAPI document so a new route cannot forget.
"""

import datetime as dt
from typing import Any

import httpx
from sqlalchemy import func, select

from backend.app import create_app
from backend.core.access import Role
from backend.events.models import Event, SignUp
from backend.identity.models import Agency, SafeguardingPartner, User
from backend.incident_notifications.models import IncidentNotification
from backend.information_requests.models import InformationRequest
from backend.integrations.models import WebhookSubscription
from backend.referrals.models import Referral
from backend.reviews import service as reviews
from backend.reviews.models import Review
from tests.events_support import event_body, review_for, schedule, sign_up_body, token_of
from tests.stage_one import notification_body, notify
from tests.test_rapid_reviews import _at_recommendation
from tests.versions import edit


def assert_refused(response: httpx.Response, *fields: str) -> None:
    """422, and each unknown field named by its path with a message a person can act on."""
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["type"] == "/problems/validation"
    messages = {e["field"]: e["message"] for e in problem["errors"]}
    for field in fields:
        name = field.rsplit(".", 1)[-1]
        assert messages.get(field) == f"{name} is not a field of this request; remove it", messages
        assert field in problem["detail"]


def count(db, model: type) -> int:
    return db.scalar(select(func.count()).select_from(model))


def test_referral_with_an_unknown_box_or_row_column_is_refused_and_no_draft_is_made(client, db, make):
    lead = make.user(Role.agency_lead, make.agency("Harbourside Trust"))
    response = client.post("/api/v1/referrals", headers=make.headers(lead), json={
        "child_reference": "Child QZ", "urgent": True,
        "family_members": [{"name": "Jo Vale", "relationship": "Mother", "nhs_number": "943 476 5919"}],
    })
    assert_refused(response, "body.urgent", "body.family_members.0.nhs_number")
    assert count(db, Referral) == 0


def test_information_request_with_requested_on_is_refused_not_dated_today(client, db, make, frozen_now):
    office, police = make.user(Role.business_office), make.agency("Police")
    notification = notify(client, make, office, agency_ids=[str(police.id)])
    response = client.post(f"/api/v1/rapid-reviews/{notification['rapid_review_id']}/information-requests",
                           headers=make.headers(office),
                           json={"agency_ids": [str(police.id)], "requested_on": "2026-11-01"})
    assert_refused(response, "body.requested_on")
    assert count(db, InformationRequest) == 0


def test_rapid_review_decision_with_an_unknown_field_decides_nothing(client, db, make, frozen_now):
    office, strategic = make.user(Role.business_office), make.partner(SafeguardingPartner.police)
    url = _at_recommendation(client, make, office, recommendation="cspr")
    before = client.get(url, headers=make.headers(office)).json()
    response = client.post(f"{url}/partner-positions", headers=make.headers(strategic),
                           json={"hold_cspr": True, "recorded_on": "2026-11-23", "panel_notified_on": "2026-11-24"})
    assert_refused(response, "body.panel_notified_on")
    assert client.get(url, headers=make.headers(office)).json() == before
    assert count(db, Review) == 0


def test_review_update_with_an_unknown_field_changes_nothing(client, db, make):
    office, reviewer = make.user(Role.business_office), make.user(Role.lead_reviewer)
    review = reviews.create_review(db, None, case=make.case("Child QY"), decided_on=dt.date(2026, 11, 2))
    url = f"/api/v1/reviews/{review.id}"
    before = client.get(url, headers=make.headers(office)).json()
    response = edit(client, "PATCH", url, headers=make.headers(office),
                    json={"lead_reviewer_id": str(reviewer.id), "due_date": "2027-09-01"})
    assert_refused(response, "body.due_date")
    assert client.get(url, headers=make.headers(office)).json() == before


def test_incident_notification_with_an_unknown_field_about_a_child_is_refused(client, db, make, frozen_now):
    office = make.user(Role.business_office)
    body = notification_body(panel_reference="NP-2026-114")
    body["children"] = [body["children"][0] | {"school": "Harbourside Primary"}]
    response = client.post("/api/v1/incident-notifications", headers=make.headers(office), json=body)
    assert_refused(response, "body.panel_reference", "body.children.0.school")
    assert count(db, IncidentNotification) == 0


def test_event_with_an_unknown_field_is_not_scheduled(client, db, make, frozen_now):
    office = make.user(Role.business_office)
    response = client.post("/api/v1/events", headers=make.headers(office),
                           json=event_body(review_for(db), organiser="Sam Price"))
    assert_refused(response, "body.organiser")
    assert count(db, Event) == 0


def test_agency_with_an_unknown_field_is_not_created(client, db, make):
    office = make.user(Role.business_office)
    agencies = count(db, Agency)
    response = client.post("/api/v1/agencies", headers=make.headers(office),
                           json={"name": "Harbourside Academy", "kind": "education", "ofsted_urn": "141234"})
    assert_refused(response, "body.ofsted_urn")
    assert count(db, Agency) == agencies


def test_user_with_an_unknown_field_is_not_created(client, db, make):
    office = make.user(Role.business_office)
    users = count(db, User)
    response = client.post("/api/v1/users", headers=make.headers(office), json={
        "name": "Ola Reviewer", "email": "ola@reviews.example.org", "role": "lead_reviewer",
        "password": "correct horse battery", "phone": "01632 960123"})
    assert_refused(response, "body.phone")
    assert count(db, User) == users


def test_webhook_subscription_cannot_choose_its_own_secret(client, db, make):
    office = make.user(Role.business_office)
    response = client.post("/api/v1/webhooks", headers=make.headers(office), json={
        "url": "https://cases.example.org/hooks", "event_types": ["referral.submitted"], "secret": "my-own"})
    assert_refused(response, "body.secret")
    assert count(db, WebhookSubscription) == 0


def test_public_sign_up_with_an_unknown_field_takes_no_place(client, db, make, frozen_now):
    office = make.user(Role.business_office)
    token = token_of(schedule(client, make, office, review_for(db))["open_link"])
    response = client.post(f"/api/v1/public/events/{token}", json=sign_up_body(mobile="07700 900123"))
    assert_refused(response, "body.mobile")
    assert count(db, SignUp) == 0


# OAuth 2.0 (RFC 6749 section 3.2) says the token endpoint MUST ignore parameters it does not recognise.
OAUTH_FORMS = {"/api/v1/auth/token", "/api/v1/auth/revoke"}
# Uploads of a file (its one form field is the file itself, nothing else is read).


def _strictness_gaps(document: dict[str, Any], schema: dict[str, Any], path: str, seen: set[str]) -> list[str]:
    """Every object schema reachable from a request body that would accept fields it does not declare."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return []
        seen.add(name)
        return _strictness_gaps(document, document["components"]["schemas"][name], name, seen)
    gaps = []
    if schema.get("type") == "object" or "properties" in schema:
        if schema.get("additionalProperties") is not False:
            gaps.append(path)
        for field, sub in schema.get("properties", {}).items():
            gaps += _strictness_gaps(document, sub, f"{path}.{field}", seen)
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, []):
            gaps += _strictness_gaps(document, sub, path, seen)
    if "items" in schema:
        gaps += _strictness_gaps(document, schema["items"], f"{path}[]", seen)
    return gaps


def test_every_request_body_in_the_api_refuses_unknown_fields():
    document = create_app().openapi()
    gaps, json_bodies = [], 0
    for route, operations in document["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            for media_type, body in content.items():
                if media_type == "application/x-www-form-urlencoded" and route in OAUTH_FORMS:
                    continue
                # A file upload is a form, held to the same rule: an unknown form field is refused.
                assert media_type in ("application/json", "multipart/form-data"), f"{method.upper()} {route}"
                json_bodies += 1
                gaps += [f"{method.upper()} {route}: {gap}"
                         for gap in _strictness_gaps(document, body["schema"], "body", set())]
    assert json_bodies > 40
    assert gaps == [], "inherit backend.core.schemas.RequestBody:\n" + "\n".join(gaps)
