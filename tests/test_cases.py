"""The case: one record per child that every stage hangs off, named once, and the one place that knows who the
child is and who has looked at their records."""

import uuid
from typing import Any

import pytest
from sqlalchemy import func, select
from starlette.requests import Request

from backend.cases.models import CaseAccess
from backend.core.access import Role
from backend.identity.models import AgencyKind
from backend.incident_notifications import service as notifications
from backend.rapid_reviews import service as rapid_reviews
from tests.referral_forms import Partnership, partnership
from tests.stage_one import CHILD, NOTIFICATIONS, notify
from tests.versions import edit

CASES = "/api/v1/cases"


@pytest.fixture
def org(client, make) -> Partnership:
    return partnership(client, make)


def _rapid_review_of(org: Partnership, referral_id: str) -> dict[str, Any]:
    found = org.client.get("/api/v1/rapid-reviews", params={"source_id": referral_id}, headers=org.as_(org.office))
    [rapid_review] = found.json()["items"]
    return rapid_review


def _access_rows(db, case_id: str) -> list[CaseAccess]:
    return list(db.scalars(select(CaseAccess).where(CaseAccess.case_id == uuid.UUID(case_id))))


def test_renaming_the_case_once_shows_the_new_reference_on_every_record_and_deadline(client, make, frozen_now):
    office, police = make.user(Role.business_office), make.agency("Harbour Police", AgencyKind.police)
    headers = make.headers(office)
    notification = notify(client, make, office, agency_ids=[str(police.id)], notified_panel_on="2026-11-18")
    rapid_review_url = f"/api/v1/rapid-reviews/{notification['rapid_review_id']}"
    [request] = client.post(f"{rapid_review_url}/information-requests", headers=headers,
                            json={"agency_ids": [str(police.id)]}).json()
    case_url = f"{CASES}/{notification['case_id']}"
    assert client.patch(case_url, headers=headers, json={"reference": "Child ZR"}).status_code == 428

    renamed = edit(client, "PATCH", case_url, headers=headers, json={"reference": "Child ZR"})

    assert renamed.status_code == 200 and renamed.json()["reference"] == "Child ZR"
    for url in (f"{NOTIFICATIONS}/{notification['id']}", rapid_review_url, f"{rapid_review_url}/learning-briefing",
                f"/api/v1/information-requests/{request['id']}"):
        body = client.get(url, headers=headers).json()
        assert body["child_reference"] == "Child ZR" and body["case_id"] == notification["case_id"], url
    deadlines = client.get("/api/v1/deadlines", headers=headers).json()["items"]
    assert {d["kind"] for d in deadlines} == {"incident_notification", "rapid_review", "information_request"}
    assert all(d["child_reference"] == "Child ZR" and "Child ZR" in d["title"] and "Child BM" not in d["title"]
               for d in deadlines)
    audit = client.get("/api/v1/audit", params={"entity_type": "case", "action": "rename"}, headers=headers).json()
    assert [e["changes"]["reference"] for e in audit["items"]] == [{"from": "Child BM", "to": "Child ZR"}]


def test_a_reference_another_case_holds_is_refused_naming_the_field(client, make, frozen_now):
    office = make.user(Role.business_office)
    notify(client, make, office, child_reference="Child BM")
    other = notify(client, make, office, child_reference="Child KQ")
    renamed = edit(client, "PATCH", f"{CASES}/{other['case_id']}", headers=make.headers(office),
                   json={"reference": "Child BM"})
    assert renamed.status_code == 409 and renamed.json()["errors"][0]["field"] == "body.reference"
    again = client.post(NOTIFICATIONS, headers=make.headers(office), json={
        "child_reference": "Child BM", "incident_date": "2026-11-16", "became_aware_on": "2026-11-17",
        "category": "serious_harm", "abuse_or_neglect_suspected": True, "children": [CHILD], "summary": "Again.",
            "incident_council": "Harbourside City Council", "home_council": "Harbourside City Council"})
    assert again.status_code == 409 and again.json()["errors"][0]["field"] == "body.child_reference"


