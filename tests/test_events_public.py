"""Signing up from a phone without an account: only event details, a private link, and a fair waiting list."""


from sqlalchemy import select

from backend.audit.models import AuditEvent
from backend.core.access import Role
from backend.events.models import SignUp
from backend.events.policy import SENIOR_MANAGER_REASON
from tests.events_support import CHILD, captured_emails, review_for, schedule, sign_up_body, token_of
from tests.versions import edit

PUBLIC_KEYS = {"title", "kind", "date", "start_time", "end_time", "timezone", "location", "virtual_link", "questions",
               "support_note", "places_left", "waiting_list_open"}


def _open_event(client, db, make, **overrides):
    office = make.user(Role.business_office)
    created = schedule(client, make, office, review_for(db, make.agency()), **overrides)
    return created, token_of(created["open_link"]), office


def test_public_event_shows_only_practical_details_never_the_review(client, db, make, frozen_now):
    created, token, _ = _open_event(client, db, make)
    response = client.get(f"/api/v1/public/events/{token}")
    body = response.json()
    assert response.status_code == 200 and set(body) == PUBLIC_KEYS
    assert body == {
        "title": "Practitioner learning event", "kind": "practitioner_learning_event", "date": "2026-12-14",
        "start_time": "09:30", "end_time": "12:30", "timezone": "Europe/London",
        "location": "Partnership Centre, Room 2", "virtual_link": "https://meet.example.org/learning",
        "questions": ["What helped you work with the family?", "What got in the way?"],
        "support_note": "Your safeguarding lead can meet you before and after the event.",
        "places_left": 20, "waiting_list_open": False,
    }
    assert CHILD.lower() not in response.text.lower() and created["review_id"] not in response.text
    assert response.headers["cache-control"] == "no-store"
    signed = client.post(f"/api/v1/public/events/{token}", json=sign_up_body(1))
    assert set(signed.json()["event"]) == PUBLIC_KEYS and CHILD.lower() not in signed.text.lower()
    manage = client.get(f"/api/v1/public/sign-ups/{signed.json()['manage_token']}")
    assert set(manage.json()) == {"name", "email", "agency_name", "job_title", "team", "involvement", "attendance",
                                  "access_needs", "support", "seniority", "directly_involved", "status",
                                  "flagged", "flag_reason", "event"}
    assert CHILD.lower() not in manage.text.lower()


def test_sign_up_is_confirmed_with_an_email_carrying_the_calendar_invitation_and_private_link(client, db, make,
                                                                                              frozen_now):
    _, token, _ = _open_event(client, db, make)
    with captured_emails() as sent:
        response = client.post(f"/api/v1/public/events/{token}",
                               json=sign_up_body(1, email="Sam.One@Trust.example.org"))
    body = response.json()
    assert response.status_code == 201 and body["status"] == "confirmed" and body["flagged"] is False
    assert body["flag_reason"] is None and body["event"]["places_left"] == 19
    [event] = sent
    assert event.type == "event.sign_up_confirmed"
    message = event.email
    assert message.to == "sam.one@trust.example.org" and "confirmed" in message.subject
    assert f"/sign-ups/{body['manage_token']}" in message.text and "What got in the way?" in message.text
    [(filename, content_type, content)] = message.attachment_tuples()
    assert filename == "invite.ics" and content_type.startswith("text/calendar")
    assert b"METHOD:REQUEST" in content and CHILD.encode() not in content and CHILD not in message.text
    stored = db.scalar(select(SignUp).where(SignUp.email == "sam.one@trust.example.org"))
    assert stored.manage_token_hash != body["manage_token"] and body["manage_token"] not in stored.manage_token_sealed
    assert db.scalar(select(AuditEvent).where(AuditEvent.entity_id == str(stored.id))).action == "sign_up"


def test_every_field_is_validated_with_its_path(client, db, make, frozen_now):
    _, token, _ = _open_event(client, db, make)
    bad = sign_up_body(1, email="not-an-email", attendance="by carrier pigeon", support="some", seniority="boss",
                       name="x" * 201, directly_involved="perhaps", agency_name="  ", child="Child BM")
    response = client.post(f"/api/v1/public/events/{token}", json=bad)
    fields = {e["field"] for e in response.json()["errors"]}
    assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"
    assert fields == {"body.email", "body.attendance", "body.support", "body.seniority", "body.name",
                      "body.directly_involved", "body.agency_name", "body.child"}
    unknown_agency = client.post(f"/api/v1/public/events/{token}",
                                 json=sign_up_body(2, agency_id="00000000-0000-0000-0000-000000000000"))
    assert unknown_agency.status_code == 422 and unknown_agency.json()["errors"][0]["field"] == "body.agency_id"


