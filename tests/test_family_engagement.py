"""Family engagement (seed 003): a dated log of letters and contacts, and the genogram, whose people join the
case's identifying details. Agencies never see the family's part of a review."""

from sqlalchemy import func, select

from backend.audit.models import AuditEvent
from backend.cases import identifying
from backend.family_engagement.service import findings_offered_on
from backend.reviews.tasks import tasks_for
from tests.engagement_support import people
from tests.versions import edit

MOTHER = {"name": "Kerry Lowe", "relationship_to_child": "Mother", "date_of_birth": "1994-03-12",
          "address": "14 Gull Street, Harbourside", "household": "Mother's home"}
PARTNER = {"name": "Sam Dyer", "relationship_to_child": "Mother's partner", "address": "14 Gull Street, Harbourside",
           "household": "Mother's home"}


def _post(client, make, user, url, body):
    response = client.post(url, headers=make.headers(user), json=body)
    assert response.status_code == 201, response.text
    return response.json()


def test_the_log_records_the_initial_letter_and_who_delivered_it_and_consent_given_or_refused(client, db, make,
                                                                                              frozen_now):
    p = people(db, make)
    log_url = f"{p.url}/family"
    _post(client, make, p.office, f"{log_url}/contacts", {
        "kind": "initial_letter", "occurred_on": "2026-10-05", "with_whom": "Mother and her partner",
        "delivered_by": "the allocated social worker"})
    _post(client, make, p.reviewer, f"{log_url}/contacts", {
        "kind": "medical_records_consent", "occurred_on": "2026-10-19", "answer": "given", "with_whom": "Mother"})
    log = client.get(log_url, headers=make.headers(p.reviewer)).json()
    assert [(c["kind"], c["answer"]) for c in log["contacts"]] == [("initial_letter", None),
                                                                   ("medical_records_consent", "given")]
    assert log["allowed_actions"] == ["record_contact"] and log["contacts"][0]["allowed_actions"] == ["edit"]
    tasks = {t.key: t for t in tasks_for(db, p.review)}
    assert tasks["family_initial_letter"].status == "completed"
    assert tasks["family_initial_letter"].hint == "Sent on 5 October 2026, delivered by the allocated social worker"
    assert tasks["family_medical_records_consent"].hint == "Consent given on 19 October 2026"


def test_an_incomplete_entry_is_refused_naming_each_missing_box(client, db, make, frozen_now):
    p = people(db, make)
    url = f"{p.url}/family/contacts"
    letter = client.post(url, headers=make.headers(p.office), json={"kind": "initial_letter",
                                                                    "occurred_on": "2026-12-24"})
    assert {e["field"]: e["message"] for e in letter.json()["errors"]} == {
        "body.occurred_on": "The date must be today or in the past",
        "body.delivered_by": "Enter who delivered the letter"}
    consent = client.post(url, headers=make.headers(p.office), json={"kind": "medical_records_consent",
                                                                     "occurred_on": "2026-11-02"})
    assert consent.json()["errors"] == [{"field": "body.answer",
                                         "message": "Select whether consent was given or refused"}]
    wrong = client.post(url, headers=make.headers(p.office), json={"kind": "mid_process_letter",
                                                                   "occurred_on": "2026-11-02", "answer": "given"})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "body.answer"
    assert client.get(f"{p.url}/family", headers=make.headers(p.office)).json()["contacts"] == []


def test_the_offer_to_hear_the_findings_is_dated_and_its_answer_added_later(client, db, make, frozen_now):
    p = people(db, make)
    assert findings_offered_on(db, p.review) is None
    offer = _post(client, make, p.office, f"{p.url}/family/contacts",
                  {"kind": "findings_offer", "occurred_on": "2026-11-16", "with_whom": "Mother"})
    assert str(findings_offered_on(db, p.review)) == "2026-11-16"
    assert {t.key: t for t in tasks_for(db, p.review)}["family_findings_offered"].status == "in_progress"
    url = f"{p.url}/family/contacts/{offer['id']}"
    answered = edit(client, "PATCH", url, headers=make.headers(p.reviewer),
                    json={"answer": "accepted", "answered_on": "2026-11-18"})
    assert answered.status_code == 200 and answered.json()["answer"] == "accepted"
    without_etag = client.patch(url, headers=make.headers(p.reviewer), json={"notes": "Meeting booked"})
    assert without_etag.status_code == 428
    stale = client.patch(url, headers=make.headers(p.reviewer) | {"If-Match": f'"{offer["version"]}"'},
                         json={"notes": "Meeting booked"})
    assert stale.status_code == 412 and answered.headers["ETag"] == f'"{answered.json()["version"]}"'
    assert {t.key: t for t in tasks_for(db, p.review)}["family_findings_offered"].status == "completed"


