"""examples/integration_client.py run as integrators would run it, against the real API on a loopback port.

The worked example of docs/integration.md: it drafts a referral (retrying with the same Idempotency-Key), answers
its agency's information request with If-Match, and verifies the signed webhook that the submission sends.
"""

import datetime as dt
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
from fastapi.testclient import TestClient
from sqlalchemy import select

from backend.audit.models import AuditEvent
from backend.core.config import ROOT
from backend.core.db import get_sessionmaker
from backend.information_requests.models import InformationRequest, InformationRequestState
from backend.integrations.delivery import deliver_due_webhooks
from backend.integrations.models import DeliveryStatus, WebhookDelivery
from backend.referrals.models import Referral
from tests.conftest import Factory
from tests.integrations_support import live_agency, live_user, make_client
from tests.referral_forms import complete_form
from tests.stage_one import notification_body
from tests.test_rapid_reviews import RESPONSE


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(live_app: TestClient) -> Iterator[str]:
    """The live app (its own database, real commits) served by uvicorn; yields its base URL."""
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(live_app.app, host="127.0.0.1", port=port, log_level="warning",
                                       lifespan="off"))
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


def _information_request_for(live_app: TestClient, office: dict[str, str], agency_id: str) -> str:
    """A serious incident notification, its rapid review, and a request for the agency's information."""
    today = dt.date.today()
    notified = live_app.post("/api/v1/incident-notifications", headers=office, json=notification_body(
        incident_date=(today - dt.timedelta(days=6)).isoformat(),
        became_aware_on=(today - dt.timedelta(days=5)).isoformat(), agency_ids=[agency_id]))
    assert notified.status_code == 201, notified.text
    asked = live_app.post(f"/api/v1/rapid-reviews/{notified.json()['rapid_review_id']}/information-requests",
                          headers=office, json={"agency_ids": [agency_id], "note": "Contacts in the last year"})
    assert asked.status_code == 201, asked.text
    return asked.json()[0]["id"]


def test_example_client_drafts_a_referral_once_answers_its_information_request_and_verifies_the_webhook(
        live_app, server, tmp_path):
    factory = get_sessionmaker()
    with factory() as session, session.begin():
        office_user, agency = live_user(session), live_agency(session)
        machine, secret = make_client(session, agency, ["referrals:write", "information_requests:write"],
                                      name="Harbour Trust case system")
        client_id, agency_id, agency_name = machine.client_id, agency.id, agency.name
    office = Factory.headers(office_user)
    request_id = _information_request_for(live_app, office, str(agency_id))
    listen_port = _free_port()
    subscription = live_app.post("/api/v1/webhooks", headers=office, json={
        "url": f"http://127.0.0.1:{listen_port}/", "event_types": ["information_request.submitted"],
        "agency_id": str(agency_id)})
    assert subscription.status_code == 201, subscription.text
    referral_file, response_file = tmp_path / "referral.json", tmp_path / "response.json"
    referral_file.write_text(json.dumps(complete_form(child_reference="Child HT")))
    response_file.write_text(json.dumps(RESPONSE))

    script = subprocess.Popen(
        [sys.executable, str(ROOT / "examples" / "integration_client.py"), server, client_id, secret,
         "--referral", str(referral_file), "--response", str(response_file),
         "--webhook-secret", subscription.json()["secret"], "--listen", f"127.0.0.1:{listen_port}",
         "--max-events", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        assert script.stdout is not None
        while not any(line.startswith("listening") for line in lines):
            line = script.stdout.readline()
            assert line, "".join(lines)
            lines.append(line)
        # The submission queued an information_request.submitted delivery; the worker sends it now.
        assert deliver_due_webhooks(factory) == 1
        rest, _ = script.communicate(timeout=30)
    finally:
        script.kill()
    output = "".join(lines) + rest
    assert script.returncode == 0, output

    with factory() as session:
        referrals = session.scalars(select(Referral).where(Referral.agency_id == agency_id)).all()
        request = session.get(InformationRequest, uuid.UUID(request_id))
        delivery = session.scalars(select(WebhookDelivery)).one()
        calls = session.scalars(select(AuditEvent.summary).where(AuditEvent.action == "api_call")
                                .order_by(AuditEvent.occurred_at, AuditEvent.id)).all()
    # One referral, however many times the POST was sent.
    assert [(r.child_reference, r.state.value) for r in referrals] == [("Child HT", "draft")]
    referral_id = referrals[0].id
    # The response went in as a draft and was then submitted: two changes after the version first read.
    assert request is not None and request.submission.state == InformationRequestState.submitted
    assert request.submission.content == RESPONSE
    assert request.submission.submitted_by_name == "Harbour Trust case system"
    assert request.submission.version == 3  # created, draft saved, submitted: reads leave it alone
    event = json.loads(delivery.body)
    assert delivery.status == DeliveryStatus.succeeded and event["data"]["subject_id"] == request_id

    url = f"/api/v1/information-requests/{request_id}"
    expected = [
        "token: obtained, expires in 900 s, scopes: information_requests:write referrals:write",
        f"me: Harbour Trust case system acting for {agency_name}",
        f'referral: POST /api/v1/referrals -> 201, Child HT (draft), id {referral_id}, ETag "1"',
        "retry: same Idempotency-Key -> 201, replayed: true, same referral: true",
        "information requests: 1 open for the agency",
        f'read: Child BM, requested, due {_due(live_app, office, url)}, ETag "1"',
        f'draft: PUT {url}/draft with If-Match -> 200, draft, ETag "2"',
        f'submit: POST {url}/submit with If-Match -> 200, submitted, ETag "3"',
        f"listening for webhooks on http://127.0.0.1:{listen_port}/",
        f"verified webhook information_request.submitted {event['id']} for Child BM",
    ]
    assert output.splitlines() == expected, output
    assert sorted(calls) == sorted([
        "GET /api/v1/me → 200", "POST /api/v1/referrals → 201", "POST /api/v1/referrals → 201",
        "GET /api/v1/information-requests → 200", f"GET {url} → 200", f"PUT {url}/draft → 200",
        f"POST {url}/submit → 200"])


def _due(live_app: TestClient, office: dict[str, str], url: str) -> str:
    return live_app.get(url, headers=office).json()["due"]["due_date"]
