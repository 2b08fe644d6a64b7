"""Who reaches the agencies' submissions to a review: every route answers 404 to a lead reviewer of another review
and to an agency not involved; the integrated chronology costs the same few statements however long it is."""

import datetime as dt
import re
import time
import uuid

import pytest
from sqlalchemy import insert

from backend.analysis_reports.router import router as analysis_reports_router
from backend.chronologies.models import ChronologyEntry
from backend.chronologies.router import router as chronologies_router
from backend.core import clock
from tests.chronologies_support import ReviewAtSubmissions, review_at_submissions
from tests.sql_support import counted
from tests.test_chronologies import add, entry, request_chronologies


@pytest.fixture
def at(client, db, make) -> ReviewAtSubmissions:
    return review_at_submissions(client, db, make)


def _routes() -> list[tuple[str, str]]:
    return [(method, route.path) for router in (chronologies_router, analysis_reports_router)
            for route in router.routes for method in sorted(route.methods)]  # type: ignore[attr-defined]


def test_every_route_answers_404_to_another_reviews_lead_reviewer_and_an_agency_not_involved(at):
    chronology_url = request_chronologies(at, at.police)["Harbourside Police"]
    add(at, chronology_url, at.police_lead, entry("2025-03-02", "Call-out"))
    own = at.client.get(chronology_url, headers=at.as_(at.police_lead)).json()
    report = at.client.post(at.url("/analysis-reports"), headers=at.as_(at.office),
                            json={"agency_ids": [str(at.police.id)], "due_date": at.due}).json()[0]
    ids = {"review_id": str(at.review.id), "chronology_id": own["id"], "entry_id": own["draft_entries"][0]["id"],
           "report_id": report["id"]}
    routes = _routes()
    assert len(routes) >= 20
    for outsider in (at.other_reviewer, at.uninvolved_lead):
        for method, path in routes:
            url = re.sub(r"\{(\w+)\}", lambda m: ids[m[1]], path)
            response = at.client.request(method, url, headers=at.as_(outsider) | {"If-Match": '"1"'}, json={})
            assert response.status_code == 404, (outsider.name, method, path, response.status_code, response.text)


def test_the_reviews_own_lead_reviewer_reads_and_returns_but_does_not_write(at):
    url = request_chronologies(at, at.police, by=at.reviewer)["Harbourside Police"]
    assert at.client.get(url, headers=at.as_(at.reviewer)).json()["allowed_actions"] == []
    assert at.client.post(f"{url}/entries", headers=at.as_(at.reviewer),
                          json=entry("2025-03-02", "x")).status_code == 403
    for reader in (at.office, at.reviewer, at.make.user(at.reviewer.role.__class__.scrutineer),
                   at.make.user(at.reviewer.role.__class__.strategic_lead)):
        assert at.client.get(at.url("/integrated-chronology"), headers=at.as_(reader)).status_code == 200


def _bulk_entries(db, chronology_id: str, review_id: uuid.UUID, agency_id: uuid.UUID, start: int, count: int) -> None:
    now = clock.now()
    db.execute(insert(ChronologyEntry), [
        {"id": uuid.uuid4(), "chronology_id": uuid.UUID(chronology_id), "review_id": review_id,
         "agency_id": agency_id, "submitted": True, "occurred_on": dt.date(2024, 1, 1) + dt.timedelta(days=i // 3),
         "occurred_time": dt.time(9 + i % 3, 0) if i % 4 else None, "source": f"Record {i}",
         "what_happened": f"Contact number {i} with the family", "significance": "Part of the pattern",
         "created_at": now, "updated_at": now, "version": 1} for i in range(start, start + count)])
    db.flush()


def test_the_integrated_chronology_costs_the_same_statements_for_21_entries_as_for_2001(at, db, engine):
    urls = request_chronologies(at, at.police, at.trust, at.school)
    chronology_ids = {name: url.rsplit("/", 1)[1] for name, url in urls.items()}
    agencies = {"Harbourside Police": at.police, "Harbourside Children's Trust": at.trust,
                "Riverside Academy": at.school}
    costs, seconds = [], []
    for per_agency in (7, 660):  # 21 entries, then 2,001
        for name, agency in agencies.items():
            _bulk_entries(db, chronology_ids[name], at.review.id, agency.id, len(costs) * 10_000, per_agency)
        headers = at.as_(at.reviewer)
        for params in ({}, {"agency_id": str(at.police.id), "q": "contact", "from": "2024-01-01"}):
            started = time.perf_counter()
            with counted(engine) as statements:
                response = at.client.get(at.url("/integrated-chronology"), headers=headers, params=params)
            seconds.append(time.perf_counter() - started)
            assert response.status_code == 200
            costs.append(len([s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE"))]))
    total = at.client.get(at.url("/integrated-chronology"), headers=at.as_(at.reviewer)).json()["total"]
    assert total == 2001
    assert costs[0] == costs[2] and costs[1] == costs[3] and max(costs) <= 9, costs
    assert max(seconds) < 5, seconds
