"""The review's process from commissioning to the agencies' submissions (issue 16; seed 003 "Overview and
Timescales" to "Outline of Methodology"): the stage table's conditions, commissioning notices, timescales and the
National Panel, the review group and its composition, and the terms of reference."""

import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from backend.cases.identifying import normalise, phrases
from backend.core.access import Role
from backend.deadlines.models import Deadline, DeadlineStatus
from backend.identity.models import AgencyKind
from backend.reminders.models import OutboxMessage
from backend.reviews import service
from tests.referral_forms import Partnership, partnership
from tests.review_process import BRIEFING, ok, statutory_partners
from tests.test_domain_events import _review_from_a_referral
from tests.versions import edit


@pytest.fixture
def org(client, make) -> Partnership:
    return partnership(client, make)


def _review(db, make, org, agency_ids=()) -> str:
    review = service.create_review(db, None, case=make.case(f"Child {uuid.uuid4().hex[:4].upper()}"),
                                   decided_on=dt.date(2026, 11, 2), agency_ids=[org.agency.id, *agency_ids])
    return str(review.id)


def _appoint(org, review_id, reviewer=None):
    return ok(edit(org.client, "PATCH", f"/api/v1/reviews/{review_id}", headers=org.as_(org.office),
                   json={"lead_reviewer_id": str((reviewer or org.reviewer).id)}))


def _move(org, review_id, step, by=None):
    return org.client.post(f"/api/v1/reviews/{review_id}/stage", headers=org.as_(by or org.office), json={"step": step})


def _tasks(org, review_id, by=None) -> dict[str, dict]:
    read = ok(org.client.get(f"/api/v1/reviews/{review_id}", headers=org.as_(by or org.office)))
    return {t["key"]: t for t in read["tasks"]}


def _refused(response, status: int, action: str | None = None) -> dict:
    body = response.json()
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    if action:
        assert body["type"] == "/problems/invalid-transition" and body["action"] == action
    return body


def test_a_review_is_driven_from_commissioning_to_the_agencies_submissions_by_each_role(org, db, make, frozen_now):
    review_id = _review(db, make, org)
    url = f"/api/v1/reviews/{review_id}"
    office, reviewer, scrutineer = org.as_(org.office), org.as_(org.reviewer), org.as_(org.scrutineer)
    assert _tasks(org, review_id)["lead_reviewer_appointed"]["status"] == "not_started"
    assert _tasks(org, review_id)["national_bodies_told"]["status"] == "cannot_start_yet"

    # Commissioning: the business office appoints the lead reviewer and tells the national bodies.
    _appoint(org, review_id)
    told = ok(org.client.post(f"{url}/commissioning/notices", headers=office), 201)
    assert [r["told_on"] for r in told["recipients"]] == ["2026-11-23"] * 3 and told["allowed_actions"] == []
    assert ok(_move(org, review_id, "begin_terms_of_reference"))["stage"] == "terms_of_reference"

    # The review group: the business office adds the members; the lead reviewer records the first meeting.
    group = {}
    for key, agency in statutory_partners(make).items():
        group = ok(org.client.post(f"{url}/review-group/members", headers=office, json={
            "name": f"Member for {key}", "agency_id": str(agency.id), "role": "Safeguarding lead"}), 201)
    assert group["composition"]["met"] is True and group["composition"]["missing"] == []
    meeting = ok(org.client.post(f"{url}/review-group/meetings", headers=reviewer, json={
        "held_on": "2026-11-20", "attendee_ids": [m["id"] for m in group["members"]],
        "minutes": "Scoped the terms of reference.", "decisions": "Draft within a week.",
        "family_engagement": "Mother would like to speak with the lead reviewer."}), 201)

    # Terms of reference: the lead reviewer drafts, the scrutineer observes, the group agrees (recorded by its chair).
    draft = ok(org.client.post(f"{url}/terms-of-reference/versions", headers=reviewer, json={
        "terms": "Practice from birth to the incident.", "key_lines_of_enquiry": ["Information sharing"]}), 201)
    assert draft["allowed_actions"] == ["edit", "agree"]
    observed = ok(org.client.post(f"{url}/terms-of-reference/versions/{draft['id']}/observations", headers=scrutineer,
                                  json={"text": "Ask about the pandemic restrictions."}), 201)
    assert observed["observations"][0]["author_name"] == org.scrutineer.name
    agreed = ok(org.client.post(f"{url}/terms-of-reference/versions/{draft['id']}/agree", headers=reviewer,
                                json={"agreed_on": "2026-11-20", "meeting_id": meeting["id"]}))
    assert agreed["state"] == "agreed" and agreed["agreed_by_name"] == org.reviewer.name
    assert agreed["agreed_at_meeting_id"] == meeting["id"]

    # The business office arranges the authors' briefing from the terms of reference: an event of the review.
    terms = ok(org.client.post(f"{url}/terms-of-reference/author-briefings", headers=office, json=BRIEFING), 201)
    [briefing] = terms["author_briefings"]
    event = ok(org.client.get(f"/api/v1/events/{briefing['id']}", headers=office))
    assert event["kind"] == "author_briefing" and event["review_id"] == review_id and event["has_open_link"] is False

    moved = ok(_move(org, review_id, "begin_agency_submissions"))
    assert moved["stage"] == "agency_submissions"
    tasks = {t["key"]: t for t in moved["tasks"]}
    assert all(tasks[k]["status"] == "completed" for k in (
        "lead_reviewer_appointed", "national_bodies_told", "review_group_formed", "review_group_first_meeting",
        "terms_of_reference_drafted", "scrutineer_observations", "terms_of_reference_agreed", "authors_briefed"))
    assert {"commissioning", "review-group", "terms-of-reference"} <= {t["section"] for t in moved["tasks"]}
    timeline = [e["action"] for e in ok(org.client.get(f"{url}/timeline", headers=office))]
    assert {"send_notices", "add_member", "record_meeting", "new_version", "comment", "agree",
            "begin_agency_submissions"} <= set(timeline)


