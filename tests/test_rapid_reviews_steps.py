"""What each person may do to a rapid review, its immediate actions and a notification, as the reads tell them;
and that nothing under a rapid review or a notification is reached except through a parent the caller may see."""

import uuid

from backend.core.access import Role
from backend.identity.models import AgencyKind, SafeguardingPartner
from backend.rapid_reviews.policy import RAPID_REVIEW
from tests.partner_positions import decide, three_partners
from tests.stage_one import NOTIFICATIONS, client_headers, notification_body, notify
from tests.test_rapid_reviews import MEETING
from tests.versions import edit

RAPID_REVIEWS = "/api/v1/rapid-reviews"
ACTION = {"description": "Check on the sibling at school.", "due_date": "2026-11-30"}


def _steps(client, make, user, url):
    return client.get(url, headers=make.headers(user)).json()["allowed_actions"]


def test_each_person_is_offered_exactly_the_steps_they_may_take_as_the_rapid_review_moves_on(
        client, make, frozen_now):
    police = make.agency("Police")
    office, scrutineer = make.user(Role.business_office), make.user(Role.scrutineer)
    partners = three_partners(make)
    strategic = next(iter(partners.values()))
    police_lead = make.user(Role.agency_lead, police)
    url = f"{RAPID_REVIEWS}/{notify(client, make, office, agency_ids=[str(police.id)])['rapid_review_id']}"

    def offered():
        return {who: _steps(client, make, user, url) for who, user in
                (("office", office), ("scrutineer", scrutineer), ("strategic", strategic), ("police", police_lead))}

    assert offered() == {"office": ["send_information_requests", "record_meeting", "edit_briefing"],
                         "scrutineer": ["comment"], "strategic": [], "police": []}
    client.post(f"{url}/meeting", headers=make.headers(office), json=MEETING)
    assert offered()["office"] == ["send_information_requests", "correct_meeting", "add_immediate_action",
                                   "make_recommendation", "edit_briefing"]
    client.post(f"{url}/recommendation", headers=make.headers(office),
                json={"recommendation": "local_cspr", "rationale": "Significant learning remains."})
    assert offered() == {"office": ["add_immediate_action", "edit_briefing"], "scrutineer": ["comment"],
                         "strategic": ["record_partner_position"], "police": []}
    decide(client, make, f"{url}/partner-positions", {"hold_cspr": False, "reasons": "Learning is in hand."},
           partners)
    assert offered()["office"] == ["add_immediate_action", "send_to_panel", "edit_briefing"]
    client.post(f"{url}/panel-submission", headers=make.headers(office), json={"sent_on": "2026-11-23"})
    assert offered()["office"] == ["add_immediate_action", "record_panel_response", "edit_briefing"]
    client.post(f"{url}/panel-response", headers=make.headers(office),
                json={"agrees": True, "responded_on": "2026-11-23"})
    assert offered() == {"office": ["add_immediate_action", "edit_briefing"], "scrutineer": ["comment"],
                         "strategic": [], "police": []}


def test_scrutineer_may_comment_but_not_decide_and_is_told_which_steps_are_open(client, make, frozen_now):
    office, scrutineer = make.user(Role.business_office), make.user(Role.scrutineer)
    url = f"{RAPID_REVIEWS}/{notify(client, make, office)['rapid_review_id']}"
    client.post(f"{url}/meeting", headers=make.headers(office), json=MEETING)
    client.post(f"{url}/recommendation", headers=make.headers(office),
                json={"recommendation": "local_cspr", "rationale": "Significant learning remains."})

    assert _steps(client, make, scrutineer, url) == ["comment"]
    refused = client.post(f"{url}/partner-positions", headers=make.headers(scrutineer), json={"hold_cspr": True})
    assert refused.status_code == 403
    assert client.post(f"{url}/comments", headers=make.headers(scrutineer),
                       json={"body": "The criteria are met."}).status_code == 201
    timeline = client.get(f"{url}/timeline", headers=make.headers(scrutineer)).json()
    assert [(e["action"], e["summary"]) for e in timeline][-1] == ("comment", f"{scrutineer.name} commented")


def test_the_scrutineer_is_asked_for_a_comment_once_the_meeting_recommends_until_they_comment_or_it_is_decided(
        client, make, frozen_now):
    office, scrutineer = make.user(Role.business_office), make.user(Role.scrutineer)

    def waiting(url):
        found = client.get("/api/v1/deadlines", headers=make.headers(scrutineer),
                           params={"kind": "scrutineer_comment"}).json()["items"]
        return [(d["title"], d["status"], d["due_date"])
                for d in found if d["link"] == url.removeprefix("/api/v1")]

    recommended = []
    for reference in ("Child Q0", "Child Q1"):
        url = f"{RAPID_REVIEWS}/{notify(client, make, office, child_reference=reference)['rapid_review_id']}"
        client.post(f"{url}/meeting", headers=make.headers(office), json=MEETING)
        assert waiting(url) == []  # nothing is asked of the scrutineer before there is a recommendation
        client.post(f"{url}/recommendation", headers=make.headers(office),
                    json={"recommendation": "local_cspr", "rationale": "Significant learning remains."})
        recommended.append(url)
    commented, decided = recommended
    # Recommended on Monday 23 November 2026: the comment is wanted within two working days.
    assert waiting(commented) == [(
        "Comment on the rapid review of Child Q0 before the partners decide", "open", "2026-11-25")]

    client.post(f"{commented}/comments", headers=make.headers(scrutineer), json={"body": "The criteria are met."})
    decide(client, make, f"{decided}/partner-positions", {"hold_cspr": True})

    assert [status for _, status, _ in waiting(commented)] == ["met"]
    assert [status for _, status, _ in waiting(decided)] == ["waived"]


