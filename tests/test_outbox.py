"""The outbox: recorded before sending, sent once (two workers or not), retried, never lost."""

import datetime as dt
import threading
import uuid
from collections import Counter

from sqlalchemy import func, select

from backend.audit.models import AuditEvent
from backend.core.access import Role
from backend.core.config import get_settings
from backend.deadlines import service as deadlines
from backend.reminders import delivery
from backend.reminders.mail import queue_email
from backend.reminders.models import OutboxMessage, OutboxStatus
from backend.reminders.worker import run_once
from tests.conftest import Factory

ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n"


def _notice(db, to: list[str], key: str | None = None, **kw) -> OutboxMessage | None:
    return queue_email(db, to=to, subject="Practitioner event: your place is confirmed", template="notice",
                       context={"heading": "Your place is confirmed", "paragraphs": ["See you on Friday."],
                                "link": "http://localhost:8000/events/1"}, key=key, **kw)


def test_without_an_smtp_host_messages_wait_in_the_outbox(db, make, frozen_now, jobs):
    _notice(db, ["someone@example.org"])
    assert run_once(jobs)["outbox_delivery"] == 0
    assert db.scalar(select(OutboxMessage.status)) == OutboxStatus.queued


def test_queue_email_with_a_key_records_once_and_delivers_the_calendar_attachment(db, frozen_now, smtp_server, jobs):
    first = _notice(db, ["Ann@Example.org", "ben@example.org"], key="event-confirmation:1",
                    attachments=[("event.ics", "text/calendar", ICS)])
    assert first is not None and first.recipients == ["ann@example.org", "ben@example.org"]
    assert _notice(db, ["ann@example.org"], key="event-confirmation:1") is None
    run_once(jobs)
    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    assert sorted(mail.rcpt_tos) == ["ann@example.org", "ben@example.org"]
    [attachment] = list(mail.message.iter_attachments())
    assert attachment.get_filename() == "event.ics" and attachment.get_content_type() == "text/calendar"
    assert attachment.get_payload(decode=True) == ICS
    assert "See you on Friday." in mail.text and "See you on Friday." in mail.html


def test_smtp_server_that_refuses_then_accepts_gets_the_message_delivered_once(db, frozen_now, smtp_server, jobs):
    _notice(db, ["ann@example.org"])
    smtp_server.refuse = 1
    run_once(jobs)
    message = db.scalar(select(OutboxMessage))
    db.refresh(message)
    assert (message.status, message.attempts) == (OutboxStatus.queued, 1)
    assert "451" in message.last_error
    assert message.next_attempt_at == frozen_now[0] + dt.timedelta(seconds=60)
    run_once(jobs)  # not yet due again
    assert smtp_server.messages == []
    frozen_now[0] += dt.timedelta(seconds=61)
    run_once(jobs)
    run_once(jobs)
    db.refresh(message)
    assert len(smtp_server.messages) == 1 and smtp_server.refused == 1
    assert (message.status, message.attempts, message.last_error) == (OutboxStatus.sent, 2, None)


def test_retries_back_off_exponentially_then_fail_and_business_office_retries(
        client, db, make, frozen_now, smtp_server, jobs, monkeypatch):
    monkeypatch.setattr(get_settings(), "mail_max_attempts", 3)
    office, lead = make.user(Role.business_office), make.user(Role.agency_lead)
    message = _notice(db, ["ann@example.org"])
    smtp_server.refuse = 10
    waits = []
    for _ in range(3):
        run_once(jobs)
        db.refresh(message)
        waits.append(message.next_attempt_at - frozen_now[0])
        frozen_now[0] = message.next_attempt_at
    assert waits[:2] == [dt.timedelta(minutes=1), dt.timedelta(minutes=2)]
    assert (message.status, message.attempts) == (OutboxStatus.failed, 3)

    assert client.get("/api/v1/outbox", params={"status": "failed"}, headers=make.headers(lead)).status_code == 403
    listed = client.get("/api/v1/outbox", params={"status": "failed"}, headers=make.headers(office)).json()
    assert [item["id"] for item in listed["items"]] == [str(message.id)]
    assert "451" in listed["items"][0]["last_error"]
    assert client.post(f"/api/v1/outbox/{message.id}/retry", headers=make.headers(lead)).status_code == 403
    retried = client.post(f"/api/v1/outbox/{message.id}/retry", headers=make.headers(office))
    assert retried.status_code == 200 and retried.json()["status"] == "queued" and retried.json()["attempts"] == 0
    audit = db.scalars(select(AuditEvent).where(AuditEvent.entity_id == str(message.id))).all()
    assert [(a.action, a.actor_id) for a in audit] == [("retry", office.id)]

    smtp_server.refuse = 0
    run_once(jobs)
    assert len(smtp_server.messages) == 1
    again = client.post(f"/api/v1/outbox/{message.id}/retry", headers=make.headers(office))
    assert again.status_code == 409 and again.json()["errors"][0]["field"] == "status"
    detail = client.get(f"/api/v1/outbox/{message.id}", headers=make.headers(office)).json()
    assert detail["status"] == "sent" and "See you on Friday." in detail["text_body"]
    assert client.get(f"/api/v1/outbox/{uuid.uuid4()}", headers=make.headers(office)).status_code == 404


