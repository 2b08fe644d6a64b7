"""Machine clients act for their agency within their scopes, and every call they make is in the audit log."""

from backend.core.access import Role
from backend.core.db import get_sessionmaker
from tests.conftest import Factory
from tests.integrations_support import client_headers, live_agency, live_user, make_client


def _api_calls(client, office_headers, client_id):
    response = client.get("/api/v1/audit", params={"action": "api_call", "user_id": str(client_id)},
                          headers=office_headers)
    return response.json()["items"]


def test_every_call_a_client_makes_is_audited_under_its_name(client, make, db):
    office = make.headers(make.user(Role.business_office))
    machine, _ = make_client(db, make.agency(), ["referrals:write"], name="Harbour Trust case system")
    bearer = client_headers(machine)
    assert client.get("/api/v1/me", headers=bearer).status_code == 200
    assert client.get("/api/v1/users", headers=bearer).status_code == 403
    calls = _api_calls(client, office, machine.id)
    assert [(c["changes"]["method"], c["changes"]["path"], c["changes"]["status"]) for c in calls] == [
        ("GET", "/api/v1/users", 403), ("GET", "/api/v1/me", 200)]
    assert {c["actor_name"] for c in calls} == {"Harbour Trust case system"}
    assert {c["actor_type"] for c in calls} == {"client"}
    assert all(c["occurred_at"] and c["changes"]["duration_ms"] >= 0 for c in calls)


def test_a_failed_write_by_a_client_is_still_audited(client, make, db):
    office = make.headers(make.user(Role.business_office))
    machine, _ = make_client(db, make.agency(), ["referrals:write"])
    response = client.post("/api/v1/calendar/closure-days", headers=client_headers(machine),
                           json={"day": "2026-12-07", "reason": "Training day"})
    assert response.status_code == 403
    calls = _api_calls(client, office, machine.id)
    assert [(c["summary"], c["changes"]["status"]) for c in calls] == [
        ("POST /api/v1/calendar/closure-days → 403", 403)]


def test_people_s_calls_are_not_logged_as_api_calls(client, make):
    office = make.headers(make.user(Role.business_office))
    client.get("/api/v1/me", headers=office)
    assert client.get("/api/v1/audit", params={"action": "api_call"}, headers=office).json()["total"] == 0


def test_a_client_lacking_a_scope_gets_403_naming_the_scope(client, make, db):
    reader, _ = make_client(db, make.agency(), ["referrals:write"])
    assert client.get("/api/v1/referrals", headers=client_headers(reader)).status_code == 200
    machine, _ = make_client(db, make.agency(), ["events:read"], name="Events board")
    response = client.get("/api/v1/referrals", headers=client_headers(machine))
    assert response.status_code == 403 and response.headers["content-type"] == "application/problem+json"
    assert response.json()["required_scope"] == "referrals:write"
    assert "referrals:write" in response.json()["detail"]


def test_a_client_cannot_manage_webhooks_whatever_its_scopes(client, make, db):
    machine, _ = make_client(db, make.agency(), ["referrals:write", "information_requests:write"])
    response = client.get("/api/v1/webhooks", headers=client_headers(machine))
    assert response.status_code == 403 and response.json()["detail"] == "Integration clients cannot do this."


def test_client_calls_are_audited_on_a_real_database_even_when_they_fail(live_app):
    with get_sessionmaker()() as session, session.begin():
        office = live_user(session)
        machine, _ = make_client(session, live_agency(session), ["information_requests:read"], name="GP system")
    bearer = client_headers(machine)
    live_app.post("/api/v1/agencies", headers=bearer | {"Idempotency-Key": "k1"}, json={"name": "X", "kind": "other"})
    live_app.get("/api/v1/me", headers=bearer)
    calls = _api_calls(live_app, Factory.headers(office), machine.id)
    assert sorted((c["changes"]["method"], c["changes"]["status"]) for c in calls) == [("GET", 200), ("POST", 403)]
    assert {c["actor_name"] for c in calls} == {"GP system"}


def test_a_deactivated_client_s_attempts_are_audited_too(client, make, db):
    office = make.headers(make.user(Role.business_office))
    machine, _ = make_client(db, make.agency(), ["referrals:write"], name="Retired system")
    bearer = client_headers(machine)
    machine.active = False
    db.flush()
    assert client.get("/api/v1/me", headers=bearer).status_code == 401
    calls = _api_calls(client, office, machine.id)
    assert [(c["actor_name"], c["summary"]) for c in calls] == [("Retired system", "GET /api/v1/me → 401")]


def test_a_token_narrowed_to_one_scope_grants_only_that_scope(client, make, db):
    machine, secret = make_client(db, make.agency(), ["referrals:write", "events:read"])
    response = client.post("/api/v1/auth/token", data={
        "grant_type": "client_credentials", "client_id": machine.client_id, "client_secret": secret,
        "scope": "events:read"})
    assert response.status_code == 200 and response.json()["scope"] == "events:read"
    bearer = {"Authorization": f"Bearer {response.json()['access_token']}"}
    assert client.get("/api/v1/me", headers=bearer).json()["scopes"] == ["events:read"]
    refused = client.get("/api/v1/referrals", headers=bearer)
    assert refused.status_code == 403 and refused.json()["required_scope"] == "referrals:write"


def test_a_scope_taken_from_a_client_stops_its_existing_tokens_using_it(client, make, db):
    office = make.headers(make.user(Role.business_office))
    machine, _ = make_client(db, make.agency(), ["referrals:write", "events:read"])
    bearer = client_headers(machine)
    assert client.get("/api/v1/referrals", headers=bearer).status_code == 200
    changed = client.patch(f"/api/v1/integration-clients/{machine.id}", json={"scopes": ["events:read"]},
                           headers=office)
    assert changed.status_code == 200
    assert client.get("/api/v1/referrals", headers=bearer).status_code == 403