def test_a_step_out_of_turn_answers_409_naming_the_state_the_step_and_the_steps_open_now(client, make, frozen_now):
    office, police = make.user(Role.business_office), make.agency("Police")
    strategic = three_partners(make)[SafeguardingPartner.police]
    url = f"{RAPID_REVIEWS}/{notify(client, make, office)['rapid_review_id']}"
    early = client.post(f"{url}/partner-positions", headers=make.headers(strategic), json={"hold_cspr": True})
    assert early.status_code == 409
    assert {k: early.json()[k] for k in ("current_state", "action", "allowed_actions")} == {
        "current_state": "gathering_information", "action": "record_partner_position",
        "allowed_actions": ["send_information_requests", "record_meeting", "comment", "edit_briefing"]}
    assert "allowed_from" not in early.json()

    client.post(f"{url}/meeting", headers=make.headers(office), json=MEETING)
    client.post(f"{url}/recommendation", headers=make.headers(office),
                json={"recommendation": "local_cspr", "rationale": "Significant learning remains."})
    late = client.post(f"{url}/information-requests", headers=make.headers(office),
                       json={"agency_ids": [str(police.id)]})
    assert late.status_code == 409
    assert (late.json()["current_state"], late.json()["action"]) == ("recommendation_made", "send_information_requests")
    correction = client.patch(f"{url}/meeting", headers=make.headers(office), json={"facts_reviewed": "More."})
    assert correction.status_code == 409 and correction.json()["action"] == "correct_meeting"


def test_every_step_of_the_table_is_on_the_rapid_review_screen_and_no_other():
    assert list(RAPID_REVIEW.steps) == [
        "send_information_requests", "record_meeting", "correct_meeting", "add_immediate_action",
        "make_recommendation", "record_partner_position", "send_to_panel", "record_panel_response", "comment",
        "edit_briefing"]


def test_an_immediate_action_offers_completion_to_its_own_agency_and_the_business_office_until_done(
        client, make, frozen_now):
    police, hospital = make.agency("Police"), make.agency("Hospital")
    office = make.user(Role.business_office)
    police_lead, hospital_lead = make.user(Role.agency_lead, police), make.user(Role.agency_lead, hospital)
    url = f"{RAPID_REVIEWS}/{notify(client, make, office, agency_ids=[str(hospital.id)])['rapid_review_id']}"
    recorded = client.post(f"{url}/meeting", headers=make.headers(office),
                           json=MEETING | {"immediate_actions": [ACTION | {"agency_id": str(police.id)}]})
    assert recorded.json()["immediate_actions"][0]["allowed_actions"] == ["complete"]

    def offered(user):
        return client.get(url, headers=make.headers(user)).json()["immediate_actions"][0]["allowed_actions"]

    assert (offered(police_lead), offered(hospital_lead), offered(office)) == (["complete"], [], ["complete"])
    action_id = recorded.json()["immediate_actions"][0]["id"]
    done = client.post(f"{url}/immediate-actions/{action_id}/complete", headers=make.headers(police_lead),
                       json={"completed_on": "2026-11-23"})
    assert done.status_code == 200 and done.json()["allowed_actions"] == []
    assert (offered(police_lead), offered(office)) == ([], [])
    again = client.post(f"{url}/immediate-actions/{action_id}/complete", headers=make.headers(office),
                        json={"completed_on": "2026-11-23"})
    assert again.status_code == 409
    assert (again.json()["current_state"], again.json()["action"], again.json()["allowed_actions"]) == (
        "completed", "complete", [])
    assert again.json()["detail"] == "This action is already complete."


