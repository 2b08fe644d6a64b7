"""Typed domain events: every event offered to partnership systems has a model and is published by the process
itself, and the review's stages move by the one workflow, each move published."""

import uuid

import pytest
from sqlalchemy import select

from backend.core import domain_events
from backend.core.access import Role
from backend.deadlines.models import Deadline, DeadlineStatus
from backend.integrations.schemas import WebhookEventType
from backend.reviews.events import ReviewPublished, ReviewStageChanged
from tests.referral_forms import Partnership, partnership
from tests.review_process import ready_for
from tests.stage_one import notify
from tests.test_rapid_reviews import MEETING, RESPONSE
from tests.versions import edit

STAGES = ["begin_terms_of_reference", "begin_agency_submissions", "begin_practitioner_engagement",
          "begin_overview_report", "begin_sign_off", "begin_publication", "publish"]


@pytest.fixture
def org(client, make) -> Partnership:
    return partnership(client, make)


def test_every_event_offered_to_webhooks_has_a_model_declaring_what_leaves():
    for event_type in WebhookEventType:
        model = domain_events.EVENT_TYPES[event_type.value]
        assert model.webhook_fields <= set(model.model_fields), event_type


def _review_from_a_referral(org, frozen_now) -> str:
    """A referral agreed as a CSPR, its rapid review run to a decision to hold the review: the review's id."""
    org.frozen = frozen_now
    referral = org.to_state("decided")
    [rapid_review] = org.client.get("/api/v1/rapid-reviews", params={"source_id": referral["id"]},
                                    headers=org.as_(org.office)).json()["items"]
    url = f"/api/v1/rapid-reviews/{rapid_review['id']}"
    [request] = org.client.post(f"{url}/information-requests", headers=org.as_(org.office),
                                json={"agency_ids": [str(org.agency.id)]}).json()
    org.client.post(f"/api/v1/information-requests/{request['id']}/submit", headers=org.as_(org.lead), json=RESPONSE)
    org.client.post(f"{url}/meeting", headers=org.as_(org.office), json=MEETING | {"immediate_action_needed": False})
    org.client.post(f"{url}/recommendation", headers=org.as_(org.office),
                    json={"recommendation": "local_cspr", "rationale": "Significant learning remains."})
    decided: dict = {}
    for partner in org.partners:
        answer = org.client.post(f"{url}/partner-positions", headers=org.as_(partner),
                                 json={"hold_cspr": True, "reasons": "Agreed.", "recorded_on": "2026-11-23"})
        assert answer.status_code == 200, answer.text
        decided = answer.json()
    return decided["review_id"]


def _move(org, review_id: str, step: str, by=None, **body):
    return org.client.post(f"/api/v1/reviews/{review_id}/stage", headers=org.as_(by or org.office),
                           json={"step": step, **body})


def _appoint(org, review_id: str, reviewer) -> None:
    url = f"/api/v1/reviews/{review_id}"
    appointed = edit(org.client, "PATCH", url, headers=org.as_(org.office), json={"lead_reviewer_id": str(reviewer.id)})
    assert appointed.status_code == 200, appointed.text


def test_every_event_offered_to_webhooks_is_published_by_the_process(org, make, frozen_now):
    with domain_events.recorded() as seen:
        notify(org.client, make, org.office)
        review_id = _review_from_a_referral(org, frozen_now)
        _appoint(org, review_id, org.reviewer)
        for step in STAGES:
            ready_for(org.client, make, org.office, review_id, step)
            assert _move(org, review_id, step).status_code == 200, step
        _act_on_a_recommendation(org, review_id)
    assert {t.value for t in WebhookEventType} <= {e.type for e in seen}


