"""How many requests the app works on at once: at most `requests_in_flight`; the rest wait their turn, in order, on
the event loop, holding nothing but their socket.

Without a bound, every request that arrives starts at once. A request holds its database connection from its first
statement to its end (core/db.py), while each of its steps (the caller's token, the endpoint, a commit) waits for a
worker thread; with more requests in flight than threads and connections together, every thread can be waiting for
a connection that a request waiting for a thread holds, and the API stalls until the pool's 30 s timeout fails them
all (the load benchmark met this at 50 clients with 8 threads). With the bound, there are always enough of both: the
pool holds two connections per admitted request (a request may open a short transaction of its own,
core/db.own_transaction), and at most 40 are admitted, anyio's number of worker threads (a request runs in one
thread at a time).

It also bounds memory: the large answers (a 30,000-word report version, a review's integrated chronology) are
built by at most this many requests at once instead of by every client waiting, and with one interpreter lock,
more requests at once only share the same CPU more thinly.
"""

from collections.abc import AsyncIterator

import anyio
from anyio.lowlevel import RunVar
from fastapi import Depends
from starlette.types import ASGIApp, Receive, Scope, Send

from backend.core.config import get_settings


def _slots(var: RunVar[anyio.Semaphore], limit: int) -> anyio.Semaphore:
    """The semaphore `var` holds on this event loop, made on first use (a test client may start several loops; the
    server runs one)."""
    try:
        return var.get()
    except LookupError:
        slots = anyio.Semaphore(limit)
        var.set(slots)
        return slots


class AdmissionLimit:
    """At most `limit` HTTP requests inside the app at once; the rest are admitted first come, first served."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        self._slots: RunVar[anyio.Semaphore] = RunVar(f"admission-{id(self)}")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        async with _slots(self._slots, self.limit):
            await self.app(scope, receive, send)


_large_answers: RunVar[anyio.Semaphore] = RunVar("large-answers")


async def _one_of_few_large_answers() -> AsyncIterator[None]:
    """Held by a request building a large answer (a report version, a diff, an integrated chronology, an export)
    until its answer is sent: at most `large_answers_at_once` are built at once, the rest wait their turn first.
    Each holds megabytes of Python objects while it is built; twelve at once held about 70 MB more than two."""
    async with _slots(_large_answers, get_settings().large_answers_at_once):
        yield


# `dependencies=[LARGE_ANSWER]` on a route whose answer runs to megabytes.
LARGE_ANSWER = Depends(_one_of_few_large_answers)
