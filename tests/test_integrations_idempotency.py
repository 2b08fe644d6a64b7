"""Idempotency-Key: a retried POST is answered with the first response, never done twice."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlalchemy import func, select, update

from backend.core.access import Role
from backend.core.db import get_sessionmaker
from backend.identity.models import Agency
from backend.integrations import idempotency
from backend.integrations.models import IdempotencyKey
from tests.conftest import Factory
from tests.integrations_support import live_user

AGENCY = {"name": "Riverside Academy", "kind": "education"}


def _agencies_named(db, name: str) -> int:
    return db.scalar(select(func.count()).select_from(Agency).where(Agency.name == name))


def test_retry_with_the_same_key_returns_the_first_response_without_a_second_record(client, make, db):
    office = make.headers(make.user(Role.business_office))
    headers = office | {"Idempotency-Key": "referral-7f3a"}
    first = client.post("/api/v1/agencies", headers=headers, json=AGENCY)
    retry = client.post("/api/v1/agencies", headers=headers, json=AGENCY)
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json() and retry.content == first.content
    assert retry.headers["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first.headers
    assert retry.headers["ETag"] == first.headers["ETag"] == '"1"'
    assert _agencies_named(db, "Riverside Academy") == 1
    created = client.get("/api/v1/audit", params={"entity_type": "agency", "action": "create"}, headers=office)
    assert created.json()["total"] == 1


def test_same_key_with_a_different_body_is_refused(client, make, db):
    headers = make.headers(make.user(Role.business_office)) | {"Idempotency-Key": "k-1"}
    assert client.post("/api/v1/agencies", headers=headers, json=AGENCY).status_code == 201
    other = client.post("/api/v1/agencies", headers=headers, json={"name": "Hillside College", "kind": "education"})
    assert other.status_code == 422 and other.headers["content-type"] == "application/problem+json"
    assert "different request" in other.json()["detail"]
    assert other.json()["errors"][0]["field"] == "header.Idempotency-Key"
    assert _agencies_named(db, "Hillside College") == 0


def test_keys_belong_to_their_caller(client, make, db):
    first, second = make.user(Role.business_office), make.user(Role.business_office)
    key = {"Idempotency-Key": "shared-key"}
    one = client.post("/api/v1/agencies", headers=make.headers(first) | key, json=AGENCY)
    two = client.post("/api/v1/agencies", headers=make.headers(second) | key, json={"name": "Other", "kind": "other"})
    assert one.status_code == two.status_code == 201 and "Idempotent-Replayed" not in two.headers


def test_a_failed_request_stores_nothing_and_its_key_can_be_retried(client, make, db):
    headers = make.headers(make.user(Role.business_office)) | {"Idempotency-Key": "retry-me"}
    clash = make.agency("Riverside Academy")
    refused = client.post("/api/v1/agencies", headers=headers, json=AGENCY)
    assert refused.status_code == 409
    assert db.scalar(select(func.count()).select_from(IdempotencyKey)) == 0
    clash.name = "Riverside Academy (closed)"
    db.flush()
    retried = client.post("/api/v1/agencies", headers=headers, json=AGENCY)
    assert retried.status_code == 201 and "Idempotent-Replayed" not in retried.headers
    assert _agencies_named(db, "Riverside Academy") == 1


def test_a_key_still_in_progress_answers_409_after_waiting(client, make, db, monkeypatch):
    office = make.user(Role.business_office)
    body = client.build_request("POST", "/api/v1/agencies", json=AGENCY).content
    db.add(IdempotencyKey(caller=f"user:{office.id}", key="busy",
                          fingerprint=idempotency.fingerprint("POST", "/api/v1/agencies", b"", body)))
    db.flush()
    monkeypatch.setattr(idempotency, "WAIT_SECONDS", 0.2)
    response = client.post("/api/v1/agencies", headers=make.headers(office) | {"Idempotency-Key": "busy"},
                           content=body)
    assert response.status_code == 409 and "still being processed" in response.json()["detail"]
    assert _agencies_named(db, "Riverside Academy") == 0


def test_an_invalid_key_is_a_422_naming_the_header(client, make):
    headers = make.headers(make.user(Role.business_office)) | {"Idempotency-Key": "x" * 256}
    response = client.post("/api/v1/agencies", headers=headers, json=AGENCY)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "header.Idempotency-Key"


def test_keys_are_kept_a_day_then_purged(client, make, db, frozen_now):
    office = make.user(Role.business_office)
    key = {"Idempotency-Key": "daily"}
    assert client.post("/api/v1/agencies", headers=make.headers(office) | key, json=AGENCY).status_code == 201
    sessions = _savepoint_sessions(db)
    frozen_now[0] += timedelta(hours=23)
    assert idempotency.purge_idempotency_keys(sessions) == 0
    headers = make.headers(office) | key  # a fresh access token: the first has long expired
    assert client.post("/api/v1/agencies", headers=headers, json=AGENCY).headers["Idempotent-Replayed"] == "true"
    frozen_now[0] += timedelta(hours=2)
    assert idempotency.purge_idempotency_keys(sessions) == 1


def test_token_endpoint_ignores_idempotency_keys(client, make):
    response = client.post("/api/v1/auth/token", headers={"Idempotency-Key": "k"},
                           data={"grant_type": "password", "username": "nobody@example.org", "password": "x" * 12})
    assert response.status_code in (400, 401) and "Idempotent-Replayed" not in response.headers


def test_every_authenticated_post_documents_the_idempotency_key():
    from backend.app import create_app

    document = create_app().openapi()
    posts = {path: ops["post"] for path, ops in document["paths"].items() if "post" in ops}
    assert posts
    for path, operation in posts.items():
        names = [p["name"] for p in operation.get("parameters", [])]
        assert ("Idempotency-Key" in names) == (not path.startswith("/api/v1/auth/")), path


def test_concurrent_retries_of_one_key_create_one_record(live_app, monkeypatch):
    def not_in_the_same_transaction(*args: object) -> None:
        raise AssertionError("the response must be stored in the request's own transaction")

    monkeypatch.setattr(idempotency, "complete_separately", not_in_the_same_transaction)
    with get_sessionmaker()() as session, session.begin():
        office = live_user(session)
    headers = Factory.headers(office) | {"Idempotency-Key": "burst-1"}
    body = {"name": "Concurrent Academy", "kind": "education"}

    def post(_: int):
        return live_app.post("/api/v1/agencies", headers=headers, json=body)

    with ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(post, range(8)))
    assert {r.status_code for r in responses} == {201}, [r.text for r in responses]
    assert len({r.content for r in responses}) == 1
    assert sum(r.headers.get("Idempotent-Replayed") == "true" for r in responses) == 7
    with get_sessionmaker()() as session:
        assert session.scalar(select(func.count()).select_from(Agency).where(Agency.name == body["name"])) == 1
        stored = session.scalars(select(IdempotencyKey)).one()
        assert stored.completed_at is not None and stored.response_status == 201


def test_a_request_that_rolls_back_leaves_no_stored_response_on_a_real_database(live_app):
    with get_sessionmaker()() as session, session.begin():
        office = live_user(session)
        session.add(Agency(name="Taken Name", kind="other"))
    headers = Factory.headers(office) | {"Idempotency-Key": "rollback-1"}
    refused = live_app.post("/api/v1/agencies", headers=headers, json={"name": "Taken Name", "kind": "other"})
    assert refused.status_code == 409
    with get_sessionmaker()() as session, session.begin():
        assert session.scalar(select(func.count()).select_from(IdempotencyKey)) == 0
        session.execute(update(Agency).where(Agency.name == "Taken Name").values(name="Renamed"))
    again = live_app.post("/api/v1/agencies", headers=headers, json={"name": "Taken Name", "kind": "other"})
    assert again.status_code == 201 and "Idempotent-Replayed" not in again.headers


def _savepoint_sessions(db):
    from sqlalchemy.orm import sessionmaker

    return sessionmaker(bind=db.connection(), join_transaction_mode="create_savepoint", expire_on_commit=False)
