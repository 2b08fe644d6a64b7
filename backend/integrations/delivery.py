"""Sending webhook deliveries: signed, with a timeout, retried with exponential backoff, each attempt logged.

Workers claim due deliveries in a short transaction (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite takes its
write lock for the whole claim), push their due time out by a lease so no other worker takes them, send without
holding any lock, then record the attempt in another short transaction. A worker that dies mid-send leaves its
deliveries due again when the lease ends, so each event arrives at least once; receivers de-duplicate on
`Webhook-Id`.
"""

import hashlib
import hmac
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
from sqlalchemy import select, update
from sqlalchemy.orm import Session, lazyload

from backend.core import clock
from backend.integrations.models import DeliveryStatus, WebhookDelivery, WebhookDeliveryAttempt, WebhookSubscription

MAX_ATTEMPTS = 8
TIMEOUT_SECONDS = 5.0
LEASE = timedelta(minutes=5)
BATCH = 10
FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=12)
USER_AGENT = "SafeguardingReviews-Webhooks/1.0"
logger = logging.getLogger("backend.webhooks")


def backoff(failures: int) -> timedelta:
    """Wait after the n-th failed attempt in a row: 30 s, 2 min, 8 min, 32 min, ~2 h, ~8.5 h, then 12 h."""
    return min(FIRST_RETRY * 4 ** (failures - 1), LONGEST_WAIT)


def signature_header(secret: str, timestamp: int, body: str) -> str:
    """`t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the subscription's secret>`."""
    mac = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


@dataclass(frozen=True)
class Job:
    delivery_id: uuid.UUID
    event_type: str
    body: str
    url: str
    secret: str


@dataclass(frozen=True)
class Outcome:
    attempted_at: datetime
    status_code: int | None
    response_ms: int
    error: str | None

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def _claim(session_factory: Callable[[], Session], limit: int) -> list[Job]:
    with session_factory() as session, session.begin():
        now = clock.now()
        rows = session.execute(
            select(WebhookDelivery.id, WebhookDelivery.event_type, WebhookDelivery.body,
                   WebhookSubscription.url, WebhookSubscription.secret)
            .join(WebhookSubscription, WebhookSubscription.id == WebhookDelivery.subscription_id)
            .where(WebhookDelivery.status == DeliveryStatus.pending, WebhookDelivery.next_attempt_at <= now,
                   WebhookSubscription.active.is_(True))
            .order_by(WebhookDelivery.next_attempt_at)
            .limit(limit)
            .with_for_update(skip_locked=True, of=WebhookDelivery)
        ).all()
        jobs = [Job(*row) for row in rows]
        if jobs:
            session.execute(update(WebhookDelivery).where(WebhookDelivery.id.in_([j.delivery_id for j in jobs]))
                            .values(next_attempt_at=now + LEASE))
        return jobs


def _send(http: httpx.Client, job: Job) -> Outcome:
    attempted_at = clock.now()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Webhook-Id": str(job.delivery_id),
        "Webhook-Event": job.event_type,
        "Webhook-Signature": signature_header(job.secret, int(attempted_at.timestamp()), job.body),
    }
    started = time.perf_counter()
    try:
        response = http.post(job.url, content=job.body.encode(), headers=headers)
    except httpx.HTTPError as exc:
        return Outcome(attempted_at, None, _ms(started), f"{type(exc).__name__}: {exc}"[:500])
    ok = 200 <= response.status_code < 300
    return Outcome(attempted_at, response.status_code, _ms(started), None if ok else f"HTTP {response.status_code}")


def _ms(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)


def _record(session_factory: Callable[[], Session], job: Job, outcome: Outcome) -> None:
    with session_factory() as session, session.begin():
        delivery = session.scalar(select(WebhookDelivery).where(WebhookDelivery.id == job.delivery_id)
                                  .options(lazyload(WebhookDelivery.subscription))
                                  .with_for_update(of=WebhookDelivery))
        if delivery is None:
            return
        delivery.attempts += 1
        delivery.attempt_log.append(WebhookDeliveryAttempt(
            number=delivery.attempts, attempted_at=outcome.attempted_at, status_code=outcome.status_code,
            response_ms=outcome.response_ms, error=outcome.error))
        delivery.last_attempt_at = outcome.attempted_at
        delivery.last_status_code, delivery.last_response_ms = outcome.status_code, outcome.response_ms
        delivery.last_error = outcome.error
        if outcome.succeeded:
            delivery.status, delivery.delivered_at = DeliveryStatus.succeeded, clock.now()
            delivery.next_attempt_at = None
            logger.info("Webhook %s (%s) delivered to %s", delivery.id, job.event_type, job.url)
        elif delivery.attempts >= delivery.max_attempts:
            delivery.status, delivery.next_attempt_at = DeliveryStatus.failed, None
            logger.warning("Webhook %s to %s failed for good after attempt %d: %s", delivery.id, job.url,
                           delivery.attempts, outcome.error)
        else:
            failures = delivery.attempts - (delivery.max_attempts - MAX_ATTEMPTS)
            delivery.next_attempt_at = clock.now() + backoff(failures)
            logger.warning("Webhook %s to %s attempt %d failed (%s); next at %s", delivery.id, job.url,
                           delivery.attempts, outcome.error, delivery.next_attempt_at.isoformat())


def deliver_due_webhooks(
    session_factory: Callable[[], Session], *, limit: int = 500, transport: httpx.BaseTransport | None = None
) -> int:
    """Send every delivery that is due (up to `limit`); returns how many attempts were made. A worker job."""
    attempted = 0
    with httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=False, transport=transport) as http:
        while attempted < limit and (jobs := _claim(session_factory, min(BATCH, limit - attempted))):
            for job in jobs:
                _record(session_factory, job, _send(http, job))
                attempted += 1
    return attempted
