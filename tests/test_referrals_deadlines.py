"""The business office decides within 15 working days of sign-off; managers sign off within 2."""
# ruff: noqa: F811  (pytest fixtures imported from tests.referral_forms are shadowed by test arguments)

from datetime import UTC, date, datetime

from sqlalchemy import select

from backend.cases.models import Case
from backend.deadlines import service as deadlines
from backend.deadlines.models import Deadline
from backend.referrals.models import Referral
from backend.referrals.policy import ReferralState
from backend.reminders.worker import run_once
from tests.referral_forms import RECOMMENDATION, URL, org, published  # noqa: F401 (fixtures)
from tests.sql_support import counted


def _listed(org, user, **params) -> list[str]:
    return [i["id"] for i in org.client.get(URL, params=params, headers=org.as_(user)).json()["items"]]


def test_decision_due_fifteen_working_days_after_sign_off_skipping_christmas_and_new_year(org, db, frozen_now):
    # Signed off Wednesday 16 December 2026. Working days after it: 17, 18, 21, 22, 23, 24 December (6);
    # not 25 (Christmas), 26-27 (weekend) or 28 (Boxing Day substitute); 29, 30, 31 December (9);
    # not 1 January (New Year's Day); 4, 5, 6, 7, 8 January (14); Monday 11 January 2027 is the 15th.
    frozen_now[0] = datetime(2026, 12, 16, 9, 0, tzinfo=UTC)
    org.frozen = frozen_now
    referral = org.to_state("submitted")
    assert referral["submitted_to_business_office_on"] == "2026-12-16"
    assert referral["due"] == {"due_date": "2027-01-11", "status": "open", "overdue": False}

    decision = db.scalar(select(Deadline).where(Deadline.kind == "referral_decision"))
    assert decision.subject_type == "referral" and str(decision.subject_id) == referral["id"]
    assert decision.owner_role == "business_office" and decision.child_reference == "Child TQ"
    assert decision.link == f"/referrals/{referral['id']}" and "Jordan" not in decision.title
    sign_off = db.scalar(select(Deadline).where(Deadline.kind == "referral_sign_off"))
    assert sign_off.due_date == date(2026, 12, 18) and sign_off.status == "met"
    assert sign_off.owner_agency_id == org.agency.id


def test_overdue_flag_and_filter_move_with_the_clock(org, frozen_now):
    frozen_now[0] = datetime(2026, 12, 16, 9, 0, tzinfo=UTC)
    org.frozen = frozen_now
    late = org.to_state("submitted")
    draft = org.to_state("draft")

    frozen_now[0] = datetime(2027, 1, 11, 16, 0, tzinfo=UTC)  # the due date itself: not yet late
    assert org.get(late["id"], org.office).json()["due"]["overdue"] is False
    assert _listed(org, org.office, overdue="true") == []

    frozen_now[0] = datetime(2027, 1, 12, 0, 30, tzinfo=UTC)
    assert org.get(late["id"], org.office).json()["due"] == {"due_date": "2027-01-11", "status": "open",
                                                             "overdue": True}
    assert _listed(org, org.office, overdue="true") == [late["id"]]
    assert _listed(org, org.office, overdue="false") == []
    assert _listed(org, org.lead, overdue="false") == [draft["id"]]
    item = org.client.get(URL, headers=org.as_(org.office)).json()["items"][0]
    assert item["due"]["overdue"] is True
    registry = org.client.get("/api/v1/deadlines", params={"overdue": "true"}, headers=org.as_(org.office)).json()
    assert [d["subject_id"] for d in registry["items"]] == [late["id"]]

    org.act(late["id"], "start-consideration", org.office)
    org.act(late["id"], "recommendation", org.office, RECOMMENDATION)
    decided = org.decide(late["id"], {"agreed": False, "reasons": "Single-agency learning."})
    assert decided["due"] == {"due_date": "2027-01-11", "status": "met", "overdue": False}
    assert _listed(org, org.office, overdue="true") == []


def test_sign_off_is_due_in_two_working_days_and_shows_on_the_agencys_deadlines(org, db, frozen_now):
    frozen_now[0] = datetime(2026, 12, 18, 9, 0, tzinfo=UTC)  # a Friday
    referral = org.to_state("awaiting_sign_off")
    mine = org.client.get("/api/v1/deadlines", params={"kind": "referral_sign_off"}, headers=org.as_(org.manager))
    assert [(d["due_date"], d["child_reference"]) for d in mine.json()["items"]] == [("2026-12-22", "Child TQ")]
    theirs = org.client.get("/api/v1/deadlines", params={"kind": "referral_sign_off"},
                            headers=org.as_(org.other_manager))
    assert theirs.json()["items"] == []
    # The business office does not know of the referral until it is signed off (it is the agency's own
    # working paper), so neither its deadline nor its child reference reaches the office's list.
    office = org.client.get("/api/v1/deadlines", headers=org.as_(org.office)).json()["items"]
    assert [d for d in office if d["subject_id"] == referral["id"]] == []
    org.act(referral["id"], "sign-off", org.manager, {"agree": True})
    office = org.client.get("/api/v1/deadlines", headers=org.as_(org.office)).json()["items"]
    assert [d["kind"] for d in office if d["subject_id"] == referral["id"]] == ["referral_decision"]
    assert db.scalar(select(Deadline.status).where(Deadline.kind == "referral_sign_off")) == "met"


def test_an_overdue_sign_off_is_chased_within_the_agency_and_never_reaches_the_business_office(
        org, frozen_now, smtp_server, jobs):
    referral = org.to_state("awaiting_sign_off")  # Monday 23 November: due Wednesday 25
    for day in (23, 24, 25, 26, 27, 30):  # three working days overdue on the Monday after: escalated
        frozen_now[0] = datetime(2026, 11, day, 10, 0, tzinfo=UTC)
        run_once(jobs)
    escalations = [m for m in smtp_server.messages if "Escalated:" in m.subject]
    assert sorted(r for m in escalations for r in m.rcpt_tos) == sorted([org.manager.email, org.second_manager.email])
    assert smtp_server.to(org.lead.email) != []
    assert smtp_server.to(org.office.email) == []
    office = org.client.get("/api/v1/deadlines", headers=org.as_(org.office)).json()["items"]
    assert [d for d in office if d["subject_id"] == referral["id"]] == []


def _signed_off_referrals(db, org, count: int) -> None:
    for number in range(count):
        case = Case(reference=f"Child Q{number}")
        referral = Referral(agency_id=org.agency.id, state=ReferralState.submitted, case=case,
                            other_agencies=[], chronology=[], family_members=[],
                            submitted_to_business_office_on=date(2026, 11, 23))
        db.add(referral)
        db.flush()
        deadlines.open_deadline(db, kind="referral_decision", subject_type="referral", subject_id=referral.id,
                                due_date=date(2026, 12, 14), title="Decide", case_id=case.id)


def test_a_page_of_fifty_referrals_costs_a_small_constant_number_of_statements(org, db, engine):
    _signed_off_referrals(db, org, 55)
    def page(limit: int) -> int:
        with counted(engine) as statements:
            response = org.client.get(URL, params={"limit": limit}, headers=org.as_(org.office))
        assert response.status_code == 200 and len(response.json()["items"]) == limit
        assert response.json()["total"] == 55
        return len([s for s in statements if not s.lstrip().upper().startswith(("SAVEPOINT", "RELEASE"))])

    fifty = page(50)
    # The caller, the count, the page (agencies joined) and its deadlines: the same for 5 rows or 50.
    assert fifty <= 5, fifty
    assert page(5) == fifty