def test_genogram_members_join_the_cases_identifying_details_and_each_read_is_audited(client, db, make, frozen_now):
    p = people(db, make)
    mother = _post(client, make, p.reviewer, f"{p.url}/family/members", MOTHER)
    partner = _post(client, make, p.reviewer, f"{p.url}/family/members", PARTNER)
    line = _post(client, make, p.reviewer, f"{p.url}/family/relationships",
                 {"from_member_id": partner["id"], "to_member_id": mother["id"], "kind": "partner"})
    assert line["allowed_actions"] == ["remove"]

    details = client.get(f"/api/v1/cases/{p.review.case_id}/identifying-details", headers=make.headers(p.office))
    assert details.status_code == 200
    found = {(d["kind"], d["value"], d["about"]) for d in details.json()["details"]}
    assert {("name", "Kerry Lowe", "Mother"), ("date_of_birth", "1994-03-12", "Mother"),
            ("address", "14 Gull Street, Harbourside", "Mother's partner")} <= found
    assert details.json()["details"][0]["source"]["record_type"] == "family_member"
    # The lead reviewer of the review reads them too, from the case.
    own = client.get(f"/api/v1/cases/{p.review.case_id}/identifying-details", headers=make.headers(p.reviewer))
    assert own.status_code == 200 and len(own.json()["details"]) == len(details.json()["details"])
    reads = db.scalars(select(AuditEvent).where(AuditEvent.action == "read_identifying",
                                                AuditEvent.entity_id == str(p.review.case_id))).all()
    assert len(reads) == 2 and reads[0].changes["sources"][0]["record_type"] == "family_member"

    genogram = client.get(f"{p.url}/family/genogram", headers=make.headers(p.strategic)).json()
    assert [m["relationship_to_child"] for m in genogram["members"]] == ["Mother", "Mother's partner"]
    assert genogram["allowed_actions"] == [] and genogram["members"][0]["allowed_actions"] == []
    assert db.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "read_identifying", AuditEvent.entity_id == str(p.review.case_id))) == 3
    assert "kerry lowe" in identifying.phrases(db, p.review.case_id)


def test_agencies_and_the_scrutineer_get_404_on_every_family_route(client, db, make, frozen_now):
    p = people(db, make)
    member = _post(client, make, p.office, f"{p.url}/family/members", MOTHER)
    contact = _post(client, make, p.office, f"{p.url}/family/contacts",
                    {"kind": "lead_reviewer_contact", "occurred_on": "2026-11-02"})
    base = f"{p.url}/family"
    for stranger in (p.trust_lead, p.police_lead, p.outsider_lead, p.scrutineer, p.other_reviewer):
        headers = make.headers(stranger) | {"If-Match": '"1"'}
        answers = [
            client.get(base, headers=headers), client.get(f"{base}/genogram", headers=headers),
            client.post(f"{base}/contacts", headers=headers, json={"kind": "other", "occurred_on": "2026-11-02"}),
            client.get(f"{base}/contacts/{contact['id']}", headers=headers),
            client.patch(f"{base}/contacts/{contact['id']}", headers=headers, json={"notes": "x"}),
            client.post(f"{base}/members", headers=headers, json=MOTHER),
            client.get(f"{base}/members/{member['id']}", headers=headers),
            client.patch(f"{base}/members/{member['id']}", headers=headers, json={"notes": "x"}),
            client.delete(f"{base}/members/{member['id']}", headers=headers),
            client.post(f"{base}/relationships", headers=headers,
                        json={"from_member_id": member["id"], "to_member_id": member["id"], "kind": "other"}),
            client.delete(f"{base}/relationships/{member['id']}", headers=headers),
        ]
        assert [a.status_code for a in answers] == [404] * len(answers), stranger.role
    # An involved agency may see the case, but not who the family are.
    refused = client.get(f"/api/v1/cases/{p.review.case_id}/identifying-details", headers=make.headers(p.trust_lead))
    assert refused.status_code == 403


def test_a_strategic_lead_reads_the_family_but_records_nothing(client, db, make, frozen_now):
    p = people(db, make)
    assert client.get(f"{p.url}/family", headers=make.headers(p.strategic)).json()["allowed_actions"] == []
    refused = client.post(f"{p.url}/family/members", headers=make.headers(p.strategic), json=MOTHER)
    assert refused.status_code == 403


def test_a_relationship_needs_two_people_of_this_genogram_and_removing_a_member_removes_their_lines(
        client, db, make, frozen_now):
    p = people(db, make)
    mother = _post(client, make, p.office, f"{p.url}/family/members", MOTHER)
    partner = _post(client, make, p.office, f"{p.url}/family/members", PARTNER)
    url = f"{p.url}/family/relationships"
    same = client.post(url, headers=make.headers(p.office),
                       json={"from_member_id": mother["id"], "to_member_id": mother["id"], "kind": "sibling"})
    assert same.json()["errors"] == [{"field": "body.to_member_id", "message": "Choose two different people"}]
    _post(client, make, p.office, url, {"from_member_id": partner["id"], "to_member_id": mother["id"],
                                        "kind": "partner"})
    removed = client.delete(f"{p.url}/family/members/{partner['id']}", headers=make.headers(p.office))
    assert removed.status_code == 204
    genogram = client.get(f"{p.url}/family/genogram", headers=make.headers(p.office)).json()
    assert [m["name"] for m in genogram["members"]] == ["Kerry Lowe"] and genogram["relationships"] == []