def _act_on_a_recommendation(org, review_id: str) -> None:
    """The review's recommendation, an action for the agency, its closure asked for on evidence and approved."""
    recommendation = org.client.post("/api/v1/recommendations", headers=org.as_(org.office), json={
        "kind": "recommendation", "number": 1, "review_id": review_id, "text": "Escalate stuck cases."}).json()
    action = org.client.post("/api/v1/actions", headers=org.as_(org.office), json={
        "recommendation_id": recommendation["id"], "agency_id": str(org.agency.id), "description": "Train staff.",
        "due_date": "2027-03-31"}).json()
    asked = org.client.post(f"/api/v1/actions/{action['id']}/request-completion", headers=org.as_(org.lead), json={
        "progress": "Trained.", "evidence_of_impact": "Escalations doubled.", "impact_known_by": "Audit."})
    assert asked.status_code == 200, asked.text
    approved = org.client.post(f"/api/v1/actions/{action['id']}/approve-closure", headers=org.as_(org.office),
                               json={})
    assert approved.status_code == 200, approved.text


def test_the_review_moves_through_its_stages_in_order_and_publication_meets_its_six_months(
        org, db, make, frozen_now):
    review_id = _review_from_a_referral(org, frozen_now)
    def stage_steps(actions: list[str]) -> list[str]:
        return [a for a in actions if a in STAGES]

    read = org.client.get(f"/api/v1/reviews/{review_id}", headers=org.as_(org.office)).json()
    assert stage_steps(read["allowed_actions"]) == []
    refused = _move(org, review_id, "begin_terms_of_reference")
    assert refused.status_code == 409
    assert "Appoint the lead reviewer" in refused.json()["detail"]
    assert stage_steps(refused.json()["allowed_actions"]) == []

    _appoint(org, review_id, org.reviewer)
    ready_for(org.client, make, org.office, review_id, "begin_terms_of_reference")
    read = org.client.get(f"/api/v1/reviews/{review_id}", headers=org.as_(org.office)).json()
    assert stage_steps(read["allowed_actions"]) == ["begin_terms_of_reference"]
    skipped = _move(org, review_id, "publish")
    assert skipped.status_code == 409 and skipped.json()["current_state"] == "commissioning"
    assert "begin_terms_of_reference" in skipped.json()["allowed_actions"]

    with domain_events.recorded() as seen:
        for step in STAGES[:-1]:
            ready_for(org.client, make, org.office, review_id, step)
            moved = _move(org, review_id, step)
            assert moved.status_code == 200, moved.text
        ready_for(org.client, make, org.office, review_id, "publish")
        future = _move(org, review_id, "publish", published_on="2026-12-25")
        assert future.status_code == 422 and future.json()["errors"][0]["field"] == "body.published_on"
        published = _move(org, review_id, "publish", published_on="2026-11-23")
    assert published.json()["stage"] == "published" and published.json()["allowed_actions"] == []
    changes = [(e.previous_stage.value, e.stage.value) for e in seen if isinstance(e, ReviewStageChanged)]
    assert changes[0] == ("commissioning", "terms_of_reference") and changes[-1] == ("publication", "published")
    assert len(changes) == len(STAGES)
    [done] = [e for e in seen if isinstance(e, ReviewPublished)]
    assert str(done.published_on) == "2026-11-23" and done.agency_ids == (org.agency.id,)
    deadline = db.scalar(select(Deadline).where(Deadline.subject_id == uuid.UUID(review_id),
                                                Deadline.kind == "review_completion"))
    assert deadline.status == DeadlineStatus.met
    timeline = org.client.get(f"/api/v1/reviews/{review_id}/timeline", headers=org.as_(org.office)).json()
    assert [t["action"] for t in timeline if t["action"] in STAGES] == STAGES


def test_only_the_business_office_moves_a_review_on(org, make, frozen_now):
    review_id = _review_from_a_referral(org, frozen_now)
    _appoint(org, review_id, org.reviewer)
    for user in (org.lead, org.strategic, org.reviewer, make.user(Role.scrutineer)):
        moved = _move(org, review_id, "begin_terms_of_reference", by=user)
        assert moved.status_code in (403, 404), user.role
    lead_view = org.client.get(f"/api/v1/reviews/{review_id}", headers=org.as_(org.lead)).json()
    assert lead_view["stage"] == "commissioning" and lead_view["allowed_actions"] == []
