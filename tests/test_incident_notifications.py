"""Serious incident notifications: 5 working days to tell the National Panel, a rapid review for every
category but a care leaver's death, and the children's identities kept to those who need them."""

import uuid
from datetime import UTC, datetime

from sqlalchemy import select

from backend.audit.models import AuditEvent
from backend.core import domain_events
from backend.core.access import Role
from backend.core.config import Settings
from backend.deadlines.models import Deadline, DeadlineStatus
from backend.identity.models import AgencyKind
from backend.rapid_reviews import service as rapid_review_service
from backend.rapid_reviews.models import RapidReview
from tests.stage_one import CARE_LEAVER, CHILD, CHILD_FOR, NOTIFICATIONS, client_headers, notification_body, notify
from tests.versions import edit


def _christmas(frozen_now):
    frozen_now[0] = datetime(2026, 12, 24, 12, 0, tzinfo=UTC)


def test_panel_is_due_notice_five_working_days_after_the_authority_became_aware_across_christmas(
        client, make, frozen_now):
    _christmas(frozen_now)
    office = make.user(Role.business_office)
    # Aware Wed 23 Dec 2026: Thu 24 (1); Fri 25 and Mon 28 (Boxing Day substitute) are bank holidays;
    # Tue 29 (2), Wed 30 (3), Thu 31 (4); Fri 1 Jan is a bank holiday; Mon 4 Jan 2027 (5).
    body = notify(client, make, office, incident_date="2026-12-22", became_aware_on="2026-12-23")
    assert body["due"] == {"due_date": "2027-01-04", "status": "open", "overdue": False}
    frozen_now[0] = datetime(2027, 1, 5, 9, 0, tzinfo=UTC)
    late = client.get(f"{NOTIFICATIONS}/{body['id']}", headers=make.headers(office)).json()
    assert late["due"]["overdue"] is True


def test_recording_the_panel_notification_meets_its_deadline_and_starts_the_rapid_review_clock(
        client, db, make, frozen_now):
    _christmas(frozen_now)
    office = make.user(Role.business_office)
    body = notify(client, make, office, incident_date="2026-12-22", became_aware_on="2026-12-23")
    rapid_review_url = f"/api/v1/rapid-reviews/{body['rapid_review_id']}"
    assert client.get(rapid_review_url, headers=make.headers(office)).json()["due"] is None

    frozen_now[0] = datetime(2026, 12, 24, 15, 0, tzinfo=UTC)
    patched = edit(client, "PATCH", f"{NOTIFICATIONS}/{body['id']}", headers=make.headers(office),
                   json={"notified_panel_on": "2026-12-24"})
    assert patched.status_code == 200 and patched.json()["notified_panel_on"] == "2026-12-24"
    assert patched.json()["due"]["status"] == "met"
    # Notified Thu 24 Dec: Tue 29, Wed 30, Thu 31 Dec, Mon 4 ... Fri 8, Mon 11 ... Fri 15, Mon 18, Tue 19 Jan (15).
    assert client.get(rapid_review_url, headers=make.headers(office)).json()["due"]["due_date"] == "2027-01-19"
    timeline = client.get(f"{NOTIFICATIONS}/{body['id']}/timeline", headers=make.headers(office)).json()
    assert [e["action"] for e in timeline if e["action"] != "read_identifying"] == ["create", "update"]


def test_rapid_review_clock_can_count_from_the_day_the_authority_became_aware(client, make, frozen_now, monkeypatch):
    _christmas(frozen_now)
    monkeypatch.setattr(rapid_review_service, "get_settings",
                        lambda: Settings(rapid_review_deadline_anchor="became_aware"))
    office = make.user(Role.business_office)
    body = notify(client, make, office, incident_date="2026-12-22", became_aware_on="2026-12-23")
    # Aware Wed 23 Dec: Thu 24 (1), Tue 29 - Thu 31 (2-4), Mon 4 - Fri 8 Jan (5-9), Mon 11 - Fri 15 (10-14),
    # Mon 18 Jan 2027 (15).
    due = client.get(f"/api/v1/rapid-reviews/{body['rapid_review_id']}", headers=make.headers(office)).json()["due"]
    assert due["due_date"] == "2027-01-18"


