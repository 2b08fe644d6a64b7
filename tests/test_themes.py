"""Themes: the partnership's managed list; the business office adds, renames and retires."""

import pytest
from sqlalchemy import select

from backend.core.access import Role
from backend.themes.models import SEEDED_THEMES, Theme
from tests.learning_support import RECOMMENDATIONS, Tracker, make_tracker

THEMES = "/api/v1/themes"


@pytest.fixture
def tracker(client, db, make) -> Tracker:
    return make_tracker(client, db, make)


def test_the_list_starts_with_the_partnerships_themes(tracker):
    listed = tracker.client.get(THEMES, headers=tracker.as_(tracker.police_lead)).json()
    assert [t["name"] for t in listed] == sorted(SEEDED_THEMES)
    assert "Fathers and significant males" in SEEDED_THEMES and len(SEEDED_THEMES) == 22


def test_the_business_office_adds_renames_and_retires_a_theme(tracker):
    office = tracker.as_(tracker.office)
    added = tracker.client.post(THEMES, headers=office, json={"name": "Elective home education"})
    assert added.status_code == 201
    assert tracker.client.post(THEMES, headers=office, json={"name": "elective home education"}).status_code == 409
    theme_id = added.json()["id"]
    tagged = tracker.recommendation(theme_ids=[theme_id])
    renamed = tracker.client.patch(f"{THEMES}/{theme_id}", headers=office, json={"name": "Children missing education"})
    assert renamed.json()["name"] == "Children missing education"
    read = tracker.client.get(f"{RECOMMENDATIONS}/{tagged['id']}", headers=office).json()
    assert [t["name"] for t in read["themes"]] == ["Children missing education"]  # renamed everywhere at once

    retired = tracker.client.patch(f"{THEMES}/{theme_id}", headers=office, json={"retired": True})
    assert retired.json()["retired"] is True
    assert theme_id not in [t["id"] for t in tracker.client.get(THEMES, headers=office).json()]
    assert theme_id in [t["id"] for t in tracker.client.get(THEMES, headers=office,
                                                            params={"include_retired": "true"}).json()]
    refused = tracker.client.post(RECOMMENDATIONS, headers=office, json={
        "kind": "recommendation", "number": 7, "review_id": str(tracker.review.id), "text": "New.",
        "theme_ids": [theme_id]})
    assert refused.status_code == 422 and refused.json()["errors"][0] == {"field": "body.theme_ids.0",
                                                                          "message": "is retired"}
    kept = tracker.client.get(f"{RECOMMENDATIONS}/{tagged['id']}", headers=office).json()
    assert [t["id"] for t in kept["themes"]] == [theme_id]  # what it tagged keeps it
    stored = tracker.db.scalars(select(Theme).where(Theme.name == "Children missing education")).one()
    assert stored.retired_at is not None


def test_only_the_business_office_manages_themes(tracker):
    lead = tracker.as_(tracker.police_lead)
    assert tracker.client.post(THEMES, headers=lead, json={"name": "Bullying"}).status_code == 403
    theme = tracker.theme("Neglect")
    assert tracker.client.patch(f"{THEMES}/{theme.id}", headers=lead, json={"retired": True}).status_code == 403
    assert tracker.client.patch(f"{THEMES}/{theme.id}", headers=tracker.as_(tracker.office),
                                json={"name": None}).status_code == 422
    reviewer = tracker.make.user(Role.lead_reviewer)
    assert tracker.client.get(THEMES, headers=tracker.as_(reviewer)).status_code == 200