def test_the_same_email_cannot_sign_up_twice_for_one_event(client, db, make, frozen_now):
    _, token, _ = _open_event(client, db, make)
    assert client.post(f"/api/v1/public/events/{token}", json=sign_up_body(1)).status_code == 201
    again = client.post(f"/api/v1/public/events/{token}", json=sign_up_body(1, name="Someone Else",
                                                                              email="SAM.1@trust.example.org"))
    assert again.status_code == 409 and again.json()["errors"][0]["field"] == "body.email"
    assert db.scalar(select(SignUp.name).where(SignUp.email == "sam.1@trust.example.org")) == "Sam Practitioner 1"


def test_senior_manager_not_directly_involved_is_flagged_for_the_business_office_not_refused(client, db, make,
                                                                                             frozen_now):
    created, token, office = _open_event(client, db, make)
    response = client.post(f"/api/v1/public/events/{token}", json=sign_up_body(
        1, seniority="senior_service_manager", directly_involved=False, job_title="Head of service"))
    body = response.json()
    assert response.status_code == 201 and body["status"] == "confirmed" and body["flagged"] is True
    assert body["flag_reason"] == SENIOR_MANAGER_REASON and "speak openly" in body["flag_reason"]
    involved = client.post(f"/api/v1/public/events/{token}", json=sign_up_body(
        2, seniority="senior_service_manager", directly_involved=True))
    assert involved.json()["flagged"] is False
    flagged = client.get(f"/api/v1/events/{created['id']}/attendees", params={"flagged": True},
                         headers=make.headers(office)).json()["sign_ups"]
    assert [s["name"] for s in flagged] == ["Sam Practitioner 1"] and flagged[0]["flag_reason"] == SENIOR_MANAGER_REASON


def test_a_practitioner_can_change_their_role_and_involvement_and_is_looked_at_again(client, db, make, frozen_now):
    created, token, office = _open_event(client, db, make)
    signed = client.post(f"/api/v1/public/events/{token}", json=sign_up_body(1, attendance="online")).json()
    assert signed["attendance"] == "online" and signed["flagged"] is False
    url = f"/api/v1/public/sign-ups/{signed['manage_token']}"

    changed = client.patch(url, json={"seniority": "senior_service_manager", "directly_involved": False})

    assert changed.status_code == 200
    assert {k: changed.json()[k] for k in ("seniority", "directly_involved", "flagged", "flag_reason")} == {
        "seniority": "senior_service_manager", "directly_involved": False, "flagged": True,
        "flag_reason": SENIOR_MANAGER_REASON}
    flagged = client.get(f"/api/v1/events/{created['id']}/attendees", params={"flagged": True},
                         headers=make.headers(office)).json()["sign_ups"]
    assert [s["name"] for s in flagged] == ["Sam Practitioner 1"]
    back = client.patch(url, json={"directly_involved": True}).json()
    assert back["flagged"] is False and back["flag_reason"] is None
    assert client.patch(url, json={"seniority": None}).status_code == 422


def test_past_capacity_people_wait_and_a_cancellation_offers_the_place_to_the_first_in_line(client, db, make,
                                                                                           frozen_now):
    created, token, office = _open_event(client, db, make, capacity=2)
    tokens = [client.post(f"/api/v1/public/events/{token}", json=sign_up_body(n)).json() for n in range(4)]
    assert [t["status"] for t in tokens] == ["confirmed", "confirmed", "waiting_list", "waiting_list"]
    assert tokens[2]["event"]["waiting_list_open"] is True and tokens[2]["event"]["places_left"] == 0
    with captured_emails() as sent:
        cancelled = client.delete(f"/api/v1/public/sign-ups/{tokens[0]['manage_token']}")
    assert cancelled.status_code == 200 and cancelled.json() == {"status": "cancelled"}
    assert client.get(f"/api/v1/public/sign-ups/{tokens[2]['manage_token']}").json()["status"] == "confirmed"
    assert client.get(f"/api/v1/public/sign-ups/{tokens[3]['manage_token']}").json()["status"] == "waiting_list"
    [offer] = sent
    message = offer.email
    assert offer.type == "event.place_offered" and message.to == "sam.2@trust.example.org"
    assert f"/sign-ups/{tokens[2]['manage_token']}" in message.text and message.attachments
    # More places offered by the business office go to the waiting list too.
    edit(client, "PATCH", f"/api/v1/events/{created['id']}", headers=make.headers(office), json={"capacity": 3})
    assert client.get(f"/api/v1/public/sign-ups/{tokens[3]['manage_token']}").json()["status"] == "confirmed"


