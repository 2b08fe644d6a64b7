"""A small in-process sliding-window rate limiter: the public, no-account endpoints and failed sign-ins.

In-process is enough for one API process per deployment (the product's shape); each worker
process would keep its own windows. Tests reset it or swap the time source.
"""

import math
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable

from starlette.requests import Request

from backend.core.config import get_settings
from backend.core.errors import TooManyRequests


class SlidingWindowLimiter:
    """Counts hits per key over the last `window` seconds; the oldest hit decides Retry-After."""

    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._hits: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def hit(self, key: str, limit: int, window: float, detail: str = "Too many requests.") -> None:
        """Record one request for `key`, or raise 429 (with Retry-After) when `limit` is already used."""
        with self._lock:
            self._refuse_when_full(key, limit, window, detail)
            self._hits[key].append(self._now())

    def check(self, key: str, limit: int, window: float, detail: str = "Too many requests.") -> None:
        """Raise 429 when `limit` is already used for `key`, without counting this request (see `record`)."""
        with self._lock:
            self._refuse_when_full(key, limit, window, detail)

    def record(self, key: str) -> None:
        """Count one hit for `key`: for limits on what failed, counted only once it has."""
        with self._lock:
            self._hits[key].append(self._now())

    def _refuse_when_full(self, key: str, limit: int, window: float, detail: str) -> None:
        moment = self._now()
        hits = self._hits[key]
        while hits and hits[0] <= moment - window:
            hits.popleft()
        if len(hits) >= limit:
            retry_after = max(1, math.ceil(hits[0] + window - moment))
            raise TooManyRequests(f"{detail} Try again in {retry_after} seconds.",
                                  headers={"Retry-After": str(retry_after)})
        if not hits:
            del self._hits[key]  # keys seen once (a guessed account name) do not pile up

    def reset(self, now: Callable[[], float] | None = None) -> None:
        with self._lock:
            self._hits.clear()
            if now is not None:
                self._now = now


_limiter = SlidingWindowLimiter()


def client_address(request: Request) -> str:
    """The address limits are counted against, the one place it is worked out.

    From a trusted proxy (FORWARDED_ALLOW_IPS: addresses separated by commas, or `*`), the address that proxy
    saw: its `X-Real-IP`, else the right-most `X-Forwarded-For` entry (the one it appended). Never the
    left-most entry, which the client writes itself. From anyone else, the peer's own address.
    """
    peer = request.client.host if request.client else "unknown"
    if not _is_trusted_proxy(peer):
        return peer
    real_ip = request.headers.get("x-real-ip", "").strip()
    if real_ip:
        return real_ip
    forwarded = [entry.strip() for entry in request.headers.get("x-forwarded-for", "").split(",") if entry.strip()]
    return forwarded[-1] if forwarded else peer


def _is_trusted_proxy(peer: str) -> bool:
    trusted = {entry.strip() for entry in get_settings().forwarded_allow_ips.split(",") if entry.strip()}
    return "*" in trusted or peer in trusted


def get_limiter() -> SlidingWindowLimiter:
    """The process's limiter (a FastAPI dependency, so tests may override it)."""
    return _limiter
