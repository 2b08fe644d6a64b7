"""Parallel processes of a review (seed 003, Appendix 6): a prosecution can hold publication back; the officer in
charge is given the terms of reference and invited to the practitioner event; each agency sees only its own."""

import uuid

from sqlalchemy import select

from backend.audit.models import AuditEvent
from backend.events.models import Invitation
from backend.parallel_processes.service import holding_publication
from tests.engagement_support import people
from tests.events_support import schedule
from tests.versions import edit

INVESTIGATION = {
    "kind": "criminal_investigation", "title": "Police investigation (Operation Kestrel)", "started_on": "2026-10-02",
    "officer_in_charge_name": "DC Alex Reid", "officer_in_charge_email": "alex.reid@police.example.org",
    "officer_in_charge_phone": "01632 960 123", "holds_publication": True,
    "publication_held_until": "the end of any prosecution",
}


def _record(client, make, p, body, by=None):
    response = client.post(f"{p.url}/parallel-processes", headers=make.headers(by or p.office), json=body)
    assert response.status_code == 201, response.text
    return response.json()


def test_a_police_investigation_holds_publication_until_it_concludes(client, db, make, frozen_now):
    p = people(db, make)
    investigation = _record(client, make, p, INVESTIGATION | {"agency_id": str(p.police.id)})
    proceedings = _record(client, make, p, {"kind": "care_proceedings", "title": "Care proceedings for the siblings",
                                           "agency_id": str(p.trust.id)})
    assert investigation["holding_publication"] is True and proceedings["holding_publication"] is False
    assert investigation["allowed_actions"] == ["edit", "conclude", "invite_officer"]
    assert [h.title for h in holding_publication(db, p.review)] == ["Police investigation (Operation Kestrel)"]

    url = f"{p.url}/parallel-processes/{investigation['id']}"
    concluded = client.post(f"{url}/conclude", headers=make.headers(p.office),
                            json={"concluded_on": "2026-11-20", "outcome": "Charged; trial listed"})
    assert concluded.status_code == 200 and concluded.json()["status"] == "concluded"
    assert concluded.json()["holding_publication"] is False and concluded.json()["holds_publication"] is True
    assert holding_publication(db, p.review) == []
    audit = db.scalar(select(AuditEvent).where(AuditEvent.action == "conclude", AuditEvent.entity_id == url[-36:]))
    assert audit.changes["status"] == {"from": "active", "to": "concluded"}


def test_holding_publication_without_saying_until_what_is_refused_and_nothing_is_recorded(client, db, make,
                                                                                          frozen_now):
    p = people(db, make)
    refused = client.post(f"{p.url}/parallel-processes", headers=make.headers(p.office),
                          json=INVESTIGATION | {"publication_held_until": "", "started_on": "2027-01-01"})
    assert refused.status_code == 422
    assert {e["field"]: e["message"] for e in refused.json()["errors"]} == {
        "body.publication_held_until": "Enter what publication is held until",
        "body.started_on": "The date it began must be today or in the past"}
    assert client.get(f"{p.url}/parallel-processes", headers=make.headers(p.office)).json() == []


def test_the_officer_in_charge_is_given_the_terms_of_reference_and_invited_to_the_practitioner_event(
        client, db, make, frozen_now):
    p = people(db, make)
    investigation = _record(client, make, p, INVESTIGATION | {"agency_id": str(p.police.id)})
    url = f"{p.url}/parallel-processes/{investigation['id']}"
    given = edit(client, "PATCH", url, headers=make.headers(p.office),
                 json={"terms_of_reference_given_on": "2026-11-20"})
    assert given.status_code == 200 and given.json()["terms_of_reference_given_on"] == "2026-11-20"
    event = schedule(client, make, p.office, p.review)
    invited = client.post(f"{url}/invite-officer", headers=make.headers(p.office), json={"event_id": event["id"]})
    assert invited.status_code == 200, invited.text
    assert invited.json()["practitioner_event_date_given_on"] == "2026-11-23"
    invitation = db.scalar(select(Invitation).where(Invitation.event_id == uuid.UUID(event["id"])))
    assert (invitation.name, invitation.agency_id, invitation.job_title) == (
        "DC Alex Reid", p.police.id, "Officer in charge")
    again = client.post(f"{url}/invite-officer", headers=make.headers(p.office), json={"event_id": event["id"]})
    assert again.status_code == 409


def test_only_a_criminal_process_with_an_officer_in_charge_offers_the_invitation(client, db, make, frozen_now):
    p = people(db, make)
    lado = _record(client, make, p, {"kind": "lado", "title": "LADO enquiry about a teacher"})
    assert lado["allowed_actions"] == ["edit", "conclude"]
    event = schedule(client, make, p.office, p.review)
    refused = client.post(f"{p.url}/parallel-processes/{lado['id']}/invite-officer", headers=make.headers(p.office),
                          json={"event_id": event["id"]})
    assert refused.status_code == 409 and refused.json()["action"] == "invite_officer"


