"""The agencies' chronologies (seed 003, Appendix 4c) and the integrated chronology the lead reviewer reads."""

import datetime as dt
import json

import pytest

from backend.core.documents import spreadsheet_text
from backend.reviews.schemas import ReviewStep
from tests.chronologies_support import ReviewAtSubmissions, review_at_submissions
from tests.versions import edit


def entry(day: str, what: str, time: str | None = None, source: str = "Case record",
          significance: str = "Shows what was known") -> dict:
    return {"occurred_on": day, "occurred_time": time, "source": source, "what_happened": what,
            "significance": significance}


@pytest.fixture
def at(client, db, make) -> ReviewAtSubmissions:
    return review_at_submissions(client, db, make)


def request_chronologies(at: ReviewAtSubmissions, *agencies, by=None) -> dict[str, str]:
    response = at.client.post(at.url("/chronologies"), headers=at.as_(by or at.office), json={
        "agency_ids": [str(a.id) for a in agencies], "due_date": at.due, "note": "From January 2025"})
    assert response.status_code == 201, response.text
    return {c["agency"]["name"]: f"/api/v1/chronologies/{c['id']}" for c in response.json()}


def add(at: ReviewAtSubmissions, url: str, user, *entries: dict) -> None:
    for body in entries:
        added = at.client.post(f"{url}/entries", headers=at.as_(user), json=body)
        assert added.status_code == 201, added.text


def submit(at: ReviewAtSubmissions, url: str, user) -> dict:
    submitted = at.client.post(f"{url}/submit", headers=at.as_(user))
    assert submitted.status_code == 200, submitted.text
    return submitted.json()


def three_agencies_submitted(at: ReviewAtSubmissions) -> dict[str, str]:
    urls = request_chronologies(at, at.police, at.trust, at.school)
    add(at, urls["Harbourside Police"], at.police_lead,
        entry("2025-03-02", "Police called to a domestic incident at the home", "23:40", "Storm log 1187"),
        entry("2025-06-20", "Second call-out: neighbours reported shouting", "21:15", "Storm log 2211"))
    add(at, urls["Harbourside Children's Trust"], at.trust_lead,
        entry("2025-03-02", "Out-of-hours social worker told of the incident", None, "Emergency duty log"),
        entry("2025-03-05", "Strategy discussion held", "10:00", "Strategy minutes"))
    add(at, urls["Riverside Academy"], at.school_lead,
        entry("2025-03-02", "Child arrived at breakfast club hungry", "08:05", "CPOMS"),
        entry("2025-03-04", "Designated safeguarding lead spoke to mother", "15:30", "CPOMS"))
    for name, user in (("Harbourside Police", at.police_lead), ("Harbourside Children's Trust", at.trust_lead),
                       ("Riverside Academy", at.school_lead)):
        submit(at, urls[name], user)
    return urls


def test_integrated_chronology_merges_three_agencies_by_date_and_time_groups_each_day_and_shows_gaps(at):
    three_agencies_submitted(at)
    body = at.client.get(at.url("/integrated-chronology"), headers=at.as_(at.reviewer)).json()
    assert body["total"] == 6 and body["gap_days"] == 30
    first = body["days"][0]
    assert first["date"] == "2025-03-02"
    # Several agencies' entries of one day shown together, in time order, an entry without a time first.
    assert [(e["agency"]["name"], e["occurred_time"]) for e in first["entries"]] == [
        ("Harbourside Children's Trust", None), ("Riverside Academy", "08:05:00"),
        ("Harbourside Police", "23:40:00")]
    assert {a["name"] for a in first["agencies"]} == {"Harbourside Children's Trust", "Riverside Academy",
                                                     "Harbourside Police"}
    assert [d["date"] for d in body["days"]] == ["2025-03-02", "2025-03-04", "2025-03-05", "2025-06-20"]
    # 6 March to 19 June: 106 days in which no agency recorded contact.
    assert body["gaps"] == [{"starts_on": "2025-03-06", "ends_on": "2025-06-19", "days": 106}]
    assert body["days"][3]["gap_before"] == body["gaps"][0] and body["days"][1]["gap_before"] is None
    longer = at.client.get(at.url("/integrated-chronology"), headers=at.as_(at.reviewer),
                           params={"gap_days": 120}).json()
    assert longer["gaps"] == []


