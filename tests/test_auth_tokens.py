"""Sign-in and tokens: the JWT attacks, lockout, refresh rotation and reuse, deactivation."""

import base64
import json
from datetime import timedelta

from jose import jwt

from backend.core.access import Role
from backend.core.config import get_settings
from backend.core.tokens import create_access_token
from tests.conftest import PASSWORD


def _login(client, email, password=PASSWORD):
    return client.post("/api/v1/auth/token", data={"grant_type": "password", "username": email, "password": password})


def _bearer(token):
    return {"Authorization": f"Bearer {token}"}


def _claims(user, **overrides):
    settings = get_settings()
    token, _ = create_access_token(subject=user.id, kind="user", role=user.role.value,
                                   agency_id=user.agency_id, scopes=[])
    claims = jwt.get_unverified_claims(token) | overrides
    return claims, settings


def test_password_login_returns_a_token_that_me_accepts(client, make):
    lead = make.user(Role.agency_lead)
    response = _login(client, lead.email)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 15 * 60 and body["refresh_token"]
    claims = jwt.get_unverified_claims(body["access_token"])
    assert {"sub", "role", "agency_id", "scopes", "iss", "aud", "exp", "iat", "jti"} <= claims.keys()
    me = client.get("/api/v1/me", headers=_bearer(body["access_token"])).json()
    assert me["id"] == str(lead.id) and me["role"] == "agency_lead" and me["agency"]["id"] == str(lead.agency_id)


def test_token_signed_with_alg_none_is_refused(client, make):
    claims, _ = _claims(make.user(Role.business_office))
    header = base64.urlsafe_b64encode(json.dumps({"alg": "none", "typ": "JWT"}).encode()).rstrip(b"=")
    payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=")
    token = f"{header.decode()}.{payload.decode()}."
    response = client.get("/api/v1/me", headers=_bearer(token))
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


def test_token_with_another_algorithm_is_refused(client, make):
    claims, settings = _claims(make.user(Role.business_office))
    token = jwt.encode(claims, settings.secret_key, algorithm="HS512")
    assert client.get("/api/v1/me", headers=_bearer(token)).status_code == 401


def test_token_with_bad_signature_is_refused(client, make):
    claims, settings = _claims(make.user(Role.business_office))
    token = jwt.encode(claims, "someone-elses-secret-key-entirely", algorithm=settings.jwt_algorithm)
    assert client.get("/api/v1/me", headers=_bearer(token)).status_code == 401


def test_token_for_another_audience_or_issuer_is_refused(client, make):
    user = make.user(Role.business_office)
    for override in ({"aud": "another-service"}, {"iss": "someone-else"}):
        claims, settings = _claims(user, **override)
        token = jwt.encode(claims, settings.secret_key, algorithm=settings.jwt_algorithm)
        assert client.get("/api/v1/me", headers=_bearer(token)).status_code == 401, override


def test_expired_token_is_refused(client, make, frozen_now):
    user = make.user(Role.business_office)
    token = _login(client, user.email).json()["access_token"]
    assert client.get("/api/v1/me", headers=_bearer(token)).status_code == 200
    frozen_now[0] += timedelta(minutes=16)
    assert client.get("/api/v1/me", headers=_bearer(token)).status_code == 401


