"""Every API call an integration client makes is in the audit log under the client's name, failures included.

The row is written in a short transaction of its own once the response is ready and before it is sent, so a
request whose own transaction rolled back (a 403, a 422, a crash) still leaves its record. The query string is
left out: search terms could identify a child.
"""

import time
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.audit import service as audit
from backend.core.access import Principal
from backend.core.db import own_transaction


def record_api_call(app: Any, principal: Principal, method: str, path: str, status: int, duration_ms: int) -> None:
    with own_transaction(app) as session:
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
            if recorded or not isinstance(principal, Principal) or principal.kind != "client":
                return
            recorded = True
            duration_ms = round((time.perf_counter() - started) * 1000)
            await run_in_threadpool(record_api_call, scope["app"], principal, scope["method"], scope["path"],
                                    status, duration_ms)

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