def test_integrated_chronology_is_serialised_once_with_the_bytes_fastapi_would_write(at):
    # Built from plain rows, validated once and written as bytes (core/responses.py), the answer must still be the
    # compact UTF-8 JSON that FastAPI's response_model path wrote, and the content type the same.
    three_agencies_submitted(at)
    answer = at.client.get(at.url("/integrated-chronology"), headers=at.as_(at.reviewer))
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    assert answer.content == json.dumps(answer.json(), ensure_ascii=False, separators=(",", ":")).encode()
    first = answer.json()["days"][0]
    assert [a["name"] for a in first["agencies"]] == [e["agency"]["name"] for e in first["entries"]]


def test_integrated_chronology_filters_by_agency_dates_and_text(at):
    three_agencies_submitted(at)
    get = lambda **params: at.client.get(at.url("/integrated-chronology"), headers=at.as_(at.office),  # noqa: E731
                                         params=params).json()
    only_police = get(agency_id=str(at.police.id))
    assert {e["agency"]["name"] for d in only_police["days"] for e in d["entries"]} == {"Harbourside Police"}
    march = get(**{"from": "2025-03-03", "to": "2025-03-31"})
    assert [d["date"] for d in march["days"]] == ["2025-03-04", "2025-03-05"]
    text = get(q="STRATEGY")
    assert text["total"] == 1 and text["days"][0]["entries"][0]["source"] == "Strategy minutes"
    backwards = at.client.get(at.url("/integrated-chronology"), headers=at.as_(at.office),
                              params={"from": "2025-04-01", "to": "2025-03-01"})
    assert backwards.status_code == 422 and backwards.json()["errors"][0]["field"] == "query.date_to"


def test_only_submitted_entries_are_merged_and_a_draft_is_its_agencys_own(at):
    urls = request_chronologies(at, at.police, at.trust)
    add(at, urls["Harbourside Police"], at.police_lead, entry("2025-03-02", "Call-out", "23:40"))
    submitted = submit(at, urls["Harbourside Police"], at.police_lead)
    # Once submitted, the agency changes nothing until the chronology is returned to it.
    late = at.client.post(f"{urls['Harbourside Police']}/entries", headers=at.as_(at.police_lead),
                          json=entry("2025-04-01", "A later call-out"))
    assert late.status_code == 409 and late.json()["allowed_actions"] == ["return"]
    assert submitted["allowed_actions"] == []
    add(at, urls["Harbourside Children's Trust"], at.trust_lead, entry("2025-03-05", "Strategy discussion"))
    body = at.client.get(at.url("/integrated-chronology"), headers=at.as_(at.reviewer)).json()
    assert [e["what_happened"] for d in body["days"] for e in d["entries"]] == ["Call-out"]
    assert {c["agency"]["name"]: (c["state"], c["entries"]) for c in body["contributions"]} == {
        "Harbourside Children's Trust": ("draft", 0), "Harbourside Police": ("submitted", 1)}
    trust = urls["Harbourside Children's Trust"]
    for outsider in (at.office, at.reviewer):
        seen = at.client.get(trust, headers=at.as_(outsider)).json()
        assert seen["state"] == "draft" and seen["draft_entries"] is None and seen["entries"] == []
        assert seen["draft_entry_count"] is None
    own = at.client.get(trust, headers=at.as_(at.trust_lead)).json()
    assert [e["what_happened"] for e in own["draft_entries"]] == ["Strategy discussion"]
    # Another involved agency never finds it, nor may it read the integrated chronology.
    assert at.client.get(trust, headers=at.as_(at.police_lead)).status_code == 404
    assert at.client.get(at.url("/integrated-chronology"), headers=at.as_(at.police_lead)).status_code == 403
    listed = at.client.get(at.url("/chronologies"), headers=at.as_(at.police_lead)).json()
    assert [c["agency"]["name"] for c in listed] == ["Harbourside Police"]