def test_each_step_taken_too_soon_or_by_the_wrong_person_is_refused_naming_what_is_outstanding(
        org, db, make, frozen_now):
    review_id = _review(db, make, org)
    url = f"/api/v1/reviews/{review_id}"
    office = org.as_(org.office)

    wrong_stage = _refused(_move(org, review_id, "begin_agency_submissions"), 409, "begin_agency_submissions")
    assert wrong_stage["current_state"] == "commissioning"
    no_reviewer = _refused(_move(org, review_id, "begin_terms_of_reference"), 409, "begin_terms_of_reference")
    assert no_reviewer["detail"] == "Appoint the lead reviewer before agreeing the terms of reference."
    _refused(org.client.post(f"{url}/commissioning/notices", headers=office), 409, "send_notices")
    _appoint(org, review_id)
    untold = _refused(_move(org, review_id, "begin_terms_of_reference"), 409)
    assert "Tell the National Panel, Ofsted and the Department for Education" in untold["detail"]
    assert "send_notices" in untold["allowed_actions"]

    # Wrong role: 403 for people who see the review but may not take the step.
    _refused(_move(org, review_id, "begin_terms_of_reference", by=org.reviewer), 403)
    _refused(org.client.post(f"{url}/commissioning/notices", headers=org.as_(org.reviewer)), 403)
    _refused(org.client.post(f"{url}/terms-of-reference/versions", headers=org.as_(org.scrutineer), json={}), 403)
    _refused(org.client.post(f"{url}/review-group/members", headers=org.as_(org.lead),
                             json={"name": "X", "role": "Y"}), 403)
    _refused(org.client.post(f"{url}/delays", headers=org.as_(org.strategic), json={}), 403)

    org.client.post(f"{url}/commissioning/notices", headers=office)
    ok(_move(org, review_id, "begin_terms_of_reference"))
    everything = _refused(_move(org, review_id, "begin_agency_submissions"), 409, "begin_agency_submissions")
    assert "The review group still needs: a representative of the local authority" in everything["detail"]
    assert "The review group must agree the terms of reference." in everything["detail"]
    assert "Arrange the agencies' authors' briefing" in everything["detail"]

    too_soon = _refused(org.client.post(f"{url}/terms-of-reference/author-briefings", headers=office, json=BRIEFING),
                        409, "schedule_author_briefing")
    assert too_soon["detail"] == "The review group must agree the terms of reference."
    draft = ok(org.client.post(f"{url}/terms-of-reference/versions", headers=office, json={}), 201)
    empty = _refused(org.client.post(f"{url}/terms-of-reference/versions/{draft['id']}/agree", headers=office,
                                     json={}), 409, "agree")
    assert empty["detail"] == ("Write the terms of reference and at least one key line of enquiry before the review "
                               "group agrees them.")
    _refused(org.client.post(f"{url}/terms-of-reference/versions", headers=office, json={}), 409, "new_version")
    assert _tasks(org, review_id)["authors_briefed"]["status"] == "cannot_start_yet"


