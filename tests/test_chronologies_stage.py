"""The agencies' submissions in the review's progress: the task list counts them, and the review moves on to
practitioner engagement only once every chronology and report asked for has been submitted."""

import pytest

from backend.reviews.tasks import tasks_for
from tests.chronologies_support import ReviewAtSubmissions, review_at_submissions
from tests.test_analysis_reports import REPORT_BODY, requested, save, step
from tests.test_chronologies import add, entry, request_chronologies, submit


@pytest.fixture
def at(client, db, make) -> ReviewAtSubmissions:
    return review_at_submissions(client, db, make)


def _tasks(db, at: ReviewAtSubmissions) -> dict[str, tuple[str, str, str | None]]:
    return {t.section: (t.label, t.status.value, t.hint) for t in tasks_for(db, at.review)
            if t.section in ("chronologies", "analysis-reports")}


def test_the_task_list_counts_the_agencies_that_have_submitted(at, db):
    assert _tasks(db, at)["chronologies"][1] == "not_started"
    urls = request_chronologies(at, at.police, at.trust, at.school)
    add(at, urls["Harbourside Police"], at.police_lead, entry("2025-03-02", "Call-out"))
    submit(at, urls["Harbourside Police"], at.police_lead)
    add(at, urls["Riverside Academy"], at.school_lead, entry("2025-03-02", "Breakfast club"))
    submit(at, urls["Riverside Academy"], at.school_lead)
    label, status, hint = _tasks(db, at)["chronologies"]
    assert (label, status) == ("Chronologies: 2 of 3 agencies submitted", "in_progress")
    assert hint == "Waiting for Harbourside Children's Trust"
    assert _tasks(db, at)["analysis-reports"][1] == "not_started"


def test_the_review_moves_on_only_when_every_submission_asked_for_is_in(at, db):
    url = request_chronologies(at, at.police)["Harbourside Police"]
    report = requested(at)
    move = lambda: at.client.post(at.url("/stage"), headers=at.as_(at.office),  # noqa: E731
                                  json={"step": "begin_practitioner_engagement"})
    refused = move()
    assert refused.status_code == 409
    assert refused.json()["detail"] == ("Wait for every agency's submissions before moving on: not yet submitted: "
                                        "Harbourside Police's chronology; Harbourside Police's key event analysis "
                                        "report.")
    add(at, url, at.police_lead, entry("2025-03-02", "Call-out"))
    submit(at, url, at.police_lead)
    save(at, report, REPORT_BODY)
    step(at, report, "send-for-sign-off", at.police_lead, {"signature": "Dan Reilly"})
    step(at, report, "sign-off", at.police_manager, {"signature": "Alison Grant"})
    assert {s: v[1] for s, v in _tasks(db, at).items()} == {"chronologies": "completed",
                                                            "analysis-reports": "completed"}
    moved = move()
    assert moved.status_code == 200 and moved.json()["stage"] == "practitioner_engagement"


def test_a_review_not_yet_at_the_agencies_submissions_cannot_start_them(client, db, make):
    early = review_at_submissions(client, db, make, stage_steps=())
    assert {t.section: t.status.value for t in tasks_for(db, early.review)
            if t.section in ("chronologies", "analysis-reports")} == {"chronologies": "cannot_start_yet",
                                                                      "analysis-reports": "cannot_start_yet"}


def test_the_demo_review_has_two_submitted_chronologies_a_draft_a_gap_and_a_signed_off_report(client, db):
    from sqlalchemy import select

    from backend.core.access import Role
    from backend.demo import seed_demo
    from backend.identity import login
    from backend.identity.models import User
    from backend.reviews.models import Review

    seed_demo(db, only_if_empty=False)
    review = db.scalar(select(Review).where(Review.child_reference == "Child LW"))
    reviewer = db.scalar(select(User).where(User.role == Role.lead_reviewer))
    headers = {"Authorization": f"Bearer {login.sign_in(db, reviewer).access_token}"}
    body = client.get(f"/api/v1/reviews/{review.id}/integrated-chronology", headers=headers).json()
    assert {c["agency"]["name"]: c["state"] for c in body["contributions"]} == {
        "Harbourside Children's Trust": "submitted", "Harbourside Police": "submitted", "Riverside Academy": "draft"}
    assert body["total"] >= 20 and any(g["days"] > 30 for g in body["gaps"])
    assert any(len(day["agencies"]) > 1 for day in body["days"])
    reports = client.get(f"/api/v1/reviews/{review.id}/analysis-reports", headers=headers).json()
    police = next(r for r in reports if r["agency"]["name"] == "Harbourside Police")
    assert police["state"] == "submitted" and police["submission"]["signatures"]["manager"]["name"] == "Alison Grant"
