"""Every test runs on SQLite and, when TEST_POSTGRES_URL is set, on PostgreSQL too.

Each database is built by the migrations once per run; each test runs inside a transaction
that is rolled back, so tests never see each other's rows.
"""

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlalchemy import create_engine, make_url, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, object_session

os.environ.setdefault("ENVIRONMENT", "test")

from backend.app import create_app  # noqa: E402
from backend.cases.models import Case  # noqa: E402
from backend.core import clock, passwords  # noqa: E402
from backend.core.access import Principal, Role  # noqa: E402
from backend.core.db import Base, get_sessionmaker, make_engine, session_scope, transaction  # noqa: E402
from backend.core.migrations import upgrade  # noqa: E402
from backend.identity import login  # noqa: E402
from backend.identity.models import Agency, AgencyKind, SafeguardingPartner, User  # noqa: E402
from backend.themes.service import ensure_seeded as ensure_seeded_themes  # noqa: E402
from backend.wiring import register_subscribers  # noqa: E402

register_subscribers()

pytest_plugins = ["tests.smtp_support"]  # smtp_server and jobs fixtures (reminders and e-mail)

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_POSTGRES_URL") else [])
PASSWORD = "correct-horse-battery"

# Argon2 at production cost makes every test user take ~100 ms; the algorithm is the same.
_FAST_HASHER = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),))
passwords._hasher = lambda: _FAST_HASHER  # type: ignore[assignment]


def _fresh_url(kind: str, tmp_dir: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_dir}/test.db"
    return empty_postgres(os.environ["TEST_POSTGRES_URL"])


def empty_postgres(url: str) -> str:
    """The PostgreSQL database at `url`, created if missing, its `public` schema rebuilt empty."""
    _create_database_if_missing(url)
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def _create_database_if_missing(url: str) -> None:
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": target.database})
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    url = _fresh_url(request.param, str(tmp_path_factory.mktemp(request.param)))
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    connection = engine.connect()
    outer = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        connection.close()


@pytest.fixture
def app(db: Session):
    application = create_app()

    async def _session() -> AsyncIterator[Session]:
        # The same commit/rollback rules as the real dependency, on the test's savepoint;
        # what the test arranged before the request is kept whatever the request does.
        db.commit()
        async with transaction(db) as session:
            yield session

    application.dependency_overrides[session_scope] = _session
    return application


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def live_app(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """The app on its own engine with real commits (for concurrency); tables emptied afterwards."""
    from backend.core import config
    from backend.core import db as db_module

    monkeypatch.setenv("DATABASE_URL", database_url)
    for cached in (config.get_settings, db_module.get_engine, db_module.get_sessionmaker,
                   db_module._request_sessionmaker):
        cached.cache_clear()
    with TestClient(create_app(), raise_server_exceptions=False) as test_client:
        yield test_client
    engine = db_module.get_engine()
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
        # What the migrations seed goes back, so later tests find the database as the migrations left it.
        with Session(bind=connection) as seeding:
            ensure_seeded_themes(seeding)
    engine.dispose()
    for cached in (config.get_settings, db_module.get_engine, db_module.get_sessionmaker,
                   db_module._request_sessionmaker):
        cached.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    """The public endpoints' in-process limiter starts empty in every test."""
    from backend.core.ratelimit import get_limiter

    get_limiter().reset()
    yield
    get_limiter().reset()


@pytest.fixture
def frozen_now() -> Iterator[list[datetime]]:
    """The service clock pinned to a moment tests can move: `frozen_now[0] = ...`."""
    moment = [datetime(2026, 11, 23, 10, 0, tzinfo=UTC)]
    clock.set_clock(lambda: moment[0])
    yield moment
    clock.set_clock(None)


PARTNER_OF_KIND = {AgencyKind.childrens_social_care: SafeguardingPartner.local_authority,
                   AgencyKind.health: SafeguardingPartner.integrated_care_board,
                   AgencyKind.police: SafeguardingPartner.police}


class Factory:
    """Builds agencies, users and their tokens straight in the test's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def agency(self, name: str | None = None, kind: AgencyKind = AgencyKind.other, statutory: bool = False,
               partner: SafeguardingPartner | None = None) -> Agency:
        """An agency; `statutory` (or `partner`) makes it one of the three safeguarding partners (the partner its
        kind stands for). There is one agency per partner: if the test already has that partner, it is returned."""
        if statutory and partner is None:
            partner = PARTNER_OF_KIND[kind]
        if partner is not None:
            existing = self.session.scalar(select(Agency).where(Agency.safeguarding_partner == partner))
            if existing is not None:
                return existing
        agency = Agency(name=name or f"Agency {uuid.uuid4().hex[:8]}", kind=kind, safeguarding_partner=partner)
        self.session.add(agency)
        self.session.flush()
        return agency

    def partner(self, partner: SafeguardingPartner, name: str | None = None) -> User:
        """A person with the partner role (`strategic_lead`) in that partner's agency (made if the test has none)."""
        kind = {v: k for k, v in PARTNER_OF_KIND.items()}[partner]
        names = {SafeguardingPartner.local_authority: "Westbrook Council",
                 SafeguardingPartner.integrated_care_board: "Westbrook Integrated Care Board",
                 SafeguardingPartner.police: "Westbrook Police"}
        return self.user(Role.strategic_lead, self.agency(names[partner], kind, partner=partner), name=name)

    def user(self, role: Role, agency: Agency | None = None, name: str | None = None) -> User:
        if agency is None and role in (Role.agency_lead, Role.agency_manager):
            agency = self.agency()
        user = User(
            name=name or f"{role.value.replace('_', ' ').title()} {uuid.uuid4().hex[:6]}",
            email=f"{uuid.uuid4().hex[:10]}@test.example.org", role=role,
            agency_id=agency.id if agency else None, password_hash=passwords.hash_password(PASSWORD),
        )
        self.session.add(user)
        self.session.flush()
        return user

    def case(self, reference: str | None = None) -> Case:
        """The child's case with this reference (made if there is none), for records made straight in the
        database."""
        existing = self.session.scalar(select(Case).where(Case.reference == reference)) if reference else None
        if existing is not None:
            return existing
        case = Case(reference=reference or f"Child {uuid.uuid4().hex[:6].upper()}")
        self.session.add(case)
        self.session.flush()
        return case

    @staticmethod
    def principal(user: User) -> Principal:
        """The user as services see them, for arranging state without going through HTTP."""
        return user.as_principal()

    @staticmethod
    def headers(user: User) -> dict[str, str]:
        """A fresh sign-in for `user`, in the session that holds them (or, once that closed, a new one)."""
        session = object_session(user)
        if session is not None:
            return {"Authorization": f"Bearer {login.sign_in(session, user).access_token}"}
        with get_sessionmaker()() as fresh, fresh.begin():
            return {"Authorization": f"Bearer {login.sign_in(fresh, fresh.merge(user)).access_token}"}


@pytest.fixture
def make(db: Session) -> Factory:
    return Factory(db)