def test_commissioning_notices_go_through_the_outbox_with_the_anonymised_reference_only(org, db, make, frozen_now):
    review_id = _review_from_a_referral(org, frozen_now)
    _appoint(org, review_id)
    told = ok(org.client.post(f"/api/v1/reviews/{review_id}/commissioning/notices", headers=org.as_(org.office)), 201)
    assert {r["label"]: r["address"] for r in told["recipients"]} == {
        "The National Panel": "Mailbox.NationalReviewPanel@education.gov.uk", "Ofsted": "SCR.SIN@ofsted.gov.uk",
        "The Department for Education": "Mailbox.CPOD@education.gov.uk"}
    messages = db.scalars(select(OutboxMessage).where(OutboxMessage.category == "review_commissioning")).all()
    assert sorted(m.recipients[0] for m in messages) == sorted(r["address"].lower() for r in told["recipients"])
    review = db.get(service.Review, uuid.UUID(review_id))
    naming = phrases(db, review.case_id)
    assert "jordan pike" in naming  # the referral named the child: the case knows it
    for message in messages:
        text = normalise(f"{message.subject} {message.text_body} {message.html_body}")
        assert review.child_reference in message.subject and org.reviewer.name in message.text_body
        assert not [p for p in naming if p in text], message.text_body

    # A different lead reviewer appointed: the national bodies are to be told again, naming them.
    other = make.user(Role.lead_reviewer, name="Rowan Second")
    _appoint(org, review_id, other)
    again = ok(org.client.get(f"/api/v1/reviews/{review_id}/commissioning", headers=org.as_(org.office)))
    assert [r["told_on"] for r in again["recipients"]] == [None] * 3 and again["allowed_actions"] == ["send_notices"]
    assert len(again["notices"]) == 3 and not any(n["current"] for n in again["notices"])


def test_a_delay_past_the_six_months_means_the_national_panel_must_be_told(org, db, make, frozen_now):
    review_id = _review(db, make, org)
    url = f"/api/v1/reviews/{review_id}"
    office = org.as_(org.office)
    blank = org.client.post(f"{url}/delays", headers=office, json={})
    assert {e["field"]: e["message"] for e in _refused(blank, 422)["errors"]} == {
        "body.reason": "Enter the reason for the delay",
        "body.expected_completion": "Enter the date the review is now expected to be complete"}

    within = ok(org.client.post(f"{url}/delays", headers=office, json={
        "reason": "An author is on leave.", "expected_completion": "2027-04-30"}), 201)
    assert within["due_date"] == "2027-05-02" and within["panel_must_be_told"] is False
    late = ok(org.client.post(f"{url}/delays", headers=office, json={
        "reason": "The police asked the review to wait for interviews.", "expected_completion": "2027-07-31"}), 201)
    assert late["expected_completion"] == "2027-07-31" and late["panel_must_be_told"] is True
    delay = late["delays"][-1]
    assert delay["past_due"] is True and delay["allowed_actions"] == ["record_panel_told"]
    deadline = db.scalar(select(Deadline).where(Deadline.subject_id == uuid.UUID(delay["id"])))
    assert deadline.kind == "delay_panel_notice" and deadline.due_date == dt.date(2026, 11, 30)
    task = _tasks(org, review_id)["panel_told_of_delay"]
    assert task["status"] == "not_started" and task["section"] == "timescales"

    future = org.client.post(f"{url}/delays/{delay['id']}/panel-told", headers=office, json={"told_on": "2026-12-25"})
    assert _refused(future, 422)["errors"][0]["field"] == "body.told_on"
    told = ok(org.client.post(f"{url}/delays/{delay['id']}/panel-told", headers=office, json={"told_on": "2026-11-23"}))
    assert told["panel_must_be_told"] is False and told["delays"][-1]["panel_told_on"] == "2026-11-23"
    db.refresh(deadline)
    assert deadline.status == DeadlineStatus.met
    assert _tasks(org, review_id)["panel_told_of_delay"]["status"] == "completed"
    _refused(org.client.post(f"{url}/delays/{within['delays'][0]['id']}/panel-told", headers=office,
                             json={"told_on": "2026-11-23"}), 409, "record_panel_told")


