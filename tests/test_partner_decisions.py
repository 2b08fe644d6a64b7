"""Working Together 2023: the decision whether to review is the three safeguarding partners' (the local authority,
the integrated care board, the police), jointly. Each partner's position is recorded by its own lead or delegate;
the decision stands when all three have recorded theirs, and not before."""
# ruff: noqa: F811  (the `published` fixture imported from tests.referral_forms is shadowed by test arguments)

import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from backend.audit.models import AuditEvent
from backend.core import domain_events
from backend.core.access import Role
from backend.core.config import get_settings
from backend.deadlines.models import Deadline, DeadlineStatus
from backend.identity.models import AgencyKind, SafeguardingPartner
from backend.partner_decisions.models import DecisionSubject
from backend.partner_decisions.service import positions_of
from backend.rapid_reviews.events import RapidReviewDecided
from backend.referrals.events import ReferralDecided
from backend.reviews.models import Review
from tests.partner_positions import three_partners
from tests.referral_forms import RECOMMENDATION, Partnership, partnership, published  # noqa: F401 (fixture)
from tests.stage_one import client_headers, notify
from tests.test_rapid_reviews import MEETING

SP = SafeguardingPartner
LA, ICB, POLICE = SP.local_authority, SP.integrated_care_board, SP.police


@pytest.fixture
def office(make):
    return make.user(Role.business_office, name="Bea Office")


@pytest.fixture
def partners(make):
    users = three_partners(make)
    users[ICB].job_title = "Chief nurse (delegated safeguarding partner)"
    make.session.flush()
    return users


def _recommended(client, make, office, recommendation="local_cspr", **notification) -> str:
    url = f"/api/v1/rapid-reviews/{notify(client, make, office, **notification)['rapid_review_id']}"
    assert client.post(f"{url}/meeting", headers=make.headers(office),
                       json=MEETING | {"immediate_action_needed": False}).status_code == 201
    made = client.post(f"{url}/recommendation", headers=make.headers(office), json={
        "recommendation": recommendation, "rationale": "Significant learning about information sharing.",
        "learning_mechanisms": ["Multi-agency audit"]})
    assert made.status_code == 200, made.text
    return url


def _position(client, make, user, url, **body):
    return client.post(f"{url}/partner-positions", headers=make.headers(user), json=body)


def test_rapid_review_is_decided_only_when_all_three_partners_have_recorded_their_positions(
        client, db, make, office, partners, frozen_now):
    url = _recommended(client, make, office)
    first = _position(client, make, partners[LA], url, hold_cspr=True, reasons="The criteria are met.",
                      recorded_on="2026-11-20")
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["state"] == "recommendation_made" and body["hold_cspr"] is None and body["review_id"] is None
    assert body["decision_outstanding_from"] == ["integrated_care_board", "police"]
    la = body["partner_positions"][0]
    assert (la["partner"], la["label"], la["agency"]["id"]) == ("local_authority", "the local authority",
                                                                 str(partners[LA].agency_id))
    assert la["position"] | {"recorded_at": None} == {
        "for_review": True, "review_type": None, "agrees_with_recommendation": True,
        "reasons": "The criteria are met.", "recorded_by_name": "Lena Council", "recorded_by_job_title": None,
        "recorded_at": None, "recorded_on": "2026-11-20"}
    assert [p["position"] for p in body["partner_positions"][1:]] == [None, None]

    second = _position(client, make, partners[ICB], url, hold_cspr=True, recorded_on="2026-11-23").json()
    assert second["state"] == "recommendation_made" and second["decision_outstanding_from"] == ["police"]
    assert second["partner_positions"][1]["position"]["recorded_by_job_title"] == \
        "Chief nurse (delegated safeguarding partner)"
    assert db.scalars(select(Review)).all() == []

    third = _position(client, make, partners[POLICE], url, hold_cspr=False,
                      reasons="The police investigation must come first; a single-agency review will do.",
                      recorded_on="2026-11-21").json()
    # Two of the three would hold a review: the majority decides, on the day the last position was reached.
    assert third["state"] == "decided" and third["hold_cspr"] is True and third["decided_on"] == "2026-11-23"
    assert third["decided_by_name"] == "The three safeguarding partners"
    assert third["decision_outstanding_from"] == [] and third["review_id"] is not None
    review = db.get(Review, uuid.UUID(third["review_id"]))
    assert review.decided_on == date(2026, 11, 23)
    assert "The police (Percy Constable): no local review; disagrees with the recommendation: The police " \
           "investigation must come first" in third["decision_comments"]
    assert _position(client, make, partners[LA], url, hold_cspr=False, reasons="Changed.").status_code == 409


