"""The reviews list costs the same whatever its size: each review's allowed actions read their stage conditions'
answers for the whole page (backend/reviews/conditions.py), and say what each review's own page says."""

import datetime as dt

from backend.core import clock
from backend.core.access import Role
from backend.reviews import service
from backend.reviews.models import ReviewStage
from tests.review_process import agree_terms, brief_authors, form_review_group, record_publication
from tests.sql_support import counted

STAGES = list(ReviewStage)


def _reviews_at_every_stage(client, db, make, office):
    """20 reviews, newest first: one at the terms of reference with its group, terms and briefing in place, one at
    publication with its publication recorded, then the others through every stage, in turn."""
    reviewer = make.user(Role.lead_reviewer)
    agency = make.agency("Northgate Academy")
    today = clock.today()
    made = []
    for i in range(20):
        review = service.create_review(db, None, case=make.case(f"Child L{i:02}"),
                                       decided_on=today - dt.timedelta(days=i), agency_ids=[agency.id])
        review.lead_reviewer = reviewer
        review.stage = (ReviewStage.terms_of_reference if i == 0 else ReviewStage.publication if i == 1
                        else STAGES[i % len(STAGES)])
        made.append(review)
    db.flush()
    headers = make.headers(office)
    form_review_group(client, make, headers, str(made[0].id))
    agree_terms(client, headers, str(made[0].id))
    brief_authors(client, headers, str(made[0].id))
    record_publication(make, str(made[1].id))
    return made


def test_the_reviews_list_costs_the_same_for_2_and_20_reviews_at_every_stage(client, db, engine, make, frozen_now):
    office = make.user(Role.business_office)
    made = _reviews_at_every_stage(client, db, make, office)
    headers = make.headers(office)
    client.get("/api/v1/reviews", headers=headers, params={"limit": 1})  # the sign-in's own writes, out of the count
    costs, pages = [], {}
    for limit in (2, 20):
        with counted(engine) as statements:
            page = client.get("/api/v1/reviews", headers=headers, params={"limit": limit}).json()
        assert len(page["items"]) == limit and page["total"] == 20
        costs.append(len([s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE"))]))
        pages[limit] = page["items"]
    assert costs[0] == costs[1] and costs[1] <= 6, costs

    first, second = pages[2]
    assert (first["id"], first["stage"]) == (str(made[0].id), "terms_of_reference")
    assert "begin_agency_submissions" in first["allowed_actions"]
    assert (second["id"], second["stage"]) == (str(made[1].id), "publication")
    assert "publish" in second["allowed_actions"]
    # What the list says of each review is what its own page says (the same rules, asked for a page of one).
    for item in pages[20]:
        own = client.get(f"/api/v1/reviews/{item['id']}", headers=headers).json()
        assert own | {"tasks": []} == item


def test_an_agency_lead_costs_no_stage_condition(client, db, engine, make, frozen_now):
    """Stage steps are the business office's: the list never asks their conditions for a caller who may not take
    them."""
    office = make.user(Role.business_office)
    made = _reviews_at_every_stage(client, db, make, office)
    lead = make.user(Role.agency_lead, made[0].agencies[0])
    headers = make.headers(lead)
    client.get("/api/v1/reviews", headers=headers, params={"limit": 1})
    with counted(engine) as statements:
        page = client.get("/api/v1/reviews", headers=headers, params={"limit": 20}).json()
    assert page["total"] == 20 and all(item["allowed_actions"] == [] for item in page["items"])
    assert len([s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE"))]) <= 5
