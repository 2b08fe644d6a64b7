"""Recommendations: a review's learning outputs, numbered with sub-parts, tagged with themes, answered by the
partnership, and linked to earlier recommendations they repeat."""

import pytest

from backend.core.access import Role
from tests.learning_support import RECOMMENDATIONS, Tracker, make_tracker


@pytest.fixture
def tracker(client, db, make) -> Tracker:
    return make_tracker(client, db, make)


def test_a_recommendation_with_sub_parts_themes_and_the_partnerships_response(tracker):
    created = tracker.recommendation(
        number=3, text="Parenting assessments and support for parents of exploited children.", parts=[
            {"text": "Partners to remind practitioners of their part in assessments of parenting.",
             "addressed_to_partnership": True, "theme_ids": [str(tracker.theme("Information sharing").id)],
             "response": "The partnership will write a short briefing on multi-agency input to parenting "
                         "assessments."},
            {"text": "The exploitation sub group to scope support pathways for parents.",
             "agency_ids": [str(tracker.police.id)], "theme_ids": [str(tracker.theme("Criminal exploitation").id)],
             "response": "An adapted toolkit for parents and carers will be written."},
        ])
    assert created["label"] == "3" and [p["label"] for p in created["parts"]] == ["3a", "3b"]
    assert created["child_reference"] == "Child RM" and created["case_id"] is not None
    assert created["parts"][1]["agencies"][0]["name"] == "Harbourside Police"
    assert created["parts"][0]["response"].startswith("The partnership will write")
    assert created["themes"][0]["name"] == "Strategy discussions"
    later = tracker.client.post(f"{RECOMMENDATIONS}/{created['id']}/parts", headers=tracker.as_(tracker.office),
                                json={"text": "Schools to record the child's voice."})
    assert later.status_code == 201 and [p["label"] for p in later.json()["parts"]] == ["3a", "3b", "3c"]
    assert tracker.client.post(f"{RECOMMENDATIONS}/{created['parts'][0]['id']}/parts",
                               headers=tracker.as_(tracker.office), json={"text": "No."}).status_code == 409


def test_a_review_lists_its_learning_in_the_order_the_report_gives_it(tracker):
    tracker.recommendation(kind="question", number=1, text="How can the partnership be assured?")
    tracker.recommendation(kind="recommendation", number=2)
    tracker.recommendation(kind="recommendation", number=1)
    tracker.recommendation(kind="learning_point", number=1, text="A missed strategy discussion delayed sharing.")
    tracker.recommendation(kind="single_agency_recommendation", number=1, text="Schools: record conversations.",
                           addressed_to_partnership=False, agency_ids=[str(tracker.health.id)])
    listed = tracker.client.get(RECOMMENDATIONS, params={"review_id": str(tracker.review.id)},
                                headers=tracker.as_(tracker.office)).json()
    assert [(r["kind"], r["label"]) for r in listed["items"]] == [
        ("learning_point", "1"), ("recommendation", "1"), ("recommendation", "2"), ("question", "1"),
        ("single_agency_recommendation", "1")]


def test_a_number_is_used_once_per_kind_in_a_source(tracker):
    tracker.recommendation(number=4)
    again = tracker.client.post(RECOMMENDATIONS, headers=tracker.as_(tracker.office), json={
        "kind": "recommendation", "number": 4, "review_id": str(tracker.review.id), "text": "Another."})
    assert again.status_code == 409 and again.json()["errors"][0]["field"] == "body.number"


def test_a_recommendation_names_exactly_one_source_and_another_source_has_no_case(tracker):
    both = tracker.client.post(RECOMMENDATIONS, headers=tracker.as_(tracker.office), json={
        "kind": "recommendation", "number": 1, "text": "Audit neglect cases.", "review_id": str(tracker.review.id),
        "other_source": {"kind": "audit", "title": "Adolescent neglect audit"}})
    assert both.status_code == 422
    assert {e["field"] for e in both.json()["errors"]} == {"body.review_id", "body.other_source"}
    audit = tracker.client.post(RECOMMENDATIONS, headers=tracker.as_(tracker.office), json={
        "kind": "recommendation", "number": 1, "text": "Audit adolescents known to agencies through neglect.",
        "other_source": {"kind": "audit", "title": "Multi-agency adolescent neglect audit", "reference": "MAA-7"},
        "made_on": "2026-09-30", "theme_ids": [str(tracker.theme("Neglect").id)]})
    assert audit.status_code == 201, audit.text
    body = audit.json()
    assert body["case_id"] is None and body["child_reference"] == "" and body["source_type"] == "other"
    assert body["source_title"] == "Multi-agency adolescent neglect audit"
    # Nothing of a child's case: every agency reads another source's recommendations.
    assert tracker.client.get(f"{RECOMMENDATIONS}/{body['id']}",
                              headers=tracker.as_(tracker.make.user(Role.agency_lead))).status_code == 200