def test_message_left_sending_by_a_crashed_worker_is_queued_again_after_ten_minutes(db, frozen_now, smtp_server, jobs):
    _notice(db, ["ann@example.org"])
    assert len(delivery.claim(db, 10)) == 1  # ... and the worker dies before sending
    db.commit()
    frozen_now[0] += dt.timedelta(minutes=9)
    assert run_once(jobs)["outbox_requeue_stuck"] == 0
    frozen_now[0] += dt.timedelta(minutes=2)
    assert run_once(jobs)["outbox_requeue_stuck"] == 1
    assert len(smtp_server.messages) == 1
    assert db.scalar(select(OutboxMessage.status)) == OutboxStatus.sent


def test_two_workers_in_parallel_send_each_message_exactly_once(live_app, smtp_server, frozen_now):
    from backend.core.db import get_sessionmaker

    sessions = get_sessionmaker()
    with sessions() as session:
        make = Factory(session)
        agency = make.agency()
        leads = [make.user(Role.agency_lead, agency) for _ in range(3)]
        for n in range(40):
            deadlines.open_deadline(session, kind="information_request", subject_type="information_request",
                                    subject_id=uuid.uuid4(), due_date=dt.date(2026, 11, 24),
                                    title=f"Information request {n} for {deadlines.CHILD}",
                                    case_id=make.case(f"Child Q{n}").id,
                                    owner_agency_id=agency.id)
        for n in range(30):
            _notice(session, [f"guest{n}@example.org"])
        session.commit()

    start, results = threading.Barrier(2), []

    def worker() -> None:
        start.wait()
        results.append(run_once(sessions))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert len(results) == 2 and all(v >= 0 for r in results for v in r.values())
    delivered = Counter((tuple(m.rcpt_tos), m.subject) for m in smtp_server.messages)
    assert len(delivered) == 40 * len(leads) + 30
    assert set(delivered.values()) == {1}
    assert sum(r["outbox_delivery"] for r in results) == 150
    with sessions() as session:
        statuses = Counter(session.scalars(select(OutboxMessage.status)))
        assert statuses == {OutboxStatus.sent: 150}
        assert session.scalar(select(func.count()).select_from(OutboxMessage)) == 150


def test_api_runs_the_worker_in_a_thread_when_configured(monkeypatch):
    from fastapi.testclient import TestClient

    import backend.app as app_module

    events: list[str] = []

    class RecordingWorker:
        def __init__(self, interval: float) -> None:
            events.append(f"created every {interval:g}s")

        def start(self) -> None:
            events.append("started")

        def stop(self) -> None:
            events.append("stopped")

    monkeypatch.setattr(app_module, "BackgroundWorker", RecordingWorker)
    monkeypatch.setattr(get_settings(), "run_worker_in_process", False)
    with TestClient(app_module.create_app()):
        assert events == []
    monkeypatch.setattr(get_settings(), "run_worker_in_process", True)
    with TestClient(app_module.create_app()):
        assert events == ["created every 60s", "started"]
    assert events[-1] == "stopped"