def test_care_leaver_death_opens_no_rapid_review(client, db, make, frozen_now):
    office = make.user(Role.business_office)
    body = notify(client, make, office, category="death_of_care_leaver_under_25", children=[CARE_LEAVER])
    assert body["rapid_review_id"] is None
    notification_id = uuid.UUID(body["id"])
    assert db.scalar(select(RapidReview).where(RapidReview.source_id == notification_id)) is None
    deadlines = db.scalars(select(Deadline).where(Deadline.subject_id == notification_id)).all()
    assert [d.kind for d in deadlines] == ["incident_notification"] and deadlines[0].status == DeadlineStatus.open


def test_every_other_category_opens_a_rapid_review_and_announces_the_notification(
        client, db, make, frozen_now, monkeypatch):
    seen: list[domain_events.DomainEvent] = []
    monkeypatch.setattr(domain_events, "_everything", [lambda _s, event: seen.append(event)])
    office, police = make.user(Role.business_office), make.agency("Harbour Police", AgencyKind.police)
    for number, category in enumerate(("death", "serious_harm", "death_of_looked_after_child")):
        body = notify(client, make, office, category=category, agency_ids=[str(police.id)],
                      children=[CHILD_FOR.get(category, CHILD)],
                      child_reference="Child BM" if number == 0 else f"Child B{number}")
        rapid_review = rapid_review_service.for_notification(db, uuid.UUID(body["id"]))
        assert str(rapid_review.id) == body["rapid_review_id"]
        assert rapid_review.source_type == "incident_notification" and [a.id for a in rapid_review.agencies] == [
            police.id]
    created = [e for e in seen if e.type == "incident_notification.created"]
    assert len(created) == 3 and created[0].child_reference == "Child BM"


def test_identifying_details_only_for_business_office_strategic_leads_and_the_notifying_agency(
        client, db, make, frozen_now):
    trust, police, school = (make.agency("Trust", AgencyKind.childrens_social_care), make.agency("Police"),
                             make.agency("School"))
    office = make.user(Role.business_office)
    body = notify(client, make, office, notifying_agency_id=str(trust.id), agency_ids=[str(police.id)])
    url = f"{NOTIFICATIONS}/{body['id']}"

    def read(user):
        return client.get(url, headers=make.headers(user))

    for allowed in (make.user(Role.strategic_lead), make.user(Role.agency_lead, trust)):
        child = read(allowed).json()["children"][0]
        assert child["name"] == CHILD["name"] and child["address"] == CHILD["address"]
    for refused in (make.user(Role.scrutineer), make.user(Role.agency_lead, police)):
        shown = read(refused).json()
        assert shown["children"] is None and shown["children_count"] == 1 and shown["child_reference"] == "Child BM"
        assert CHILD["name"] not in read(refused).text
    assert read(make.user(Role.agency_lead, school)).status_code == 404
    listed = client.get(NOTIFICATIONS, headers=make.headers(office)).json()
    assert CHILD["name"] not in str(listed) and listed["total"] == 1
    reads = db.scalars(select(AuditEvent).where(AuditEvent.action == "read_identifying",
                                                AuditEvent.entity_id == body["id"])).all()
    # The strategic lead and the trust's lead: two reads that showed the child (the create is audited itself).
    assert len(reads) == 2 and CHILD["name"] not in str([r.changes for r in reads])