def test_an_agency_sees_the_learning_of_reviews_it_is_involved_in_and_not_others(tracker):
    ours = tracker.recommendation()
    outsider = tracker.make.user(Role.agency_lead)
    assert tracker.client.get(f"{RECOMMENDATIONS}/{ours['id']}",
                              headers=tracker.as_(tracker.police_lead)).status_code == 200
    assert tracker.client.get(f"{RECOMMENDATIONS}/{ours['id']}", headers=tracker.as_(outsider)).status_code == 404
    assert tracker.client.get(RECOMMENDATIONS, headers=tracker.as_(outsider)).json()["total"] == 0
    assert tracker.client.post(RECOMMENDATIONS, headers=tracker.as_(tracker.police_lead), json={
        "kind": "recommendation", "number": 9, "review_id": str(tracker.review.id), "text": "X"}).status_code == 403
    assert tracker.client.get(f"{RECOMMENDATIONS}/{ours['id']}",
                              headers=tracker.as_(tracker.police_lead)).json()["allowed_actions"] == []


def test_the_partnerships_response_is_edited_with_if_match_and_links_to_what_it_repeats(tracker):
    earlier = tracker.recommendation(number=1, text="Remind practitioners of the escalation policy.")
    later = tracker.recommendation(number=2, text="Develop escalation training for all agencies.")
    url = f"{RECOMMENDATIONS}/{later['id']}"
    assert tracker.client.patch(url, headers=tracker.as_(tracker.office), json={"response": "x"}).status_code == 428
    etag = tracker.client.get(url, headers=tracker.as_(tracker.office)).headers["ETag"]
    changed = tracker.client.patch(url, headers=tracker.as_(tracker.office) | {"If-Match": etag}, json={
        "response": "The partnership team will develop an eLearning course on the escalation policy.",
        "repeats_ids": [earlier["id"]], "theme_ids": [str(tracker.theme("Escalation").id)]})
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert body["response"].startswith("The partnership team") and body["response_updated_at"] is not None
    assert [r["id"] for r in body["repeats"]] == [earlier["id"]] and body["themes"][0]["name"] == "Escalation"
    stale = tracker.client.patch(url, headers=tracker.as_(tracker.office) | {"If-Match": etag}, json={"text": "Y"})
    assert stale.status_code == 412
    itself = tracker.client.patch(url, headers=tracker.as_(tracker.office) | {"If-Match": changed.headers["ETag"]},
                                  json={"repeats_ids": [later["id"]]})
    assert itself.status_code == 422 and itself.json()["errors"][0]["field"] == "body.repeats_ids.0"
    timeline = tracker.client.get(f"{url}/timeline", headers=tracker.as_(tracker.office)).json()
    assert [e["action"] for e in timeline] == ["create", "update"]


def test_recommendations_filter_by_theme_through_their_sub_parts(tracker):
    tagged = tracker.recommendation(number=5, theme_ids=[], parts=[
        {"text": "Schools transfer records within two weeks.",
         "theme_ids": [str(tracker.theme("School transition and record transfer").id)]}])
    tracker.recommendation(number=6)
    listed = tracker.client.get(RECOMMENDATIONS, headers=tracker.as_(tracker.office), params={
        "theme_id": str(tracker.theme("School transition and record transfer").id)}).json()
    assert [r["id"] for r in listed["items"]] == [tagged["id"]]
    assert tracker.client.get(RECOMMENDATIONS, headers=tracker.as_(tracker.office),
                              params={"q": "two weeks"}).json()["total"] == 1


def test_the_reviews_task_list_says_what_of_its_learning_is_done(tracker):
    from backend.reviews.tasks import tasks_for

    def statuses():
        return {t.key: t.status.value for t in tasks_for(tracker.db, tracker.review) if t.section == "learning"}

    assert statuses() == {"learning_recorded": "cannot_start_yet", "response_written": "cannot_start_yet",
                          "actions_set": "cannot_start_yet"}
    answered = tracker.recommendation(number=1)
    tracker.recommendation(number=2, response="", text="Schools to audit their transfer of records.")
    assert statuses() == {"learning_recorded": "completed", "response_written": "in_progress",
                          "actions_set": "not_started"}
    tracker.action(answered["id"])
    assert statuses()["actions_set"] == "in_progress"
