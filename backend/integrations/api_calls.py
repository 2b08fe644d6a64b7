"""Every API call an integration client makes is in the audit log under the client's name, failures included.

The row is written in a short transaction of its own once the response is ready and before it is sent, so a
request whose own transaction rolled back (a 403, a 422, a crash) still leaves its record. The query string is
left out: search terms could identify a child.
"""

import time
import uuid
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.audit import service as audit
from backend.core.access import Principal
from backend.core.db import own_transaction
from backend.identity.models import IntegrationClient
from backend.integrations.idempotency import bearer_claims


def record_api_call(
    app: Any, principal: Principal | None, client_id: uuid.UUID | None, method: str, path: str, status: int,
    duration_ms: int,
) -> None:
    with own_transaction(app) as session:
        if principal is None:
            # Answered before the endpoint loaded the caller (a replayed response, a deactivated client's 401).
            client = session.get(IntegrationClient, client_id)
            if client is None:
                return
            principal = Principal(kind="client", id=client.id, name=client.name, role=None,
                                  agency_id=client.agency_id, scopes=frozenset(client.scopes))
        audit.record(session, principal, "api_call", "api", None, f"{method} {path} → {status}",
                     {"method": method, "path": path, "status": status, "duration_ms": duration_ms})


class ClientCallAuditMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        # The endpoint's authentication puts the caller here (core/auth.py `current_principal`).
        state: dict[str, Any] = scope.setdefault("state", {})
        started = time.perf_counter()
        status = 500
        recorded = False

        async def record() -> None:
            nonlocal recorded
            principal = state.get("principal")
            client_id = None
            if not isinstance(principal, Principal):
                principal, client_id = None, _client_in_token(scope)
            if recorded or (principal is None and client_id is None) or (principal and principal.kind != "client"):
                return
            recorded = True
            duration_ms = round((time.perf_counter() - started) * 1000)
            await run_in_threadpool(record_api_call, scope["app"], principal, client_id, scope["method"],
                                    scope["path"], status, duration_ms)

        async def send_after_recording(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body" and not message.get("more_body", False):
                await record()
            await send(message)

        try:
            await self.app(scope, receive, send_after_recording)
        except BaseException:
            status = 500
            await record()
            raise


def _client_in_token(scope: Scope) -> uuid.UUID | None:
    claims = bearer_claims(scope)
    if claims is None or claims.get("typ") != "client":
        return None
    try:
        return uuid.UUID(str(claims.get("sub")))
    except ValueError:
        return None