def test_completing_another_rapid_reviews_action_through_this_ones_address_is_not_found(client, make, frozen_now):
    police = make.agency("Police")
    office, police_lead = make.user(Role.business_office), make.user(Role.agency_lead, police)
    first = f"{RAPID_REVIEWS}/{notify(client, make, office, agency_ids=[str(police.id)])['rapid_review_id']}"
    other_child = notify(client, make, office, agency_ids=[str(police.id)], child_reference="Child KT")
    second = f"{RAPID_REVIEWS}/{other_child['rapid_review_id']}"
    for url in (first, second):
        client.post(f"{url}/meeting", headers=make.headers(office), json=MEETING)
    theirs = client.post(f"{second}/immediate-actions", headers=make.headers(office),
                         json=ACTION | {"agency_id": str(police.id)}).json()

    for user in (office, police_lead):
        crossed = client.post(f"{first}/immediate-actions/{theirs['id']}/complete", headers=make.headers(user),
                              json={"completed_on": "2026-11-23"})
        assert crossed.status_code == 404
    assert client.get(second, headers=make.headers(office)).json()["immediate_actions"][0]["completed_on"] is None
    assert "complete_immediate_action" not in [
        e["action"] for e in client.get(f"{first}/timeline", headers=make.headers(office)).json()]


def test_nothing_under_a_rapid_review_an_agency_is_not_involved_in_is_found(client, db, make, frozen_now):
    police, school = make.agency("Police"), make.agency("School")
    office, school_lead = make.user(Role.business_office), make.user(Role.agency_lead, school)
    url = f"{RAPID_REVIEWS}/{notify(client, make, office, agency_ids=[str(police.id)])['rapid_review_id']}"
    recorded = client.post(f"{url}/meeting", headers=make.headers(office),
                           json=MEETING | {"immediate_actions": [ACTION | {"agency_id": str(police.id)}]}).json()
    action_id = recorded["immediate_actions"][0]["id"]

    for path in ("", "/timeline", "/learning-briefing", "/learning-briefing.md", "/learning-briefing.docx",
                 "/information-requests"):
        assert client.get(f"{url}{path}", headers=make.headers(school_lead)).status_code == 404, path
    # The school may complete its own actions, but not reach this rapid review's.
    assert client.post(f"{url}/immediate-actions/{action_id}/complete", headers=make.headers(school_lead),
                       json={"completed_on": "2026-11-23"}).status_code == 404
    school_system = client_headers(client, db, make, school, ["information_requests:read"])
    assert client.get(f"{url}/information-requests", headers=school_system).status_code == 404
    police_system = client_headers(client, db, make, police, ["information_requests:read"])
    assert client.get(f"{url}/information-requests", headers=police_system).status_code == 200
    # An address that names no rapid review is not found either, whoever asks.
    missing = f"{RAPID_REVIEWS}/{uuid.uuid4()}"
    assert client.post(f"{missing}/meeting", headers=make.headers(office), json=MEETING).status_code == 404
    assert client.post(f"{missing}/information-requests", headers=make.headers(office),
                       json={"agency_ids": [str(police.id)]}).status_code == 404


def test_a_notification_offers_its_changes_to_the_business_office_and_the_notifying_agency_only(
        client, db, make, frozen_now):
    trust, police = make.agency("Trust", AgencyKind.childrens_social_care), make.agency("Police", AgencyKind.police)
    office, scrutineer = make.user(Role.business_office), make.user(Role.scrutineer)
    trust_system = client_headers(client, db, make, trust, ["incident_notifications:write"])
    police_system = client_headers(client, db, make, police, ["incident_notifications:write"])
    created = client.post(NOTIFICATIONS, headers=make.headers(office), json={
        **notification_body(), "notifying_agency_id": str(trust.id), "agency_ids": [str(police.id)]})
    url = f"{NOTIFICATIONS}/{created.json()['id']}"

    def offered(headers):
        return client.get(url, headers=headers).json()["allowed_actions"]

    assert offered(make.headers(office)) == offered(trust_system) == ["record_panel_notification", "correct"]
    assert offered(police_system) == offered(make.headers(scrutineer)) == []
    assert client.patch(url, headers=police_system, json={"summary": "x"}).status_code == 403
    recorded = edit(client, "PATCH", url, headers=trust_system, json={"notified_panel_on": "2026-11-20"})
    assert recorded.status_code == 200 and recorded.json()["allowed_actions"] == ["correct"]


def test_a_notifications_timeline_is_found_only_by_the_agencies_that_sent_it_or_are_named_in_it(
        client, db, make, frozen_now):
    trust, police, school = make.agency("Trust"), make.agency("Police"), make.agency("School")
    office = make.user(Role.business_office)
    created = client.post(NOTIFICATIONS, headers=make.headers(office), json={
        **notification_body(), "notifying_agency_id": str(trust.id), "agency_ids": [str(police.id)]})
    timeline = f"{NOTIFICATIONS}/{created.json()['id']}/timeline"
    for agency, status in ((trust, 200), (police, 200), (school, 404)):
        lead = make.user(Role.agency_lead, agency)
        assert client.get(timeline, headers=make.headers(lead)).status_code == status, agency.name
        listed = client.get(NOTIFICATIONS, headers=make.headers(lead)).json()["total"]
        assert listed == (1 if status == 200 else 0)
    assert client.get(f"{NOTIFICATIONS}/{uuid.uuid4()}/timeline", headers=make.headers(office)).status_code == 404