def test_rapid_review_where_most_partners_hold_no_review_opens_none(client, db, make, office, partners, frozen_now):
    url = _recommended(client, make, office)
    for partner in (LA, ICB):
        assert _position(client, make, partners[partner], url, hold_cspr=False,
                         reasons="Learning is in hand through the audit.").status_code == 200
    decided = _position(client, make, partners[POLICE], url, hold_cspr=True).json()
    assert decided["state"] == "decided" and decided["hold_cspr"] is False and decided["review_id"] is None
    assert db.scalars(select(Review)).all() == []


def test_a_disagreement_must_give_reasons_and_is_recorded_with_them(client, make, office, partners, frozen_now):
    url = _recommended(client, make, office, recommendation="no_cspr")
    refused = _position(client, make, partners[ICB], url, hold_cspr=True, reasons="  ")
    assert refused.status_code == 422
    assert refused.json()["errors"] == [{"field": "body.reasons",
                                         "message": "Enter the reasons for disagreeing with the recommendation"}]
    assert client.get(url, headers=make.headers(office)).json()["partner_positions"][1]["position"] is None
    # A referral for a national review is no local review: holding one disagrees, not holding one agrees.
    agreeing = _position(client, make, partners[LA], url, hold_cspr=False)
    assert agreeing.status_code == 200 and agreeing.json()["partner_positions"][0]["position"][
        "agrees_with_recommendation"] is True
    recorded = _position(client, make, partners[ICB], url, hold_cspr=True,
                         reasons="Health's missed appointments need a multi-agency look.").json()
    icb = recorded["partner_positions"][1]["position"]
    assert icb["agrees_with_recommendation"] is False
    assert icb["reasons"] == "Health's missed appointments need a multi-agency look."


def test_only_a_lead_or_delegate_of_a_partner_agency_may_record_its_position(
        client, db, make, office, partners, frozen_now):
    hospital = make.agency("Harbourside University Hospitals NHS Trust", AgencyKind.health)
    url = _recommended(client, make, office, agency_ids=[str(hospital.id)])
    hospital_lead = make.user(Role.strategic_lead, hospital, name="Hal Hospital")
    no_agency = make.user(Role.strategic_lead, name="Fiona Walsh")
    refused = _position(client, make, hospital_lead, url, hold_cspr=True)
    assert refused.status_code == 403
    assert refused.json()["detail"] == (
        "Only a safeguarding partner (lead or delegate) of the local authority, the integrated care board or the "
        "police can record a partner's position: Harbourside University Hospitals NHS Trust is not one of the three "
        "safeguarding partners.")
    assert "no agency" in _position(client, make, no_agency, url, hold_cspr=True).json()["detail"]
    assert _position(client, make, office, url, hold_cspr=True).status_code == 403
    scrutineer = make.user(Role.scrutineer)
    assert _position(client, make, scrutineer, url, hold_cspr=True).status_code == 403
    case_system = client_headers(client, db, make, partners[LA].agency, ["incident_notifications:write"])
    assert client.post(f"{url}/partner-positions", headers=case_system, json={"hold_cspr": True}).status_code == 403
    for user in (hospital_lead, no_agency, office, scrutineer):
        assert "record_partner_position" not in client.get(url, headers=make.headers(user)).json()["allowed_actions"]
    for user in partners.values():
        assert "record_partner_position" in client.get(url, headers=make.headers(user)).json()["allowed_actions"]
    read = client.get(url, headers=make.headers(office)).json()
    assert [p["position"] for p in read["partner_positions"]] == [None, None, None]


def test_a_partner_cannot_record_another_partners_position(client, make, office, partners, frozen_now):
    url = _recommended(client, make, office)
    refused = _position(client, make, partners[LA], url, hold_cspr=True, partner="police")
    assert refused.status_code == 403
    assert refused.json()["errors"] == [{"field": "body.partner",
                                         "message": "You can record only the local authority's position"}]
    # Recording twice changes the partner's own position; it never fills another's.
    for hold in (True, False):
        assert _position(client, make, partners[LA], url, hold_cspr=hold, reasons="Reconsidered.",
                         partner="local_authority").status_code == 200
    read = client.get(url, headers=make.headers(office)).json()
    assert read["state"] == "recommendation_made"
    assert read["decision_outstanding_from"] == ["integrated_care_board", "police"]


