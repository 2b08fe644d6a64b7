"""Webhooks: subscriptions, deliveries made in the event's transaction, signed, retried, redelivered."""

import hashlib
import hmac
import json
import threading
import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

from backend.core.access import Role
from backend.core.db import get_sessionmaker
from backend.core.domain_events import publish
from backend.information_requests.events import InformationRequestCreated
from backend.integrations.delivery import MAX_ATTEMPTS, deliver_due_webhooks
from backend.integrations.models import WebhookDelivery, WebhookSubscription
from backend.rapid_reviews.events import RapidReviewOpened
from backend.rapid_reviews.models import RapidReviewSource
from backend.referrals.events import ReferralSubmitted
from backend.referrals.policy import ReviewType
from tests.integrations_support import example_module, webhook_receiver


@pytest.fixture
def sessions(db):
    """What a worker gets: its own sessions, here on the test's connection so everything is rolled back."""
    return sessionmaker(bind=db.connection(), join_transaction_mode="create_savepoint", expire_on_commit=False)


@pytest.fixture
def office_user(make):
    return make.user(Role.business_office)


@pytest.fixture
def office(make, office_user):
    return make.headers(office_user)


def _subscribe(client, office, url, event_types=("referral.submitted",), **extra):
    response = client.post("/api/v1/webhooks", headers=office,
                           json={"url": url, "event_types": list(event_types), **extra})
    assert response.status_code == 201, response.text
    return response.json()


def _referral_submitted(agency_id=None) -> ReferralSubmitted:
    """The delivery machinery's own tests: the real event model, without a referral behind it."""
    return ReferralSubmitted(subject_id=uuid.uuid4(), child_reference="Child BM",
                             agency_ids=(agency_id,) if agency_id else (), review_type_requested=ReviewType.cspr,
                             submitted_on=date(2026, 11, 23), decision_due=date(2026, 12, 14))


def _deliveries(client, office, subscription_id):
    return client.get(f"/api/v1/webhooks/{subscription_id}/deliveries", headers=office).json()["items"]


def test_business_office_registers_a_webhook_and_sees_the_secret_once(client, office):
    created = _subscribe(client, office, "https://cases.harbourside.example.org/hooks", ["referral.decided"])
    assert created["secret"].startswith("whsec_") and created["active"] is True
    read = client.get(f"/api/v1/webhooks/{created['id']}", headers=office).json()
    assert "secret" not in read and read["event_types"] == ["referral.decided"]
    listed = client.get("/api/v1/webhooks", headers=office).json()
    assert [w["id"] for w in listed["items"]] == [created["id"]] and "secret" not in listed["items"][0]
    audit = client.get("/api/v1/audit", params={"entity_id": created["id"]}, headers=office).json()["items"]
    assert [e["action"] for e in audit] == ["create"] and "secret" not in audit[0]["changes"]


@pytest.mark.parametrize("url", ["http://cases.example.org/hooks", "ftp://cases.example.org/",
                                 "https://user:pw@cases.example.org/"])
def test_webhook_urls_must_be_https_except_loopback(client, office, url):
    response = client.post("/api/v1/webhooks", headers=office, json={"url": url, "event_types": ["review.published"]})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "body.url"


def test_unknown_event_types_are_refused(client, office):
    response = client.post("/api/v1/webhooks", headers=office,
                           json={"url": "https://x.example.org/", "event_types": ["child.details_changed"]})
    assert response.status_code == 422 and response.json()["errors"][0]["field"].startswith("body.event_types")


def test_agency_users_cannot_manage_webhooks(client, make):
    lead = make.headers(make.user(Role.agency_lead))
    assert client.get("/api/v1/webhooks", headers=lead).status_code == 403
    assert client.post("/api/v1/webhooks", headers=lead,
                       json={"url": "https://x.example.org/", "event_types": ["review.published"]}).status_code == 403


def test_changing_a_webhook_needs_its_etag(client, office):
    created = _subscribe(client, office, "https://x.example.org/")
    path = f"/api/v1/webhooks/{created['id']}"
    assert client.patch(path, headers=office, json={"active": False}).status_code == 428
    changed = client.patch(path, headers=office | {"If-Match": '"1"'}, json={"active": False})
    assert changed.status_code == 200 and changed.json()["active"] is False and changed.headers["ETag"] == '"2"'
    assert client.patch(path, headers=office | {"If-Match": '"1"'}, json={"active": True}).status_code == 412