def test_a_new_reference_at_consideration_renames_the_referrals_case_and_its_deadline(org, db):
    referral = org.to_state("submitted")
    started = org.act(referral["id"], "start-consideration", org.office, {"child_reference": "Child WX"})
    assert started.status_code == 200 and started.json()["child_reference"] == "Child WX"
    case = org.client.get(f"{CASES}/{referral['case_id']}", headers=org.as_(org.office)).json()
    assert case["reference"] == "Child WX" and [r["id"] for r in case["referrals"]] == [referral["id"]]
    [decision] = [d for d in org.client.get("/api/v1/deadlines", headers=org.as_(org.office)).json()["items"]
                  if d["subject_id"] == referral["id"]]
    assert decision["title"] == "The safeguarding partners' decision on the referral for Child WX"
    assert decision["child_reference"] == "Child WX"


def test_a_rapid_review_from_a_referral_joins_the_referrals_case(org):
    referral = org.to_state("decided")
    rapid_review = _rapid_review_of(org, referral["id"])
    assert rapid_review["case_id"] == referral["case_id"] and rapid_review["referral_id"] == referral["id"]
    assert (rapid_review["source_type"], rapid_review["source_id"]) == ("referral", referral["id"])
    assert rapid_review["child_reference"] == referral["child_reference"]
    case = org.client.get(f"{CASES}/{referral['case_id']}", headers=org.as_(org.office)).json()
    assert [(r["id"], r["state"]) for r in case["referrals"]] == [(referral["id"], "decided")]
    assert [(r["id"], r["state"]) for r in case["rapid_reviews"]] == [(rapid_review["id"], "gathering_information")]
    assert case["notifications"] == [] and case["reviews"] == []


def test_the_learning_briefing_of_a_referrals_rapid_review_refuses_the_names_on_the_referral(org):
    rapid_review = _rapid_review_of(org, org.to_state("decided")["id"])
    url = f"/api/v1/rapid-reviews/{rapid_review['id']}/learning-briefing"
    for leak in ("Jordan Pike was admitted.", "His mother, kelly  pike, called.", "They lived at 4 Quarry Lane, "
                 "Westbrook."):
        refused = edit(org.client, "PUT", url, headers=org.as_(org.office), json={"what_happened": leak})
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "body.what_happened", leak
    fine = edit(org.client, "PUT", url, headers=org.as_(org.office), json={"what_happened": "Child TQ was admitted."})
    assert fine.status_code == 200


def _case_with_referral_and_notification(org: Partnership, make) -> tuple[dict[str, Any], dict[str, Any]]:
    """A referral under consideration, then a notification about the same child joining its case."""
    referral = org.to_state("under_consideration")
    school = make.agency("Riverside Academy", AgencyKind.education)
    body = {"case_id": referral["case_id"], "incident_date": "2026-11-09", "became_aware_on": "2026-11-10",
            "category": "serious_harm", "abuse_or_neglect_suspected": True, "children": [CHILD],
            "summary": "Admitted with a head injury.", "agency_ids": [str(school.id)],
            "incident_council": "Harbourside City Council", "home_council": "Harbourside City Council"}
    notification = org.client.post(NOTIFICATIONS, headers=org.as_(org.office), json=body)
    assert notification.status_code == 201, notification.text
    assert notification.json()["case_id"] == referral["case_id"]
    assert notification.json()["child_reference"] == referral["child_reference"]
    return referral, notification.json()