def test_only_the_local_authoritys_client_with_the_scope_notifies_the_panel(client, db, make, frozen_now):
    trust, police = make.agency("Trust", AgencyKind.childrens_social_care), make.agency("Police", AgencyKind.police)
    trust_system = client_headers(client, db, make, trust, ["incident_notifications:write"])
    created = client.post(NOTIFICATIONS, headers=trust_system, json=notification_body())
    assert created.status_code == 201
    assert created.json()["notifying_agency"]["id"] == str(trust.id) and created.json()["children"][0]["name"]

    police_system = client_headers(client, db, make, police, ["incident_notifications:write"])
    assert client.post(NOTIFICATIONS, headers=police_system, json=notification_body()).status_code == 403
    reader = client_headers(client, db, make, trust, ["information_requests:read"])
    refused = client.post(NOTIFICATIONS, headers=reader, json=notification_body())
    assert refused.status_code == 403 and refused.json()["required_scope"] == "incident_notifications:write"
    lead = make.user(Role.agency_lead, trust)
    assert client.post(NOTIFICATIONS, headers=make.headers(lead), json=notification_body()).status_code == 403
    # Another agency's client cannot change the trust's notification: it cannot even see it.
    patch = client.patch(f"{NOTIFICATIONS}/{created.json()['id']}", headers=police_system,
                         json={"notified_panel_on": "2026-11-20"})
    assert patch.status_code == 404


def test_notification_names_one_to_four_children_with_consistent_dates(client, make, frozen_now):
    office = make.user(Role.business_office)
    headers = make.headers(office)
    none = client.post(NOTIFICATIONS, headers=headers, json=notification_body(children=[]))
    five = client.post(NOTIFICATIONS, headers=headers, json=notification_body(children=[CHILD] * 5))
    assert none.status_code == five.status_code == 422
    assert none.json()["errors"][0]["field"] == "body.children"
    dates = client.post(NOTIFICATIONS, headers=headers, json=notification_body(
        became_aware_on="2026-11-10", notified_panel_on="2026-12-01"))
    assert dates.status_code == 422
    assert {e["field"] for e in dates.json()["errors"]} == {"body.became_aware_on", "body.notified_panel_on"}


def test_notifications_filter_by_panel_notification_agency_and_overdue(client, make, frozen_now):
    office, police = make.user(Role.business_office), make.agency("Police")
    headers = make.headers(office)
    # Aware Mon 9 Nov: due Mon 16 Nov, overdue on Mon 23 Nov.
    late = notify(client, make, office, incident_date="2026-11-09", became_aware_on="2026-11-09",
                  agency_ids=[str(police.id)])
    notify(client, make, office, notified_panel_on="2026-11-18", child_reference="Child HT")

    def ids(**params):
        return [n["id"] for n in client.get(NOTIFICATIONS, headers=headers, params=params).json()["items"]]

    assert ids(overdue=True) == [late["id"]]
    assert ids(agency_id=str(police.id)) == [late["id"]]
    assert ids(panel_notified=False) == [late["id"]]
    assert len(ids(panel_notified=True)) == 1 and len(ids()) == 2


def test_panel_date_recorded_in_error_can_be_cleared_and_reopens_the_deadline(client, make, frozen_now):
    office = make.user(Role.business_office)
    body = notify(client, make, office, notified_panel_on="2026-11-18")
    url = f"{NOTIFICATIONS}/{body['id']}"
    assert body["due"]["status"] == "met"
    # Only the Panel date may be emptied: a summary cannot, and asking for both changes nothing.
    refused = edit(client, "PATCH", url, headers=make.headers(office),
                   json={"notified_panel_on": None, "summary": None})
    assert refused.status_code == 422 and [e["field"] for e in refused.json()["errors"]] == ["body.summary"]
    cleared = edit(client, "PATCH", url, headers=make.headers(office), json={"notified_panel_on": None})
    assert cleared.status_code == 200
    assert cleared.json()["due"] == {"due_date": "2026-11-24", "status": "open", "overdue": False}
    assert cleared.json()["summary"] == body["summary"]
    scrutineer = make.user(Role.scrutineer)
    assert client.patch(url, headers=make.headers(scrutineer), json={"summary": "x"}).status_code == 403
