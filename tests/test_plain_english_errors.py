"""Every error a person can cause is a sentence in plain English naming the question (GOV.UK's error message
guidance), in the API's problem details; and every date a person reads in a timeline is written for people."""

from backend.core.access import Role
from backend.identity.models import AgencyKind
from tests.stage_one import CHILD, NOTIFICATIONS, notification_body, notify
from tests.test_rapid_reviews import MEETING

REQUESTS = "/api/v1/information-requests"


def _errors(response) -> dict[str, str]:
    assert response.status_code == 422, response.text
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def test_an_empty_information_response_names_each_box_it_needs(client, make, frozen_now):
    police = make.agency("Harbour Police", AgencyKind.police)
    office, lead = make.user(Role.business_office), make.user(Role.agency_lead, police)
    notification = notify(client, make, office, agency_ids=[str(police.id)])
    [request] = client.post(f"/api/v1/rapid-reviews/{notification['rapid_review_id']}/information-requests",
                            headers=make.headers(office), json={"agency_ids": [str(police.id)]}).json()

    errors = _errors(client.post(f"{REQUESTS}/{request['id']}/submit", headers=make.headers(lead), json={}))

    assert errors == {
        "body.involvement": "Enter your agency's involvement with the child and family",
        "body.analysis": "Enter the analysis of your agency's involvement",
        "body.immediate_learning": "Enter the immediate learning identified",
        "body.actions_taken": "Enter the actions already taken as a result of the learning",
        "body.good_practice": "Enter the good practice",
        "body.author_name": "Enter the author's name",
        "body.author_role": "Enter the author's role",
    }


def test_validation_messages_are_sentences_naming_the_question_not_the_validators_words(client, make, frozen_now):
    office = make.user(Role.business_office)
    headers = make.headers(office)
    bad = notification_body(incident_date="2026-02-31", summary="x" * 20_001,
                            children=[CHILD | {"name": "A", "date_of_birth": "soon"}])
    del bad["became_aware_on"]

    errors = _errors(client.post(NOTIFICATIONS, headers=headers, json=bad))

    assert errors["body.incident_date"] == "Date of the incident must be a real date, like 2025-03-27"
    assert errors["body.became_aware_on"] == "Enter the date the local authority became aware"
    assert errors["body.summary"] == "Summary must be 20,000 characters or fewer"
    assert errors["body.children.0.date_of_birth"] == "Date of birth of child 1 must be a real date, like 2025-03-27"
    for message in errors.values():
        assert "should" not in message and "Field required" not in message

    rapid_review = f"/api/v1/rapid-reviews/{notify(client, make, office)['rapid_review_id']}"
    meeting = {key: value for key, value in MEETING.items() if key != "held_on"}
    assert _errors(client.post(f"{rapid_review}/meeting", headers=headers, json=meeting)) == {
        "body.held_on": "Enter the date of the meeting"}


def test_referral_email_refused_in_words_a_person_understands(client, make, frozen_now):
    agency = make.agency("Westbrook Children's Trust")
    lead = make.user(Role.agency_lead, agency)
    errors = _errors(client.post("/api/v1/referrals", headers=make.headers(lead),
                                 json={"referrer": {"contact": {"email": "sam.example.org"}}}))
    assert errors == {"body.referrer.contact.email": "Enter an email address in the correct format, like "
                                                     "name@example.org"}


def test_timelines_write_dates_and_recommendations_for_people(client, make, frozen_now):
    police = make.agency("Harbour Police", AgencyKind.police)
    office = make.user(Role.business_office)
    notification = notify(client, make, office, agency_ids=[str(police.id)])
    url = f"/api/v1/rapid-reviews/{notification['rapid_review_id']}"
    [request] = client.post(f"{url}/information-requests", headers=make.headers(office),
                            json={"agency_ids": [str(police.id)]}).json()
    client.post(f"{url}/meeting", headers=make.headers(office), json=MEETING)
    client.post(f"{url}/recommendation", headers=make.headers(office),
                json={"recommendation": "local_cspr", "rationale": "Significant learning remains."})

    summaries = [e["summary"] for e in client.get(f"{url}/timeline", headers=make.headers(office)).json()]
    assert "The meeting recommended a local Child Safeguarding Practice Review" in summaries
    request_timeline = client.get(f"{REQUESTS}/{request['id']}/timeline", headers=make.headers(office)).json()
    assert request_timeline[0]["summary"] == "Asked Harbour Police for additional information, due 2 December 2026"
