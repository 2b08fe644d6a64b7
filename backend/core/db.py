"""Engine, sessions and the declarative base every domain's models share."""

import uuid
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, ClassVar

from sqlalchemy import DateTime, MetaData, Table, create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.types import TypeDecorator

from backend.core import clock
from backend.core.config import get_settings

# The session.info key under which current_principal keeps the request, so work done for one request (the case's
# access log, reads of identifying details) is recorded once per request.
REQUEST = "request"

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC on every database (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an aware UTC timestamp is required")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    # Every model here maps one table (no mapped joins or selects), so `Model.__table__` is typed as one.
    __table__: ClassVar[Table]
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime}


class IdMixin:
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now, onupdate=clock.now)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            # Take transactions out of pysqlite's hands so SAVEPOINTs work (see "begin" below).
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection: Connection) -> None:
            # IMMEDIATE takes the write lock up front, so concurrent writers queue on busy_timeout
            # instead of failing when a read lock cannot be upgraded.
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    # No pre-ping: it cost every request a round trip before its first query. A connection the server has dropped
    # (a restart, a failover) fails the one request that meets it; SQLAlchemy then discards every connection
    # older than the failure, and `pool_recycle` retires idle ones before a proxy or firewall would.
    return create_engine(url, pool_size=10, max_overflow=20, pool_recycle=1800)


@lru_cache
def get_engine() -> Engine:
    return make_engine(get_settings().database_url)


@lru_cache
def get_sessionmaker() -> sessionmaker[Session]:
    return sessionmaker(bind=get_engine(), expire_on_commit=False)


@dataclass
class CommitHandover:
    """Set (in `commit_handover`) by an outer layer that must commit the request's transaction itself.

    The idempotency middleware stores the finished response in the same transaction as the change it answers;
    the response only exists once the endpoint has returned, so `session_scope` leaves the successful session
    open here and that layer commits (or rolls back) and closes it before the response is sent.
    """

    session: Session | None = None


commit_handover: ContextVar[CommitHandover | None] = ContextVar("commit_handover", default=None)


def session_scope() -> Generator[Session]:
    """One transaction per request: committed when the endpoint returns, rolled back on error.

    Endpoints return schemas built inside the endpoint, so nothing lazy-loads after the commit.
    An error that must keep its side effects (a failed login's counter and audit row) sets
    `keep_changes`. Under a `CommitHandover` a successful session is handed over instead of committed.
    """
    session = get_sessionmaker()()
    handover = commit_handover.get()
    try:
        yield from transaction(session, handover)
    finally:
        if handover is None or handover.session is not session:
            session.close()


def transaction(session: Session, handover: CommitHandover | None = None) -> Iterator[Session]:
    """Yield the session, then commit (or hand it over), or roll back unless the error says `keep_changes`."""
    try:
        yield session
        if handover is not None:
            handover.session = session
        else:
            session.commit()
    except Exception as exc:
        if getattr(exc, "keep_changes", False):
            session.commit()
        else:
            session.rollback()
        raise


@contextmanager
def own_transaction(app: Any) -> Iterator[Session]:
    """A short transaction of its own, outside any request's, on the database the app's endpoints use.

    Resolves `session_scope` through the app's dependency overrides, so tests that swap the session see these
    writes too. Committed on leaving the block, rolled back on error.
    """
    provider: Callable[[], Generator[Session]] = app.dependency_overrides.get(session_scope, session_scope)
    token = commit_handover.set(None)
    try:
        sessions = provider()
        session = next(sessions)
        try:
            yield session
        except BaseException as exc:
            try:
                sessions.throw(exc)
            except type(exc):
                pass
            raise
        else:
            next(sessions, None)
    finally:
        commit_handover.reset(token)