def test_an_entry_is_changed_and_deleted_with_its_version_and_only_by_its_agency(at):
    url = request_chronologies(at, at.police)["Harbourside Police"]
    add(at, url, at.police_lead, entry("2025-03-02", "Call-out"))
    entry_id = at.client.get(url, headers=at.as_(at.police_lead)).json()["draft_entries"][0]["id"]
    entry_url = f"{url}/entries/{entry_id}"
    without = at.client.patch(entry_url, headers=at.as_(at.police_lead), json={"source": "Storm log"})
    assert without.status_code == 428
    changed = at.client.patch(entry_url, headers=at.as_(at.police_lead) | {"If-Match": '"1"'},
                              json={"source": "Storm log", "occurred_time": "22:10"})
    assert changed.status_code == 200 and changed.json()["source"] == "Storm log"
    assert changed.json()["version"] == 2
    stale = at.client.delete(entry_url, headers=at.as_(at.police_lead) | {"If-Match": '"1"'})
    assert stale.status_code == 412
    assert at.client.delete(entry_url, headers=at.as_(at.police_manager) | {"If-Match": '"2"'}).status_code == 204
    assert at.client.get(url, headers=at.as_(at.police_lead)).json()["draft_entries"] == []


def test_submitting_needs_an_entry_and_a_returned_chronology_is_revised_and_resubmitted(at):
    url = request_chronologies(at, at.police, by=at.reviewer)["Harbourside Police"]
    empty = at.client.post(f"{url}/submit", headers=at.as_(at.police_lead))
    assert empty.status_code == 422 and "at least one entry" in empty.json()["errors"][0]["message"]
    add(at, url, at.police_lead, entry("2025-03-02", "Call-out"))
    assert submit(at, url, at.police_lead)["allowed_actions"] == []
    returned = at.client.post(f"{url}/return", headers=at.as_(at.reviewer),
                              json={"reasons": "Add the contacts with the older sibling."})
    assert returned.status_code == 200 and returned.json()["state"] == "returned"
    # While returned, the integrated chronology still holds what was submitted.
    assert at.client.get(at.url("/integrated-chronology"), headers=at.as_(at.reviewer)).json()["total"] == 1
    add(at, url, at.police_lead, entry("2025-03-09", "Sibling seen at the station"))
    again = submit(at, url, at.police_lead)
    assert again["revision"] == 2 and again["resubmitted"] and len(again["entries"]) == 2
    revisions = at.client.get(f"{url}/revisions", headers=at.as_(at.office)).json()
    assert [(r["number"], r["entry_count"], r["return_reasons"]) for r in revisions] == [
        (1, 1, "Add the contacts with the older sibling."), (2, 2, None)]
    assert at.client.get(at.url("/integrated-chronology"), headers=at.as_(at.reviewer)).json()["total"] == 2


def test_chronologies_are_asked_for_only_at_the_agencies_submissions_stage(client, db, make):
    early = review_at_submissions(client, db, make, stage_steps=(ReviewStep.begin_terms_of_reference,))
    refused = client.post(early.url("/chronologies"), headers=early.as_(early.office),
                          json={"agency_ids": [str(early.police.id)], "due_date": early.due})
    assert refused.status_code == 409 and refused.json()["current_state"] == "terms_of_reference"
    assert client.get(early.url("/chronologies"), headers=early.as_(early.office)).json() == []


def test_only_the_reviews_agencies_are_asked_each_once_with_a_future_due_date(at, make):
    outsider = make.agency("Quayside Housing")
    refused = at.client.post(at.url("/chronologies"), headers=at.as_(at.office), json={
        "agency_ids": [str(at.police.id), str(outsider.id), str(at.police.id)], "due_date": "2020-01-01"})
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["body.agency_ids.1", "body.agency_ids.2"]
    request_chronologies(at, at.police)
    again = at.client.post(at.url("/chronologies"), headers=at.as_(at.office),
                           json={"agency_ids": [str(at.police.id)], "due_date": at.due})
    assert again.status_code == 409 and again.json()["errors"][0]["field"] == "body.agency_ids.0"
    assert at.client.post(at.url("/chronologies"), headers=at.as_(at.police_lead),
                          json={"agency_ids": [str(at.trust.id)], "due_date": at.due}).status_code == 403