def test_review_group_composition_is_shown_as_met_or_with_what_is_missing(org, db, make):
    partners = statutory_partners(make)
    review_id = _review(db, make, org, agency_ids=[partners["school"].id])  # the school worked with the family
    url = f"/api/v1/reviews/{review_id}/review-group"
    office = org.as_(org.office)
    empty = ok(org.client.get(url, headers=office))["composition"]
    assert empty["met"] is False and empty["missing"] == [
        "A representative of the local authority", "A representative of the integrated care board",
        "A representative of the police",
        "Two further partner agencies (beyond the three statutory partners)",
        "A partner agency that has had no involvement with the family"]
    for key in ("trust", "icb", "police", "school"):
        group = ok(org.client.post(f"{url}/members", headers=office, json={
            "name": f"Member {key}", "agency_id": str(partners[key].id), "role": "Member"}), 201)
    assert group["composition"]["missing"] == ["One more partner agency (beyond the three statutory partners)",
                                               "A partner agency that has had no involvement with the family"]
    hospital = make.agency("Eastmoor Hospital", AgencyKind.health)  # health, but not the statutory partner
    group = ok(org.client.post(f"{url}/members", headers=office, json={
        "name": "Nurse", "agency_id": str(hospital.id), "role": "Named nurse"}), 201)
    assert group["composition"]["met"] is True
    assert group["composition"]["uninvolved_agencies"] == ["Eastmoor Hospital"]
    # One agency per partner: the test's partnership already had them, so they are the ones named.
    assert [p["agency_names"] for p in group["composition"]["statutory_partners"]] == [
        [partners["trust"].name], [partners["icb"].name], [partners["police"].name]]
    # A member of the service joins by their account, representing their own agency.
    joined = ok(org.client.post(f"{url}/members", headers=office, json={"user_id": str(org.lead.id),
                                                                       "role": "Author"}), 201)
    newest = joined["members"][-1]
    assert newest["name"] == org.lead.name and newest["agency"]["id"] == str(org.agency.id)
    unnamed = org.client.post(f"{url}/members", headers=office, json={"agency_id": str(hospital.id)})
    assert {e["field"]: e["message"] for e in _refused(unnamed, 422)["errors"]} == {
        "body.name": "Enter the member's name", "body.role": "Enter the member's role in the review group"}


def test_every_meeting_needs_its_family_engagement_update_and_is_changed_on_the_version_read(org, db, make):
    review_id = _review(db, make, org)
    url = f"/api/v1/reviews/{review_id}/review-group"
    office = org.as_(org.office)
    member = ok(org.client.post(f"{url}/members", headers=office, json={"name": "Ann Chair", "role": "Chair"}), 201)
    member_id = member["members"][0]["id"]
    missing = org.client.post(f"{url}/meetings", headers=office, json={
        "held_on": "2026-11-01", "minutes": "Scoped the review.", "attendee_ids": [member_id]})
    assert _refused(missing, 422)["errors"] == [{"field": "body.family_engagement", "message": (
        "Enter the family engagement update: family engagement is an item of every review group meeting")}]
    assert ok(org.client.get(url, headers=office))["meetings"] == []
    meeting = ok(org.client.post(f"{url}/meetings", headers=office, json={
        "held_on": "2026-11-01", "minutes": "Scoped the review.", "attendee_ids": [member_id],
        "family_engagement": "Letter delivered to the mother."}), 201)
    assert [a["name"] for a in meeting["attendees"]] == ["Ann Chair"]
    meeting_url = f"{url}/meetings/{meeting['id']}"
    assert org.client.patch(meeting_url, headers=office, json={"decisions": "Agreed."}).status_code == 428
    stale = org.client.patch(meeting_url, headers=office | {"If-Match": '"0"'}, json={"decisions": "Agreed."})
    assert stale.status_code == 412
    emptied = edit(org.client, "PATCH", meeting_url, headers=office, json={"family_engagement": ""})
    assert _refused(emptied, 422)["errors"][0]["field"] == "body.family_engagement"
    changed = ok(edit(org.client, "PATCH", meeting_url, headers=office, json={"decisions": "Agreed."}))
    assert changed["decisions"] == "Agreed."
    # A member who attended stays on the record.
    kept = org.client.delete(f"{url}/members/{member_id}", headers=office)
    assert _refused(kept, 409, "remove")["detail"].startswith("They attended a meeting")