def test_a_planned_process_begins_then_concludes_and_a_concluded_one_cannot_begin(client, db, make, frozen_now):
    p = people(db, make)
    planned = _record(client, make, p, {"kind": "disciplinary", "title": "Disciplinary process", "status": "planned"})
    assert planned["allowed_actions"] == ["edit", "begin", "conclude"]
    url = f"{p.url}/parallel-processes/{planned['id']}"
    begun = client.post(f"{url}/begin", headers=make.headers(p.office), json={"started_on": "2026-11-02"})
    assert begun.json()["status"] == "active" and begun.json()["started_on"] == "2026-11-02"
    early = client.post(f"{url}/conclude", headers=make.headers(p.office), json={"concluded_on": "2026-11-01"})
    assert early.status_code == 422 and early.json()["errors"][0]["field"] == "body.concluded_on"
    client.post(f"{url}/conclude", headers=make.headers(p.office), json={"concluded_on": "2026-11-20"})
    again = client.post(f"{url}/begin", headers=make.headers(p.office), json={"started_on": "2026-11-02"})
    assert again.status_code == 409 and again.json()["current_state"] == "concluded"


def test_each_agency_sees_only_its_own_processes_and_readers_change_nothing(client, db, make, frozen_now):
    p = people(db, make)
    investigation = _record(client, make, p, INVESTIGATION | {"agency_id": str(p.police.id)})
    _record(client, make, p, {"kind": "care_proceedings", "title": "Care proceedings", "agency_id": str(p.trust.id)})
    listed = client.get(f"{p.url}/parallel-processes", headers=make.headers(p.police_lead)).json()
    assert [x["title"] for x in listed] == [INVESTIGATION["title"]] and listed[0]["allowed_actions"] == []
    for reader in (p.reviewer, p.strategic, p.scrutineer):
        assert len(client.get(f"{p.url}/parallel-processes", headers=make.headers(reader)).json()) == 2
    url = f"{p.url}/parallel-processes/{investigation['id']}"
    trust_read = client.get(url, headers=make.headers(p.trust_lead))
    assert trust_read.status_code == 404
    refused = client.post(f"{url}/conclude", headers=make.headers(p.reviewer), json={"concluded_on": "2026-11-20"})
    assert refused.status_code == 403


def test_the_review_task_list_and_publication_checklist_name_a_process_only_to_who_may_see_it(client, db, make,
                                                                                             frozen_now):
    # The police's investigation is not there for the trust (404): its task list names it neither.
    p = people(db, make)
    investigation = _record(client, make, p, INVESTIGATION | {"agency_id": str(p.police.id)})
    keys = {f"officer_given_terms_of_reference:{investigation['id']}", f"publication_held:{investigation['id']}"}

    def tasks(reader):
        review = client.get(p.url, headers=make.headers(reader))
        assert review.status_code == 200, review.text
        return {t["key"] for t in review.json()["tasks"]}, review.text

    for reader in (p.office, p.reviewer, p.strategic, p.scrutineer, p.police_lead):
        assert keys <= tasks(reader)[0], reader.role
    trust_keys, trust_text = tasks(p.trust_lead)
    assert not keys & trust_keys
    assert investigation["id"] not in trust_text and INVESTIGATION["title"] not in trust_text

    # Nor does its publication checklist: something holds publication back, never what.
    def held(reader):
        publication = client.get(f"{p.url}/publication", headers=make.headers(reader))
        assert publication.status_code == 200, publication.text
        return {i["key"]: i for i in publication.json()["checklist"]}["not_held_by_parallel_process"]["hint"]

    assert held(p.office) == held(p.police_lead) == (
        "Held by Police investigation (Operation Kestrel) (until the end of any prosecution)")
    assert held(p.trust_lead) == "Held by a parallel process"


def test_a_lead_reviewer_of_another_review_and_an_agency_not_involved_get_404_on_every_route(client, db, make,
                                                                                          frozen_now):
    p = people(db, make)
    investigation = _record(client, make, p, INVESTIGATION | {"agency_id": str(p.police.id)})
    url = f"{p.url}/parallel-processes"
    one = f"{url}/{investigation['id']}"
    for stranger in (p.other_reviewer, p.outsider_lead):
        headers = make.headers(stranger) | {"If-Match": '"1"'}
        answers = [client.get(url, headers=headers), client.post(url, headers=headers, json=INVESTIGATION),
                   client.get(one, headers=headers), client.patch(one, headers=headers, json={"notes": "x"}),
                   client.post(f"{one}/begin", headers=headers, json={"started_on": "2026-11-02"}),
                   client.post(f"{one}/conclude", headers=headers, json={"concluded_on": "2026-11-20"}),
                   client.post(f"{one}/invite-officer", headers=headers, json={"event_id": investigation["id"]})]
        assert [a.status_code for a in answers] == [404] * len(answers), stranger.role


def test_the_demo_shows_child_lws_investigation_holding_publication_and_child_rms_concluded_prosecution(db, frozen_now):
    from backend.demo import seed_demo
    from backend.family_engagement.models import FamilyMember
    from backend.parallel_processes.models import ParallelProcess
    from backend.reviews.models import Review

    seed_demo(db, only_if_empty=False)
    reviews = {r.child_reference: r for r in db.scalars(select(Review))}
    [held] = holding_publication(db, reviews["Child LW"])
    assert held.officer_in_charge_name and held.practitioner_event_date_given_on is not None
    [prosecution] = db.scalars(select(ParallelProcess).where(ParallelProcess.review_id == reviews["Child RM"].id))
    assert prosecution.status == "concluded" and holding_publication(db, reviews["Child RM"]) == []
    members = db.scalars(select(FamilyMember.relationship_to_child).where(
        FamilyMember.review_id == reviews["Child LW"].id)).all()
    assert set(members) == {"Mother", "Mother's partner", "Half-brother", "Maternal grandmother"}
