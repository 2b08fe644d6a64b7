"""Each read of an event, invitation and sign-up names the steps the caller may take now (backend/events/policy.py),
and every route under an event reaches its invitations and sign-ups only within that event."""

from sqlalchemy import select

from backend.audit.models import AuditEvent
from backend.core.access import Role
from tests.events_support import review_for, schedule, sign_up_body, token_of
from tests.versions import edit

OFFICE_STEPS = ["edit", "cancel", "replace_open_link", "remove_open_link", "invite"]
REFUSAL_KEYS = ("current_state", "action", "allowed_actions")


def _event(client, db, make, *agencies, **overrides):
    office = make.user(Role.business_office)
    return schedule(client, make, office, review_for(db, *agencies), **overrides), office


def _sign_ups(client, make, office, created):
    return client.get(f"/api/v1/events/{created['id']}/attendees", headers=make.headers(office)).json()["sign_ups"]


def test_business_office_and_the_reviews_lead_reviewer_are_offered_every_step_and_readers_none(client, db, make,
                                                                                                 frozen_now):
    office, reviewer = make.user(Role.business_office), make.user(Role.lead_reviewer)
    review = review_for(db, make.agency("Harbourside Trust"))
    review.lead_reviewer_id = reviewer.id
    created = schedule(client, make, office, review)
    assert created["allowed_actions"] == OFFICE_STEPS
    for role in (Role.scrutineer, Role.strategic_lead):
        read = client.get(f"/api/v1/events/{created['id']}", headers=make.headers(make.user(role))).json()
        assert read["allowed_actions"] == [], role
    # The lead reviewer runs the practitioner engagement of the reviews they lead.
    reviewer_read = client.get(f"/api/v1/events/{created['id']}", headers=make.headers(reviewer)).json()
    assert reviewer_read["allowed_actions"] == OFFICE_STEPS
    listed = client.get("/api/v1/events", headers=make.headers(office)).json()["items"]
    assert listed[0]["allowed_actions"] == OFFICE_STEPS


def test_an_agency_lead_is_offered_nomination_but_not_cancelling(client, db, make, frozen_now):
    trust = make.agency("Harbourside Trust")
    created, _ = _event(client, db, make, trust)
    lead = make.headers(make.user(Role.agency_lead, trust))
    url = f"/api/v1/events/{created['id']}"
    assert client.get(url, headers=lead).json()["allowed_actions"] == ["nominate"]
    refused = client.post(f"{url}/cancel", headers=lead, json={})
    assert refused.status_code == 403 and client.get(url, headers=lead).json()["status"] == "scheduled"
    nominated = client.post(f"{url}/invitations", headers=lead,
                            json={"name": "Jo Visitor", "email": "jo@trust.example.org"})
    assert nominated.status_code == 201 and nominated.json()["allowed_actions"] == ["revoke"]
    audit = db.scalar(select(AuditEvent).where(AuditEvent.entity_id == nominated.json()["id"]))
    assert audit.action == "nominate" and audit.summary.startswith("Nominated Jo Visitor")


def test_a_cancelled_event_offers_nothing_and_refuses_every_step_in_one_409_shape(client, db, make, frozen_now):
    created, office = _event(client, db, make)
    url, headers = f"/api/v1/events/{created['id']}", make.headers(office)
    client.post(f"/api/v1/public/events/{token_of(created['open_link'])}", json=sign_up_body(1))
    cancelled = client.post(f"{url}/cancel", headers=headers, json={"reason": "Lead reviewer unwell"})
    assert cancelled.status_code == 200 and cancelled.json()["allowed_actions"] == []
    audit = db.scalar(select(AuditEvent).where(AuditEvent.action == "cancel", AuditEvent.entity_id == created["id"]))
    assert audit.changes == {"status": {"from": "scheduled", "to": "cancelled"}, "reason": "Lead reviewer unwell"}
    sign_up = _sign_ups(client, make, office, created)[0]
    assert sign_up["allowed_actions"] == []
    attempts = {
        "edit": edit(client, "PATCH", url, headers=headers, json={"title": "Learning event"}),
        "cancel": client.post(f"{url}/cancel", headers=headers, json={}),
        "replace_open_link": client.post(f"{url}/open-link", headers=headers, json={}),
        "remove_open_link": client.delete(f"{url}/open-link", headers=headers),
        "invite": client.post(f"{url}/invitations", headers=headers,
                              json={"name": "DC Alex Reid", "email": "alex@police.example.org"}),
    }
    for action, refused in attempts.items():
        assert refused.status_code == 409, (action, refused.text)
        assert {k: refused.json()[k] for k in REFUSAL_KEYS} == {
            "current_state": "cancelled", "action": action, "allowed_actions": []}
    place = client.post(f"{url}/sign-ups/{sign_up['id']}/cancel", headers=headers, json={})
    assert place.status_code == 409 and place.json()["detail"] == "This event has been cancelled."
    assert {k: place.json()[k] for k in REFUSAL_KEYS} == {
        "current_state": "confirmed", "action": "cancel", "allowed_actions": []}


