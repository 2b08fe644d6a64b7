"""Agency actions: the owning agency reports progress and evidence of impact; the business office closes them."""

import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from backend.actions.models import ActionUpdate, AgencyAction
from backend.actions.policy import AGENCY_ACTION
from backend.core.access import Role
from backend.deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from backend.submissions.models import AgencySubmission
from tests.learning_support import ACTIONS, EVIDENCE, Tracker, make_tracker

PROGRESS = {"progress": "Briefing written and agreed with the Detective Chief Inspector."}


@pytest.fixture
def tracker(client, db, make) -> Tracker:
    return make_tracker(client, db, make)


def test_an_agency_lead_sees_and_changes_only_their_own_agencys_actions(tracker):
    recommendation = tracker.recommendation()
    theirs = tracker.action(recommendation["id"], agency=tracker.health)
    ours = tracker.action(recommendation["id"], agency=tracker.police)

    listed = tracker.client.get(ACTIONS, headers=tracker.as_(tracker.police_lead)).json()
    assert [a["id"] for a in listed["items"]] == [ours["id"]] and listed["total"] == 1
    assert tracker.client.get(f"{ACTIONS}/{theirs['id']}", headers=tracker.as_(tracker.police_lead)).status_code == 404
    for step, body in (("start", {}), ("updates", PROGRESS), ("request-completion", PROGRESS | EVIDENCE)):
        assert tracker.step(theirs["id"], step, tracker.police_lead, body).status_code == 404, step
    assert tracker.read(theirs["id"])["status"] == "not_started"
    assert tracker.read(ours["id"], tracker.police_lead)["allowed_actions"] == [
        "start", "post_update", "request_completion"]


def test_another_agencys_action_answers_404_before_the_body_is_read_like_one_that_does_not_exist(tracker):
    # A 422 for a bad body would tell another agency's action apart from an id that names nothing.
    theirs = tracker.action(tracker.recommendation()["id"], agency=tracker.health)
    for step in ("updates", "request-completion"):
        for action_id in (theirs["id"], str(uuid.uuid4())):
            answer = tracker.step(action_id, step, tracker.police_lead, {})
            assert answer.status_code == 404, (step, answer.text)
            assert answer.json()["detail"] == "No such action."
        assert tracker.step(theirs["id"], step, tracker.health_lead, {}).status_code == 422, step
    assert tracker.read(theirs["id"])["status"] == "not_started"


def test_an_agency_lead_cannot_approve_the_closure_they_asked_for(tracker):
    action = tracker.action()
    assert tracker.step(action["id"], "request-completion", tracker.police_lead, PROGRESS | EVIDENCE).status_code == 200
    refused = tracker.step(action["id"], "approve-closure", tracker.police_lead)
    assert refused.status_code == 403
    assert tracker.step(action["id"], "send-back", tracker.police_lead, {"reasons": "No."}).status_code == 403
    assert tracker.read(action["id"], tracker.police_lead)["allowed_actions"] == []
    assert tracker.read(action["id"])["status"] == "completion_requested"


def test_nobody_approves_a_closure_they_asked_for_themselves(tracker):
    action = tracker.action()
    tracker.step(action["id"], "request-completion", tracker.police_lead, PROGRESS | EVIDENCE)
    stored = tracker.db.get(AgencyAction, uuid.UUID(action["id"]))
    stored.completion_requested_by_id = tracker.office.id  # as if the approver had asked for it
    tracker.db.flush()
    refused = tracker.step(action["id"], "approve-closure", tracker.office)
    assert refused.status_code == 403 and "someone else" in refused.json()["detail"]
    assert tracker.step(action["id"], "approve-closure", tracker.second_office).status_code == 200


def test_completion_without_evidence_of_impact_is_refused_naming_each_answer_and_changes_nothing(tracker):
    action = tracker.action()
    tracker.step(action["id"], "updates", tracker.police_lead, PROGRESS)
    refused = tracker.step(action["id"], "request-completion", tracker.police_lead,
                           {"progress": "All officers briefed."})
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json()["errors"]} == {"body.evidence_of_impact", "body.impact_known_by"}
    read = tracker.read(action["id"])
    assert read["status"] == "in_progress" and len(read["updates"]) == 1


def test_evidence_given_in_an_earlier_update_lets_the_agency_ask_for_closure(tracker):
    action = tracker.action()
    tracker.step(action["id"], "updates", tracker.police_lead, PROGRESS | EVIDENCE)
    asked = tracker.step(action["id"], "request-completion", tracker.police_lead, {"progress": "Done."})
    assert asked.status_code == 200, asked.text
    assert asked.json()["evidence_of_impact"] == EVIDENCE["evidence_of_impact"]


def test_the_business_office_approves_closure_and_the_deadline_is_met(tracker, frozen_now):
    action = tracker.action(due_date="2026-12-18")
    updated = tracker.step(action["id"], "updates", tracker.police_lead, PROGRESS)
    assert updated.json()["status"] == "in_progress"  # an update on an action not started starts it
    asked = tracker.step(action["id"], "request-completion", tracker.police_lead,
                         {"progress": "Every response officer briefed."} | EVIDENCE)
    assert asked.json()["status"] == "completion_requested"
    assert tracker.read(action["id"])["allowed_actions"] == ["edit", "approve_closure", "send_back", "cancel"]
    approved = tracker.step(action["id"], "approve-closure", tracker.office, {"completed_on": "2026-11-23"})
    assert approved.status_code == 200, approved.text
    body = approved.json()
    assert body["status"] == "complete" and body["completed_on"] == "2026-11-23"
    assert body["closed_by_name"] == tracker.office.name and body["due"]["status"] == "met"
    assert [u["purpose"] for u in body["updates"]] == ["completion_request", "progress"]
    assert body["updates"][0]["evidence_of_impact"] == EVIDENCE["evidence_of_impact"]
    assert body["allowed_actions"] == []