def test_asking_opens_a_deadline_the_agency_sees_and_submitting_meets_it(at):
    url = request_chronologies(at, at.police)["Harbourside Police"]
    mine = at.client.get("/api/v1/deadlines", headers=at.as_(at.police_lead),
                         params={"kind": "agency_chronology"}).json()["items"]
    assert [(d["title"], d["status"]) for d in mine] == [("Chronology for the review of Child TW", "open")]
    add(at, url, at.police_lead, entry("2025-03-02", "Call-out"))
    assert submit(at, url, at.police_lead)["due"]["status"] == "met"


def test_a_spreadsheet_cell_is_never_a_formula_and_holds_no_control_character():
    for dangerous in ("=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert spreadsheet_text(dangerous) == "'" + dangerous
    assert spreadsheet_text("Home visit") == "Home visit"
    # Excel cannot hold a form feed or an escape: a record that carries one is exported without it.
    assert spreadsheet_text("Home\x0c visit\x1b") == "Home visit"
    assert spreadsheet_text("\x1f=SUM(A1)") == "'=SUM(A1)"


def test_an_agency_may_not_write_another_agencys_chronology(at):
    urls = request_chronologies(at, at.police, at.trust)
    police = urls["Harbourside Police"]
    add(at, police, at.police_lead, entry("2025-03-02", "Call-out"))
    assert at.client.post(f"{police}/entries", headers=at.as_(at.trust_lead),
                          json=entry("2025-03-03", "x")).status_code == 404
    assert at.client.post(f"{police}/submit", headers=at.as_(at.trust_lead)).status_code == 404
    assert at.client.post(f"{police}/entries", headers=at.as_(at.reviewer),
                          json=entry("2025-03-03", "x")).status_code == 403
    assert edit(at.client, "PATCH", police, headers=at.as_(at.police_lead), json={}).status_code == 405


def test_date_and_time_order_survives_the_round_trip(at):
    url = request_chronologies(at, at.police)["Harbourside Police"]
    add(at, url, at.police_lead, entry("2025-05-01", "Later"), entry("2025-01-01", "Earlier", "09:00"))
    own = at.client.get(url, headers=at.as_(at.police_lead)).json()
    assert [e["occurred_on"] for e in own["draft_entries"]] == ["2025-01-01", "2025-05-01"]
    assert dt.date.fromisoformat(own["draft_entries"][0]["occurred_on"]) < dt.date(2025, 5, 1)


def test_once_the_review_has_moved_past_the_overview_report_nothing_is_written_or_returned(at, db):
    from backend.reviews.models import ReviewStage

    url = request_chronologies(at, at.police, at.trust)["Harbourside Police"]
    add(at, url, at.police_lead, entry("2025-03-02", "Call-out"))
    submit(at, url, at.police_lead)
    assert at.client.post(f"{url}/return", headers=at.as_(at.reviewer), json={"reasons": "More"}).status_code == 200
    at.review.stage = ReviewStage.sign_off  # moved on past the overview report
    db.flush()
    late = at.client.post(f"{url}/entries", headers=at.as_(at.police_lead), json=entry("2025-03-03", "Late"))
    assert late.status_code == 409 and late.json()["current_state"] == "sign_off"
    assert late.json()["detail"] == ("The review has moved past the agencies' submissions: you can no longer write "
                                     "chronologies.")
    assert at.client.get(url, headers=at.as_(at.police_lead)).json()["allowed_actions"] == []
    # Who may not write at all is told so first.
    refused = at.client.post(f"{url}/entries", headers=at.as_(at.reviewer), json=entry("2025-03-03", "x"))
    assert refused.status_code == 403
