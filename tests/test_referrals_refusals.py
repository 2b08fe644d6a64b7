"""Every refused step answers with its status and leaves the referral as it was."""
# ruff: noqa: F811  (pytest fixtures imported from tests.referral_forms are shadowed by test arguments)

import pytest
from sqlalchemy import func, select

from backend.audit.models import AuditEvent
from backend.deadlines.models import Deadline
from backend.referrals.policy import WORKFLOW, ReferralAction, ReferralState
from tests.referral_forms import URL, org, published  # noqa: F401 (fixtures)
from tests.test_referrals_visibility import _client_headers
from tests.versions import edit

# (state it is in, endpoint, who tries, body): a role the transition table does not name.
WRONG_ROLE = [
    ("draft", "submit", "strategic", None),
    ("awaiting_sign_off", "sign-off", "lead", {"agree": True}),
    ("awaiting_sign_off", "decline-sign-off", "lead", {"reasons": "No."}),
    ("submitted", "start-consideration", "strategic", None),
    ("submitted", "start-consideration", "manager", None),
    ("submitted", "return", "scrutineer", {"reasons": "No."}),
    ("under_consideration", "recommendation", "manager",
     {"review_recommended": False, "comments": "c", "reason": "r", "legal_advice_sought": False}),
    ("recommendation_made", "partner-positions", "office", {"agreed": True, "reasons": "Agreed."}),
    ("recommendation_made", "partner-positions", "scrutineer", {"agreed": True, "reasons": "Agreed."}),
]


@pytest.mark.parametrize(("state", "endpoint", "who", "body"), WRONG_ROLE)
def test_a_role_the_table_does_not_name_is_refused_with_403(org, published, state, endpoint, who, body):
    referral = org.to_state(state)
    events_before = len(published)
    response = org.act(referral["id"], endpoint, getattr(org, who), body)
    assert response.status_code == 403, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert org.get(referral["id"], org.lead).json()["state"] == state
    assert len(published) == events_before


# For each action in the table: a state it is not allowed from, and someone who may otherwise take it.
WRONG_STATE = {
    ReferralAction.edit: ("submitted", "lead"),
    ReferralAction.submit: ("submitted", "lead"),
    ReferralAction.sign_off: ("draft", "manager"),
    ReferralAction.decline_sign_off: ("submitted", "manager"),
    ReferralAction.start_consideration: ("under_consideration", "office"),
    ReferralAction.return_to_referrer: ("decided", "office"),
    ReferralAction.record_recommendation: ("submitted", "office"),
    ReferralAction.record_partner_position: ("under_consideration", "strategic"),
    ReferralAction.delete: ("returned", "lead"),
}
ENDPOINTS = {ReferralAction.sign_off: "sign-off", ReferralAction.decline_sign_off: "decline-sign-off",
             ReferralAction.start_consideration: "start-consideration",
             ReferralAction.record_partner_position: "partner-positions"}
BODIES = {
    ReferralAction.sign_off: {"agree": True}, ReferralAction.decline_sign_off: {"reasons": "No."},
    ReferralAction.return_to_referrer: {"reasons": "No."},
    ReferralAction.record_partner_position: {"agreed": True, "reasons": "c"},
    ReferralAction.record_recommendation: {"review_recommended": False, "comments": "c", "reason": "r",
                                           "legal_advice_sought": False},
}


def _open_from(state: str) -> list[str]:
    """The steps the table allows from a state, whoever asks, in the table's order."""
    return [name for name, step in WORKFLOW.steps.items() if ReferralState(state) in step.sources]


def test_the_wrong_state_cases_cover_the_whole_transition_table():
    assert set(WRONG_STATE) == set(WORKFLOW.steps)
    for action, (state, _) in WRONG_STATE.items():
        assert ReferralState(state) not in WORKFLOW.steps[action].sources