def test_a_closure_sent_back_is_in_progress_again_with_the_reasons_and_asked_for_again_as_a_resubmission(tracker):
    action = tracker.action()
    tracker.step(action["id"], "request-completion", tracker.police_lead, PROGRESS | EVIDENCE)
    sent_back = tracker.step(action["id"], "send-back", tracker.office,
                             {"reasons": "Show that officers convene strategy discussions, not that they were told."})
    assert sent_back.status_code == 200, sent_back.text
    body = sent_back.json()
    assert body["status"] == "in_progress" and body["sent_back_reasons"].startswith("Show that officers")
    assert body["updates"][0]["state"] == "returned" and body["updates"][0]["return_reasons"].startswith("Show")
    again = tracker.step(action["id"], "request-completion", tracker.police_lead,
                         {"progress": "Dip sample of 15 cases: 14 strategy discussions within a day."} | EVIDENCE)
    assert again.status_code == 200
    [update] = again.json()["updates"]
    assert update["revision"] == 2 and update["state"] == "submitted"
    assert again.json()["sent_back_reasons"] is None


def test_a_cancelled_action_keeps_its_reason_and_its_deadline_is_waived(tracker):
    action = tracker.action()
    refused = tracker.step(action["id"], "cancel", tracker.office, {"reason": ""})
    assert refused.status_code == 422
    cancelled = tracker.step(action["id"], "cancel", tracker.office,
                             {"reason": "Superseded by the partnership's new escalation policy."})
    assert cancelled.json()["status"] == "cancelled" and cancelled.json()["due"]["status"] == "waived"
    assert tracker.step(action["id"], "start", tracker.police_lead).status_code == 409


def test_progress_updates_are_the_agencys_submissions(tracker):
    action = tracker.action()
    tracker.step(action["id"], "updates", tracker.police_lead, PROGRESS)
    [update] = tracker.db.scalars(select(ActionUpdate)).all()
    submission = tracker.db.get(AgencySubmission, update.submission_id)
    assert submission.kind == "action_update" and submission.agency_id == tracker.police.id
    assert submission.content["progress"] == PROGRESS["progress"] and submission.revision == 1


def test_the_owner_is_a_person_of_the_owning_agency(tracker):
    refused = tracker.client.post(ACTIONS, headers=tracker.as_(tracker.office), json={
        "recommendation_id": tracker.recommendation()["id"], "agency_id": str(tracker.police.id),
        "owner_id": str(tracker.health_lead.id), "description": "Brief officers.", "due_date": "2027-01-29"})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "body.owner_id"


def test_overdue_is_past_the_due_working_day_on_the_calendar(tracker, frozen_now):
    # Due on Boxing Day 2026, a Saturday: the next working day is Tuesday 29 December (Monday 28th is the
    # substitute bank holiday), so it is overdue from Wednesday 30 December, not from Sunday.
    action = tracker.action(due_date="2026-12-26")
    deadline = tracker.db.scalar(select(Deadline).where(Deadline.subject_id == uuid.UUID(action["id"])))
    assert deadline.kind == DeadlineKind.agency_action and deadline.due_date == dt.date(2026, 12, 29)

    def overdue_ids(day: dt.date) -> list[str]:
        frozen_now[0] = dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.UTC)
        listed = tracker.client.get(ACTIONS, params={"overdue": "true"}, headers=tracker.as_(tracker.office))
        return [a["id"] for a in listed.json()["items"]]

    assert overdue_ids(dt.date(2026, 12, 27)) == [] and overdue_ids(dt.date(2026, 12, 29)) == []
    assert overdue_ids(dt.date(2026, 12, 30)) == [action["id"]]
    assert tracker.read(action["id"])["overdue"] is True
    tracker.step(action["id"], "request-completion", tracker.police_lead, PROGRESS | EVIDENCE)
    assert overdue_ids(dt.date(2026, 12, 30)) == [action["id"]]  # asking for closure is not being complete
    tracker.step(action["id"], "approve-closure", tracker.office)
    assert overdue_ids(dt.date(2026, 12, 30)) == []
    assert tracker.db.get(Deadline, deadline.id).status == DeadlineStatus.met


def test_the_business_office_changes_the_due_date_with_if_match_and_the_deadline_moves(tracker):
    action = tracker.action()
    url = f"{ACTIONS}/{action['id']}"
    assert tracker.client.patch(url, headers=tracker.as_(tracker.office),
                                json={"due_date": "2027-04-30"}).status_code == 428
    etag = tracker.client.get(url, headers=tracker.as_(tracker.office)).headers["ETag"]
    moved = tracker.client.patch(url, headers=tracker.as_(tracker.office) | {"If-Match": etag},
                                 json={"due_date": "2027-04-30"})
    assert moved.status_code == 200 and moved.json()["due"]["due_date"] == "2027-04-30"
    assert tracker.client.patch(url, headers=tracker.as_(tracker.police_lead) | {"If-Match": etag},
                                json={"due_date": "2027-05-28"}).status_code == 403


def test_the_steps_offered_are_the_transition_table(tracker):
    assert set(AGENCY_ACTION.steps) == {"edit", "start", "post_update", "request_completion", "approve_closure",
                                        "send_back", "cancel"}
    manager = tracker.make.user(Role.agency_manager, tracker.police)
    action = tracker.action()
    assert tracker.read(action["id"], manager)["allowed_actions"] == ["start", "post_update", "request_completion"]
    strategic = tracker.make.user(Role.strategic_lead)
    assert tracker.read(action["id"], strategic)["allowed_actions"] == []