def test_sign_ups_offer_cancelling_before_the_event_and_attendance_once_it_has_started(client, db, make, frozen_now):
    trust = make.agency("Harbourside Trust")
    created, office = _event(client, db, make, trust, date="2026-12-14", start_time="09:30")
    link = token_of(created["open_link"])
    for n in (1, 2):
        client.post(f"/api/v1/public/events/{link}", json=sign_up_body(n, agency_id=str(trust.id)))
    first, second = _sign_ups(client, make, office, created)
    assert first["allowed_actions"] == ["cancel"]
    lead = make.headers(make.user(Role.agency_lead, trust))
    assert [s["allowed_actions"] for s in _sign_ups(client, make, make.user(Role.agency_lead, trust), created)] == \
        [[], []]
    url = f"/api/v1/events/{created['id']}"
    assert client.post(f"{url}/sign-ups/{first['id']}/cancel", headers=lead, json={}).status_code == 403
    gone = client.post(f"{url}/sign-ups/{first['id']}/cancel", headers=make.headers(office), json={})
    assert gone.status_code == 200 and gone.json()["status"] == "cancelled" and gone.json()["allowed_actions"] == []

    frozen_now[0] = frozen_now[0].replace(month=12, day=14, hour=9, minute=31)
    under_way = client.get(url, headers=make.headers(office)).json()
    assert under_way["allowed_actions"] == OFFICE_STEPS + ["mark_attendance"]
    first, second = _sign_ups(client, make, office, created)
    assert (first["allowed_actions"], second["allowed_actions"]) == ([], ["mark_attendance"])
    late = client.post(f"{url}/sign-ups/{second['id']}/cancel", headers=make.headers(office), json={})
    assert late.status_code == 409 and late.json()["detail"] == \
        "This event has already started; attendance is recorded instead."
    marks = {"marks": [{"sign_up_id": first["id"], "attended": True}]}
    refused = client.post(f"{url}/attendance", headers=make.headers(office), json=marks)
    assert refused.status_code == 409 and refused.json()["current_state"] == "cancelled"
    marks = {"marks": [{"sign_up_id": second["id"], "attended": True}]}
    assert client.post(f"{url}/attendance", headers=make.headers(office), json=marks).status_code == 200


def test_an_event_that_has_taken_place_offers_only_its_attendance(client, db, make, frozen_now):
    created, office = _event(client, db, make, date="2026-12-14")
    frozen_now[0] = frozen_now[0].replace(month=12, day=15)
    url, headers = f"/api/v1/events/{created['id']}", make.headers(office)
    assert client.get(url, headers=headers).json()["allowed_actions"] == ["mark_attendance"]
    refused = client.post(f"{url}/cancel", headers=headers, json={})
    assert refused.status_code == 409 and refused.json()["detail"] == "This event has already taken place."
    assert refused.json()["allowed_actions"] == ["mark_attendance"]


def test_an_invitation_offers_revoking_until_it_is_revoked(client, db, make, frozen_now):
    created, office = _event(client, db, make)
    url, headers = f"/api/v1/events/{created['id']}", make.headers(office)
    invited = client.post(f"{url}/invitations", headers=headers,
                          json={"name": "DC Alex Reid", "email": "alex@police.example.org"}).json()
    assert invited["allowed_actions"] == ["revoke"]
    revoked = client.post(f"{url}/invitations/{invited['id']}/revoke", headers=headers)
    assert revoked.status_code == 200 and revoked.json()["allowed_actions"] == []
    again = client.post(f"{url}/invitations/{invited['id']}/revoke", headers=headers)
    assert again.status_code == 409 and again.json()["detail"] == "This invitation is already revoked."
    audit = db.scalar(select(AuditEvent).where(AuditEvent.action == "revoke"))
    assert audit.entity_id == invited["id"] and audit.changes == {"state": {"from": "invited", "to": "revoked"}}


def test_another_events_sign_up_or_invitation_is_not_found_through_this_events_url(client, db, make, frozen_now):
    event_a, office = _event(client, db, make)
    event_b = schedule(client, make, office, review_for(db, child_reference="Child ZZ"))
    headers = make.headers(office)
    client.post(f"/api/v1/public/events/{token_of(event_b['open_link'])}", json=sign_up_body(1))
    b_sign_up = _sign_ups(client, make, office, event_b)[0]
    b_invitation = client.post(f"/api/v1/events/{event_b['id']}/invitations", headers=headers,
                               json={"name": "DC Alex Reid", "email": "alex@police.example.org"}).json()
    a_url = f"/api/v1/events/{event_a['id']}"
    cancelled = client.post(f"{a_url}/sign-ups/{b_sign_up['id']}/cancel", headers=headers, json={})
    assert cancelled.status_code == 404
    assert client.post(f"{a_url}/invitations/{b_invitation['id']}/revoke", headers=headers).status_code == 404
    assert _sign_ups(client, make, office, event_b)[0]["status"] == "confirmed"
