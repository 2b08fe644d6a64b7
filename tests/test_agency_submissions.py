"""An agency's submission, as an information request is answered through it: the draft is the agency's own, every
submission is kept with its return, submitting meets the deadline, and each read offers the steps the caller may take.
"""

from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from backend.core.access import Role
from backend.identity.models import Agency, AgencyKind, User
from backend.submissions.models import SubmissionKind, SubmissionState
from backend.submissions.policy import KINDS, WORKFLOWS, SubmissionStep
from tests.conftest import Factory
from tests.stage_one import client_headers, notify
from tests.test_rapid_reviews import RESPONSE
from tests.versions import edit

REQUESTS = "/api/v1/information-requests"
REVISED = RESPONSE | {"involvement": RESPONSE["involvement"] + " The school nurse saw the sibling twice."}
REASONS = "Please add the contacts with the older sibling."


@dataclass
class Asked:
    client: TestClient
    office: User
    police: Agency
    lead: User
    hospital_lead: User
    url: str

    @staticmethod
    def as_(user: User) -> dict[str, str]:
        return Factory.headers(user)

    def read(self, user: User) -> dict:
        response = self.client.get(self.url, headers=self.as_(user))
        assert response.status_code == 200, response.text
        return response.json()

    def save_draft(self, body: dict) -> dict:
        saved = edit(self.client, "PUT", f"{self.url}/draft", read=self.url, headers=self.as_(self.lead), json=body)
        assert saved.status_code == 200, saved.text
        return saved.json()

    def submit(self, body: dict | None = None) -> dict:
        submitted = self.client.post(f"{self.url}/submit", headers=self.as_(self.lead), json=body)
        assert submitted.status_code == 200, submitted.text
        return submitted.json()

    def return_for_more(self) -> dict:
        returned = self.client.post(f"{self.url}/return", headers=self.as_(self.office), json={"reasons": REASONS})
        assert returned.status_code == 200, returned.text
        return returned.json()

    def revisions(self, user: User):
        return self.client.get(f"{self.url}/revisions", headers=self.as_(user))


@pytest.fixture
def asked(client, make, frozen_now) -> Asked:
    office = make.user(Role.business_office, name="Priya Shah")
    police, hospital = make.agency("Police", AgencyKind.police), make.agency("Hospital", AgencyKind.health)
    notification = notify(client, make, office, agency_ids=[str(police.id), str(hospital.id)])
    sent = client.post(f"/api/v1/rapid-reviews/{notification['rapid_review_id']}/information-requests",
                       headers=make.headers(office), json={"agency_ids": [str(police.id), str(hospital.id)]})
    assert sent.status_code == 201, sent.text
    ids = {r["agency"]["id"]: r["id"] for r in sent.json()}
    return Asked(client, office, police, make.user(Role.agency_lead, police, name="Dan Reilly"),
                 make.user(Role.agency_lead, hospital), f"{REQUESTS}/{ids[str(police.id)]}")


def test_a_draft_is_the_agencys_own_until_submitted_and_no_one_else_ever_sees_it(asked, client, db, make):
    asked.save_draft(RESPONSE | {"analysis": "Two call-outs were not linked."})
    for viewer in (asked.office, make.user(Role.strategic_lead), make.user(Role.scrutineer)):
        seen = asked.read(viewer)
        assert seen["state"] == "draft" and seen["draft"] is None and seen["submission"] is None
        assert asked.revisions(viewer).json() == []  # a draft is never a revision
    assert client.get(asked.url, headers=asked.as_(asked.hospital_lead)).status_code == 404
    assert asked.revisions(asked.hospital_lead).status_code == 404
    assert asked.read(asked.lead)["draft"]["analysis"] == "Two call-outs were not linked."
    police_system = client_headers(client, db, make, asked.police, ["information_requests:read"])
    assert client.get(asked.url, headers=police_system).json()["draft"]["analysis"] == "Two call-outs were not linked."

    asked.submit()
    office_view = asked.read(asked.office)
    assert office_view["submission"]["analysis"] == "Two call-outs were not linked." and office_view["draft"] is None


