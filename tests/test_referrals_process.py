"""A request for consideration of a review, driven through the API by each role up to a decision."""
# ruff: noqa: F811  (pytest fixtures imported from tests.referral_forms are shadowed by test arguments)

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from backend.audit.models import AuditEvent
from backend.cases.models import Case
from backend.deadlines.models import Deadline
from tests.referral_forms import RECOMMENDATION, URL, org, published  # noqa: F401 (fixtures)
from tests.versions import edit


def _timeline(org, referral_id, user):
    response = org.client.get(f"{URL}/{referral_id}/timeline", headers=org.as_(user))
    assert response.status_code == 200
    return response.json()


def test_referral_travels_from_draft_to_a_decision_through_each_role(org, published, db, frozen_now):
    org.frozen = frozen_now
    draft = org.create()
    assert draft["state"] == "draft" and draft["child_reference"] == "Child TQ"
    assert draft["referrer"]["agency"]["name"] == "Westbrook Children's Trust"
    assert draft["allowed_actions"] == ["edit", "submit", "delete"]

    submitted = org.act(draft["id"], "submit", org.lead).json()
    assert submitted["state"] == "awaiting_sign_off"
    assert submitted["referrer"]["signature"] == {"signed_by_id": str(org.lead.id), "signed_by_name": "Tara Lead",
                                                  "signed_on": "2026-11-23"}
    assert org.get(draft["id"], org.manager).json()["allowed_actions"] == ["sign_off", "decline_sign_off"]

    signed = org.act(draft["id"], "sign-off", org.manager, {"agree": True}).json()
    assert signed["state"] == "submitted"
    assert signed["senior_manager"]["agreed"] is True
    assert signed["senior_manager"]["name"] == "Nadia Kerr"
    assert signed["senior_manager"]["signature"]["signed_on"] == "2026-11-23"
    assert signed["submitted_to_business_office_on"] == "2026-11-23"
    # Monday 23 November 2026 + 15 working days, no bank holidays in between.
    assert signed["due"] == {"due_date": "2026-12-14", "status": "open", "overdue": False}

    considering = org.act(draft["id"], "start-consideration", org.office, {"child_reference": "Child BM"}).json()
    assert considering["state"] == "under_consideration" and considering["child_reference"] == "Child BM"
    recommended = org.act(draft["id"], "recommendation", org.office, RECOMMENDATION).json()
    assert recommended["state"] == "recommendation_made"
    assert recommended["recommendation"]["recommended_by_name"] == "Bea Office"

    decided = org.decide(draft["id"], {"agreed": True, "reasons": "Proceed to a CSPR."})
    assert decided["state"] == "decided" and decided["due"]["status"] == "met"

    # The written response: the referrer and their manager see the outcome on the referral.
    for user in (org.lead, org.manager):
        outcome = org.get(draft["id"], user).json()
        assert outcome["recommendation"] == {
            "review_recommended": True, "review_type": "cspr", "comments": "Criteria met.",
            "reason": RECOMMENDATION["reason"], "legal_advice_sought": False, "recommended_on": "2026-11-23",
            "recommended_by_name": "Bea Office"}
        assert outcome["decision"] == {
            "agreed": True, "review_type": "cspr", "decided_on": "2026-11-23",
            "decided_by_name": "The three safeguarding partners",
            "comments": "The local authority (Stella Strategic): a review agreed; agrees with the recommendation: "
                        "Proceed to a CSPR.\nThe integrated care board (Ivy Board): a review agreed; agrees with the "
                        "recommendation: Proceed to a CSPR.\nThe police (Percy Constable): a review agreed; agrees "
                        "with the recommendation: Proceed to a CSPR."}

    referral_events = [e for e in published if e.type.startswith("referral.")]
    assert [e.type for e in referral_events] == [
        "referral.sign_off_requested", "referral.submitted", "referral.decided"]
    final = referral_events[-1]
    assert (final.agreed, final.review_type, final.recommended) == (True, "cspr", True)
    assert final.comments == outcome["decision"]["comments"] and final.decided_on == date(2026, 11, 23)
    assert final.child_reference == "Child BM" and final.agency_ids == (org.agency.id,)
    assert str(final.subject_id) == draft["id"]

    timeline = _timeline(org, draft["id"], org.scrutineer)
    assert [t["action"] for t in timeline] == [
        "create", "submit", "sign_off", "start_consideration", "recommendation", *["record_partner_position"] * 3]
    assert [t["actor_name"] for t in timeline][1:3] == ["Tara Lead", "Nadia Kerr"]
    assert all("Jordan" not in t["summary"] for t in timeline)

    # The agreed referral opened a rapid review for the same child, in the same transaction.
    from backend.rapid_reviews.models import RapidReview

    opened = db.scalars(select(RapidReview).where(RapidReview.child_reference == "Child BM")).one()
    assert (opened.source_type, str(opened.source_id)) == ("referral", draft["id"])

    deadline = db.scalar(select(Deadline).where(Deadline.kind == "referral_decision"))
    assert deadline.child_reference == "Child BM" and deadline.status == "met"
    assert deadline.link == f"/referrals/{draft['id']}" and deadline.owner_role == "business_office"


