"""E-mails that follow domain events, business office's reminder policies, and what an e-mail may say."""

import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from backend.audit.models import AuditEvent
from backend.core.access import Role
from backend.deadlines import service as deadlines
from backend.referrals import service as referrals
from backend.referrals.schemas import Reasons
from backend.reminders.models import OutboxMessage
from backend.reminders.worker import run_once
from tests.referral_forms import Partnership, partnership
from tests.stage_one import CHILD, notify
from tests.test_rapid_reviews import RESPONSE

IDENTIFYING = ("Jordan Pike", "4 Quarry Lane", "Kelly Pike", "2025-03-14")  # the referral form's child and family


@pytest.fixture
def org(client, make) -> Partnership:
    return partnership(client, make)


def _decided_referral(org, decision: dict) -> dict:
    referral = org.to_state("recommendation_made")
    return org.decide(referral["id"], decision)


def test_referral_decision_reaches_the_referrer_and_their_manager_with_comments_and_date(
        org, db, frozen_now, smtp_server, jobs):
    """Seed 003: the referrer gets a written response with the outcome; their senior manager signed with them."""
    org.frozen = frozen_now
    referral = _decided_referral(org, {"agreed": True, "reasons": "The criteria are met.",
                                       "recorded_on": "2026-11-20"})
    run_once(jobs)
    [mail] = [m for m in smtp_server.messages if m.subject.startswith("Decision")]
    assert sorted(mail.rcpt_tos) == sorted([org.lead.email, org.manager.email])
    assert mail.subject == f"Decision on the review request for {referral['child_reference']}"
    for body in (mail.text, mail.html):
        assert ("The case goes to a rapid review, which will decide whether to hold a Child Safeguarding Practice "
                "Review") in body
        assert "The criteria are met." in body and "Friday 20 November 2026" in body
        assert f"http://localhost:8000/referrals/{referral['id']}" in body
        for detail in IDENTIFYING:
            assert detail not in body and detail not in mail.subject


def test_referral_decision_goes_to_the_agency_leads_when_referrer_and_manager_have_left(
        org, db, make, frozen_now, smtp_server, jobs):
    org.frozen = frozen_now
    referral = org.to_state("recommendation_made")
    org.lead.active = org.manager.active = False
    db.flush()
    lead = make.user(Role.agency_lead, org.agency)
    org.decide(referral["id"], {"agreed": False, "reasons": "No review: single agency."})
    run_once(jobs)
    [mail] = [m for m in smtp_server.messages if m.subject.startswith("Decision")]
    assert mail.rcpt_tos == [lead.email]
    assert "The case will not go to a rapid review or a case mapping exercise" in mail.text
    assert "No review: single agency." in mail.text


def test_returned_referral_tells_the_referrer_why(org, frozen_now, smtp_server, jobs):
    org.frozen = frozen_now
    referral = org.to_state("under_consideration")
    org.act(referral["id"], "return", org.office, {"reasons": "The senior manager has not signed the request."})
    run_once(jobs)
    [mail] = [m for m in smtp_server.messages if "returned" in m.subject]
    assert mail.rcpt_tos == [org.lead.email]
    assert mail.subject == f"Your review request for {referral['child_reference']} has been returned"
    assert "The senior manager has not signed the request." in mail.text


def test_information_request_created_and_returned_reach_the_agency_leads(client, make, frozen_now, smtp_server, jobs):
    agency = make.agency("Quayside Medical Practice")
    lead, office = make.user(Role.agency_lead, agency), make.user(Role.business_office)
    make.user(Role.agency_manager, agency)
    notification = notify(client, make, office, agency_ids=[str(agency.id)])
    url = f"/api/v1/rapid-reviews/{notification['rapid_review_id']}/information-requests"
    sent = client.post(url, headers=make.headers(office),
                       json={"agency_ids": [str(agency.id)], "note": "Contacts in the six months before."})
    request_url = f"/api/v1/information-requests/{sent.json()[0]['id']}"
    client.post(f"{request_url}/submit", headers=make.headers(lead), json=RESPONSE)
    client.post(f"{request_url}/return", headers=make.headers(office),
                json={"reasons": "Please add the health visitor's contacts."})
    run_once(jobs)
    mails = [m for m in smtp_server.messages if m.subject.startswith("Information request")]
    created, returned = sorted(mails, key=lambda m: len(m.subject))
    assert created.rcpt_tos == returned.rcpt_tos == [lead.email]
    assert created.subject == "Information request for Child BM"
    assert "Quayside Medical Practice" in created.text and "Wednesday 2 December 2026" in created.text
    assert "7 working days from today" in created.text and "Contacts in the six months before." in created.text
    assert "health visitor's contacts" in returned.text and "Wednesday 2 December 2026" in returned.text
    assert CHILD["name"] not in created.text + returned.text


def test_event_published_in_a_rolled_back_change_sends_nothing(org, db, make, frozen_now, smtp_server, jobs):
    org.frozen = frozen_now
    referral = org.to_state("under_consideration")
    run_once(jobs)
    before = len(smtp_server.messages)
    nested = db.begin_nested()
    referrals.return_to_referrer(db, make.principal(org.office), uuid.UUID(referral["id"]), Reasons(reasons="x"))
    nested.rollback()
    run_once(jobs)
    assert len(smtp_server.messages) == before
    assert db.scalar(select(OutboxMessage).where(OutboxMessage.subject.like("%returned%"))) is None


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
