"""Nominations, who is coming and who came: each agency sees its own people; the business office everyone."""

import uuid

from sqlalchemy import select

from backend.audit.models import AuditEvent
from backend.core.access import Role
from backend.core.config import get_settings
from backend.deadlines.models import Deadline, DeadlineStatus
from tests.events_support import captured_emails, review_for, schedule, sign_up_body, token_of


def _nominate(client, make, user, event_id, name, email, **extra):
    return client.post(f"/api/v1/events/{event_id}/invitations", headers=make.headers(user),
                       json={"name": name, "email": email, "job_title": "Health visitor", "team": "0-5 team",
                             "involvement": "Home visits 2025"} | extra)


def test_agency_lead_nominates_own_practitioners_and_sees_only_their_agencys_attendees(client, db, make, frozen_now):
    office = make.user(Role.business_office)
    health, school = make.agency("Harbourside Health"), make.agency("Riverside Academy")
    health_lead, school_lead = make.user(Role.agency_lead, health), make.user(Role.agency_lead, school)
    created = schedule(client, make, office, review_for(db, health, school))
    event_id = created["id"]
    with captured_emails() as sent:
        nominated = _nominate(client, make, health_lead, event_id, "Jo Visitor", "jo@health.example.org")
    assert nominated.status_code == 201 and nominated.json()["agency_id"] == str(health.id)
    assert sent[0].type == "event.invitation_sent" and nominated.json()["sign_up_url"] in sent[0].email.text
    # The e-mailed link opens the frontend's public sign-up page (its route is /sign-up/:token).
    frontend = get_settings().frontend_url.rstrip("/")
    assert nominated.json()["sign_up_url"] == f"{frontend}/sign-up/{token_of(nominated.json()['sign_up_url'])}"
    assert created["open_link"]["url"] == f"{frontend}/sign-up/{token_of(created['open_link'])}"
    other_agency = _nominate(client, make, health_lead, event_id, "Not Mine", "x@school.example.org",
                             agency_id=str(school.id))
    assert other_agency.status_code == 403
    _nominate(client, make, school_lead, event_id, "Kim Teacher", "kim@school.example.org")
    # A sign-up through the invitation inherits its agency; an open-link one chose it from the list.
    client.post(f"/api/v1/public/events/{token_of(nominated.json()['sign_up_url'])}",
                json=sign_up_body(1, email="jo@health.example.org", agency_name="Health"))
    client.post(f"/api/v1/public/events/{token_of(created['open_link'])}",
                json=sign_up_body(2, agency_id=str(school.id), agency_name="Riverside Academy"))
    client.post(f"/api/v1/public/events/{token_of(created['open_link'])}", json=sign_up_body(3))

    seen = client.get(f"/api/v1/events/{event_id}/attendees", headers=make.headers(health_lead)).json()
    assert [n["name"] for n in seen["nominations"]] == ["Jo Visitor"] and seen["nominations"][0]["signed_up"]
    assert [s["email"] for s in seen["sign_ups"]] == ["jo@health.example.org"]
    everyone = client.get(f"/api/v1/events/{event_id}/attendees", headers=make.headers(office)).json()
    assert len(everyone["nominations"]) == 2 and len(everyone["sign_ups"]) == 3
    reviewer_view = client.get(f"/api/v1/events/{event_id}/summary", headers=make.headers(health_lead)).json()
    assert [(r["agency_name"], r["invited"], r["confirmed"]) for r in reviewer_view["agencies"]] == [
        ("Harbourside Health", 1, 1)]
    revoke = client.post(f"/api/v1/events/{event_id}/invitations/{seen['nominations'][0]['id']}/revoke",
                         headers=make.headers(school_lead))
    assert revoke.status_code == 404


def test_business_office_invites_the_officer_in_charge_without_an_agency(client, db, make, frozen_now):
    office = make.user(Role.business_office)
    created = schedule(client, make, office, review_for(db))
    invited = _nominate(client, make, office, created["id"], "DC Alex Reid", "alex@police.example.org",
                        job_title="Officer in charge of the criminal investigation")
    assert invited.status_code == 201 and invited.json()["agency_id"] is None
    assert invited.json()["invited_by_name"] == office.name
    duplicate = _nominate(client, make, office, created["id"], "DC Alex Reid", "ALEX@police.example.org")
    assert duplicate.status_code == 409


