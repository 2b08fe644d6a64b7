"""Guessing at the token endpoint is slowed per client address and per account, and a locked account answers
exactly as an unknown one does, so the answer never tells an attacker an account exists."""

import uuid
from datetime import timedelta

from fastapi.testclient import TestClient

from backend.core.access import Role
from backend.core.config import get_settings
from tests.conftest import PASSWORD
from tests.integrations_support import make_client


def _login(client, email, password="wrong-password-123"):
    return client.post("/api/v1/auth/token", data={"grant_type": "password", "username": email, "password": password})


def test_guessing_passwords_across_many_accounts_from_one_address_meets_a_429(client):
    limit = get_settings().sign_in_failures_per_ip
    for _ in range(limit):
        assert _login(client, f"{uuid.uuid4().hex[:10]}@test.example.org").status_code == 400
    throttled = _login(client, f"{uuid.uuid4().hex[:10]}@test.example.org")
    assert throttled.status_code == 429 and int(throttled.headers["Retry-After"]) > 0
    assert throttled.headers["content-type"] == "application/problem+json"


def test_guessing_one_client_s_secret_meets_a_429_and_the_right_secret_then_waits_too(client, make, db):
    machine, secret = make_client(db, make.agency(), ["referrals:write"])
    limit = get_settings().sign_in_failures_per_account

    def attempt(guess):
        return client.post("/api/v1/auth/token", data={
            "grant_type": "client_credentials", "client_id": machine.client_id, "client_secret": guess})

    for n in range(limit):
        assert attempt(f"guess-{n}").status_code == 401
    assert attempt("one-more-guess").status_code == 429
    assert attempt(secret).status_code == 429


def test_guessing_one_account_from_many_addresses_still_meets_a_429(app, make, frozen_now):
    user = make.user(Role.agency_lead)
    limit = get_settings().sign_in_failures_per_account
    answers = []
    for n in range(limit + 1):
        frozen_now[0] += timedelta(minutes=16)  # past each lockout, so only the throttle can stop this
        with TestClient(app, raise_server_exceptions=False, client=(f"203.0.113.{n}", 50000)) as elsewhere:
            answers.append(_login(elsewhere, user.email.upper(), f"guess-{n}-wrong").status_code)
    assert answers == [400] * limit + [429]


def test_a_locked_account_answers_exactly_as_an_unknown_one(client, make):
    user = make.user(Role.agency_lead)
    for _ in range(get_settings().lockout_attempts):
        _login(client, user.email)
    locked = _login(client, user.email, PASSWORD)
    unknown = _login(client, "nobody-here@test.example.org", PASSWORD)
    wrong = _login(client, make.user(Role.agency_lead).email)
    assert locked.status_code == unknown.status_code == wrong.status_code == 400
    assert locked.json() == unknown.json() == wrong.json()
    assert "locked" in locked.json()["detail"]
