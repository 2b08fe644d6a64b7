"""What the overview report's pages cost: the page, a version and the diff of two in at most six statements however
many versions there are, the page without reading any version's text or kept findings, and the case's identifying
details (what tells whether a version's kept findings still stand) in one statement."""

import uuid

from sqlalchemy import select

from backend.cases import identifying
from backend.cases.models import Case
from backend.demo import seed_demo
from backend.overview_reports.models import ReportVersion
from tests.sql_support import counted
from tests.test_overview_reports import DRAFT, h, share
from tests.test_overview_reports import world as world  # noqa: F401  (the fixture the tests below take)

ROLES = ("office", "agency_lead", "reviewer")


def _costs(client, make, w, engine, first, last):
    """Statements per page, by role (each page read once before, as a reader would have)."""
    url = w["url"]
    pages = {"page": f"{url}/overview-report", "version": f"{url}/overview-report/versions/{last}",
             "diff": f"{url}/overview-report/diff?left={first}&right={last}"}
    costs, sent = {}, {}
    for role in ROLES:
        headers = h(make, w[role])
        for name, path in pages.items():
            assert client.get(path, headers=headers).status_code == 200
            with counted(engine) as statements:
                response = client.get(path, headers=headers)
            assert response.status_code == 200, response.text
            statements = [s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE"))]
            costs[role, name], sent[role, name] = len(statements), statements
    return costs, sent


def test_the_report_page_a_version_and_a_diff_cost_at_most_six_statements_however_many_versions(
        client, make, world, engine):
    w = world
    first = share(client, make, w, DRAFT)
    last = share(client, make, w, f"{DRAFT}\n\nVersion 2 adds a paragraph.")
    two, _ = _costs(client, make, w, engine, first["id"], last["id"])
    for number in range(3, 8):
        last = share(client, make, w, f"{DRAFT}\n\nVersion {number} adds a paragraph.")
    seven, sent = _costs(client, make, w, engine, first["id"], last["id"])
    assert seven == two
    assert max(seven.values()) <= 6, seven
    # The page shows counts kept beside each version: it reads no version's text, nor its kept findings.
    for role in ROLES:
        assert not any("report_versions.text" in s or "report_versions.findings," in s for s in sent[role, "page"])


def test_a_version_counted_before_its_counts_were_kept_is_counted_on_its_first_read(client, db, make, world):
    w = world
    version = share(client, make, w, DRAFT)
    before = client.get(f"{w['url']}/overview-report", headers=h(make, w["office"])).json()
    kept = db.get(ReportVersion, uuid.UUID(version["id"]))
    assert kept.words == len(DRAFT.split()) and sum(kept.finding_keys.values()) == len(version["findings"]) == 1
    kept.words, kept.finding_keys = None, None
    db.flush()
    assert client.get(f"{w['url']}/overview-report", headers=h(make, w["office"])).json() == before
    db.refresh(kept)
    assert kept.finding_keys == {version["findings"][0]["key"]: 1}


def test_a_case_identifying_details_are_read_in_one_statement_and_are_those_of_its_records(db, engine):
    seed_demo(db)
    seen = 0
    for case_id in db.scalars(select(Case.id)):
        expected = identifying.gather(db, identifying.records_of(db, case_id))
        with counted(engine) as statements:
            details = identifying.of_case(db, case_id)
        assert details == expected
        assert len([s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE"))]) == 1
        seen += len({(d.source.record_type, d.kind) for d in details})
    assert seen > 20  # the demo's cases name children, family and schools in referrals, notifications and genograms
