"""Webhook subscriptions (business office) and the deliveries that domain events create."""

import json
import secrets
import uuid
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.core import clock
from backend.core.access import Principal
from backend.core.concurrency import check_version
from backend.core.config import get_settings
from backend.core.domain_events import DomainEvent
from backend.core.errors import Invalid, NotFound
from backend.identity.models import Agency
from backend.integrations.delivery import MAX_ATTEMPTS
from backend.integrations.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from backend.integrations.schemas import WebhookEventType, WebhookSubscriptionCreate, WebhookSubscriptionUpdate

EVENT_TYPES = frozenset(t.value for t in WebhookEventType)
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_FIELDS = ("url", "description", "event_types", "agency_id", "active")



def list_subscriptions(active: bool | None = None) -> Select[WebhookSubscription]:
    stmt = select(WebhookSubscription).order_by(WebhookSubscription.created_at, WebhookSubscription.id)
    return stmt if active is None else stmt.where(WebhookSubscription.active.is_(active))


def get_subscription(session: Session, subscription_id: uuid.UUID) -> WebhookSubscription:
    subscription = session.get(WebhookSubscription, subscription_id)
    if subscription is None:
        raise NotFound("No such webhook subscription.")
    return subscription


def create_subscription(
    session: Session, actor: Principal, data: WebhookSubscriptionCreate
) -> tuple[WebhookSubscription, str]:
    values = data.model_dump()
    values["url"] = _checked_url(str(data.url))
    values["event_types"] = sorted({t.value for t in data.event_types})
    _check_agency(session, data.agency_id)
    secret = f"whsec_{secrets.token_urlsafe(32)}"
    subscription = WebhookSubscription(**values, secret=secret)
    session.add(subscription)
    session.flush()
    audit.record(session, actor, "create", "webhook_subscription", subscription.id,
                 f"Added webhook to {subscription.url}", audit.snapshot(subscription, _FIELDS))
    return subscription, secret


def update_subscription(
    session: Session, actor: Principal, subscription_id: uuid.UUID, data: WebhookSubscriptionUpdate,
    if_match: str | None,
) -> WebhookSubscription:
    subscription = get_subscription(session, subscription_id)
    check_version(subscription, if_match)
    changes = data.model_dump(exclude_unset=True)
    if "url" in changes:
        changes["url"] = _checked_url(str(changes["url"]))
    if "event_types" in changes:
        changes["event_types"] = sorted({WebhookEventType(t).value for t in changes["event_types"]})
    if changes.get("agency_id") is not None:
        _check_agency(session, changes["agency_id"])
    before = audit.snapshot(subscription, _FIELDS)
    for key, value in changes.items():
        setattr(subscription, key, value)
    session.flush()
    audit.record(session, actor, "update", "webhook_subscription", subscription.id,
                 f"Changed webhook to {subscription.url}", audit.diff(before, audit.snapshot(subscription, _FIELDS)))
    return subscription


def list_deliveries(subscription_id: uuid.UUID, status: DeliveryStatus | None = None) -> Select[WebhookDelivery]:
    stmt = (select(WebhookDelivery).where(WebhookDelivery.subscription_id == subscription_id)
            .order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id))
    return stmt if status is None else stmt.where(WebhookDelivery.status == status)


def get_delivery(session: Session, delivery_id: uuid.UUID) -> WebhookDelivery:
    delivery = session.get(WebhookDelivery, delivery_id)
    if delivery is None:
        raise NotFound("No such webhook delivery.")
    return delivery


def redeliver(session: Session, actor: Principal, delivery_id: uuid.UUID) -> WebhookDelivery:
    """Send again now, with a fresh set of retries, whatever happened before (same `Webhook-Id`)."""
    delivery = get_delivery(session, delivery_id)
    before = delivery.status
    delivery.status, delivery.next_attempt_at = DeliveryStatus.pending, clock.now()
    delivery.max_attempts = delivery.attempts + MAX_ATTEMPTS
    session.flush()
    audit.record(session, actor, "redeliver", "webhook_delivery", delivery.id,
                 f"Queued {delivery.event_type} to be sent again", {"status": {"from": before, "to": "pending"}})
    return delivery


def payload(event: DomainEvent) -> dict[str, Any]:
    """What a subscriber receives: ids, type, time, the anonymised child reference and the fields the event's model
    declares for webhooks (states, outcomes and dates), nothing identifying."""
    return {"id": str(event.id), "type": event.type, "occurred_at": event.occurred_at.isoformat(),
            "data": event.webhook_data()}


def on_domain_event(session: Session, event: DomainEvent) -> None:
    """Subscribed to every domain event: queue a delivery per interested subscription, in the event's transaction."""
    if event.type not in EVENT_TYPES:
        return
    subscriptions = [
        s for s in session.scalars(list_subscriptions(active=True))
        if event.type in s.event_types and (s.agency_id is None or event.concerns(s.agency_id))
    ]
    if not subscriptions:
        return
    body = json.dumps(payload(event), separators=(",", ":"), sort_keys=True)
    for subscription in subscriptions:
        session.add(WebhookDelivery(subscription_id=subscription.id, event_id=event.id, event_type=event.type,
                                    body=body, max_attempts=MAX_ATTEMPTS, next_attempt_at=clock.now()))
    session.flush()


def _checked_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.username or parts.password:
        raise Invalid("Put no credentials in the URL; check the signature instead.",
                      errors=[("body.url", "credentials are not allowed in the URL")])
    loopback = parts.hostname in LOOPBACK_HOSTS and get_settings().environment != "production"
    if parts.scheme != "https" and not (parts.scheme == "http" and loopback):
        raise Invalid("Webhook URLs must use HTTPS.", errors=[("body.url", "must be an https:// URL")])
    return url


def _check_agency(session: Session, agency_id: uuid.UUID | None) -> None:
    if agency_id is not None and session.get(Agency, agency_id) is None:
        raise Invalid("No such agency.", errors=[("body.agency_id", "no such agency")])
