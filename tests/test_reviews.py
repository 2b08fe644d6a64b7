"""The review record that stage 1 opens and stage 2 builds on: six months, and who may see it."""

from datetime import date

from backend.core.access import Role
from backend.core.concurrency import etag
from backend.reviews import service
from backend.reviews.schemas import ReviewUpdate
from tests.versions import edit


def test_review_is_due_six_calendar_months_after_the_decision():
    assert service.six_months_after(date(2026, 11, 23)) == date(2027, 5, 23)
    assert service.six_months_after(date(2026, 8, 31)) == date(2027, 2, 28)
    assert service.six_months_after(date(2027, 8, 31)) == date(2028, 2, 29)


def test_review_visible_to_involved_agencies_and_its_lead_reviewer_only(client, db, make):
    involved, uninvolved = make.agency("Involved Trust"), make.agency("Uninvolved School")
    office = make.user(Role.business_office)
    reviewer, other_reviewer = make.user(Role.lead_reviewer), make.user(Role.lead_reviewer)
    review = service.create_review(db, None, case=make.case("Child QX"), decided_on=date(2026, 11, 2),
                                   agency_ids=[involved.id])
    service.update_review(db, make.principal(office), review.id, ReviewUpdate(lead_reviewer_id=reviewer.id),
                          etag(review))
    url = f"/api/v1/reviews/{review.id}"
    body = client.get(url, headers=make.headers(make.user(Role.agency_lead, involved))).json()
    assert body["child_reference"] == "Child QX" and body["due"]["due_date"] == "2027-05-02"
    assert client.get(url, headers=make.headers(reviewer)).status_code == 200
    assert client.get(url, headers=make.headers(other_reviewer)).status_code == 404
    assert client.get(url, headers=make.headers(make.user(Role.agency_lead, uninvolved))).status_code == 404
    listed = client.get("/api/v1/reviews", headers=make.headers(make.user(Role.agency_lead, uninvolved))).json()
    assert listed["total"] == 0


def test_only_a_lead_reviewer_can_be_commissioned(client, db, make):
    office, lead = make.user(Role.business_office), make.user(Role.agency_lead)
    review = service.create_review(db, None, case=make.case("Child QY"), decided_on=date(2026, 11, 2))
    response = edit(client, "PATCH", f"/api/v1/reviews/{review.id}", headers=make.headers(office),
                    json={"lead_reviewer_id": str(lead.id)})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "body.lead_reviewer_id"



def test_review_timeline_shows_its_opening_and_commissioning_to_those_who_may_see_it(client, db, make):
    involved, uninvolved = make.agency("Involved Trust"), make.agency("Uninvolved School")
    office, reviewer = make.user(Role.business_office), make.user(Role.lead_reviewer, name="Ruth Kaplan")
    review = service.create_review(db, None, case=make.case("Child QZ"), decided_on=date(2026, 11, 2),
                                   agency_ids=[involved.id])
    changed = edit(client, "PATCH", f"/api/v1/reviews/{review.id}", headers=make.headers(office),
                   json={"lead_reviewer_id": str(reviewer.id)})
    assert changed.status_code == 200 and changed.json()["lead_reviewer"]["name"] == "Ruth Kaplan"
    url = f"/api/v1/reviews/{review.id}/timeline"
    timeline = client.get(url, headers=make.headers(make.user(Role.agency_lead, involved))).json()
    assert [e["action"] for e in timeline] == ["create", "update"]
    assert timeline[0]["summary"] == "Review opened for Child QZ"
    assert timeline[1]["actor_name"] == office.name
    assert client.get(url, headers=make.headers(make.user(Role.agency_lead, uninvolved))).status_code == 404
