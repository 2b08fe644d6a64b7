"""Engine, sessions and the declarative base every domain's models share."""

import uuid
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Generator, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, ClassVar, TypeVar, cast

from sqlalchemy import DateTime, MetaData, Table, create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.types import TypeDecorator
from starlette.concurrency import run_in_threadpool

from backend.core import clock
from backend.core.config import get_settings

T = TypeVar("T")

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
    # No JIT: PostgreSQL compiles a query whose estimated cost passes `jit_above_cost`, and a page's few-row
    # statements with many correlated subqueries (a review's task list) pass it on estimates alone: compiling took
    # 270 ms of a statement that runs in 5. The API's statements are all short; nothing here gains from JIT.
    connect_args = {"options": "-c jit=off"} if url.startswith("postgresql") else {}
    # Two connections for each request the API admits at once (core/admission.py says why that is enough).
    connections = 2 * get_settings().requests_in_flight
    return create_engine(url, pool_size=connections // 2, max_overflow=connections - connections // 2,
                         pool_recycle=1800, connect_args=connect_args)


@lru_cache
def get_engine() -> Engine:
    return make_engine(get_settings().database_url)


@lru_cache
def get_sessionmaker() -> sessionmaker[Session]:
    return sessionmaker(bind=get_engine(), expire_on_commit=False)


def get_request_sessionmaker() -> sessionmaker[Session]:
    """The sessions requests run in: on PostgreSQL, transactions begun only when they are needed (below)."""
    return _request_sessionmaker(get_engine())


@lru_cache
def _request_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    if engine.dialect.name != "postgresql":
        return sessionmaker(bind=engine, expire_on_commit=False)
    # Plain reads run in autocommit: under READ COMMITTED every statement reads its own snapshot whether or not a
    # transaction is open, so a read-only request (most GETs) saves the BEGIN and COMMIT round trips. The first
    # statement that is not a plain read (a write, a locking read, a server-side cursor, raw SQL) turns autocommit
    # off before it runs, so psycopg opens a transaction there and that statement and everything after it commit
    # or roll back together with the request, exactly as before (the case access log a GET writes included).
    lazy = engine.execution_options(isolation_level="AUTOCOMMIT")
    event.listen(lazy, "before_cursor_execute", _begin_unless_plain_read)
    return sessionmaker(bind=lazy, expire_on_commit=False)


def _begin_unless_plain_read(connection: Connection, cursor: Any, statement: str, parameters: Any,
                             context: Any, executemany: bool) -> None:
    dbapi_connection = connection.connection.dbapi_connection
    if dbapi_connection is None or not dbapi_connection.autocommit or _is_plain_read(context):
        return
    dbapi_connection.autocommit = False


def _is_plain_read(context: Any) -> bool:
    compiled = getattr(context, "compiled", None)
    if compiled is None or context.is_text or context._is_server_side:  # noqa: SLF001
        return False
    statement = compiled.statement
    return bool(getattr(statement, "is_select", False)) and getattr(statement, "_for_update_arg", None) is None


def _settles_in_place(session: Session) -> bool:
    """Whether committing, rolling back and closing `session` sends nothing to the database: nothing to flush, and
    every connection it holds is a PostgreSQL one in autocommit with no transaction open (a read-only request)."""
    if session.new or session.deleted or session.identity_map.check_modified():
        return False
    transaction = session.get_transaction()
    if transaction is None:
        return True
    for held in transaction._connections.values():  # noqa: SLF001 - no public way to list them
        connection: Connection = held[0]
        if connection.closed or connection.invalidated or connection.dialect.name != "postgresql":
            return False  # an invalidated connection (the server went away) is rolled back in a thread, as before
        dbapi_connection = connection.connection.dbapi_connection
        if dbapi_connection is None or not dbapi_connection.autocommit or dbapi_connection.info.transaction_status:
            return False
    return True


# Set by `own_transaction`: its session is driven in a worker thread, where settling in place is the only way.
_outside_event_loop: ContextVar[bool] = ContextVar("outside_event_loop", default=False)


async def _settle(session: Session, action: Callable[[], None]) -> None:
    """Commit, roll back or close: on the event loop when that sends nothing to the database, else in a thread."""
    if _outside_event_loop.get() or _settles_in_place(session):
        action()
    else:
        await run_in_threadpool(action)


@dataclass
class CommitHandover:
    """Set (in `commit_handover`) by an outer layer that must commit the request's transaction itself.

    The idempotency middleware stores the finished response in the same transaction as the change it answers;
    the response only exists once the endpoint has returned, so `session_scope` leaves the successful session
    open here and that layer commits (or rolls back) and closes it before the response is sent.
    """

    session: Session | None = None


commit_handover: ContextVar[CommitHandover | None] = ContextVar("commit_handover", default=None)


async def session_scope() -> AsyncIterator[Session]:
    """One transaction per request: committed when the endpoint returns, rolled back on error.

    Endpoints return schemas built inside the endpoint, so nothing lazy-loads after the commit.
    An error that must keep its side effects (a failed login's counter and audit row) sets
    `keep_changes`. Under a `CommitHandover` a successful session is handed over instead of committed.

    `async`, so entering it (making a Session does no I/O) and leaving a read-only request (nothing to send) take
    no trip through the thread pool; a commit or rollback that talks to the database still runs in a thread.
    """
    session = get_request_sessionmaker()()
    handover = commit_handover.get()
    try:
        async with transaction(session, handover):
            yield session
    finally:
        if handover is None or handover.session is not session:
            await _settle(session, session.close)


@asynccontextmanager
async def transaction(session: Session, handover: CommitHandover | None = None) -> AsyncIterator[Session]:
    """Yield the session, then commit (or hand it over), or roll back unless the error says `keep_changes`."""
    try:
        yield session
        if handover is not None:
            handover.session = session
        else:
            await _settle(session, session.commit)
    except Exception as exc:
        if getattr(exc, "keep_changes", False):
            await _settle(session, session.commit)
        else:
            await _settle(session, session.rollback)
        raise


SessionProvider = Callable[[], AsyncGenerator[Session] | Generator[Session]]


@contextmanager
def own_transaction(app: Any) -> Iterator[Session]:
    """A short transaction of its own, outside any request's, on the database the app's endpoints use.

    Resolves `session_scope` through the app's dependency overrides, so tests that swap the session see these
    writes too. Committed on leaving the block, rolled back on error. Called from a worker thread (never on the
    event loop): the provider, an async generator, is driven here in place and settles in place.
    """
    provider: SessionProvider = app.dependency_overrides.get(session_scope, session_scope)
    token = commit_handover.set(None)
    outside = _outside_event_loop.set(True)
    try:
        sessions = provider()
        if isinstance(sessions, AsyncGenerator):
            with _in_place(sessions) as session:
                yield session
            return
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
        _outside_event_loop.reset(outside)
        commit_handover.reset(token)


@contextmanager
def _in_place(sessions: AsyncGenerator[Session]) -> Iterator[Session]:
    session = _run_in_place(sessions.__anext__())
    try:
        yield session
    except BaseException as exc:
        try:
            _run_in_place(sessions.athrow(exc))
        except type(exc):
            pass
        raise
    else:
        with suppress(StopAsyncIteration):
            _run_in_place(sessions.__anext__())


def _run_in_place(step: Awaitable[T]) -> T:
    """Run a coroutine that never suspends (a session provider outside the event loop) to its end, here."""
    coroutine = step.__await__()
    try:
        coroutine.send(None)
    except StopIteration as done:
        return cast(T, done.value)
    coroutine.close()
    raise RuntimeError("A session provider waited on something outside the event loop.")