def test_returned_referral_is_edited_and_resubmitted_keeping_its_history(org, published, db, frozen_now):
    org.frozen = frozen_now
    referral = org.to_state("under_consideration")
    returned = org.act(referral["id"], "return", org.office, {"reasons": "The chronology has one event only."})
    assert returned.status_code == 200
    assert returned.json()["state"] == "returned"
    assert returned.json()["returned_reasons"] == "The chronology has one event only."
    assert returned.json()["senior_manager"]["agreed"] is False
    assert returned.json()["due"]["status"] == "waived"
    assert published[-1].type == "referral.returned"
    assert published[-1].reasons == "The chronology has one event only."

    # Back with the agency: it may edit again, and the office no longer lists it.
    listed = org.client.get(URL, headers=org.as_(org.office)).json()
    assert referral["id"] not in [r["id"] for r in listed["items"]]
    chronology = [{"occurred_on": "2026-09-01", "time": "09:15", "event": "School reports bruising"},
                  {"occurred_on": "2026-11-09", "event": "Child admitted to hospital with a head injury"}]
    frozen_now[0] += timedelta(minutes=1)
    edited = org.edit(referral["id"], {"chronology": chronology}, org.lead)
    assert edited.status_code == 200 and edited.json()["chronology"][0]["event"] == "School reports bruising"
    assert org.act(referral["id"], "submit", org.lead).json()["state"] == "awaiting_sign_off"
    frozen_now[0] = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    resigned = org.act(referral["id"], "sign-off", org.manager, {"agree": True}).json()
    assert resigned["state"] == "submitted"
    assert resigned["due"] == {"due_date": "2026-12-16", "status": "open", "overdue": False}
    assert published[-2].resubmission is True

    actions = [t["action"] for t in _timeline(org, referral["id"], org.office) if t["action"] != "read_identifying"]
    assert actions == ["create", "submit", "sign_off", "start_consideration", "return", "update", "submit",
                       "sign_off"]


def test_the_manager_block_is_the_person_who_signs_not_the_one_typed_into_the_form(org, frozen_now):
    org.frozen = frozen_now
    referral = org.to_state("awaiting_sign_off")  # the form names Nadia Kerr, Head of safeguarding
    same = org.get(referral["id"], org.manager).json()["senior_manager"]
    assert same["name"] == "Nadia Kerr" and same["designation"] == "Head of safeguarding"

    signed = org.act(referral["id"], "sign-off", org.second_manager,
                     {"agree": True, "designation": "Deputy head of safeguarding"}).json()

    manager = signed["senior_manager"]
    assert manager["name"] == "Owen Second" and manager["signature"]["signed_by_name"] == "Owen Second"
    assert manager["designation"] == "Deputy head of safeguarding"
    # Nadia Kerr's telephone number and e-mail are not Owen Second's.
    assert manager["contact"] == {"phone": None, "email": org.second_manager.email, "address": None}
    [entry] = [t for t in org.client.get(f"{URL}/{referral['id']}/timeline", headers=org.as_(org.lead)).json()
               if t["action"] == "sign_off"]
    assert "Owen Second signed; the form had named Nadia Kerr" in entry["summary"]


def test_the_named_manager_signing_keeps_the_details_they_gave(org, frozen_now):
    referral = org.to_state("awaiting_sign_off")
    manager = org.act(referral["id"], "sign-off", org.manager, {"agree": True}).json()["senior_manager"]
    assert (manager["name"], manager["designation"], manager["contact"]["phone"]) == (
        "Nadia Kerr", "Head of safeguarding", "01632 960 102")


def test_manager_declining_sign_off_sends_the_referral_back_to_draft_with_reasons(org, published, db):
    referral = org.to_state("awaiting_sign_off")
    declined = org.act(referral["id"], "decline-sign-off", org.manager, {"reasons": "Rationale does not meet "
                                                                                    "the criteria yet."})
    assert declined.status_code == 200
    body = declined.json()
    assert body["state"] == "draft" and body["sign_off_declined_reasons"].startswith("Rationale does not")
    assert body["senior_manager"]["agreed"] is False
    sign_off = db.scalar(select(Deadline).where(Deadline.kind == "referral_sign_off"))
    assert sign_off.status == "waived" and "Rationale" in sign_off.waived_reason
    entry = db.scalar(select(AuditEvent).where(AuditEvent.action == "decline_sign_off"))
    assert entry.changes["reasons"].startswith("Rationale") and entry.actor_name == "Nadia Kerr"
    assert published[-1].type == "referral.sign_off_declined"


