"""E-mails that follow domain events, business office's reminder policies, and what an e-mail may say."""

import datetime as dt
import uuid

from sqlalchemy import select

from backend.audit.models import AuditEvent
from backend.core.access import Role
from backend.core.domain_events import DomainEvent, publish
from backend.deadlines import service as deadlines
from backend.reminders.models import OutboxMessage
from backend.reminders.worker import run_once

IDENTIFYING = {"child_name": "Jayden Smith", "date_of_birth": "2019-03-14", "home_address": "14 Quay Street",
               "mother_name": "Kelly Smith"}


def _event(type_: str, agency_id=None, **data) -> DomainEvent:
    return DomainEvent(type=type_, subject_type="referral", subject_id=uuid.uuid4(), child_reference="Child BM",
                       agency_id=agency_id, data=data)


def test_referral_decision_goes_to_the_referrer_and_their_manager_without_identifying_details(
        client, db, make, frozen_now, smtp_server, jobs):
    agency = make.agency()
    referrer, manager = make.user(Role.agency_lead, agency), make.user(Role.agency_manager, agency)
    make.user(Role.agency_lead, agency)
    publish(db, _event("referral.decided", agency.id, referrer_user_id=str(referrer.id),
                       manager_user_id=str(manager.id), outcome="review_agreed", review_type="cspr",
                       comments="The criteria are met.", decided_on="2026-11-23", **IDENTIFYING))
    run_once(jobs)
    [mail] = smtp_server.messages
    assert sorted(mail.rcpt_tos) == sorted([referrer.email, manager.email])
    assert mail.subject == "Decision on the review request for Child BM"
    for body in (mail.text, mail.html):
        assert "Child BM" in body and "Review agreed" in body and "The criteria are met." in body
        assert "Monday 23 November 2026" in body and "http://localhost:8000/referrals/" in body
        for detail in IDENTIFYING.values():
            assert detail not in body and detail not in mail.subject


def test_referral_decision_without_named_people_goes_to_the_agency_leads(db, make, frozen_now, smtp_server, jobs):
    agency = make.agency()
    leads = [make.user(Role.agency_lead, agency), make.user(Role.agency_lead, agency)]
    publish(db, _event("referral.decided", agency.id, outcome="not agreed"))
    run_once(jobs)
    assert sorted(smtp_server.messages[0].rcpt_tos) == sorted(u.email for u in leads)
    assert "Not agreed" in smtp_server.messages[0].text


def test_returned_referral_tells_the_referrer_why(db, make, frozen_now, smtp_server, jobs):
    referrer = make.user(Role.agency_lead)
    publish(db, _event("referral.returned", referrer.agency_id, referrer_user_id=str(referrer.id),
                       reasons="The senior manager has not signed the request."))
    run_once(jobs)
    [mail] = smtp_server.messages
    assert mail.rcpt_tos == [referrer.email]
    assert mail.subject == "Your review request for Child BM has been returned"
    assert "The senior manager has not signed the request." in mail.text


def test_information_request_created_and_returned_reach_the_agency_leads(db, make, frozen_now, smtp_server, jobs):
    agency = make.agency("Quayside Medical Practice")
    lead = make.user(Role.agency_lead, agency)
    make.user(Role.agency_manager, agency)
    publish(db, _event("information_request.created", agency.id, due_date="2026-12-02", purpose="the rapid review"))
    publish(db, _event("information_request.returned", agency.id, reasons="Please add the health visitor's contacts."))
    run_once(jobs)
    created, returned = sorted(smtp_server.messages, key=lambda m: len(m.subject))
    assert created.rcpt_tos == returned.rcpt_tos == [lead.email]
    assert created.subject == "Information request for Child BM"
    assert "Quayside Medical Practice" in created.text and "Wednesday 2 December 2026" in created.text
    assert "7 working days from today" in created.text and "the rapid review" in created.text
    assert "health visitor's contacts" in returned.text


def test_event_published_in_a_rolled_back_change_sends_nothing(db, make, frozen_now, smtp_server, jobs):
    referrer = make.user(Role.agency_lead)
    nested = db.begin_nested()
    publish(db, _event("referral.returned", referrer.agency_id, referrer_user_id=str(referrer.id), reasons="x"))
    nested.rollback()
    run_once(jobs)
    assert smtp_server.messages == [] and db.scalar(select(OutboxMessage)) is None