def test_a_partner_may_change_its_position_until_the_third_is_recorded_and_the_log_keeps_each(
        client, db, make, office, partners, frozen_now):
    url = _recommended(client, make, office)
    rapid_review_id = uuid.UUID(url.rsplit("/", 1)[1])
    _position(client, make, partners[POLICE], url, hold_cspr=True)
    frozen_now[0] += timedelta(minutes=5)
    changed = _position(client, make, partners[POLICE], url, hold_cspr=False,
                        reasons="The criminal trial has to come first.").json()
    police = changed["partner_positions"][2]["position"]
    assert (police["for_review"], police["agrees_with_recommendation"]) == (False, False)
    [position] = positions_of(db, DecisionSubject.rapid_review, rapid_review_id)
    assert (position.partner, position.partner_label, position.for_review) == (POLICE, "the police", False)
    entries = db.scalars(select(AuditEvent).where(AuditEvent.entity_id == str(rapid_review_id),
                                                  AuditEvent.action == "record_partner_position")
                         .order_by(AuditEvent.occurred_at)).all()
    assert [e.changes["position"]["for_review"] for e in entries] == [True, False]
    assert entries[1].changes["previous_position"]["for_review"] is True
    assert "Percy Constable recorded the police's position: no local review" in entries[1].summary


def test_the_rapid_review_decided_event_is_published_once_when_the_decision_stands(
        client, make, office, partners, frozen_now):
    url = _recommended(client, make, office)
    with domain_events.recorded() as seen:
        for partner in (LA, ICB):
            _position(client, make, partners[partner], url, hold_cspr=True)
        assert [e for e in seen if isinstance(e, RapidReviewDecided)] == []
        _position(client, make, partners[POLICE], url, hold_cspr=True)
    [decided] = [e for e in seen if isinstance(e, RapidReviewDecided)]
    assert decided.hold_cspr is True and decided.review_id is not None


def test_each_partners_position_is_due_on_its_own_dashboard_and_met_when_recorded(
        client, make, office, partners, frozen_now):
    url = _recommended(client, make, office, notified_panel_on="2026-11-18")
    other_agency_partner = make.user(Role.strategic_lead, make.agency("Harbourside Homes"))

    def due(user):
        items = client.get("/api/v1/deadlines", headers=make.headers(user),
                           params={"kind": "partner_position"}).json()["items"]
        return [(d["title"], d["status"], d["due_date"]) for d in items]

    # Due with the report to the Panel: fifteen working days from Wed 18 Nov is Wed 9 Dec.
    assert due(partners[ICB]) == [("Record the integrated care board's position on the rapid review of Child BM",
                                   "open", "2026-12-09")]
    assert due(other_agency_partner) == []
    _position(client, make, partners[ICB], url, hold_cspr=True)
    assert [status for _, status, _ in due(partners[ICB])] == ["met"]
    assert [status for _, status, _ in due(partners[LA])] == ["open"]
    assert len(due(office)) == 3


@pytest.fixture
def org(client, make) -> Partnership:
    return partnership(client, make)


def _referral_recommended(org, recommendation=RECOMMENDATION) -> str:
    referral = org.to_state("under_consideration")
    assert org.act(referral["id"], "recommendation", org.office, recommendation).status_code == 200
    return referral["id"]


def test_referral_is_decided_by_the_three_partners_one_by_one_and_published_once(org, db, published, frozen_now):
    referral_id = _referral_recommended(org)
    first = org.act(referral_id, "partner-positions", org.strategic, {"agreed": True}).json()
    assert first["state"] == "recommendation_made" and first["decision"] is None
    assert first["partner_positions"][0]["position"]["review_type"] == "cspr"  # the recommended type
    assert first["decision_outstanding_from"] == ["integrated_care_board", "police"]
    refused = org.act(referral_id, "partner-positions", org.icb_partner, {"agreed": True, "review_type":
                                                                          "case_mapping"})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "body.reasons"
    second = org.act(referral_id, "partner-positions", org.icb_partner, {
        "agreed": True, "review_type": "case_mapping", "reasons": "The criteria for a CSPR are not met."}).json()
    assert second["state"] == "recommendation_made"
    assert not [e for e in published if isinstance(e, ReferralDecided)]
    third = org.act(referral_id, "partner-positions", org.police_partner, {"agreed": False,
                                                                           "reasons": "Single-agency learning."})
    decided = third.json()
    # Two agree: a review goes ahead; they named one type each, so the recommended type stands.
    assert decided["state"] == "decided" and decided["decision"]["agreed"] is True
    assert decided["decision"]["review_type"] == "cspr"
    assert decided["decision"]["decided_by_name"] == "The three safeguarding partners"
    assert decided["due"]["status"] == "met" and decided["decision_outstanding_from"] == []
    [event] = [e for e in published if isinstance(e, ReferralDecided)]
    assert (event.agreed, event.review_type) == (True, "cspr")
    deadlines = db.scalars(select(Deadline).where(Deadline.kind == "partner_position")).all()
    assert {d.status for d in deadlines} == {DeadlineStatus.met} and len(deadlines) == 3


def test_referral_agreed_by_most_partners_takes_the_type_most_of_them_named(org, published, frozen_now):
    referral_id = _referral_recommended(org)
    decided = org.decide(referral_id, {}, positions=[
        {"agreed": True, "review_type": "case_mapping", "reasons": "Case mapping fits better."},
        {"agreed": True, "review_type": "case_mapping", "reasons": "Agreed with the council."},
        {"agreed": True}])
    assert decided["decision"]["review_type"] == "case_mapping"


