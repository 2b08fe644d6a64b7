"""Key event analysis reports (seed 003, Appendix 4b): every box named when one is empty, signed by the author,
signed off by another manager of the same agency, returned with reasons, and revised with new signatures."""

import pytest

from backend.analysis_reports.models import ReportState
from backend.analysis_reports.policy import REPORT
from backend.core.access import Permission
from tests.chronologies_support import ReviewAtSubmissions, review_at_submissions
from tests.versions import edit

KEY_EVENT = {
    "date": "2025-03-02", "title": "Domestic incident not shared with the school",
    "analysis": "The call-out was not shared with the school because the notification process relied on a form "
                "completed at the end of the shift, which was not done.",
    "learning": "Notifications to schools must be made the next morning whatever the shift pattern.",
    "learning_addressed": "The process now runs from the control room, not the attending officer.",
    "outstanding_action": "Audit of notifications due in June.",
    "evidence_of_impact": "In a case in May the school was told by 08:30 and saw the child at breakfast club.",
}
REPORT_BODY = {"author_name": "Dan Reilly", "author_role": "Detective sergeant", "manager_name": "Alison Grant",
               "key_events": [KEY_EVENT]}


@pytest.fixture
def at(client, db, make) -> ReviewAtSubmissions:
    return review_at_submissions(client, db, make)


def requested(at: ReviewAtSubmissions, by=None) -> str:
    response = at.client.post(at.url("/analysis-reports"), headers=at.as_(by or at.office),
                              json={"agency_ids": [str(at.police.id)], "due_date": at.due})
    assert response.status_code == 201, response.text
    return f"/api/v1/analysis-reports/{response.json()[0]['id']}"


def save(at: ReviewAtSubmissions, url: str, body: dict, user=None) -> dict:
    saved = edit(at.client, "PUT", f"{url}/draft", read=url, headers=at.as_(user or at.police_lead), json=body)
    assert saved.status_code == 200, saved.text
    return saved.json()


def step(at: ReviewAtSubmissions, url: str, name: str, user, body: dict | None = None):
    return at.client.post(f"{url}/{name}", headers=at.as_(user), json=body if body is not None else {})


def signed_off(at: ReviewAtSubmissions) -> str:
    url = requested(at)
    save(at, url, REPORT_BODY)
    assert step(at, url, "send-for-sign-off", at.police_lead, {"signature": "Dan Reilly"}).status_code == 200
    done = step(at, url, "sign-off", at.police_manager, {"signature": "Alison Grant"})
    assert done.status_code == 200, done.text
    return url


def test_an_incomplete_report_is_refused_naming_every_empty_box(at):
    url = requested(at)
    save(at, url, {"author_name": "Dan Reilly", "key_events": [
        {"date": "2025-03-02", "title": "Call-out", "analysis": "Not shared."}, {}]})
    refused = step(at, url, "send-for-sign-off", at.police_lead, {"signature": ""})
    assert refused.status_code == 422
    assert [(e["field"], e["message"]) for e in refused.json()["errors"]] == [
        ("draft.manager_name", "Enter the agency manager’s name"),
        ("draft.key_events.0.learning", "Enter the learning from key event 1"),
        ("draft.key_events.0.learning_addressed", "Enter how the learning from key event 1 has been addressed to "
                                                  "date"),
        ("draft.key_events.0.outstanding_action", "Enter the outstanding action for key event 1 (write ‘None’ if "
                                                  "there is none)"),
        ("draft.key_events.0.evidence_of_impact", "Enter the evidence of impact (‘so what’) for key event 1"),
        ("draft.key_events.1.date", "Enter the date of key event 2"),
        ("draft.key_events.1.title", "Enter the title of key event 2"),
        ("draft.key_events.1.analysis", "Enter the in-depth analysis of key event 2"),
        ("draft.key_events.1.learning", "Enter the learning from key event 2"),
        ("draft.key_events.1.learning_addressed", "Enter how the learning from key event 2 has been addressed to "
                                                  "date"),
        ("draft.key_events.1.outstanding_action", "Enter the outstanding action for key event 2 (write ‘None’ if "
                                                  "there is none)"),
        ("draft.key_events.1.evidence_of_impact", "Enter the evidence of impact (‘so what’) for key event 2"),
        ("body.signature", "Type your full name to sign the report")]
    assert at.client.get(url, headers=at.as_(at.police_lead)).json()["state"] == "draft"
    no_events = save(at, url, {"author_name": "Dan Reilly", "manager_name": "Alison Grant"})
    assert no_events["state"] == "draft"
    empty = step(at, url, "send-for-sign-off", at.police_lead, {"signature": "Dan Reilly"})
    assert [e["field"] for e in empty.json()["errors"]] == ["draft.key_events"]


