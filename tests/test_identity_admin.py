"""Business office manages agencies, users and integration clients; agency roles cannot."""

from backend.core.access import Role


def test_agency_lead_cannot_list_read_or_change_users(client, make):
    lead = make.user(Role.agency_lead)
    other = make.user(Role.agency_lead)
    headers = make.headers(lead)
    assert client.get("/api/v1/users", headers=headers).status_code == 403
    assert client.get(f"/api/v1/users/{other.id}", headers=headers).status_code == 403
    response = client.patch(f"/api/v1/users/{other.id}", json={"active": False}, headers=headers)
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"


def test_agency_lead_cannot_list_or_create_integration_clients(client, make):
    lead = make.user(Role.agency_lead)
    headers = make.headers(lead)
    assert client.get("/api/v1/integration-clients", headers=headers).status_code == 403
    response = client.post("/api/v1/integration-clients", headers=headers,
                           json={"name": "Case system", "agency_id": str(lead.agency_id),
                                 "scopes": ["referrals:write"]})
    assert response.status_code == 403


def test_business_office_creates_a_user_and_the_write_is_audited(client, make):
    office = make.user(Role.business_office)
    agency = make.agency("Northgate Police")
    response = client.post("/api/v1/users", headers=make.headers(office), json={
        "name": "Sam Patel", "email": "Sam.Patel@Police.example.org", "role": "agency_lead",
        "agency_id": str(agency.id), "password": "a-long-enough-password"})
    assert response.status_code == 201
    created = response.json()
    assert created["email"] == "sam.patel@police.example.org" and created["agency"]["name"] == "Northgate Police"
    audit = client.get("/api/v1/audit", params={"entity_type": "user", "entity_id": created["id"]},
                       headers=make.headers(office)).json()["items"]
    assert [e["action"] for e in audit] == ["create"]
    assert audit[0]["actor_id"] == str(office.id) and "password" not in audit[0]["changes"]


def test_agency_role_without_an_agency_is_refused_with_the_field_named(client, make):
    office = make.user(Role.business_office)
    response = client.post("/api/v1/users", headers=make.headers(office), json={
        "name": "No Agency", "email": "no.agency@example.org", "role": "agency_manager",
        "password": "a-long-enough-password"})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["body.agency_id"]


def test_invalid_user_lists_every_bad_field(client, make):
    office = make.user(Role.business_office)
    response = client.post("/api/v1/users", headers=make.headers(office),
                           json={"name": "", "email": "not-an-email", "role": "emperor", "password": "short"})
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"body.name", "body.email", "body.role", "body.password"} <= fields


def test_integration_client_secret_is_shown_once_and_works(client, make):
    office = make.user(Role.business_office)
    agency = make.agency("Harbour Trust")
    created = client.post("/api/v1/integration-clients", headers=make.headers(office), json={
        "name": "Trust case system", "agency_id": str(agency.id),
        "scopes": ["referrals:write", "information_requests:read"]}).json()
    # Never starting with "-": the example client (and any command line) would read such a secret as an option.
    assert created["client_secret"].startswith("csec_") and len(created["client_secret"]) > 40
    listed = client.get(f"/api/v1/integration-clients/{created['id']}", headers=make.headers(office)).json()
    assert "client_secret" not in listed
    token = client.post("/api/v1/auth/token", data={
        "grant_type": "client_credentials", "client_id": created["client_id"],
        "client_secret": created["client_secret"]})
    assert token.status_code == 200 and token.json()["scope"] == "information_requests:read referrals:write"
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token.json()['access_token']}"}).json()
    assert me["kind"] == "client" and me["agency"]["id"] == str(agency.id)
    # A client may not manage users: the 403 names what it lacks.
    denied = client.get("/api/v1/users", headers={"Authorization": f"Bearer {token.json()['access_token']}"})
    assert denied.status_code == 403


def test_deactivated_client_token_stops_working(client, make):
    office = make.user(Role.business_office)
    agency = make.agency()
    created = client.post("/api/v1/integration-clients", headers=make.headers(office), json={
        "name": "Case system", "agency_id": str(agency.id), "scopes": ["referrals:write"]}).json()
    token = client.post("/api/v1/auth/token", auth=(created["client_id"], created["client_secret"]),
                        data={"grant_type": "client_credentials"}).json()["access_token"]
    bearer = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/me", headers=bearer).status_code == 200
    client.patch(f"/api/v1/integration-clients/{created['id']}", json={"active": False}, headers=make.headers(office))
    assert client.get("/api/v1/me", headers=bearer).status_code == 401


def test_wrong_client_secret_is_401_and_audited(client, make):
    office = make.user(Role.business_office)
    agency = make.agency()
    created = client.post("/api/v1/integration-clients", headers=make.headers(office), json={
        "name": "Case system", "agency_id": str(agency.id), "scopes": ["referrals:write"]}).json()
    response = client.post("/api/v1/auth/token", data={
        "grant_type": "client_credentials", "client_id": created["client_id"], "client_secret": "wrong"})
    assert response.status_code == 401 and response.json()["error"] == "invalid_client"
    audit = client.get("/api/v1/audit", params={"action": "login_failed", "entity_type": "integration_client"},
                       headers=make.headers(office)).json()
    assert audit["total"] == 1


def test_agency_changes_are_audited_with_what_changed(client, make):
    office = make.user(Role.business_office)
    created = client.post("/api/v1/agencies", headers=make.headers(office),
                          json={"name": "Oakfield School", "kind": "education"}).json()
    client.patch(f"/api/v1/agencies/{created['id']}", json={"safeguarding_partner": "local_authority"},
                 headers=make.headers(office) | {"If-Match": '"1"'})
    audit = client.get("/api/v1/audit", params={"entity_id": created["id"]}, headers=make.headers(office)).json()
    update = next(e for e in audit["items"] if e["action"] == "update")
    assert update["changes"] == {"safeguarding_partner": {"from": None, "to": "local_authority"}}


def test_agency_names_are_unique(client, make):
    office = make.user(Role.business_office)
    make.agency("Duplicate Name")
    response = client.post("/api/v1/agencies", headers=make.headers(office),
                           json={"name": "Duplicate Name", "kind": "other"})
    assert response.status_code == 409 and response.json()["errors"][0]["field"] == "body.name"


def test_business_office_runs_the_process_but_does_not_take_the_partners_decisions():
    from backend.core.access import ROLE_PERMISSIONS, Permission

    office = ROLE_PERMISSIONS[Role.business_office]
    assert Permission.users_manage in office and Permission.referrals_consider in office
    for decision in (Permission.referrals_sign_off, Permission.referrals_decide, Permission.rapid_reviews_decide):
        assert decision not in office
    assert Permission.referrals_decide in ROLE_PERMISSIONS[Role.strategic_lead]
    assert Permission.referrals_sign_off in ROLE_PERMISSIONS[Role.agency_manager]