def test_identifying_details_are_gathered_from_the_referral_and_the_notification_and_each_read_is_audited(
        org, make, frozen_now):
    referral, notification = _case_with_referral_and_notification(org, make)
    url = f"{CASES}/{referral['case_id']}/identifying-details"

    body = org.client.get(url, headers=org.as_(org.office)).json()

    found = {(d["kind"], d["value"], d["about"], d["source"]["record_type"], d["source"]["field"])
             for d in body["details"]}
    assert {("name", "Jordan Pike", "the child", "referral", "child.name"),
            ("date_of_birth", "2025-03-14", "the child", "referral", "child.date_of_birth"),
            ("address", "4 Quarry Lane, Westbrook", "the child", "referral", "child.home_address"),
            ("name", "Kelly Pike", "Mother", "referral", "family_members.0.name"),
            ("name", CHILD["name"], "the child", "incident_notification", "children.0.name"),
            ("address", CHILD["address"], "the child", "incident_notification", "children.0.address"),
            ("school", "Riverside Academy", "the child's school", "incident_notification", "agencies"),
            } <= found
    sources = {d["source"]["record_type"]: d["source"]["record_id"] for d in body["details"]}
    assert sources == {"referral": referral["id"], "incident_notification": notification["id"]}
    assert org.client.get(url, headers=org.as_(org.strategic)).status_code == 200
    audit = org.client.get("/api/v1/audit", params={"entity_type": "case", "action": "read_identifying"},
                           headers=org.as_(org.office)).json()["items"]
    assert [e["actor_name"] for e in audit] == ["Stella Strategic", "Bea Office"]
    assert all("Jordan" not in e["summary"] and "Jordan" not in str(e["changes"]) for e in audit)


def test_identifying_details_are_refused_to_roles_without_the_permission_and_hidden_from_those_without_the_case(
        org, make, frozen_now):
    referral, _ = _case_with_referral_and_notification(org, make)
    url = f"{CASES}/{referral['case_id']}/identifying-details"
    # The scrutineer sees the case's records but not who the child is; the lead reviewer has no record of it.
    assert org.client.get(url, headers=org.as_(org.scrutineer)).status_code == 403
    assert org.client.get(url, headers=org.as_(org.reviewer)).status_code == 404
    assert org.client.get(url, headers=org.as_(org.other_lead)).status_code == 404
    # The referring agency sees what it gave, and only that: the notification came from the business office.
    own = org.client.get(url, headers=org.as_(org.lead)).json()["details"]
    assert own and {d["source"]["record_type"] for d in own} == {"referral"}
    audit = org.client.get("/api/v1/audit", params={"entity_type": "case", "action": "read_identifying"},
                           headers=org.as_(org.office)).json()["items"]
    assert [e["actor_name"] for e in audit] == ["Tara Lead"]


def test_an_agency_that_cannot_see_any_of_the_cases_records_gets_404(org, make, frozen_now):
    referral, notification = _case_with_referral_and_notification(org, make)
    url = f"{CASES}/{referral['case_id']}"
    assert org.client.get(url, headers=org.as_(org.other_lead)).status_code == 404
    assert org.client.get(url, headers=org.as_(org.reviewer)).status_code == 404
    # The referring agency sees the case with its own records only.
    mine = org.client.get(url, headers=org.as_(org.lead)).json()
    assert [r["id"] for r in mine["referrals"]] == [referral["id"]] and mine["notifications"] == []
    everything = org.client.get(url, headers=org.as_(org.office)).json()
    assert [n["id"] for n in everything["notifications"]] == [notification["id"]]
    assert len(everything["rapid_reviews"]) == 1


def test_only_the_business_office_lists_cases_and_reads_the_access_log(org, make, frozen_now):
    referral = org.to_state("submitted")
    listed = org.client.get(CASES, params={"reference": "tq"}, headers=org.as_(org.office)).json()
    assert [(c["id"], c["reference"]) for c in listed["items"]] == [(referral["case_id"], "Child TQ")]
    assert listed["total"] == 1 and listed["limit"] == 50
    for user in (org.lead, org.strategic, org.scrutineer):
        assert org.client.get(CASES, headers=org.as_(user)).status_code == 403
        assert org.client.get(f"{CASES}/{referral['case_id']}/access-log", headers=org.as_(user)).status_code == 403