def test_a_real_receiver_gets_a_signed_delivery_it_can_verify(client, office, db, sessions, frozen_now):
    with webhook_receiver() as receiver:
        subscription = _subscribe(client, office, receiver.url)
        event = _referral_submitted()
        publish(db, event)
        db.flush()
        assert deliver_due_webhooks(sessions) == 1
    [received] = receiver.received
    body = received.body.decode()
    assert received.event == {
        "id": str(event.id), "type": "referral.submitted", "occurred_at": event.occurred_at.isoformat(),
        "data": {"subject_type": "referral", "subject_id": str(event.subject_id), "child_reference": "Child BM",
                 "case_id": None, "agency_id": None, "agency_ids": [], "review_type_requested": "cspr",
                 "submitted_on": "2026-11-23", "decision_due": "2026-12-14"}}
    assert received.headers["Webhook-Event"] == "referral.submitted"
    timestamp = int(frozen_now[0].timestamp())
    expected = hmac.new(subscription["secret"].encode(), f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()
    assert received.headers["Webhook-Signature"] == f"t={timestamp},v1={expected}"
    verify = example_module().verify_signature
    assert verify(subscription["secret"], received.headers["Webhook-Signature"], received.body, now=timestamp)
    assert not verify("whsec_wrong", received.headers["Webhook-Signature"], received.body, now=timestamp)
    assert not verify(subscription["secret"], received.headers["Webhook-Signature"], received.body + b" ",
                      now=timestamp)
    assert not verify(subscription["secret"], received.headers["Webhook-Signature"], received.body,
                      now=timestamp + 600)
    [delivery] = _deliveries(client, office, subscription["id"])
    assert received.headers["Webhook-Id"] == delivery["id"]
    assert delivery["status"] == "succeeded" and delivery["attempts"] == 1
    assert delivery["attempt_log"][0]["status_code"] == 200 and delivery["payload"] == received.event


def test_only_the_fields_an_event_declares_for_webhooks_leave(client, office, db, make):
    """The business office's note to an agency may name the child; the event's model keeps it out of webhooks."""
    agency = make.agency()
    subscription = _subscribe(client, office, "https://x.example.org/", ["information_request.created"])
    publish(db, InformationRequestCreated(
        subject_id=uuid.uuid4(), child_reference="Child BM", agency_ids=(agency.id,), rapid_review_id=uuid.uuid4(),
        due_date=date(2026, 12, 2), purpose="Jane Doe of 1 High Street was seen at A&E"))
    db.flush()
    [delivery] = _deliveries(client, office, subscription["id"])
    data = delivery["payload"]["data"]
    assert set(data) == {"subject_type", "subject_id", "case_id", "child_reference", "agency_id", "agency_ids",
                         "rapid_review_id", "due_date"}
    assert "Jane" not in json.dumps(delivery["payload"]) and "High Street" not in json.dumps(delivery["payload"])


def test_a_receiver_failing_twice_gets_the_event_once_after_backoff(
        client, make, office_user, office, db, sessions, frozen_now):
    with webhook_receiver(statuses=[500, 503]) as receiver:
        subscription = _subscribe(client, office, receiver.url)
        publish(db, _referral_submitted())
        db.flush()
        assert deliver_due_webhooks(sessions) == 1
        assert deliver_due_webhooks(sessions) == 0, "not due again until the backoff has passed"
        frozen_now[0] += timedelta(seconds=31)
        assert deliver_due_webhooks(sessions) == 1
        frozen_now[0] += timedelta(seconds=60)
        assert deliver_due_webhooks(sessions) == 0
        frozen_now[0] += timedelta(seconds=61)
        assert deliver_due_webhooks(sessions) == 1
        frozen_now[0] += timedelta(days=1)
        assert deliver_due_webhooks(sessions) == 0
    office = make.headers(office_user)  # a fresh token, a day later
    assert len(receiver.received) == 3 and len({r.headers["Webhook-Id"] for r in receiver.received}) == 1
    [delivery] = _deliveries(client, office, subscription["id"])
    assert delivery["status"] == "succeeded" and delivery["attempts"] == 3
    assert [(a["number"], a["status_code"], a["error"]) for a in delivery["attempt_log"]] == [
        (1, 500, "HTTP 500"), (2, 503, "HTTP 503"), (3, 200, None)]
    assert all(a["response_ms"] is not None for a in delivery["attempt_log"])


def test_an_unreachable_receiver_is_marked_failed_after_the_last_attempt_and_can_be_redelivered(
        client, make, office_user, office, db, sessions, frozen_now):
    with webhook_receiver() as receiver:
        dead_url = receiver.url
    subscription = _subscribe(client, office, dead_url)
    publish(db, _referral_submitted())
    db.flush()
    for _ in range(MAX_ATTEMPTS):
        assert deliver_due_webhooks(sessions) == 1
        frozen_now[0] += timedelta(hours=13)
    office = make.headers(office_user)
    [delivery] = _deliveries(client, office, subscription["id"])
    assert delivery["status"] == "failed" and delivery["attempts"] == MAX_ATTEMPTS
    assert delivery["last_status_code"] is None and delivery["last_error"].startswith("ConnectError")
    assert deliver_due_webhooks(sessions) == 0
    with webhook_receiver() as receiver:
        client.patch(f"/api/v1/webhooks/{subscription['id']}", headers=office | {"If-Match": '"1"'},
                     json={"url": receiver.url})
        redelivered = client.post(f"/api/v1/webhook-deliveries/{delivery['id']}/redeliver", headers=office)
        assert redelivered.status_code == 202 and redelivered.json()["status"] == "pending"
        assert deliver_due_webhooks(sessions) == 1
    assert [r.headers["Webhook-Id"] for r in receiver.received] == [delivery["id"]]
    again = client.get(f"/api/v1/webhook-deliveries/{delivery['id']}", headers=office).json()
    assert again["status"] == "succeeded" and again["attempts"] == MAX_ATTEMPTS + 1
    audit = client.get("/api/v1/audit", params={"entity_id": delivery["id"]}, headers=office).json()["items"]
    assert [e["action"] for e in audit] == ["redeliver"]


def test_only_active_subscriptions_to_the_type_and_agency_get_deliveries(client, office, db, make):
    mine, other = make.agency(), make.agency()
    wanted = _subscribe(client, office, "https://a.example.org/", ["referral.submitted", "review.published"])
    scoped = _subscribe(client, office, "https://b.example.org/", ["referral.submitted"], agency_id=str(mine.id))
    elsewhere = _subscribe(client, office, "https://c.example.org/", ["referral.submitted"], agency_id=str(other.id))
    unrelated = _subscribe(client, office, "https://d.example.org/", ["review.published"])
    paused = _subscribe(client, office, "https://e.example.org/", ["referral.submitted"], active=False)
    publish(db, _referral_submitted(agency_id=mine.id))
    publish(db, RapidReviewOpened(subject_id=uuid.uuid4(), child_reference="Child BM", agency_ids=(mine.id,),
                                  source_type=RapidReviewSource.referral, source_id=uuid.uuid4()))
    db.flush()
    counts = {name: len(_deliveries(client, office, s["id"])) for name, s in
              {"wanted": wanted, "scoped": scoped, "elsewhere": elsewhere, "unrelated": unrelated,
               "paused": paused}.items()}
    assert counts == {"wanted": 1, "scoped": 1, "elsewhere": 0, "unrelated": 0, "paused": 0}


def test_a_rolled_back_change_creates_no_delivery(live_app):
    factory = get_sessionmaker()
    with factory() as session, session.begin():
        session.add(WebhookSubscription(url="https://x.example.org/", event_types=["referral.submitted"],
                                        secret="whsec_test"))
    with factory() as session:
        session.begin()
        publish(session, _referral_submitted())
        session.flush()
        assert session.scalar(select(func.count()).select_from(WebhookDelivery)) == 1
        session.rollback()
    with factory() as session, session.begin():
        publish(session, _referral_submitted())
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(WebhookDelivery)) == 1


def test_two_workers_never_send_one_delivery_twice(live_app):
    factory = get_sessionmaker()
    with webhook_receiver() as receiver:
        with factory() as session, session.begin():
            session.add(WebhookSubscription(url=receiver.url, event_types=["referral.submitted"],
                                            secret="whsec_test"))
        with factory() as session, session.begin():
            for _ in range(24):
                publish(session, _referral_submitted())
        results: list[int] = []
        workers = [threading.Thread(target=lambda: results.append(deliver_due_webhooks(factory)))
                   for _ in range(3)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    assert sum(results) == 24
    ids = [r.headers["Webhook-Id"] for r in receiver.received]
    assert len(ids) == 24 and len(set(ids)) == 24