def test_private_link_changes_details_and_cancelling_twice_changes_nothing(client, db, make, frozen_now):
    _, token, _ = _open_event(client, db, make)
    manage = client.post(f"/api/v1/public/events/{token}", json=sign_up_body(1)).json()["manage_token"]
    url = f"/api/v1/public/sign-ups/{manage}"
    changed = client.patch(url, json={"attendance": "online", "access_needs": "Live captions, please"})
    assert changed.status_code == 200 and changed.json()["attendance"] == "online"
    assert changed.json()["access_needs"] == "Live captions, please" and changed.json()["status"] == "confirmed"
    assert client.patch(url, json={"email": "new@example.org"}).status_code == 422
    assert client.delete(url).json() == {"status": "cancelled"}
    assert client.delete(url).json() == {"status": "cancelled"}
    assert client.patch(url, json={"team": "Team 3"}).status_code == 409
    assert client.get(url).json()["status"] == "cancelled"


def test_unknown_expired_closed_and_revoked_links_answer_404(client, db, make, frozen_now):
    created, token, office = _open_event(client, db, make)
    assert client.get("/api/v1/public/events/not-a-real-token").status_code == 404
    assert client.get("/api/v1/public/sign-ups/not-a-real-token").status_code == 404
    invited = client.post(f"/api/v1/events/{created['id']}/invitations", headers=make.headers(office),
                          json={"name": "DC Alex Reid", "email": "alex.reid@police.example.org",
                                "job_title": "Officer in charge"}).json()
    invitation_token = token_of(invited["sign_up_url"])
    assert client.get(f"/api/v1/public/events/{invitation_token}").status_code == 200
    client.post(f"/api/v1/events/{created['id']}/invitations/{invited['id']}/revoke", headers=make.headers(office))
    assert client.get(f"/api/v1/public/events/{invitation_token}").status_code == 404
    edit(client, "PATCH", f"/api/v1/events/{created['id']}", headers=make.headers(office),
         json={"open_link_expires_at": "2026-11-30T17:00:00Z"})
    assert client.get(f"/api/v1/public/events/{token}").status_code == 200
    frozen_now[0] = frozen_now[0].replace(day=30, hour=17)
    assert client.get(f"/api/v1/public/events/{token}").status_code == 404
    assert client.post(f"/api/v1/public/events/{token}", json=sign_up_body(1)).status_code == 404
    edit(client, "PATCH", f"/api/v1/events/{created['id']}", headers=make.headers(office),
         json={"open_link_expires_at": None, "sign_up_open": False})
    assert client.get(f"/api/v1/public/events/{token}").status_code == 404
    fresh = client.post(f"/api/v1/events/{created['id']}/open-link", headers=make.headers(office), json={}).json()
    edit(client, "PATCH", f"/api/v1/events/{created['id']}", headers=make.headers(office), json={"sign_up_open": True})
    assert client.get(f"/api/v1/public/events/{token}").status_code == 404
    assert client.get(f"/api/v1/public/events/{token_of(fresh)}").status_code == 200
    client.post(f"/api/v1/events/{created['id']}/cancel", headers=make.headers(office), json={})
    assert client.get(f"/api/v1/public/events/{token_of(fresh)}").status_code == 404


def test_public_endpoints_are_rate_limited_per_ip_and_per_token(app, client, db, make, frozen_now, monkeypatch):
    from fastapi.testclient import TestClient

    from backend.core.config import get_settings

    settings = get_settings()
    monkeypatch.setattr(settings, "public_requests_per_minute_per_ip", 5)
    monkeypatch.setattr(settings, "public_signups_per_hour_per_open_link", 2)
    _, token, _ = _open_event(client, db, make)
    for _ in range(5):
        assert client.get(f"/api/v1/public/events/{token}").status_code == 200
    limited = client.get(f"/api/v1/public/events/{token}")
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
    assert limited.headers["content-type"] == "application/problem+json"
    with TestClient(app, client=("198.51.100.7", 50000)) as elsewhere:
        assert elsewhere.post(f"/api/v1/public/events/{token}", json=sign_up_body(1)).status_code == 201
        assert elsewhere.post(f"/api/v1/public/events/{token}", json=sign_up_body(2)).status_code == 201
        third = elsewhere.post(f"/api/v1/public/events/{token}", json=sign_up_body(3))
        assert third.status_code == 429 and "Retry-After" in third.headers
        _, other_token, _ = _open_event(client, db, make, title="Open de-brief", kind="open_debrief")
        assert elsewhere.post(f"/api/v1/public/events/{other_token}", json=sign_up_body(3)).status_code == 201
