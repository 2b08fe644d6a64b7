"""Nothing lost, nothing doubled, under faults injected on purpose.

- The worker process SIGKILLed mid-delivery, once while sending e-mail and once while sending webhooks: when it
  (or another) carries on, every e-mail arrives exactly once and every webhook arrives; a webhook in flight at
  the kill may arrive again with the same Webhook-Id (at least once, receivers de-duplicate on it), never more.
- PostgreSQL's connections killed under load (pg_terminate_backend): requests during the outage answer 503 with
  Retry-After, service is full again after it, and every write that was accepted is there (TEST_POSTGRES_URL only).
"""

import asyncio
import datetime as dt
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from backend.core import clock
from backend.core import config as config_module
from backend.core.config import ROOT
from backend.core.db import make_engine
from backend.core.migrations import upgrade
from backend.integrations.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from backend.reminders.mail import queue_email
from backend.reminders.models import OutboxMessage, OutboxStatus
from backend.reminders.worker import run_once

EMAILS, WEBHOOKS = 30, 12
SLOW = 0.1  # seconds the mail server and the webhook receiver take over each message, so a kill lands mid-batch


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SlowMailServer:
    """Takes its time over each recipient (before any message is accepted), and keeps every Message-ID."""

    def __init__(self) -> None:
        self.message_ids: list[str] = []
        self.recipients_begun = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's hook
        self.recipients_begun += 1
        await asyncio.sleep(SLOW)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook
        for line in envelope.content.decode(errors="replace").splitlines():
            if line.lower().startswith("message-id:"):
                self.message_ids.append(line.split(":", 1)[1].strip())
        return "250 Message accepted for delivery"


