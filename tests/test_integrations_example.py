"""examples/integration_client.py run as integrators would run it, against a real server on a loopback port."""

import json
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi import status
from sqlalchemy import func, select

from backend.audit import service as audit
from backend.audit.models import AuditEvent
from backend.core.access import Permission as P
from backend.core.auth import DbSession, Requires
from backend.core.config import ROOT
from backend.core.domain_events import DomainEvent, publish
from backend.core.migrations import upgrade
from backend.integrations.delivery import deliver_due_webhooks
from backend.integrations.models import DeliveryStatus, WebhookDelivery
from tests.conftest import Factory
from tests.integrations_support import live_agency, live_user, make_client


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path, monkeypatch) -> Iterator[str]:
    """The app under uvicorn on a migrated SQLite file; yields its base URL."""
    from backend.app import create_app
    from backend.core import config
    from backend.core import db as db_module

    url = f"sqlite:///{tmp_path}/integration.db"
    upgrade(url)
    monkeypatch.setenv("DATABASE_URL", url)
    for cached in (config.get_settings, db_module.get_engine, db_module.get_sessionmaker):
        cached.cache_clear()
    app = create_app()

    # The referral endpoint belongs to another domain; this stands in for "a write the client's scope allows".
    @app.post("/api/v1/test-only/case-notes", status_code=status.HTTP_201_CREATED)
    def add_note(session: DbSession, principal: Requires(P.referrals_draft), note: dict[str, str]) -> dict[str, str]:
        event = audit.record(session, principal, "create", "case_note", uuid.uuid4(), note.get("text", ""))
        return {"id": event.entity_id or "", "text": note.get("text", "")}

    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert uv.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(10)
        db_module.get_engine().dispose()
        for cached in (config.get_settings, db_module.get_engine, db_module.get_sessionmaker):
            cached.cache_clear()


def test_example_client_gets_a_token_writes_idempotently_and_verifies_a_webhook(server, tmp_path):
    import httpx

    from backend.core.db import get_sessionmaker

    factory = get_sessionmaker()
    with factory() as session, session.begin():
        office = live_user(session)
        agency = live_agency(session)
        machine, secret = make_client(session, agency, ["referrals:write"], name="Harbour Trust case system")
        client_id, agency_name = machine.client_id, agency.name
    listen_port = _free_port()
    subscription = httpx.post(f"{server}/api/v1/webhooks", headers=Factory.headers(office), json={
        "url": f"http://127.0.0.1:{listen_port}/", "event_types": ["referral.submitted"]}).json()
    body_file = tmp_path / "note.json"
    body_file.write_text(json.dumps({"text": "Referral drafted in the case system"}))

    script = subprocess.Popen(
        [sys.executable, str(ROOT / "examples" / "integration_client.py"), server, client_id, secret,
         "--write-path", "/api/v1/test-only/case-notes", "--write-body", str(body_file),
         "--webhook-secret", subscription["secret"], "--listen", f"127.0.0.1:{listen_port}", "--max-events", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        assert script.stdout is not None
        while not any(line.startswith("listening") for line in lines):
            line = script.stdout.readline()
            assert line, "".join(lines)
            lines.append(line)
        event = DomainEvent(type="referral.submitted", subject_type="referral", subject_id=uuid.uuid4(),
                            child_reference="Child BM", agency_id=agency.id)
        with factory() as session, session.begin():
            publish(session, event)
        assert deliver_due_webhooks(factory) == 1
        rest, _ = script.communicate(timeout=30)
    finally:
        script.kill()
    output = "".join(lines) + rest
    assert script.returncode == 0, output
    assert "token: obtained, expires in 900 s, scopes: referrals:write" in output
    assert f"me: Harbour Trust case system acting for {agency_name}" in output
    assert "write: POST /api/v1/test-only/case-notes -> 201" in output
    assert "retry: -> 201, replayed: true, same body: true" in output
    assert f"verified webhook referral.submitted {event.id} for Child BM" in output
    with factory() as session:
        notes = select(func.count()).select_from(AuditEvent).where(AuditEvent.entity_type == "case_note")
        assert session.scalar(notes) == 1
        assert session.scalars(select(WebhookDelivery.status)).one() == DeliveryStatus.succeeded
        calls = session.scalars(select(AuditEvent.summary).where(AuditEvent.action == "api_call")).all()
        assert sorted(calls) == sorted(["GET /api/v1/me → 200", "POST /api/v1/test-only/case-notes → 201",
                                        "POST /api/v1/test-only/case-notes → 201"])
