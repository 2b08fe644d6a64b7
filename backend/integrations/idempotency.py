"""`Idempotency-Key` on every authenticated POST: a retried request is answered, not repeated.

The key is claimed (a unique (caller, key) row, committed at once) before the request runs, so of several
concurrent retries only one runs; the others wait for its stored response. The response is stored in the same
transaction as the change (`core.db.CommitHandover`), so a change that rolls back stores nothing and frees the
key for a retry. Keys are kept at least `RETENTION`; `purge_idempotency_keys` removes older ones.
"""

import hashlib
import logging
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal, cast

import anyio
from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.core import clock
from backend.core.db import CommitHandover, commit_handover, own_transaction
from backend.core.errors import FieldError, Problem, ProblemError, problem_response
from backend.core.tokens import decode_access_token
from backend.integrations.models import IdempotencyKey

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
RETENTION = timedelta(hours=24)
# How long a retry waits for the first request with its key to finish before answering 409.
WAIT_SECONDS = 10.0
# An unfinished claim this old belongs to a request that died (its transaction never committed): take it over.
ABANDONED_AFTER = timedelta(minutes=2)
_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
_KEPT_HEADERS = ("content-type", "location", "etag", "content-location")
logger = logging.getLogger("backend.idempotency")


def applies_to(scope: Scope) -> bool:
    """Authenticated API POSTs; the OAuth endpoints are exempt (a token response must never be replayed)."""
    path: str = scope["path"]
    return (scope["type"] == "http" and scope["method"] == "POST" and path.startswith("/api/")
            and not path.startswith("/api/v1/auth/"))


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def bearer_claims(scope: Scope) -> dict[str, Any] | None:
    """The claims of a validly signed, unexpired bearer token on the request, if any."""
    authorization = _header(scope, b"authorization") or ""
    if not authorization.lower().startswith("bearer "):
        return None
    try:
        return decode_access_token(authorization[7:].strip())
    except ProblemError:
        return None


def caller_of(scope: Scope) -> str | None:
    """Whose key space this is: the client or user named by the bearer token."""
    claims = bearer_claims(scope)
    if claims is None:
        return None
    kind = "client" if claims.get("typ") == "client" else "user"
    return f"{kind}:{claims.get('sub')}"


def fingerprint(method: str, path: str, query: bytes, body: bytes) -> str:
    digest = hashlib.sha256(f"{method}\n{path}?{query.decode('latin-1')}\n".encode())
    digest.update(body)
    return digest.hexdigest()


@dataclass
class Claim:
    outcome: Literal["claimed", "replay", "mismatch", "busy"]
    row_id: uuid.UUID | None = None
    status: int = 0
    headers: dict[str, str] | None = None
    body: bytes = b""


def claim(app: Any, caller: str, key: str, print_: str) -> Claim:
    """Take the key for this request, or say why not (already answered, different request, still running)."""
    try:
        with own_transaction(app) as session:
            row = session.scalar(select(IdempotencyKey).where(IdempotencyKey.caller == caller,
                                                              IdempotencyKey.key == key))
            if row is not None:
                if row.fingerprint != print_:
                    return Claim("mismatch")
                if row.completed_at is not None:
                    return Claim("replay", row.id, row.response_status or 200, row.response_headers,
                                 row.response_body or b"")
                if row.created_at > clock.now() - ABANDONED_AFTER:
                    return Claim("busy")
                session.delete(row)
                session.flush()
            row = IdempotencyKey(caller=caller, key=key, fingerprint=print_)
            session.add(row)
            session.flush()
            return Claim("claimed", row.id)
    except IntegrityError:
        # Another request inserted the same key a moment ago; the caller looks again.
        return Claim("busy")


def _completion(status: int, headers: dict[str, str], body: bytes) -> dict[str, Any]:
    return {"completed_at": clock.now(), "response_status": status, "response_headers": headers,
            "response_body": body}


def complete_in_request_transaction(
    session: Session, row_id: uuid.UUID, status: int, headers: dict[str, str], body: bytes
) -> Literal["stored", "taken_over", "failed"]:
    """Store the response and commit it together with the change; on any failure neither is kept."""
    try:
        stored = cast(CursorResult[Any], session.execute(
            update(IdempotencyKey).where(IdempotencyKey.id == row_id, IdempotencyKey.completed_at.is_(None))
            .values(**_completion(status, headers, body))
        )).rowcount
        if stored != 1:
            session.rollback()
            return "taken_over"
        session.commit()
        return "stored"
    except Exception:
        logger.exception("Committing an idempotent request failed")
        session.rollback()
        return "failed"
    finally:
        session.close()


def complete_separately(app: Any, row_id: uuid.UUID, status: int, headers: dict[str, str], body: bytes) -> None:
    """For an endpoint that committed without handing its session over (one with no database session)."""
    with own_transaction(app) as session:
        session.execute(update(IdempotencyKey).where(IdempotencyKey.id == row_id)
                        .values(**_completion(status, headers, body)))