def test_editing_merges_blocks_and_replaces_tables_without_logging_identifying_values(org, db):
    referral = org.create()
    response = org.edit(referral["id"], by=org.manager, body={
        "child": {"faith": "Roman Catholic", "name": "Jordan Pike-Ellis"},
        "family_members": [{"name": "Lee Ellis", "relationship": "Mother's partner"}],
        "themes": None,
    })
    assert response.status_code == 200
    body = response.json()
    assert body["child"]["faith"] == "Roman Catholic" and body["child"]["date_of_birth"] == "2025-03-14"
    assert [m["name"] for m in body["family_members"]] == ["Lee Ellis"]
    assert body["themes"] == {"actions_taken": None, "good_practice": None}
    update = db.scalar(select(AuditEvent).where(AuditEvent.action == "update"))
    assert update.changes["child.name"] == "changed (identifying, not logged)"
    assert update.changes["child.faith"] == "changed (identifying, not logged)"
    assert update.changes["themes.good_practice"]["to"] is None
    rows = db.scalars(select(AuditEvent).where(AuditEvent.entity_type == "referral"))
    logged = " ".join(str(row.changes) for row in rows)
    assert "Jordan" not in logged and "Lee Ellis" not in logged and "Kelly" not in logged


def test_a_review_agreed_without_a_recommended_type_must_say_which(org, published):
    referral = org.to_state("under_consideration")
    org.act(referral["id"], "recommendation", org.office, {
        "review_recommended": False, "comments": "Learning can be taken forward by the agencies.",
        "reason": "Criteria not met", "legal_advice_sought": True})
    refused = org.act(referral["id"], "partner-positions", org.strategic,
                      {"agreed": True, "reasons": "A review is needed."})
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["body.review_type"]
    assert org.get(referral["id"], org.office).json()["state"] == "recommendation_made"

    declined = org.decide(referral["id"], {"agreed": False, "reasons": "No review."})
    assert declined["decision"]["agreed"] is False and declined["decision"]["review_type"] is None
    assert (published[-1].agreed, published[-1].review_type, published[-1].recommended) == (False, None, False)


def test_recommending_a_review_needs_its_type():
    from pydantic import ValidationError

    from backend.referrals.schemas import ReferralRecommendationCreate

    try:
        ReferralRecommendationCreate(review_recommended=True, comments="x", reason="y", legal_advice_sought=False)
    except ValidationError as error:
        assert "review_type is required" in str(error)
    else:
        raise AssertionError("a recommended review without a type was accepted")


def test_a_draft_the_agency_no_longer_wants_is_deleted_with_its_case_and_the_audit_log_keeps_it(org, db):
    draft = org.create()
    url = f"{URL}/{draft['id']}"
    assert "delete" in org.get(draft["id"], org.lead).json()["allowed_actions"]
    assert org.client.delete(url, headers=org.as_(org.lead)).status_code == 428
    # Another agency cannot see it, let alone delete it.
    assert org.client.delete(url, headers=org.as_(org.other_lead) | {"If-Match": '"1"'}).status_code == 404

    deleted = edit(org.client, "DELETE", url, headers=org.as_(org.lead), json=None)

    assert deleted.status_code == 204
    assert org.get(draft["id"], org.lead).status_code == 404
    assert draft["id"] not in [r["id"] for r in org.client.get(URL, headers=org.as_(org.lead)).json()["items"]]
    assert org.client.get(f"/api/v1/cases/{draft['case_id']}", headers=org.as_(org.office)).status_code == 404
    entries = org.client.get("/api/v1/audit", params={"entity_type": "referral", "action": "delete"},
                             headers=org.as_(org.office)).json()["items"]
    assert [(e["actor_name"], e["summary"]) for e in entries] == [
        ("Tara Lead", "Deleted the draft referral for Child TQ")]
    # The child reference is free again for the referral the agency does want.
    assert org.client.post(URL, headers=org.as_(org.lead), json={"child_reference": "Child TQ"}).status_code == 201


def test_a_referral_the_business_office_has_received_cannot_be_deleted(org):
    referral = org.to_state("submitted")
    assert "delete" not in org.get(referral["id"], org.lead).json()["allowed_actions"]
    url = f"{URL}/{referral['id']}"
    refused = edit(org.client, "DELETE", url, headers=org.as_(org.lead), json=None)
    assert refused.status_code == 409
    assert org.get(referral["id"], org.lead).status_code == 200


def test_two_drafts_drawing_the_same_provisional_reference_at_once_both_open_neither_answers_500(
        org, db, monkeypatch):
    """Each draft checks its provisional letters free before either writes: when another draft took them in between,
    the insert fails on the unique reference and the draft draws again (the second draw here) instead of a 500."""
    from backend.cases import service as cases
    from backend.referrals import service as referrals

    first = org.client.post(URL, json={}, headers=org.as_(org.lead)).json()["child_reference"]
    draws = iter([first, "Child QQZX"])
    monkeypatch.setattr(referrals, "_provisional_reference", lambda _session: next(draws))
    monkeypatch.setattr(cases, "_check_free", lambda *_args, **_kwargs: None)  # as if checked before the first wrote
    second = org.client.post(URL, json={}, headers=org.as_(org.lead))
    assert second.status_code == 201, second.text
    assert second.json()["child_reference"] == "Child QQZX"
    references = db.scalars(select(Case.reference).where(Case.reference.in_([first, "Child QQZX"]))).all()
    assert sorted(references) == sorted([first, "Child QQZX"])