@pytest.mark.parametrize("action", list(WRONG_STATE), ids=[a.value for a in WRONG_STATE])
def test_every_step_from_the_wrong_state_answers_the_one_409_shape_with_the_steps_open_now(org, action):
    state, who = WRONG_STATE[action]
    referral = org.to_state(state)
    if action == ReferralAction.edit:
        response = org.client.patch(f"{URL}/{referral['id']}", json={"rationale": "x"},
                                    headers=org.as_(getattr(org, who)))
    elif action == ReferralAction.delete:
        response = edit(org.client, "DELETE", f"{URL}/{referral['id']}", headers=org.as_(getattr(org, who)),
                        json=None)
    else:
        response = org.act(referral["id"], ENDPOINTS.get(action, action.value), getattr(org, who), BODIES.get(action))
    assert response.status_code == 409, response.text
    problem = response.json()
    assert problem["type"] == "/problems/invalid-transition"
    assert problem["current_state"] == state and problem["action"] == action.value
    assert problem["allowed_actions"] == _open_from(state)
    assert "allowed_transitions" not in problem
    assert state.replace("_", " ") in problem["detail"]
    after = org.get(referral["id"], org.lead).json()
    assert after["state"] == state and after["rationale"] == referral["rationale"]


def test_another_agencys_referral_is_404_for_every_step(org):
    draft, waiting = org.to_state("draft"), org.to_state("awaiting_sign_off")
    assert org.client.patch(f"{URL}/{draft['id']}", json={"rationale": "x"},
                            headers=org.as_(org.other_lead)).status_code == 404
    assert org.act(draft["id"], "submit", org.other_lead).status_code == 404
    assert org.act(waiting["id"], "sign-off", org.other_manager, {"agree": True}).status_code == 404
    assert org.act(waiting["id"], "decline-sign-off", org.other_manager, {"reasons": "No"}).status_code == 404
    assert org.get(waiting["id"], org.lead).json()["state"] == "awaiting_sign_off"
    assert org.get(draft["id"], org.lead).json()["rationale"] == draft["rationale"]


def test_the_referrer_cannot_sign_off_their_own_referral(org, db):
    referral = org.create(by=org.manager)
    assert org.act(referral["id"], "submit", org.manager).status_code == 200
    own = org.act(referral["id"], "sign-off", org.manager, {"agree": True})
    assert own.status_code == 403 and "own referral" in own.json()["detail"]
    assert org.get(referral["id"], org.manager).json()["state"] == "awaiting_sign_off"
    assert "sign_off" not in org.get(referral["id"], org.manager).json()["allowed_actions"]
    other = org.act(referral["id"], "sign-off", org.second_manager, {"agree": True})
    assert other.status_code == 200
    assert other.json()["senior_manager"]["signature"]["signed_by_name"] == "Owen Second"
    assert other.json()["senior_manager"]["name"] == "Owen Second"


ALL_BOXES = [
    "referrer.name", "referrer.designation", "referrer.contact.phone", "referrer.contact.email",
    "senior_manager.name", "senior_manager.designation", "senior_manager.contact.phone",
    "senior_manager.contact.email", "review_type_requested", "rationale", "other_agencies", "chronology",
    "child.name", "child.date_of_birth", "child.date_of_death_or_serious_incident", "child.home_address",
    "child.ethnic_origin", "child.faith", "child.disability", "child.child_protection_plan",
    "child.incident_location", "child.carer_at_time_of_incident", "child.criminal_investigation_known",
    "family_members", "background", "areas_of_learning", "themes.actions_taken", "themes.good_practice",
]


def test_submitting_an_empty_form_lists_every_empty_box_and_changes_nothing(org, db, published):
    referral = org.create({})
    response = org.act(referral["id"], "submit", org.lead)
    assert response.status_code == 422
    problem = response.json()
    assert problem["type"] == "/problems/validation"
    assert sorted(e["field"] for e in problem["errors"]) == sorted(ALL_BOXES)
    assert org.get(referral["id"], org.lead).json()["state"] == "draft"
    assert db.scalar(select(func.count()).select_from(Deadline)) == 0
    assert db.scalar(select(func.count()).where(AuditEvent.action == "submit")) == 0
    assert published == []