def test_referral_positions_are_refused_to_anyone_but_a_partner(org, make, db, frozen_now):
    referral_id = _referral_recommended(org)
    hospital_lead = make.user(Role.strategic_lead, make.agency("Westbrook Hospital", AgencyKind.health))
    for user in (hospital_lead, org.office, org.manager):
        response = org.act(referral_id, "partner-positions", user, {"agreed": True})
        assert response.status_code == 403, user.name
    case_system = client_headers(org.client, db, make, org.agency, ["referrals:write"])
    assert org.client.post(f"/api/v1/referrals/{referral_id}/partner-positions", headers=case_system,
                           json={"agreed": True}).status_code == 403
    assert org.get(referral_id, org.office).json()["decision_outstanding_from"] == [
        "local_authority", "integrated_care_board", "police"]


def test_one_agency_is_each_partner_and_statutory_partner_is_read_from_it(client, make, office, partners, monkeypatch):
    headers = make.headers(office)
    taken = client.post("/api/v1/agencies", headers=headers, json={
        "name": "Another Police Force", "kind": "police", "safeguarding_partner": "police"})
    assert taken.status_code == 409 and taken.json()["errors"][0]["field"] == "body.safeguarding_partner"
    assert "is already the police" in taken.json()["detail"]
    refused = client.post("/api/v1/agencies", headers=headers, json={
        "name": "A School", "kind": "education", "statutory_partner": True})
    assert refused.status_code == 422  # read-only: derived from safeguarding_partner
    agency = client.get(f"/api/v1/agencies/{partners[POLICE].agency_id}", headers=headers).json()
    assert (agency["safeguarding_partner"], agency["statutory_partner"]) == ("police", True)

    monkeypatch.setattr(get_settings(), "partner_name_integrated_care_board", "the clinical commissioning group")
    monkeypatch.setattr(get_settings(), "partner_role_name", "Strategic lead")
    named = client.get("/api/v1/safeguarding-partners", headers=make.headers(partners[LA])).json()
    assert [(p["partner"], p["label"], p["agency"]["id"]) for p in named["partners"]] == [
        ("local_authority", "the local authority", str(partners[LA].agency_id)),
        ("integrated_care_board", "the clinical commissioning group", str(partners[ICB].agency_id)),
        ("police", "the police", str(partners[POLICE].agency_id))]
    assert named["role_name"] == "Strategic lead"


def test_the_migration_makes_the_first_statutory_agency_of_each_kind_by_name_its_partner(tmp_path):
    import datetime as dt

    import sqlalchemy as sa
    from alembic import command

    from backend.core.db import make_engine
    from backend.core.migrations import alembic_config

    url = f"sqlite:///{tmp_path}/partners.db"
    config = alembic_config(url)
    command.upgrade(config, "20261202_learning_reports")
    engine = make_engine(url)
    agencies = sa.table("agencies", sa.column("id", sa.Uuid()), sa.column("name", sa.String()),
                        sa.column("kind", sa.String()), sa.column("statutory_partner", sa.Boolean()),
                        sa.column("active", sa.Boolean()), sa.column("version", sa.Integer()),
                        sa.column("created_at", sa.DateTime()), sa.column("updated_at", sa.DateTime()))
    rows = [("Zeta Children's Trust", "childrens_social_care", True), ("Alpha Council", "childrens_social_care", True),
            ("Harbourside ICB", "health", True), ("Harbourside Hospital", "health", False),
            ("Harbourside Police", "police", True), ("Harbourside Probation", "probation", True)]
    now = dt.datetime(2026, 12, 1, 9, 0)
    with engine.begin() as connection:
        for name, kind, statutory in rows:
            connection.execute(agencies.insert().values(id=uuid.uuid4(), name=name, kind=kind, version=1,
                                                        statutory_partner=statutory, active=True, created_at=now,
                                                        updated_at=now))
    command.upgrade(config, "head")
    with engine.connect() as connection:
        found = dict(connection.execute(sa.text("SELECT name, safeguarding_partner FROM agencies")).tuples().all())
    assert found == {"Alpha Council": "local_authority", "Zeta Children's Trust": None,
                     "Harbourside ICB": "integrated_care_board", "Harbourside Hospital": None,
                     "Harbourside Police": "police", "Harbourside Probation": None}
    command.downgrade(config, "20261202_learning_reports")
    with engine.connect() as connection:
        statutory = set(connection.execute(sa.text("SELECT name FROM agencies WHERE statutory_partner")).scalars())
    assert statutory == {"Alpha Council", "Harbourside ICB", "Harbourside Police"}
    engine.dispose()