def test_each_request_that_reads_a_cases_records_writes_one_access_log_row(org, db):
    referral = org.to_state("submitted")
    url = f"/api/v1/referrals/{referral['id']}"
    before = len(_access_rows(db, referral["case_id"]))

    org.client.get(url, headers=org.as_(org.office))
    org.client.get(f"{url}/timeline", headers=org.as_(org.office))
    org.client.get(url, headers=org.as_(org.manager))
    org.client.get("/api/v1/referrals", headers=org.as_(org.office))  # a list of references: not a read of a child
    stale = org.client.patch(url, json={"background": "More."}, headers=org.as_(org.lead) | {"If-Match": '"1"'})
    assert stale.status_code == 409  # refused: the request rolled back, its access row with it

    rows = _access_rows(db, referral["case_id"])[before:]
    assert sorted((r.actor_name, r.record_type, r.method, r.path) for r in rows) == sorted([
        ("Bea Office", "referral", "GET", url), ("Bea Office", "referral", "GET", f"{url}/timeline"),
        ("Nadia Kerr", "referral", "GET", url)])
    manager_row = next(r for r in rows if r.actor_name == "Nadia Kerr")
    assert (manager_row.actor_type, manager_row.actor_id, manager_row.actor_role, manager_row.actor_agency_id,
            str(manager_row.record_id)) == ("user", org.manager.id, "agency_manager", org.agency.id, referral["id"])
    assert manager_row.occurred_at.utcoffset() is not None and manager_row.occurred_at.utcoffset().total_seconds() == 0

    log = org.client.get(f"{CASES}/{referral['case_id']}/access-log", headers=org.as_(org.office)).json()
    newest = log["items"][0]
    assert (newest["actor_name"], newest["record_type"], newest["path"]) == (
        "Bea Office", "case", f"{CASES}/{referral['case_id']}/access-log")
    assert [i["occurred_at"] for i in log["items"]] == sorted((i["occurred_at"] for i in log["items"]), reverse=True)
    manager_item = next(i for i in log["items"] if i["actor_name"] == "Nadia Kerr")
    assert manager_item["actor_agency"]["name"] == "Westbrook Children's Trust"
    assert log["total"] == len(_access_rows(db, referral["case_id"]))


def test_reads_of_several_records_of_one_case_in_one_request_write_one_row(client, db, make, frozen_now):
    office = make.user(Role.business_office)
    notification = notify(client, make, office)
    principal = make.principal(office)
    count = select(func.count()).select_from(CaseAccess).where(CaseAccess.case_id == uuid.UUID(notification["case_id"]))
    before = db.scalar(count)
    for _ in range(2):  # two requests, each reading the notification and its rapid review
        db.info["request"] = Request({"type": "http", "method": "GET", "path": "/api/v1/example", "headers": []})
        notifications.get_notification(db, principal, uuid.UUID(notification["id"]))
        rapid_reviews.get_rapid_review(db, principal, uuid.UUID(notification["rapid_review_id"]))
        db.flush()
    del db.info["request"]
    rapid_reviews.get_rapid_review(db, principal, uuid.UUID(notification["rapid_review_id"]))  # no request: no row
    db.flush()
    assert db.scalar(count) == before + 2


def test_an_agency_asked_for_information_sees_what_it_needs_to_find_the_child_and_nothing_more(client, make,
                                                                                               frozen_now):
    office = make.user(Role.business_office)
    police, school = make.agency("Harbour Police", AgencyKind.police), make.agency("Quayside Primary")
    officer, teacher = make.user(Role.agency_lead, police), make.user(Role.agency_lead, school)
    notification = notify(client, make, office, agency_ids=[str(police.id), str(school.id)])
    client.post(f"/api/v1/rapid-reviews/{notification['rapid_review_id']}/information-requests",
                headers=make.headers(office), json={"agency_ids": [str(police.id)]})
    url = f"{CASES}/{notification['case_id']}/identifying-details"

    asked = client.get(url, headers=make.headers(officer))

    assert asked.status_code == 200
    shown = {(d["kind"], d["value"]) for d in asked.json()["details"]}
    assert shown == {("name", CHILD["name"]), ("date_of_birth", CHILD["date_of_birth"]),
                     ("address", CHILD["address"])}
    # The school, named on the notification but not asked, sees the case but not who the child is.
    assert client.get(url, headers=make.headers(teacher)).status_code == 403
    reads = client.get("/api/v1/audit", params={"entity_type": "case", "action": "read_identifying"},
                       headers=make.headers(office)).json()["items"]
    assert [(r["actor_name"], r["changes"]["as_agency_asked_for_information"]) for r in reads] == [
        (officer.name, True)]