def test_attendance_is_marked_once_the_event_has_started_and_counted_by_agency(client, db, make, frozen_now):
    office = make.user(Role.business_office)
    health = make.agency("Harbourside Health")
    created = schedule(client, make, office, review_for(db, health), date="2026-12-14", start_time="09:30")
    link = token_of(created["open_link"])
    ids = []
    for n, agency in enumerate([health.id, health.id, None]):
        client.post(f"/api/v1/public/events/{link}",
                    json=sign_up_body(n, agency_id=str(agency) if agency else None, agency_name="harbourside  police"))
    ids = [s["id"] for s in client.get(f"/api/v1/events/{created['id']}/attendees",
                                       headers=make.headers(office)).json()["sign_ups"]]
    marks = {"marks": [{"sign_up_id": ids[0], "attended": True}, {"sign_up_id": ids[1], "attended": False},
                       {"sign_up_id": ids[2], "attended": True}]}
    url = f"/api/v1/events/{created['id']}/attendance"
    early = client.post(url, headers=make.headers(office), json=marks)
    assert early.status_code == 409
    frozen_now[0] = frozen_now[0].replace(month=12, day=14, hour=9, minute=31)
    lead = make.user(Role.agency_lead, health)
    assert client.post(url, headers=make.headers(lead), json=marks).status_code == 403
    stranger = {"marks": [{"sign_up_id": str(uuid.uuid4()), "attended": True}]}
    assert client.post(url, headers=make.headers(office), json=stranger).json()["errors"][0]["field"] == \
        "body.marks.0.sign_up_id"
    marked = client.post(url, headers=make.headers(office), json=marks)
    assert marked.status_code == 200 and [m["attended"] for m in marked.json()] == [True, False, True]
    summary = client.get(f"/api/v1/events/{created['id']}/summary", headers=make.headers(office)).json()
    rows = {r["agency_name"]: (r["confirmed"], r["attended"]) for r in summary["agencies"]}
    assert rows == {"Harbourside Health": (2, 1), "harbourside  police": (1, 1)}
    assert summary["totals"]["attended"] == 2 and summary["totals"]["confirmed"] == 3
    audit = db.scalar(select(AuditEvent).where(AuditEvent.action == "mark_attendance"))
    assert audit.actor_id == office.id and ids[1] in audit.changes
    reminder = db.scalar(select(Deadline).where(Deadline.subject_id == uuid.UUID(created["id"])))
    assert reminder.status == DeadlineStatus.met
    # The open link works until the event ends (its default expiry), so a late arrival can still sign up.
    assert client.get(f"/api/v1/public/events/{link}").json()["places_left"] == 17


def test_business_office_cancels_a_flagged_sign_up_and_the_place_goes_to_the_waiting_list(client, db, make,
                                                                                          frozen_now):
    office = make.user(Role.business_office)
    created = schedule(client, make, office, review_for(db), capacity=1)
    link = token_of(created["open_link"])
    client.post(f"/api/v1/public/events/{link}", json=sign_up_body(
        1, seniority="senior_service_manager", directly_involved=False))
    waiting = client.post(f"/api/v1/public/events/{link}", json=sign_up_body(2)).json()
    flagged = client.get(f"/api/v1/events/{created['id']}/attendees", params={"flagged": True},
                         headers=make.headers(office)).json()["sign_ups"][0]
    response = client.post(f"/api/v1/events/{created['id']}/sign-ups/{flagged['id']}/cancel",
                           headers=make.headers(office), json={"reason": "Agreed with the manager by phone"})
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert client.get(f"/api/v1/public/sign-ups/{waiting['manage_token']}").json()["status"] == "confirmed"
    audit = db.scalar(select(AuditEvent).where(AuditEvent.action == "cancel",
                                              AuditEvent.entity_id == flagged["id"]))
    assert audit.actor_id == office.id and "Agreed with the manager" in audit.summary