def test_half_filled_rows_and_blank_boxes_are_named_down_to_the_cell(org):
    body = org.create()
    form = {
        "rationale": "   ",
        "referrer": {"contact": {"email": None}},
        "other_agencies": [{"agency": "Westbrook Police"}],
        "chronology": [{"occurred_on": "2026-11-09", "event": "Admitted"}, {"time": "10:00"}],
        "family_members": [{"name": "Kelly Pike", "relationship": "Mother"}],
        "child": {"date_of_birth": "2026-12-01"},
    }
    assert org.edit(body["id"], form, org.lead).status_code == 200
    response = org.act(body["id"], "submit", org.lead)
    assert response.status_code == 422
    assert sorted(e["field"] for e in response.json()["errors"]) == sorted([
        "rationale", "referrer.contact.email",
        "other_agencies.0.contact_details", "other_agencies.0.reason_for_involvement",
        "chronology.1.occurred_on", "chronology.1.event",
        "family_members.0.date_of_birth", "family_members.0.address",
        "child.date_of_birth",
    ])


def test_malformed_boxes_are_refused_with_their_paths(org):
    response = org.client.post(URL, headers=org.as_(org.lead), json={
        "referrer": {"contact": {"email": "not-an-address"}}, "child": {"date_of_birth": "yesterday"},
        "review_type_requested": "inquiry"})
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"body.referrer.contact.email", "body.child.date_of_birth", "body.review_type_requested"} <= fields


def test_business_office_and_lead_reviewers_cannot_draft_referrals(org):
    assert org.client.post(URL, json={}, headers=org.as_(org.office)).status_code == 403
    assert org.client.post(URL, json={}, headers=org.as_(org.reviewer)).status_code == 403


def test_allowed_actions_on_the_same_referral_differ_by_caller(org, db):
    """Each read lists the steps its caller may take now, from the one table; screens show only those."""
    case_system = _client_headers(db, org.agency, ["referrals:write"])
    referral = org.create(by=org.manager)

    def allowed(headers):
        response = org.client.get(f"{URL}/{referral['id']}", headers=headers)
        assert response.status_code == 200, response.text
        return response.json()["allowed_actions"]

    # A draft: people of the agency may edit, submit or delete it; its case system may edit but not sign.
    assert allowed(org.as_(org.manager)) == ["edit", "submit", "delete"]
    assert allowed(case_system) == ["edit"]

    # Awaiting sign-off: the referrer (a manager) may not sign off their own; the second manager may.
    assert org.act(referral["id"], "submit", org.manager).status_code == 200
    assert allowed(org.as_(org.manager)) == []
    assert allowed(org.as_(org.second_manager)) == ["sign_off", "decline_sign_off"]
    assert allowed(org.as_(org.lead)) == []
    assert allowed(case_system) == []
    assert org.get(referral["id"], org.office).status_code == 404  # still the agency's own

    # Submitted: now the business office's to consider; the agency and the strategic leads wait.
    assert org.act(referral["id"], "sign-off", org.second_manager, {"agree": True}).status_code == 200
    assert allowed(org.as_(org.office)) == ["start_consideration", "return"]
    for waiting in (org.manager, org.second_manager, org.strategic, org.scrutineer):
        assert allowed(org.as_(waiting)) == [], waiting.name
    assert allowed(case_system) == []


def test_a_refused_caller_is_403_while_the_409_lists_the_steps_open_to_anyone(org):
    """The wrong caller learns nothing of the state (403); the right caller at the wrong time gets the open steps."""
    referral = org.to_state("submitted")
    wrong_caller = org.act(referral["id"], "partner-positions", org.office, {"agreed": True, "reasons": "c"})
    assert wrong_caller.status_code == 403 and "allowed_actions" not in wrong_caller.json()
    wrong_time = org.act(referral["id"], "partner-positions", org.strategic, {"agreed": True, "reasons": "c"})
    assert wrong_time.status_code == 409
    assert wrong_time.json()["allowed_actions"] == ["start_consideration", "return"]
    assert {"current_state", "action", "allowed_actions"} <= set(wrong_time.json())