def test_reminder_names_the_child_only_by_reference(db, make, frozen_now, smtp_server, jobs):
    lead = make.user(Role.agency_lead)
    deadlines.open_deadline(db, kind="rapid_review", subject_type="rapid_review", subject_id=uuid.uuid4(),
                            due_date=dt.date(2026, 11, 24), title="Rapid review report",
                            case_id=make.case("Child LW").id, owner_user_id=lead.id)
    run_once(jobs)
    [mail] = smtp_server.messages
    assert mail.subject == "Due in 1 working day: Rapid review report (Child LW)"
    assert "Child: Child LW" in mail.text and "Child LW" in mail.html
    assert "Tuesday 24 November 2026" in mail.text


def test_policies_list_built_in_defaults_for_every_known_kind(client, make):
    lead = make.user(Role.agency_lead)
    policies = {p["kind"]: p for p in client.get("/api/v1/reminder-policies", headers=make.headers(lead)).json()}
    assert {"default", "referral_decision", "referral_sign_off", "incident_notification", "information_request",
            "rapid_review", "review_completion", "publication_notice", "debrief", "agency_action",
            "event_reminder"} <= set(policies)
    assert policies["information_request"]["before_working_days"] == [3, 1]
    assert policies["information_request"]["source"] == "built_in"
    unknown = client.get("/api/v1/reminder-policies/mystery_kind", headers=make.headers(lead)).json()
    assert unknown["kind"] == "mystery_kind" and unknown["before_working_days"] == [3, 1]


def test_business_office_changes_a_policy_and_the_next_sweep_follows_it(
        client, db, make, frozen_now, smtp_server, jobs):
    office, lead = make.user(Role.business_office), make.user(Role.agency_lead)
    body = {"before_working_days": [1, 15], "on_the_day": False, "overdue_every_working_days": 3,
            "escalate_after_working_days": 4, "what_is_needed": "The action plan, updated."}
    denied = client.put("/api/v1/reminder-policies/agency_action", json=body, headers=make.headers(lead))
    assert denied.status_code == 403
    deadlines.open_deadline(db, kind="agency_action", subject_type="action", subject_id=uuid.uuid4(),
                            due_date=dt.date(2026, 12, 14), title="Action 3.2", case_id=make.case("Child BM").id,
                            owner_user_id=lead.id)
    run_once(jobs)  # built-in policy reminds 10 and 3 working days before: nothing today (15 left)
    assert smtp_server.messages == []
    changed = client.put("/api/v1/reminder-policies/agency_action", json=body, headers=make.headers(office))
    assert changed.status_code == 200
    assert changed.json()["before_working_days"] == [15, 1] and changed.json()["source"] == "business_office"
    run_once(jobs)
    assert [m.subject for m in smtp_server.messages] == ["Due in 15 working days: Action 3.2 (Child BM)"]
    assert "The action plan, updated." in smtp_server.messages[0].text
    audit = db.scalars(select(AuditEvent).where(AuditEvent.entity_type == "reminder_policy")).all()
    assert [(a.action, a.changes["before_working_days"]["to"]) for a in audit] == [("update", [15, 1])]

    assert client.delete("/api/v1/reminder-policies/agency_action", headers=make.headers(office)).status_code == 204
    restored = client.get("/api/v1/reminder-policies/agency_action", headers=make.headers(office)).json()
    assert restored["source"] == "built_in" and restored["before_working_days"] == [10, 3]
    assert client.delete("/api/v1/reminder-policies/agency_action", headers=make.headers(office)).status_code == 404


def test_invalid_policy_names_the_fields(client, make):
    office = make.user(Role.business_office)
    response = client.put("/api/v1/reminder-policies/debrief", headers=make.headers(office), json={
        "before_working_days": [3, 3, 0], "overdue_every_working_days": -1, "escalate_after_working_days": None,
        "what_is_needed": ""})
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"body.before_working_days.2", "body.overdue_every_working_days", "body.what_is_needed"} <= fields
    bad_kind = client.put("/api/v1/reminder-policies/Not-A-Kind", headers=make.headers(office), json={})
    assert bad_kind.status_code == 422 and "path.kind" in {e["field"] for e in bad_kind.json()["errors"]}
