"""The benchmark's seeder (benchmarks/, `make bench`) writes records the API serves, so it cannot rot unnoticed
when a schema changes: every seeder runs at a tiny scale into the test database, then every benchmark endpoint is
asked for as the agency lead and the business office the load run signs in as."""

import pytest

from benchmarks.endpoints import ENDPOINTS
from benchmarks.seeding import BENCH_PASSWORD, Seeding, missing_tables, run_seeders
from benchmarks.workload import SEEDERS


@pytest.fixture
def seeded(db):
    seeding = Seeding(db.connection(), scale=0.002, progress=lambda _line: None)
    run_seeders(seeding, SEEDERS)
    db.commit()
    return seeding


def _sign_in(client, email):
    answer = client.post("/api/v1/auth/token", data={"grant_type": "password", "username": email,
                                                     "password": BENCH_PASSWORD})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def test_every_seeder_runs_on_the_current_schema(db):
    assert [s.name for s in SEEDERS if missing_tables(db.connection(), s)] == []


@pytest.mark.parametrize("role", ["agency_lead", "business_office"])
def test_every_benchmark_endpoint_serves_the_seeded_partnership(client, seeded, role):
    email = {"agency_lead": "lead0@bench.example.org", "business_office": "office0@bench.example.org"}[role]
    headers = _sign_in(client, email)
    for endpoint in ENDPOINTS:
        if endpoint.method != "GET" or role not in endpoint.roles:
            continue
        answer = client.get(endpoint.path_for(role, seeded.handles, limit=10), headers=headers)
        assert answer.status_code == 200, (endpoint.name, answer.text)
        body = answer.json()
        if endpoint.paged:
            assert body["items"], f"{endpoint.name} as {role} lists nothing of the seeded partnership"


def test_seeded_records_are_read_as_the_app_wrote_them(client, seeded):
    headers = _sign_in(client, "office0@bench.example.org")
    referrals = client.get("/api/v1/referrals?limit=100", headers=headers).json()
    assert {r["id"] for r in referrals["items"]} <= {str(i) for i in seeded.ids["referrals"]}
    assert referrals["total"] > 0
    review = client.get(f"/api/v1/reviews/{seeded.handles['review_id']}", headers=headers).json()
    assert review["id"] == seeded.handles["review_id"] and review["due"] is not None
    requests = client.get(f"/api/v1/information-requests?agency_id={seeded.handles['agency_id']}&limit=100",
                          headers=headers).json()
    assert requests["items"] and all(r["agency"]["id"] == seeded.handles["agency_id"] for r in requests["items"])
    assert any(r["submission"] is not None for r in requests["items"])


def test_stage_two_and_the_learning_tracker_are_seeded_as_the_app_reads_them(client, seeded):
    headers = _sign_in(client, "office0@bench.example.org")
    review_id = seeded.handles["review_with_2000_entries"]
    chronologies = client.get(f"/api/v1/reviews/{review_id}/chronologies", headers=headers).json()
    assert chronologies and all(c["state"] == "submitted" for c in chronologies)
    whole = client.get(f"/api/v1/reviews/{review_id}/integrated-chronology", headers=headers)
    assert whole.status_code == 200, whole.text
    assert sum(len(day["entries"]) for day in whole.json()["days"]) == 40  # 2,000 at full scale
    actions = client.get("/api/v1/actions?limit=100", headers=headers).json()
    assert actions["total"] == 4 * 25 and {a["status"] for a in actions["items"]} >= {"complete", "in_progress"}
    lead = _sign_in(client, "lead0@bench.example.org")
    own = client.get("/api/v1/actions?limit=100", headers=lead).json()
    assert own["items"] and all(a["agency"]["id"] == seeded.handles["agency_id"] for a in own["items"])


def test_the_review_the_load_run_reads_is_at_its_overview_report_at_every_scale(client, seeded):
    # So its page costs the same statements in the full data and in a tenth: a review at another stage reads
    # other records, and the statement count would differ by the stage, not by the data's size.
    headers = _sign_in(client, "office0@bench.example.org")
    review = client.get(f"/api/v1/reviews/{seeded.handles['review_id']}", headers=headers).json()
    assert review["stage"] == "overview_report"
