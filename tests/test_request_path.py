"""The fixed cost of every request: on PostgreSQL a read-only request sends no BEGIN or COMMIT, while a request
that writes still commits (or rolls back) all of its writes together; leaving a read-only request needs no thread.
And what a worker holds: a bounded number of requests at once (never stalling on its own connections), a bounded
number of large answers, and no document library until a document is made."""

import subprocess
import sys
import time
from typing import Any

import anyio
import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session

from backend.core import db as db_module
from backend.core.access import Role
from backend.core.config import ROOT
from backend.identity import login
from backend.identity.models import Agency, AgencyKind, User
from tests.integrations_support import client_headers, make_client
from tests.sql_support import counted


def _postgresql_only(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("autocommit reads are PostgreSQL's; SQLite keeps a transaction per request")


def _agencies(name: str) -> int:
    with db_module.get_sessionmaker()() as session:
        return session.scalar(select(func.count()).select_from(Agency).where(Agency.name == name)) or 0


def test_reads_open_no_transaction_and_the_first_write_opens_one_that_commits_or_rolls_back_whole(
        live_app: Any, database_url: str) -> None:
    _postgresql_only(database_url)
    with db_module.get_request_sessionmaker()() as session:
        session.scalars(select(Agency)).all()
        raw = session.connection().connection.dbapi_connection
        assert raw is not None and raw.autocommit and raw.info.transaction_status == 0  # idle: no BEGIN was sent
        assert db_module._settles_in_place(session)

        session.add(Agency(name="Written then undone 1", kind=AgencyKind.other))
        session.flush()
        assert raw.info.transaction_status == 2  # in a transaction, opened before the INSERT
        assert not db_module._settles_in_place(session)
        session.add(Agency(name="Written then undone 2", kind=AgencyKind.other))
        session.flush()
        session.rollback()
    assert _agencies("Written then undone 1") == _agencies("Written then undone 2") == 0

    with db_module.get_request_sessionmaker()() as session:
        session.scalars(select(Agency)).all()
        session.add_all([Agency(name=f"Written and kept {n}", kind=AgencyKind.other) for n in (1, 2)])
        session.commit()
    assert _agencies("Written and kept 1") == _agencies("Written and kept 2") == 1


def _signed_in_user() -> dict[str, str]:
    with db_module.get_sessionmaker()() as session, session.begin():
        user = User(name="Office", email="office@request-path.example.org", role=Role.business_office,
                    password_hash="unused")
        session.add(user)
        session.flush()
        return {"Authorization": f"Bearer {login.sign_in(session, user).access_token}"}


def test_a_read_only_request_on_postgresql_sends_no_begin_or_commit(live_app: Any, database_url: str) -> None:
    _postgresql_only(database_url)
    headers = _signed_in_user()
    statements: list[tuple[str, bool]] = []

    def seen(connection: Any, cursor: Any, statement: str, *_: Any) -> None:
        statements.append((statement.split()[0], connection.connection.dbapi_connection.autocommit))

    engine = db_module.get_engine()
    event.listen(engine, "before_cursor_execute", seen)
    try:
        for _ in range(2):
            statements.clear()
            assert live_app.get("/api/v1/me", headers=headers).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    # One statement (the caller with their sign-in), run in autocommit: no BEGIN, no COMMIT around it.
    assert statements == [("SELECT", True)]


def test_an_error_after_a_write_rolls_the_write_back(live_app: Any, database_url: str) -> None:
    _postgresql_only(database_url)
    session: Session = db_module.get_request_sessionmaker()()

    async def request() -> None:
        async with db_module.transaction(session):
            session.add(Agency(name="Rolled back with the request", kind=AgencyKind.other))
            session.flush()
            raise RuntimeError("the endpoint failed after writing")

    import anyio

    with pytest.raises(RuntimeError):
        anyio.run(request)
    session.close()
    assert _agencies("Rolled back with the request") == 0


def test_the_apps_postgresql_connections_never_jit_compile_a_statement(live_app: Any, database_url: str) -> None:
    """A review's task list is one statement of many correlated subqueries over few rows: its estimated cost passed
    `jit_above_cost`, and compiling it took 270 ms of a statement that runs in 5 at ten years' data."""
    _postgresql_only(database_url)
    with db_module.get_request_sessionmaker()() as session:
        assert session.execute(text("SHOW jit")).scalar_one() == "off"


def _statuses_of_at_once(app: Any, path: str, requests: int) -> list[int]:
    """`requests` GETs of `path` sent to the ASGI `app` all at once, and the statuses they answered."""
    async def main() -> list[int]:
        statuses: list[int] = []
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as client:
            async def call() -> None:
                statuses.append((await client.get(path)).status_code)
            async with anyio.create_task_group() as group:
                for _ in range(requests):
                    group.start_soon(call)
        return statuses

    return anyio.run(main)


def test_more_requests_than_the_api_admits_wait_their_turn_and_all_answer():
    """Twelve requests at once against a limit of three: never more than three inside, none refused or lost."""
    from backend.core.admission import AdmissionLimit

    inside, most = 0, 0

    async def app(scope: Any, receive: Any, send: Any) -> None:
        nonlocal inside, most
        inside += 1
        most = max(most, inside)
        await anyio.sleep(0.02)
        inside -= 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    assert _statuses_of_at_once(AdmissionLimit(app, limit=3), "/", 12) == [200] * 12 and most == 3


def test_the_database_pool_holds_two_connections_for_every_request_admitted(monkeypatch: pytest.MonkeyPatch):
    """Otherwise admitted requests could each hold one connection while waiting for another, and stall."""
    from backend.core.config import get_settings

    monkeypatch.setenv("REQUESTS_IN_FLIGHT", "7")
    get_settings.cache_clear()
    try:
        engine = db_module.make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")  # connects only when used
        assert engine.pool.size() + engine.pool._max_overflow == 14  # type: ignore[attr-defined]
    finally:
        get_settings.cache_clear()


def test_at_most_two_large_answers_are_built_at_once():
    from backend.core.admission import LARGE_ANSWER

    app = FastAPI()
    inside, most = 0, 0

    @app.get("/version", dependencies=[LARGE_ANSWER])
    def version() -> dict[str, str]:
        nonlocal inside, most
        inside += 1
        most = max(most, inside)
        time.sleep(0.05)
        inside -= 1
        return {"text": "thirty thousand words"}

    assert _statuses_of_at_once(app, "/version", 6) == [200] * 6 and most == 2


def test_the_app_loads_no_document_library_until_a_document_is_made():
    """fpdf2 and openpyxl (with numpy and fontTools) are about 80 MB a worker would hold from its start."""
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys; from backend.app import create_app; create_app(); "
         "print(' '.join(m for m in ('fpdf', 'openpyxl', 'docx', 'numpy') if m in sys.modules))"],
        capture_output=True, text=True, check=True, cwd=ROOT, env={"PATH": "", "ENVIRONMENT": "test"}).stdout.strip()
    assert loaded == ""


def test_me_is_answered_from_the_record_the_token_loaded_for_a_person_and_for_a_client(client, make, db, engine):
    agency = make.agency(name="Harbour Trust")
    person = make.headers(make.user(Role.agency_lead, agency, name="Dana Okafor"))
    machine, _ = make_client(db, agency, ["referrals:write"], name="Harbour Trust case system")
    machine_headers = client_headers(machine)
    answers, costs = {}, {}
    for who, headers in (("person", person), ("client", machine_headers)):
        client.get("/api/v1/me", headers=headers)  # a first sign-in's own writes, out of the count
        with counted(engine) as statements:
            answers[who] = client.get("/api/v1/me", headers=headers).json()
        costs[who] = len([s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE"))])
    assert answers["person"]["name"] == "Dana Okafor" and answers["person"]["role"] == "agency_lead"
    assert answers["person"]["agency"]["name"] == "Harbour Trust"
    assert answers["client"]["kind"] == "client" and answers["client"]["scopes"] == ["referrals:write"]
    assert answers["client"]["agency"]["name"] == "Harbour Trust" and answers["client"]["email"] is None
    # The token's own check loads the caller; building the answer asks the database for nothing more.
    assert costs == {"person": 1, "client": 1}, costs