class SlowReceiver(BaseHTTPRequestHandler):
    """A subscriber that takes its time, and keeps the Webhook-Id of every request it gets."""

    received: list[str] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        SlowReceiver.received.append(self.headers["Webhook-Id"])
        time.sleep(SLOW)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def outage_free_world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, object]]:
    url = f"sqlite:///{tmp_path}/faults.db"
    upgrade(url)
    mail = SlowMailServer()
    smtp_port = _free_port()
    controller = Controller(mail, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    receiver = ThreadingHTTPServer(("127.0.0.1", 0), SlowReceiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    SlowReceiver.received = []
    env = {"DATABASE_URL": url, "ENVIRONMENT": "test", "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp_port),
           "SMTP_SECURITY": "none", "WORKER_HEARTBEAT_FILE": str(tmp_path / "heartbeat")}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config_module.get_settings.cache_clear()
    engine = make_engine(url)
    yield {"engine": engine, "mail": mail, "receiver": receiver, "env": os.environ | env | {"PYTHONPATH": str(ROOT)}}
    engine.dispose()
    receiver.shutdown()
    controller.stop()
    config_module.get_settings.cache_clear()


def _worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "backend", "worker", "--interval", "0.5"], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _kill_when(process: subprocess.Popen[bytes], arrived, at_least: int, timeout: float = 60, sending=None) -> int:
    """SIGKILL the worker once `at_least` have arrived and (when `sending` says so) it is sending the next one."""
    deadline = time.monotonic() + timeout
    while len(arrived()) < at_least or (sending is not None and not sending()):
        assert time.monotonic() < deadline and process.poll() is None, "the worker made no progress"
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    return len(arrived())


def test_a_worker_killed_mid_delivery_loses_no_email_or_webhook_and_sends_none_twice(outage_free_world):
    engine, mail = outage_free_world["engine"], outage_free_world["mail"]
    port = outage_free_world["receiver"].server_port
    factory = sessionmaker(engine, expire_on_commit=False)
    with factory() as session, session.begin():
        for n in range(EMAILS):
            queue_email(session, to=[f"person{n}@example.org"], subject=f"Message {n}", template="notice",
                        context={"heading": f"Message {n}", "paragraphs": ["Sent under faults."]})
        subscription = WebhookSubscription(url=f"http://127.0.0.1:{port}/hook", description="", secret="whsec_x",
                                           event_types=["referral.submitted"], agency_id=None)
        session.add(subscription)
        session.flush()
        for _ in range(WEBHOOKS):
            session.add(WebhookDelivery(subscription_id=subscription.id, event_id=uuid.uuid4(),
                                        event_type="referral.submitted", body="{}", max_attempts=8,
                                        next_attempt_at=clock.now()))

    env = outage_free_world["env"]
    faults = []
    # 1. Killed while sending e-mail (a batch of 30 in flight), 2. killed while sending webhooks.
    # (The kill lands while the next message is being sent: the mail server is reading its recipient.)
    faults.append(_kill_when(_worker(env), lambda: mail.message_ids, EMAILS // 3,
                             sending=lambda: mail.recipients_begun > len(mail.message_ids)))
    worker = _worker(env)
    faults.append(_kill_when(worker, lambda: SlowReceiver.received, WEBHOOKS // 3))

    # A worker carries on after the claim's lease (ten minutes for e-mail, five for webhooks) has run out.
    later = clock.now() + dt.timedelta(minutes=11)
    clock.set_clock(lambda: later + dt.timedelta(seconds=time.monotonic() % 1))
    try:
        for _ in range(5):
            run_once(factory)
    finally:
        clock.set_clock(None)

    with Session(engine) as session:
        outbox = Counter(session.scalars(select(OutboxMessage.status)))
        webhooks = Counter(session.scalars(select(WebhookDelivery.status)))
        expected_ids = {f"<{i.hex}@safeguarding-reviews>" for i in session.scalars(select(OutboxMessage.id))}
        delivery_ids = {str(i) for i in session.scalars(select(WebhookDelivery.id))}
    mail_counts, hook_counts = Counter(mail.message_ids), Counter(SlowReceiver.received)
    figures = {
        "kills": 2, "delivered_before_kill": faults, "emails": EMAILS, "webhooks": WEBHOOKS,
        "emails_received": len(set(mail_counts)), "emails_lost": len(expected_ids - set(mail_counts)),
        "emails_doubled": sum(c - 1 for c in mail_counts.values()),
        "webhooks_received": len(set(hook_counts)), "webhooks_lost": len(delivery_ids - set(hook_counts)),
        # At least once, by design (integrations/delivery.py): the one in flight when the worker died is sent
        # again, with the same Webhook-Id, on which receivers are told to de-duplicate.
        "webhooks_sent_again_same_id": sum(c - 1 for c in hook_counts.values()),
    }
    print("\nFAULTS worker " + json.dumps(figures))
    assert outbox == {OutboxStatus.sent: EMAILS} and webhooks == {DeliveryStatus.succeeded: WEBHOOKS}
    assert set(mail_counts) == expected_ids and set(hook_counts) == delivery_ids
    assert figures["emails_doubled"] == 0
    assert figures["webhooks_sent_again_same_id"] <= 1  # only the one in flight at the kill


@pytest.mark.skipif(not os.environ.get("TEST_POSTGRES_URL"), reason="PostgreSQL only when TEST_POSTGRES_URL is set")
def test_postgres_connections_killed_under_load_answer_503_then_full_service_and_lose_no_accepted_write(
        tmp_path: Path):
    import httpx
    from sqlalchemy import create_engine, make_url, text

    from tests.conftest import empty_postgres
    from tests.live_server import live_server

    base = make_url(os.environ["TEST_POSTGRES_URL"])
    url = empty_postgres(base.set(database=f"{base.database}_outage").render_as_string(hide_password=False))
    name = make_url(url).database
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")

    def kill_connections() -> int:
        with admin.connect() as connection:
            return len(connection.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": name}).all())

    with live_server(tmp_path, url) as server:
        headers = {"Authorization": f"Bearer {server.token('trust.lead@harbourside-scp.org.uk')}"}
        answers: list[tuple[float, int, str | None, str | None]] = []  # (when, status, Retry-After, referral id)
        stop = threading.Event()

        def load() -> None:
            with httpx.Client(base_url=server.base_url, headers=headers, timeout=30) as http:
                while not stop.is_set():
                    response = http.post("/api/v1/referrals", json={})
                    created = response.json().get("id") if response.status_code == 201 else None
                    answers.append((time.monotonic(), response.status_code, response.headers.get("Retry-After"),
                                    created))

        workers = [threading.Thread(target=load) for _ in range(4)]
        for worker in workers:
            worker.start()
        time.sleep(1.5)
        outage_started = time.monotonic()
        with admin.connect() as connection:  # the database refuses new connections, and every one open is killed
            connection.execute(text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false'))
        killed = 0
        while time.monotonic() - outage_started < 2.5:
            killed += kill_connections()
            time.sleep(0.1)
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true'))
        outage_ended = time.monotonic()
        time.sleep(2.5)
        stop.set()
        for worker in workers:
            worker.join(timeout=60)
        after = [httpx.post(f"{server.base_url}/api/v1/referrals", json={}, headers=headers) for _ in range(10)]

    engine = make_engine(url)
    with engine.connect() as connection:
        stored = {str(row[0]) for row in connection.execute(text("SELECT id FROM referrals"))}
    engine.dispose()
    admin.dispose()
    accepted = [a for a in answers if a[1] == 201] + [(0, 201, None, r.json()["id"]) for r in after]
    during = [a for a in answers if outage_started <= a[0] <= outage_ended]
    unavailable = [a for a in answers if a[1] == 503]
    figures = {"requests": len(answers) + len(after), "connections_killed": killed, "accepted_writes": len(accepted),
               "answered_503": len(unavailable), "answered_500": sum(a[1] >= 500 and a[1] != 503 for a in answers),
               "accepted_writes_lost": len({a[3] for a in accepted} - stored)}
    print("\nFAULTS postgres " + json.dumps(figures))
    assert killed > 0 and during and unavailable
    assert {a[1] for a in answers} <= {201, 503}, Counter(a[1] for a in answers)
    assert all(a[2] is not None and int(a[2]) > 0 for a in unavailable)
    assert [r.status_code for r in after] == [201] * 10
    assert figures["accepted_writes_lost"] == 0