def test_terms_of_reference_are_versioned_and_agencies_see_only_what_was_agreed(org, db, make):
    review_id = _review(db, make, org)
    _appoint(org, review_id)
    url = f"/api/v1/reviews/{review_id}/terms-of-reference"
    reviewer, lead = org.as_(org.reviewer), org.as_(org.lead)
    first = ok(org.client.post(f"{url}/versions", headers=reviewer, json={"terms": "Scope A"}), 201)
    version_url = f"{url}/versions/{first['id']}"
    assert org.client.patch(version_url, headers=reviewer, json={"terms": "Scope B"}).status_code == 428
    edited = ok(edit(org.client, "PATCH", version_url, headers=reviewer,
                     json={"terms": "Scope B", "key_lines_of_enquiry": ["Voice of the child"]}))
    assert edited["terms"] == "Scope B"
    assert ok(org.client.get(url, headers=lead))["versions"] == []  # the agency does not see the draft
    _refused(org.client.get(version_url, headers=lead), 404)
    ok(org.client.post(f"{version_url}/agree", headers=reviewer, json={}))
    fixed = edit(org.client, "PATCH", version_url, headers=reviewer, json={"terms": "Scope C"})
    assert _refused(fixed, 409, "edit")["current_state"] == "agreed"
    second = ok(org.client.post(f"{url}/versions", headers=reviewer, json={}), 201)
    assert second["number"] == 2 and second["terms"] == "Scope B" and second["state"] == "draft"
    ok(org.client.post(f"{url}/versions/{second['id']}/agree", headers=reviewer, json={}))
    seen = ok(org.client.get(url, headers=lead))
    assert [(v["number"], v["state"]) for v in seen["versions"]] == [(2, "agreed"), (1, "superseded")]
    assert seen["agreed_version"] == 2 and seen["allowed_actions"] == []


def test_a_lead_reviewer_of_another_review_and_an_agency_not_involved_get_404_on_every_route(org, db, make):
    review_id = _review(db, make, org)
    _appoint(org, review_id)
    url = f"/api/v1/reviews/{review_id}"
    office = org.as_(org.office)
    meeting = ok(org.client.post(f"{url}/review-group/meetings", headers=office, json={
        "held_on": "2026-11-01", "minutes": "M", "family_engagement": "F"}), 201)
    # An involved agency reads the group's meetings once it sits in the group.
    assert org.client.get(f"{url}/review-group/meetings/{meeting['id']}", headers=org.as_(org.lead)).status_code == 404
    member = ok(org.client.post(f"{url}/review-group/members", headers=office, json={
        "name": "A", "role": "B", "agency_id": str(org.agency.id)}), 201)
    version = ok(org.client.post(f"{url}/terms-of-reference/versions", headers=office, json={}), 201)
    delay = ok(org.client.post(f"{url}/delays", headers=office, json={
        "reason": "R", "expected_completion": "2027-09-01"}), 201)["delays"][0]
    routes = [
        ("GET", url, None), ("GET", f"{url}/commissioning", None), ("POST", f"{url}/commissioning/notices", None),
        ("GET", f"{url}/timescales", None), ("POST", f"{url}/delays", {}),
        ("POST", f"{url}/delays/{delay['id']}/panel-told", {}),
        ("GET", f"{url}/review-group", None), ("POST", f"{url}/review-group/members", {}),
        ("DELETE", f"{url}/review-group/members/{member['members'][0]['id']}", None),
        ("POST", f"{url}/review-group/meetings", {}), ("GET", f"{url}/review-group/meetings/{meeting['id']}", None),
        ("PATCH", f"{url}/review-group/meetings/{meeting['id']}", {}),
        ("GET", f"{url}/terms-of-reference", None), ("POST", f"{url}/terms-of-reference/versions", {}),
        ("GET", f"{url}/terms-of-reference/versions/{version['id']}", None),
        ("PATCH", f"{url}/terms-of-reference/versions/{version['id']}", {}),
        ("POST", f"{url}/terms-of-reference/versions/{version['id']}/observations", {}),
        ("POST", f"{url}/terms-of-reference/versions/{version['id']}/agree", {}),
        ("POST", f"{url}/terms-of-reference/author-briefings", BRIEFING),
    ]
    strangers = (make.user(Role.lead_reviewer, name="Other Reviewer"), org.other_lead, org.other_manager)
    for stranger in strangers:
        headers = org.as_(stranger) | {"If-Match": '"1"'}
        for method, route, body in routes:
            response = org.client.request(method, route, headers=headers, json=body)
            assert response.status_code == 404, (stranger.name, method, route, response.text)
    # Those who may see it read it: the assigned lead reviewer, the involved agency, the scrutineer, strategic leads.
    for reader in (org.reviewer, org.lead, org.scrutineer, org.strategic):
        for method, route, _ in routes:
            if method == "GET" and not (reader is org.lead and "/versions/" in route):  # a draft: not the agency's
                assert org.client.get(route, headers=org.as_(reader)).status_code == 200, (reader.name, route)


def test_a_meeting_with_no_date_names_every_missing_box(org, db, make):
    review_id = _review(db, make, org)
    blank = org.client.post(f"/api/v1/reviews/{review_id}/review-group/meetings", headers=org.as_(org.office), json={})
    assert [e["field"] for e in _refused(blank, 422)["errors"]] == ["body.held_on", "body.minutes",
                                                                     "body.family_engagement"]
    assert _refused(blank, 422)["errors"][0]["message"] == "Enter the date of the meeting"