def test_missing_token_is_a_problem_401(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["title"] == "Not authenticated"


def test_five_failed_logins_lock_the_account_for_fifteen_minutes(client, make, frozen_now):
    user = make.user(Role.agency_lead)
    for _ in range(5):
        assert _login(client, user.email, "wrong-password-123").status_code == 400
    locked = _login(client, user.email)
    assert locked.status_code == 400 and "locked for 15 minutes" in locked.json()["detail"]
    frozen_now[0] += timedelta(minutes=16)
    assert _login(client, user.email).status_code == 200


def test_failed_logins_are_audited(client, make):
    office = make.user(Role.business_office)
    lead = make.user(Role.agency_lead)
    _login(client, lead.email, "wrong-password-123")
    _login(client, "nobody@nowhere.example.org", "whatever-password")
    events = client.get("/api/v1/audit", params={"action": "login_failed"}, headers=make.headers(office)).json()
    summaries = {(e["entity_id"], e["summary"]) for e in events["items"]}
    assert (str(lead.id), "Wrong password") in summaries
    assert any(entity is None for entity, _ in summaries)


def test_refresh_rotates_and_the_old_refresh_token_stops_working(client, make):
    user = make.user(Role.agency_lead)
    first = _login(client, user.email).json()
    second = client.post("/api/v1/auth/token", data={"grant_type": "refresh_token",
                                                      "refresh_token": first["refresh_token"]})
    assert second.status_code == 200
    assert second.json()["refresh_token"] != first["refresh_token"]
    third = client.post("/api/v1/auth/token", data={"grant_type": "refresh_token",
                                                     "refresh_token": second.json()["refresh_token"]})
    assert third.status_code == 200


def test_reused_refresh_token_revokes_its_family(client, make):
    user = make.user(Role.agency_lead)
    first = _login(client, user.email).json()
    rotated = client.post("/api/v1/auth/token", data={"grant_type": "refresh_token",
                                                       "refresh_token": first["refresh_token"]}).json()
    reuse = client.post("/api/v1/auth/token", data={"grant_type": "refresh_token",
                                                     "refresh_token": first["refresh_token"]})
    assert reuse.status_code == 400 and reuse.json()["error"] == "invalid_grant"
    # The legitimate holder's newer token is dead too: the whole sign-in was revoked.
    after = client.post("/api/v1/auth/token", data={"grant_type": "refresh_token",
                                                     "refresh_token": rotated["refresh_token"]})
    assert after.status_code == 400


def test_sign_out_revokes_the_refresh_token(client, make):
    user = make.user(Role.agency_lead)
    tokens = _login(client, user.email).json()
    assert client.post("/api/v1/auth/revoke", data={"token": tokens["refresh_token"]}).status_code == 200
    again = client.post("/api/v1/auth/token", data={"grant_type": "refresh_token",
                                                     "refresh_token": tokens["refresh_token"]})
    assert again.status_code == 400


def test_deactivated_users_token_stops_working_at_once(client, make):
    office = make.user(Role.business_office)
    lead = make.user(Role.agency_lead)
    tokens = _login(client, lead.email).json()
    assert client.get("/api/v1/me", headers=_bearer(tokens["access_token"])).status_code == 200
    response = client.patch(f"/api/v1/users/{lead.id}", json={"active": False}, headers=make.headers(office))
    assert response.status_code == 200 and response.json()["active"] is False
    assert client.get("/api/v1/me", headers=_bearer(tokens["access_token"])).status_code == 401
    refresh = client.post("/api/v1/auth/token", data={"grant_type": "refresh_token",
                                                       "refresh_token": tokens["refresh_token"]})
    assert refresh.status_code == 400
    assert _login(client, lead.email).status_code == 400


def test_unknown_grant_type_is_a_problem_naming_the_field(client):
    response = client.post("/api/v1/auth/token", data={"grant_type": "implicit"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.grant_type"


def test_signing_out_ends_the_access_token_at_once(client, make):
    user = make.user(Role.agency_lead)
    tokens = _login(client, user.email).json()
    other_sign_in = _login(client, user.email).json()
    assert client.get("/api/v1/me", headers=_bearer(tokens["access_token"])).status_code == 200
    assert client.post("/api/v1/auth/revoke", data={"token": tokens["refresh_token"]}).status_code == 200
    ended = client.get("/api/v1/me", headers=_bearer(tokens["access_token"]))
    assert ended.status_code == 401 and ended.headers["content-type"] == "application/problem+json"
    # Only that sign-in ended: the same person signed in on another device carries on.
    assert client.get("/api/v1/me", headers=_bearer(other_sign_in["access_token"])).status_code == 200


def test_an_access_token_from_a_refreshed_sign_in_ends_with_it(client, make):
    user = make.user(Role.agency_lead)
    first = _login(client, user.email).json()
    rotated = client.post("/api/v1/auth/token", data={"grant_type": "refresh_token",
                                                       "refresh_token": first["refresh_token"]}).json()
    assert client.get("/api/v1/me", headers=_bearer(first["access_token"])).status_code == 200
    client.post("/api/v1/auth/revoke", data={"token": rotated["refresh_token"]})
    for tokens in (first, rotated):
        assert client.get("/api/v1/me", headers=_bearer(tokens["access_token"])).status_code == 401


def test_a_password_reset_by_an_administrator_ends_every_sign_in_at_once(client, make):
    office, lead = make.user(Role.business_office), make.user(Role.agency_lead)
    tokens = _login(client, lead.email).json()
    reset = client.patch(f"/api/v1/users/{lead.id}", json={"password": "a-brand-new-password"},
                         headers=make.headers(office))
    assert reset.status_code == 200
    assert client.get("/api/v1/me", headers=_bearer(tokens["access_token"])).status_code == 401


def test_a_person_s_token_with_no_sign_in_behind_it_is_refused(client, make):
    claims, settings = _claims(make.user(Role.business_office))
    claims.pop("sid", None)
    token = jwt.encode(claims, settings.secret_key, algorithm=settings.jwt_algorithm)
    assert client.get("/api/v1/me", headers=_bearer(token)).status_code == 401
