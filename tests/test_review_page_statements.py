"""A review's page (its task list from every stage 2 domain) costs a fixed handful of statements: the caller, the
review with its agencies and notices, the case access log, the task list's values with the due date, and the task
list's records; a stage's own readiness check may add one. More records anywhere never add one."""

import datetime as dt

from sqlalchemy import select

from backend.core.access import Role
from backend.demo import seed_demo
from backend.family_engagement.models import FamilyContact, FamilyContactKind, FamilyMember
from backend.identity.models import Agency, User
from backend.overview_reports.models import Publication
from backend.parallel_processes.models import ParallelProcess, ParallelProcessKind, ParallelProcessStatus
from backend.practitioner_engagement.models import OneToOne, OneToOneState
from backend.reviews.models import Review, ReviewDelay, ReviewStage
from tests.sql_support import counted

MOST = 6
# A publication planned and not yet out: its checklist reads its facts in one statement (publication.facts), the
# versions going forward in one, and what no scalar gives in one each: the case's identifying details, the
# acceptances, the closure days, the plan itself, and the names of processes holding publication back if any do.
PUBLICATION_MOST = 12


def _page(client, db, engine, review: Review, headers: dict[str, str]) -> tuple[int, dict]:
    url = f"/api/v1/reviews/{review.id}"
    client.get(url, headers=headers)
    db.expire_all()  # the tests' session outlives requests: nothing loaded by the warm-up may be reused
    with counted(engine) as statements:
        page = client.get(url, headers=headers)
    assert page.status_code == 200, page.text
    return len([s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE", "BEGIN"))]), page.json()


def _more_records(db, review: Review, police: Agency, times: int) -> None:
    """Records of every kind the task list counts or lists, `times` more of each."""
    for n in range(times):
        db.add_all([
            ParallelProcess(review_id=review.id, case_id=review.case_id, kind=ParallelProcessKind.prosecution,
                            title=f"Prosecution {n}", agency_id=police.id, status=ParallelProcessStatus.active,
                            holds_publication=True, publication_held_until="the verdict"),
            OneToOne(review_id=review.id, case_id=review.case_id, agency_id=police.id, practitioner_name=f"P {n}",
                     practitioner_role="Officer", offered_on=dt.date(2026, 5, 1), offered_by="Office",
                     state=OneToOneState.offered),
            FamilyContact(review_id=review.id, case_id=review.case_id, kind=FamilyContactKind.mid_process_letter,
                          occurred_on=dt.date(2026, 5, 1 + n)),
            FamilyMember(review_id=review.id, case_id=review.case_id, name=f"Relative {n}",
                         relationship_to_child="cousin"),
            ReviewDelay(review=review, reason="Waiting for the trial", expected_completion=review.due_date
                        + dt.timedelta(days=30 + n), recorded_on=dt.date(2026, 5, 1), recorded_by_name="Office"),
        ])
    db.flush()


def test_a_review_page_costs_at_most_six_statements_at_every_stage_and_no_more_with_more_records(
        client, db, engine, make, frozen_now):
    seed_demo(db)
    reviews = list(db.scalars(select(Review).order_by(Review.decided_on)))
    assert {r.stage.value for r in reviews} >= {"agency_submissions", "sign_off", "published"}
    police = db.scalars(select(Agency).where(Agency.name == "Harbourside Police")).one()
    readers = {Role.business_office: db.scalars(select(User).where(User.role == Role.business_office)).first(),
               Role.agency_lead: db.scalars(select(User).where(User.role == Role.agency_lead,
                                                               User.agency_id == police.id)).first()}
    headers = {role: make.headers(user) for role, user in readers.items() if user is not None}
    assert len(headers) == 2
    # Each reader on each review they see (the police lead: those the police are involved in).
    seen = [(review, role) for review in reviews for role in headers
            if role == Role.business_office or police in review.agencies]
    assert len(seen) > len(reviews)
    before = {(review.id, role): _page(client, db, engine, review, headers[role]) for review, role in seen}
    assert max(cost for cost, _ in before.values()) <= MOST, before

    for review in reviews:
        _more_records(db, review, police, 5)
    after = {(review.id, role): _page(client, db, engine, review, headers[role]) for review, role in seen}
    assert {key: cost for key, (cost, _) in after.items()} == {key: cost for key, (cost, _) in before.items()}
    # The records were read: each review's list now names the processes holding publication back.
    business_office = next(page for (_, role), (_, page) in after.items() if role == Role.business_office)
    assert sum(t["key"].startswith("publication_held:") for t in business_office["tasks"]) >= 5


def test_a_review_at_publication_with_a_planned_publication_costs_a_fixed_number_of_statements(
        client, db, engine, make, frozen_now):
    """The publication checklist (its findings, sign-off, family, processes, de-briefs and calendar) is read up
    front, not an item at a time."""
    seed_demo(db)
    review = db.scalars(select(Review).where(Review.stage == ReviewStage.sign_off)).first()
    assert review is not None
    review.stage = ReviewStage.publication
    planned = dt.datetime.combine(frozen_now[0].date() + dt.timedelta(days=30), dt.time(10, 0), dt.UTC)
    db.add(Publication(review_id=review.id, case_id=review.case_id, planned_at=planned,
                       members_briefing_on=planned.date() - dt.timedelta(days=5),
                       press_statement_on=planned.date() - dt.timedelta(days=2)))
    db.flush()
    office = db.scalars(select(User).where(User.role == Role.business_office)).first()
    headers = make.headers(office)
    cost, page = _page(client, db, engine, review, headers)
    task = next(t for t in page["tasks"] if t["key"] == "report_published")
    assert task["status"] == "in_progress" and "things before publication" in task["hint"], task
    assert cost <= PUBLICATION_MOST, cost

    police = db.scalars(select(Agency).where(Agency.name == "Harbourside Police")).one()
    _more_records(db, review, police, 5)  # processes holding publication back among them
    assert _page(client, db, engine, review, headers)[0] == cost + 1  # their names, read once they hold it
    _more_records(db, review, police, 5)
    assert _page(client, db, engine, review, headers)[0] == cost + 1
