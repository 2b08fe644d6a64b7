"""Stage 1 lists: filtered by state, agency and overdue, paginated, and a page costs the same few queries
whatever its size."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import event

from backend.cases.models import Case
from backend.core.access import Role
from backend.deadlines.models import Deadline
from backend.incident_notifications import service as notifications
from backend.incident_notifications.models import IncidentCategory
from backend.incident_notifications.schemas import IncidentNotificationCreate, NotifiedChildDetails
from backend.information_requests import service as information_requests
from backend.information_requests.schemas import InformationRequestCreate
from backend.rapid_reviews import service as rapid_reviews
from tests.sql_support import counted
from tests.stage_one import CHILD

CHARACTERISTICS = {k: v for k, v in CHILD.items() if k not in ("name", "date_of_birth", "address")}


def _arrange(db, make, how_many):
    police, hospital = make.agency("Police"), make.agency("Hospital")
    office = make.user(Role.business_office)
    actor = make.principal(office)
    for i in range(how_many):
        notification = notifications.create_notification(db, actor, IncidentNotificationCreate(
            child_reference=f"Child A{i}", incident_date=date(2026, 11, 2), became_aware_on=date(2026, 11, 3),
            category=IncidentCategory.serious_harm, abuse_or_neglect_suspected=True, summary="Injuries.",
            notified_panel_on=date(2026, 11, 4), agency_ids=[police.id, hospital.id],
            incident_council="Harbourside City Council", home_council="Harbourside City Council",
            children=[NotifiedChildDetails(name=f"Name {i}", date_of_birth=date(2025, 1, 1), address=f"{i} Quay Street",
                                           **CHARACTERISTICS)]))
        rapid_review = rapid_reviews.for_notification(db, notification.id)
        information_requests.create_requests(db, actor, rapid_review,
                                             InformationRequestCreate(agency_ids=[police.id]))
    db.flush()
    return police, hospital, office


def test_a_page_of_fifty_costs_the_same_queries_as_a_page_of_five(client, db, engine, make, frozen_now):
    police, _, office = _arrange(db, make, 50)
    lead = make.user(Role.agency_lead, police)
    for url, user in (("/api/v1/incident-notifications", office), ("/api/v1/rapid-reviews", office),
                      ("/api/v1/information-requests", lead), ("/api/v1/rapid-reviews", lead)):
        costs = []
        for limit in (5, 50):
            headers = make.headers(user)
            with counted(engine) as statements:
                page = client.get(url, headers=headers, params={"limit": limit}).json()
            assert len(page["items"]) == limit and page["total"] == 50
            costs.append(len([s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE"))]))
        assert costs[0] == costs[1] and costs[1] <= 8, (url, costs)


def test_a_count_alone_asks_for_limit_0_and_costs_the_caller_and_the_count(client, db, engine, make, frozen_now):
    """The dashboard's counts by stage: the total without the page, its due dates or anything per row."""
    police, _, office = _arrange(db, make, 5)
    lead = make.user(Role.agency_lead, police)
    for url, user in (("/api/v1/incident-notifications", office), ("/api/v1/rapid-reviews", office),
                      ("/api/v1/information-requests", lead), ("/api/v1/referrals", office),
                      ("/api/v1/reviews", office), ("/api/v1/deadlines", office), ("/api/v1/actions", office)):
        headers = make.headers(user)
        client.get(url, headers=headers, params={"limit": 1})  # the sign-in's own writes, out of the count
        with counted(engine) as statements:
            page = client.get(url, headers=headers, params={"limit": 0})
        assert page.status_code == 200, (url, page.text)
        full = client.get(url, headers=headers, params={"limit": 200}).json()
        assert page.json() == {"items": [], "total": full["total"], "limit": 0, "offset": 0}
        cost = len([s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE"))])
        assert cost <= 2, (url, cost, statements)


def test_rapid_reviews_filter_by_state_agency_and_overdue(client, db, make, frozen_now):
    police, hospital, office = _arrange(db, make, 3)
    school = make.agency("School")
    headers = make.headers(office)
    first = client.get("/api/v1/rapid-reviews", headers=headers, params={"limit": 1}).json()["items"][0]
    client.post(f"/api/v1/rapid-reviews/{first['id']}/meeting", headers=headers, json={
        "held_on": "2026-11-23", "attendees": [{"name": "A", "role": "Chair", "agency": "ICB"}],
        "facts_reviewed": "Chronologies.", "immediate_action_needed": False, "immediate_learning": "Escalate.",
        "key_practice_episodes": "The referral.", "characteristics_and_inequalities": "Not considered.",
        "issues_of_national_importance": "None identified."})

    def total(url="/api/v1/rapid-reviews", **params):
        return client.get(url, headers=make.headers(office), params=params).json()["total"]

    assert total(state="meeting_held") == 1 and total(state="gathering_information") == 2
    assert total(agency_id=str(hospital.id)) == 3 and total(agency_id=str(school.id)) == 0
    # Panel notified Wed 4 Nov 2026: fifteen working days is Wed 25 Nov.
    assert total(overdue=True) == 0
    frozen_now[0] = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    assert total(overdue=True) == 3 and total(overdue=False) == 0
    requests = "/api/v1/information-requests"
    # Requested Mon 23 Nov: due Wed 2 Dec.
    assert total(requests, overdue=True) == 0
    frozen_now[0] += timedelta(days=7)
    assert total(requests, overdue=True) == 3 and total(requests, state="requested", agency_id=str(police.id)) == 3
    assert total(requests, agency_id=str(hospital.id)) == 0


def test_a_page_reads_its_due_dates_as_columns_not_a_deadline_and_its_case_per_row(client, db, make, frozen_now):
    """A list's due dates (and the deadlines list itself) are read as the few columns shown: building a Deadline
    object, and its Case, for every row was most of what a page cost. The answer is the same."""
    police, _, office = _arrange(db, make, 12)
    lead = make.user(Role.agency_lead, police)
    asked = [(url, make.headers(user)) for url, user in (
        ("/api/v1/deadlines", office), ("/api/v1/deadlines", lead), ("/api/v1/rapid-reviews", office),
        ("/api/v1/rapid-reviews", lead), ("/api/v1/information-requests", lead),
        ("/api/v1/incident-notifications", office))]
    db.flush()
    db.expunge_all()  # what the test arranged is not in the identity map: every object a page needs is loaded
    built: list[str] = []

    def on_load(target: object, _context: object) -> None:
        built.append(type(target).__name__)

    event.listen(Deadline, "load", on_load)
    event.listen(Case, "load", on_load)
    try:
        for url, headers in asked:
            with_deadlines_built = len(built)
            page = client.get(url, headers=headers, params={"limit": 50})
            assert page.status_code == 200 and page.json()["items"], (url, page.text)
            assert all(item.get("due", True) for item in page.json()["items"]), url  # every row has its due date
            if url == "/api/v1/deadlines":
                assert built[with_deadlines_built:] == [], url
    finally:
        event.remove(Deadline, "load", on_load)
        event.remove(Case, "load", on_load)
    assert "Deadline" not in built