def release(app: Any, row_id: uuid.UUID) -> None:
    """The request changed nothing: free its key so a retry runs afresh."""
    with own_transaction(app) as session:
        session.execute(delete(IdempotencyKey).where(IdempotencyKey.id == row_id,
                                                     IdempotencyKey.completed_at.is_(None)))


def purge_idempotency_keys(session_factory: Callable[[], Session]) -> int:
    """Forget keys older than `RETENTION` (a scheduled job); returns how many were removed."""
    with session_factory() as session, session.begin():
        removed = session.execute(delete(IdempotencyKey).where(IdempotencyKey.created_at < clock.now() - RETENTION))
        return cast(CursorResult[Any], removed).rowcount


def _problem(scope: Scope, status: int, title: str, detail: str, errors: list[tuple[str, str]] | None = None
             ) -> Response:
    problem = Problem(title=title, status=status, detail=detail, instance=scope["path"],
                      errors=[FieldError(field=f, message=m) for f, m in errors or []])
    return problem_response(problem)


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = _header(scope, HEADER.lower().encode()) if scope["type"] == "http" else None
        caller = caller_of(scope) if key is not None and applies_to(scope) else None
        if key is None or caller is None:
            await self.app(scope, receive, send)
            return
        if not _KEY.match(key):
            await _problem(scope, 422, "Your request has errors", "Idempotency-Key must be 1 to 255 visible "
                           "ASCII characters (a UUID is a good choice).",
                           [("header.Idempotency-Key", "1 to 255 visible ASCII characters")])(scope, receive, send)
            return
        body = await _read_body(receive)
        print_ = fingerprint(scope["method"], scope["path"], scope.get("query_string", b""), body)
        app = scope["app"]
        deadline = anyio.current_time() + WAIT_SECONDS
        while (taken := await run_in_threadpool(claim, app, caller, key, print_)).outcome == "busy":
            if anyio.current_time() >= deadline:
                break
            await anyio.sleep(0.05)
        if taken.outcome == "busy":
            response = _problem(scope, 409, "Conflict", "A request with this Idempotency-Key is still being "
                                "processed; retry in a moment to receive its response.")
        elif taken.outcome == "mismatch":
            response = _problem(scope, 422, "Idempotency-Key reused",
                                "This Idempotency-Key was already used for a different request (another path or "
                                "body). Use a new key for a new request.",
                                [("header.Idempotency-Key", "already used with a different request")])
        elif taken.outcome == "replay":
            response = Response(taken.body, status_code=taken.status, headers=taken.headers or {})
            response.headers[REPLAYED_HEADER] = "true"
        else:
            assert taken.row_id is not None
            await self._run(scope, receive, send, body, taken.row_id)
            return
        await response(scope, receive, send)

    async def _run(self, scope: Scope, receive: Receive, send: Send, body: bytes, row_id: uuid.UUID) -> None:
        """Run the request once, with its transaction handed back here to commit alongside its response.

        The commit happens when the response is complete and before any of it is sent, so background work that
        runs after the response sees the change committed.
        """
        app = scope["app"]
        handover = CommitHandover()
        start: Message = {}
        chunks: list[bytes] = []
        sent = False

        body_given = False

        async def replay_body() -> Message:
            nonlocal body_given
            if body_given:
                return await receive()  # after the body, only a disconnect can come
            body_given = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def finish_then_send(message: Message) -> None:
            nonlocal start, sent
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or sent:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            response = await self._finish(scope, app, handover, row_id, start, b"".join(chunks))
            sent = True
            await response(scope, receive, send)

        token = commit_handover.set(handover)
        try:
            await self.app(scope, replay_body, finish_then_send)
        finally:
            commit_handover.reset(token)
            if not sent:
                # Failed (or answered nothing) before its response was complete: nothing commits, the key is free.
                # Shielded, so a client hanging up mid-request still leaves the session closed and the key freed.
                with anyio.CancelScope(shield=True):
                    if handover.session is not None:
                        await run_in_threadpool(_abandon, handover.session)
                    await run_in_threadpool(release, app, row_id)

    async def _finish(self, scope: Scope, app: Any, handover: CommitHandover, row_id: uuid.UUID, start: Message,
                      content: bytes) -> Response:
        status = start["status"]
        raw_headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in start.get("headers", [])]
        kept = {k: v for k, v in raw_headers if k.lower() in _KEPT_HEADERS}
        if handover.session is not None:
            outcome = await run_in_threadpool(complete_in_request_transaction, handover.session, row_id, status,
                                              kept, content)
            handover.session = None
            if outcome == "taken_over":
                return _problem(scope, 409, "Conflict", "Another request with this Idempotency-Key took over; "
                                "nothing was changed by this one. Retry to receive its response.")
            if outcome == "failed":
                await run_in_threadpool(release, app, row_id)
                return _problem(scope, 500, "Internal server error", "Something went wrong; nothing was changed.")
        elif status < 400:
            await run_in_threadpool(complete_separately, app, row_id, status, kept, content)
        else:
            await run_in_threadpool(release, app, row_id)
        response = Response(content, status_code=status)
        response.raw_headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in raw_headers]
        return response


def _abandon(session: Session) -> None:
    session.rollback()
    session.close()


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)