def test_a_returned_response_resubmitted_keeps_both_revisions_and_the_return_reasons(asked):
    first = asked.submit(RESPONSE)
    assert (first["revision"], first["resubmitted"]) == (1, False)
    returned = asked.return_for_more()
    assert returned["state"] == "returned" and returned["return_reasons"] == REASONS and returned["revision"] == 1
    asked.save_draft(REVISED)
    again = asked.submit()
    assert again["state"] == "submitted" and again["submission"] == REVISED
    assert (again["revision"], again["resubmitted"], again["return_reasons"]) == (2, True, REASONS)

    revisions = asked.revisions(asked.office).json()
    assert [(r["number"], r["resubmission"], r["content"]) for r in revisions] == [
        (1, False, RESPONSE), (2, True, REVISED)]
    assert (revisions[0]["return_reasons"], revisions[0]["returned_by_name"]) == (REASONS, "Priya Shah")
    assert revisions[0]["returned_at"] is not None and revisions[1]["returned_at"] is None
    assert {r["submitted_by_name"] for r in revisions} == {"Dan Reilly"}
    assert asked.revisions(asked.lead).json() == revisions  # the agency reads its own history too
    timeline = asked.client.get(f"{asked.url}/timeline", headers=asked.as_(asked.office)).json()
    summaries = [entry["summary"] for entry in timeline]
    assert summaries[-2:] == ["Police saved its draft response", "Police resubmitted its response"]


def test_submitting_meets_the_deadline_and_a_return_leaves_it_met(asked):
    def deadline() -> dict:
        [found] = asked.client.get("/api/v1/deadlines", headers=asked.as_(asked.lead),
                                   params={"kind": "information_request"}).json()["items"]
        return found

    assert deadline()["status"] == "open" and deadline()["link"] == asked.url.removeprefix("/api/v1")
    assert asked.submit(RESPONSE)["due"]["status"] == "met"
    assert deadline()["status"] == "met"
    assert asked.return_for_more()["due"]["status"] == "met"  # returned for more: answered again without a new one
    assert deadline()["status"] == "met"


def test_each_read_offers_only_the_steps_the_caller_may_take_now(asked, client, db, make):
    reader = client_headers(client, db, make, asked.police, ["information_requests:read"])
    writer = client_headers(client, db, make, asked.police, ["information_requests:write"])
    scrutineer = make.user(Role.scrutineer)

    def offered() -> dict[str, list[str]]:
        by_user = {"lead": asked.lead, "office": asked.office, "scrutineer": scrutineer}
        found = {name: asked.read(user)["allowed_actions"] for name, user in by_user.items()}
        found |= {name: client.get(asked.url, headers=headers).json()["allowed_actions"]
                  for name, headers in (("reader", reader), ("writer", writer))}
        return found

    answering = {"lead": ["save_draft", "submit"], "office": ["chase", "change_due_date"], "scrutineer": [],
                 "reader": [], "writer": ["save_draft", "submit"]}
    assert offered() == answering
    asked.submit(RESPONSE)
    assert offered() == {"lead": [], "office": ["return"], "scrutineer": [], "reader": [], "writer": []}
    asked.return_for_more()
    assert offered() == answering


def test_a_step_the_state_does_not_allow_is_refused_with_the_steps_that_are_open(asked):
    refused = asked.client.post(f"{asked.url}/return", headers=asked.as_(asked.office), json={"reasons": REASONS})
    assert refused.status_code == 409
    assert {k: refused.json()[k] for k in ("current_state", "action", "allowed_actions")} == {
        "current_state": "requested", "action": "return",
        "allowed_actions": ["save_draft", "submit", "chase", "change_due_date"]}
    asked.submit(RESPONSE)
    again = asked.client.post(f"{asked.url}/submit", headers=asked.as_(asked.lead), json=RESPONSE)
    assert again.status_code == 409 and again.json()["allowed_actions"] == ["return"]


def test_only_the_owning_agency_writes_and_submits_and_someone_outside_it_returns():
    for kind, rules in KINDS.items():
        steps = WORKFLOWS[kind].steps
        for name in (SubmissionStep.save_draft, SubmissionStep.submit):
            assert steps[name].own_agency and steps[name].permission == rules.respond
            assert steps[name].sources == {SubmissionState.requested, SubmissionState.draft, SubmissionState.returned}
        returning = steps[SubmissionStep.return_for_more]
        assert not returning.own_agency and returning.permission == rules.return_for_more
        assert (returning.sources, returning.target) == ({SubmissionState.submitted}, SubmissionState.returned)
        # Whoever may return a submission may chase one still to come, or move its due date; never its agency.
        for name in (SubmissionStep.chase, SubmissionStep.change_due_date) if rules.chased else ():
            assert steps[name].permission == rules.return_for_more and steps[name].target is None
            assert steps[name].sources == steps[SubmissionStep.submit].sources and not steps[name].own_agency
    assert set(KINDS) == {SubmissionKind.information_request, SubmissionKind.chronology,
                          SubmissionKind.key_event_analysis, SubmissionKind.action_update}
