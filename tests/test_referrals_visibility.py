"""Who sees a referral, and who sees the child's identifying details (each such read is audited)."""
# ruff: noqa: F811  (pytest fixtures imported from tests.referral_forms are shadowed by test arguments)

import uuid

from sqlalchemy import select

from backend.audit.models import AuditEvent
from backend.core.tokens import create_access_token
from backend.identity.models import IntegrationClient
from tests.referral_forms import IDENTIFYING_VALUES, URL, org, published  # noqa: F401 (fixtures)


def _listed(org, user, **params) -> list[str]:
    response = org.client.get(URL, params=params, headers=org.as_(user))
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def _reads(db, referral_id) -> list[str]:
    rows = db.scalars(select(AuditEvent).where(AuditEvent.action == "read_identifying",
                                               AuditEvent.entity_id == referral_id).order_by(AuditEvent.occurred_at))
    return [row.actor_name for row in rows]


def test_unsigned_referrals_are_seen_only_by_their_own_agency(org):
    for state in ("draft", "awaiting_sign_off", "returned"):
        referral = org.to_state(state)
        for outsider in (org.other_lead, org.other_manager, org.office, org.strategic, org.scrutineer):
            assert org.get(referral["id"], outsider).status_code == 404, (state, outsider.name)
            assert referral["id"] not in _listed(org, outsider)
            timeline = org.client.get(f"{URL}/{referral['id']}/timeline", headers=org.as_(outsider))
            assert timeline.status_code == 404
        for insider in (org.lead, org.manager):
            assert org.get(referral["id"], insider).status_code == 200
            assert referral["id"] in _listed(org, insider)


def test_signed_off_referrals_are_shared_with_the_partnership_but_never_with_other_agencies(org):
    referral = org.to_state("submitted")
    for reader in (org.office, org.strategic, org.scrutineer, org.lead, org.manager):
        assert org.get(referral["id"], reader).status_code == 200
        assert referral["id"] in _listed(org, reader)
    other = org.get(referral["id"], org.other_lead)
    assert other.status_code == 404
    assert not any(value in other.text for value in IDENTIFYING_VALUES)
    assert referral["id"] not in _listed(org, org.other_manager)


def test_lead_reviewers_see_no_referrals(org):
    referral = org.to_state("submitted")
    assert org.client.get(URL, headers=org.as_(org.reviewer)).status_code == 403
    assert org.get(referral["id"], org.reviewer).status_code == 403


def test_the_scrutineer_sees_the_child_reference_but_not_the_identifying_details(org, db):
    referral = org.to_state("submitted")
    response = org.get(referral["id"], org.scrutineer)
    body = response.json()
    assert body["identifying_details_shown"] is False and body["child_reference"] == "Child TQ"
    child = body["child"]
    for box in ("name", "date_of_birth", "home_address", "ethnic_origin", "faith", "disability", "incident_location"):
        assert child[box] is None, box
    assert child["carer_at_time_of_incident"] == "Mother's partner"
    assert body["family_members"] == [{"name": None, "date_of_birth": None, "address": None,
                                       "relationship": "Mother"}]
    assert not any(value in response.text for value in IDENTIFYING_VALUES)
    assert "Scott Scrutineer" not in _reads(db, referral["id"])


def test_each_read_of_identifying_details_is_audited(org, db):
    referral = org.to_state("submitted")
    already = len(_reads(db, referral["id"]))
    for reader in (org.office, org.strategic, org.lead):
        body = org.get(referral["id"], reader).json()
        assert body["identifying_details_shown"] is True
        assert body["child"]["name"] == "Jordan Pike" and body["family_members"][0]["name"] == "Kelly Pike"
    assert _reads(db, referral["id"])[already:] == ["Bea Office", "Stella Strategic", "Tara Lead"]
    entry = db.scalar(select(AuditEvent).where(AuditEvent.action == "read_identifying",
                                               AuditEvent.actor_name == "Bea Office"))
    assert entry.entity_type == "referral" and "Child TQ" in entry.summary and "Jordan" not in entry.summary
    # The business office sees who read them in the timeline; the agency sees what was done, not who looked.
    timeline = org.client.get(f"{URL}/{referral['id']}/timeline", headers=org.as_(org.office)).json()
    assert [t["actor_name"] for t in timeline if t["action"] == "read_identifying"][-3:] == [
        "Bea Office", "Stella Strategic", "Tara Lead"]
    timeline = org.client.get(f"{URL}/{referral['id']}/timeline", headers=org.as_(org.lead)).json()
    assert "read_identifying" not in [t["action"] for t in timeline]


def test_a_page_view_after_a_change_writes_one_read_of_the_identifying_details(org, db):
    referral = org.to_state("submitted")
    already = len(_reads(db, referral["id"]))
    org.act(referral["id"], "start-consideration", org.office)
    org.get(referral["id"], org.office)
    assert _reads(db, referral["id"])[already:] == ["Bea Office"]


def test_lists_carry_the_child_reference_only_and_log_no_reads(org, db):
    referral = org.to_state("submitted")
    already = len(_reads(db, referral["id"]))
    response = org.client.get(URL, headers=org.as_(org.office))
    item = response.json()["items"][0]
    assert item["child_reference"] == "Child TQ" and item["agency"]["name"] == "Westbrook Children's Trust"
    assert not any(value in response.text for value in IDENTIFYING_VALUES)
    assert len(_reads(db, referral["id"])) == already


def test_lists_filter_by_state_and_agency(org, make):
    draft, submitted, decided = org.to_state("draft"), org.to_state("submitted"), org.to_state("decided")
    assert _listed(org, org.lead, state="draft") == [draft["id"]]
    assert set(_listed(org, org.office)) == {submitted["id"], decided["id"]}
    assert _listed(org, org.office, state="decided") == [decided["id"]]
    assert set(_listed(org, org.office, agency_id=str(org.agency.id))) == {submitted["id"], decided["id"]}
    assert _listed(org, org.office, agency_id=str(org.other_agency.id)) == []
    # An agency asking for another agency's referrals still gets none.
    assert _listed(org, org.other_lead, agency_id=str(org.agency.id)) == []


def _client_headers(db, agency, scopes):
    machine = IntegrationClient(client_id=f"cspr-{uuid.uuid4().hex[:8]}", name="Case system", secret_hash="x",
                                agency_id=agency.id, scopes=scopes)
    db.add(machine)
    db.flush()
    token, _ = create_access_token(subject=machine.id, kind="client", role=None, agency_id=agency.id, scopes=scopes)
    return {"Authorization": f"Bearer {token}"}


def test_an_agencys_case_system_drafts_referrals_but_a_person_must_submit_them(org, db):
    system = _client_headers(db, org.agency, ["referrals:write"])
    created = org.client.post(URL, json={"child_reference": "Child QX"}, headers=system)
    assert created.status_code == 201 and created.json()["identifying_details_shown"] is True
    referral_id = created.json()["id"]
    assert referral_id in [i["id"] for i in org.client.get(URL, headers=system).json()["items"]]
    refused = org.client.post(f"{URL}/{referral_id}/submit", headers=system)
    assert refused.status_code == 403
    assert org.get(referral_id, org.lead).json()["state"] == "draft"

    elsewhere = _client_headers(db, org.other_agency, ["referrals:write"])
    assert org.client.get(f"{URL}/{referral_id}", headers=elsewhere).status_code == 404
    unscoped = _client_headers(db, org.agency, ["events:read"])
    denied = org.client.get(URL, headers=unscoped)
    assert denied.status_code == 403 and denied.json()["required_scope"] == "referrals:write"
