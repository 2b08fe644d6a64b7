"""Optimistic concurrency: an edit must name the version it was made against (ETag / If-Match)."""

from concurrent.futures import ThreadPoolExecutor

from backend.core.access import Role
from backend.core.db import get_sessionmaker
from backend.identity.models import Agency
from tests.conftest import Factory
from tests.integrations_support import live_agency, live_user


def _agency_as_office(client, make):
    office = make.user(Role.business_office)
    created = client.post("/api/v1/agencies", headers=make.headers(office),
                          json={"name": "Oakfield Primary School", "kind": "education"})
    return make.headers(office), created


def test_reading_an_agency_gives_its_version_as_etag(client, make):
    headers, created = _agency_as_office(client, make)
    assert created.headers["ETag"] == '"1"' and created.json()["version"] == 1
    read = client.get(f"/api/v1/agencies/{created.json()['id']}", headers=headers)
    assert read.headers["ETag"] == '"1"'


def test_change_without_if_match_is_428_and_changes_nothing(client, make, db):
    headers, created = _agency_as_office(client, make)
    agency_id = created.json()["id"]
    response = client.patch(f"/api/v1/agencies/{agency_id}", headers=headers, json={"safeguarding_partner": "police"})
    assert response.status_code == 428
    assert response.json()["errors"] == [{"field": "header.If-Match", "message": "required"}]
    after = client.get(f"/api/v1/agencies/{agency_id}", headers=headers)
    assert after.json()["statutory_partner"] is False and after.headers["ETag"] == '"1"'
    updates = client.get("/api/v1/audit", params={"entity_id": agency_id, "action": "update"}, headers=headers)
    assert updates.json()["total"] == 0


def test_change_with_a_stale_if_match_is_412_and_changes_nothing(client, make):
    headers, created = _agency_as_office(client, make)
    agency_id = created.json()["id"]
    first = client.patch(f"/api/v1/agencies/{agency_id}", headers=headers | {"If-Match": '"1"'},
                         json={"name": "Oakfield Primary Academy"})
    assert first.status_code == 200 and first.headers["ETag"] == '"2"' and first.json()["version"] == 2
    # A colleague still holding version 1 would overwrite the rename without seeing it.
    stale = client.patch(f"/api/v1/agencies/{agency_id}", headers=headers | {"If-Match": '"1"'},
                         json={"name": "Oakfield School", "safeguarding_partner": "police"})
    assert stale.status_code == 412 and stale.headers["content-type"] == "application/problem+json"
    after = client.get(f"/api/v1/agencies/{agency_id}", headers=headers).json()
    assert (after["name"], after["statutory_partner"], after["version"]) == ("Oakfield Primary Academy", False, 2)


def test_weak_etag_from_a_cache_is_accepted_as_the_same_version(client, make):
    headers, created = _agency_as_office(client, make)
    response = client.patch(f"/api/v1/agencies/{created.json()['id']}", headers=headers | {"If-Match": 'W/"1"'},
                            json={"safeguarding_partner": "police"})
    assert response.status_code == 200 and response.json()["statutory_partner"] is True
    assert response.json()["safeguarding_partner"] == "police"


def test_if_match_star_is_not_enough(client, make):
    headers, created = _agency_as_office(client, make)
    response = client.patch(f"/api/v1/agencies/{created.json()['id']}", headers=headers | {"If-Match": "*"},
                            json={"safeguarding_partner": "police"})
    assert response.status_code == 428


def test_two_simultaneous_edits_of_one_version_only_one_lands(live_app):
    with get_sessionmaker()() as session, session.begin():
        office, agency = live_user(session), live_agency(session)
    headers = Factory.headers(office) | {"If-Match": '"1"'}
    names = [f"Renamed {n}" for n in range(6)]

    def rename(name: str) -> int:
        return live_app.patch(f"/api/v1/agencies/{agency.id}", headers=headers, json={"name": name}).status_code

    with ThreadPoolExecutor(len(names)) as pool:
        statuses = list(pool.map(rename, names))
    assert sorted(statuses) == [200] + [412] * (len(names) - 1)
    with get_sessionmaker()() as session:
        stored = session.get(Agency, agency.id)
        assert stored is not None and stored.version == 2 and stored.name in names