def test_the_author_may_not_sign_off_their_own_report(at):
    url = requested(at)
    save(at, url, REPORT_BODY, user=at.police_manager)
    sent = step(at, url, "send-for-sign-off", at.police_manager, {"signature": "Alison Grant"})
    assert sent.status_code == 200 and sent.json()["state"] == "awaiting_sign_off"
    assert "sign_off" not in sent.json()["allowed_actions"]
    refused = step(at, url, "sign-off", at.police_manager, {"signature": "Alison Grant"})
    assert refused.status_code == 403 and "another manager" in refused.json()["detail"]
    # An agency lead is not a manager; another agency's manager never finds the report.
    assert step(at, url, "sign-off", at.police_lead, {"signature": "Dan Reilly"}).status_code == 403
    other_manager = at.make.user(at.police_manager.role, at.trust)
    assert step(at, url, "sign-off", other_manager, {"signature": "X"}).status_code == 404
    colleague = at.make.user(at.police_manager.role, at.police, name="Sam Patel")
    assert "sign_off" in at.client.get(url, headers=at.as_(colleague)).json()["allowed_actions"]
    done = step(at, url, "sign-off", colleague, {"signature": "Sam Patel"})
    assert done.status_code == 200 and done.json()["state"] == "submitted"


def test_sign_off_by_another_manager_submits_the_report_with_both_signatures(at):
    url = signed_off(at)
    for reader in (at.reviewer, at.office):
        body = at.client.get(url, headers=at.as_(reader)).json()
        assert body["state"] == "submitted" and body["draft"] is None and body["signatures"] is None
        assert body["submission"]["key_events"][0]["title"] == KEY_EVENT["title"]
        signatures = body["submission"]["signatures"]
        assert signatures["author"]["name"] == "Dan Reilly" and signatures["manager"]["name"] == "Alison Grant"
        assert signatures["revision_author"] is None
    assert at.client.get(url, headers=at.as_(at.reviewer)).json()["allowed_actions"] == ["return"]
    assert at.client.get(url, headers=at.as_(at.police_lead)).json()["due"]["status"] == "met"


def test_a_draft_report_is_seen_only_by_its_agency(at):
    url = requested(at)
    save(at, url, REPORT_BODY)
    step(at, url, "send-for-sign-off", at.police_lead, {"signature": "Dan Reilly"})
    for outsider in (at.reviewer, at.office):
        body = at.client.get(url, headers=at.as_(outsider)).json()
        assert body["state"] == "awaiting_sign_off"
        assert body["draft"] is None and body["submission"] is None and body["signatures"] is None
    own = at.client.get(url, headers=at.as_(at.police_manager)).json()
    assert own["draft"]["key_events"][0]["title"] == KEY_EVENT["title"]
    assert own["signatures"]["author"]["name"] == "Dan Reilly"
    assert at.client.get(url, headers=at.as_(at.trust_lead)).status_code == 404
    listed = at.client.get(at.url("/analysis-reports"), headers=at.as_(at.trust_lead)).json()
    assert listed == []


def test_a_returned_report_is_revised_and_the_revision_signatures_and_date_recorded(at):
    url = signed_off(at)
    assert step(at, url, "return", at.police_lead, {"reasons": "x"}).status_code == 403
    returned = step(at, url, "return", at.reviewer, {"reasons": "Add the second call-out in June."})
    assert returned.status_code == 200 and returned.json()["state"] == "returned"
    save(at, url, REPORT_BODY | {"key_events": [KEY_EVENT, KEY_EVENT | {"date": "2025-06-20",
                                                                        "title": "Second call-out"}]})
    step(at, url, "send-for-sign-off", at.police_lead, {"signature": "Dan Reilly"})
    step(at, url, "sign-off", at.police_manager, {"signature": "Alison Grant"})
    body = at.client.get(url, headers=at.as_(at.reviewer)).json()
    assert body["revision"] == 2 and body["resubmitted"] and len(body["submission"]["key_events"]) == 2
    signatures = body["submission"]["signatures"]
    assert signatures["author"]["name"] == "Dan Reilly"  # Section 1 is kept
    assert signatures["revision_author"]["name"] == "Dan Reilly"
    assert signatures["revision_manager"]["name"] == "Alison Grant" and signatures["revision_manager"]["signed_on"]
    revisions = at.client.get(f"{url}/revisions", headers=at.as_(at.office)).json()
    assert [(r["number"], r["return_reasons"]) for r in revisions] == [(1, "Add the second call-out in June."),
                                                                      (2, None)]
    assert revisions[0]["content"]["signatures"]["revision_author"] is None


def test_reopening_withdraws_the_authors_signature(at):
    url = requested(at)
    save(at, url, REPORT_BODY)
    step(at, url, "send-for-sign-off", at.police_lead, {"signature": "Dan Reilly"})
    reopened = step(at, url, "reopen", at.police_lead)
    assert reopened.status_code == 200 and reopened.json()["state"] == "draft"
    assert reopened.json()["signatures"]["author"] is None


def test_the_reports_steps_are_one_table():
    steps = REPORT.steps
    assert steps["sign_off"].permission == Permission.analysis_reports_sign_off and steps["sign_off"].own_agency
    assert steps["sign_off"].sources == {ReportState.awaiting_sign_off}
    assert steps["sign_off"].target == ReportState.submitted and steps["sign_off"].refusal is not None
    assert steps["return"].permission == Permission.review_submissions_return and not steps["return"].own_agency


def test_reports_are_asked_for_only_at_the_agencies_submissions_stage(client, db, make):
    from backend.reviews.schemas import ReviewStep

    early = review_at_submissions(client, db, make, stage_steps=())
    refused = client.post(early.url("/analysis-reports"), headers=early.as_(early.office),
                          json={"agency_ids": [str(early.police.id)], "due_date": early.due})
    assert refused.status_code == 409 and refused.json()["current_state"] == "commissioning"
    assert ReviewStep.begin_agency_submissions  # the step that opens them
