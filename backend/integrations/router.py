import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response

from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.auth import DbSession, Requires
from backend.core.concurrency import VERSIONED_CREATE, VERSIONED_EDIT, VERSIONED_READ, IfMatch, set_etag
from backend.core.errors import PROBLEM_RESPONSES
from backend.core.pagination import Page, PageParams, page_params, paginate
from backend.integrations import service
from backend.integrations.models import DeliveryStatus
from backend.integrations.schemas import (
    WebhookDeliveryRead,
    WebhookSubscriptionCreate,
    WebhookSubscriptionCreated,
    WebhookSubscriptionRead,
    WebhookSubscriptionUpdate,
)

router = APIRouter(prefix="/api/v1", tags=["webhooks"], responses=PROBLEM_RESPONSES)
Paging = Annotated[PageParams, Depends(page_params)]
Manager = Annotated[Principal, Requires(P.webhooks_manage)]


@router.get("/webhooks", response_model=Page[WebhookSubscriptionRead])
def list_webhooks(
    session: DbSession, principal: Manager, page: Paging, active: bool | None = None
) -> Page[WebhookSubscriptionRead]:
    """Partnership systems told about events (business office)."""
    rows, total = paginate(session, service.list_subscriptions(active), page)
    return Page(items=[WebhookSubscriptionRead.model_validate(s) for s in rows], total=total, **page.model_dump())


@router.post("/webhooks", response_model=WebhookSubscriptionCreated, status_code=201,
             responses=VERSIONED_CREATE)
def create_webhook(
    session: DbSession, principal: Manager, data: WebhookSubscriptionCreate, response: Response
) -> WebhookSubscriptionCreated:
    """Register an endpoint for chosen events. The signing secret is in this response only.

    Deliveries are signed (`Webhook-Signature`, see the `webhooks` section of this document) and retried with
    backoff until the endpoint answers 2xx.
    """
    subscription, secret = service.create_subscription(session, principal, data)
    set_etag(response, subscription)
    return WebhookSubscriptionCreated(**WebhookSubscriptionRead.model_validate(subscription).model_dump(),
                                      secret=secret)


@router.get("/webhooks/{subscription_id}", response_model=WebhookSubscriptionRead,
            responses=VERSIONED_READ)
def read_webhook(
    session: DbSession, principal: Manager, subscription_id: uuid.UUID, response: Response
) -> WebhookSubscriptionRead:
    subscription = service.get_subscription(session, subscription_id)
    set_etag(response, subscription)
    return WebhookSubscriptionRead.model_validate(subscription)


@router.patch("/webhooks/{subscription_id}", response_model=WebhookSubscriptionRead,
              responses=VERSIONED_EDIT)
def update_webhook(
    session: DbSession, principal: Manager, subscription_id: uuid.UUID, data: WebhookSubscriptionUpdate,
    if_match: IfMatch, response: Response,
) -> WebhookSubscriptionRead:
    """Change a subscription; `active: false` pauses it (pending deliveries wait until it is active again)."""
    subscription = service.update_subscription(session, principal, subscription_id, data, if_match)
    set_etag(response, subscription)
    return WebhookSubscriptionRead.model_validate(subscription)


@router.get("/webhooks/{subscription_id}/deliveries", response_model=Page[WebhookDeliveryRead])
def list_webhook_deliveries(
    session: DbSession, principal: Manager, subscription_id: uuid.UUID, page: Paging,
    status: DeliveryStatus | None = None,
) -> Page[WebhookDeliveryRead]:
    """What was sent to this subscription, newest first, with every attempt (status code, time taken, error)."""
    service.get_subscription(session, subscription_id)
    rows, total = paginate(session, service.list_deliveries(subscription_id, status), page)
    return Page(items=[WebhookDeliveryRead.model_validate(d) for d in rows], total=total, **page.model_dump())


@router.get("/webhook-deliveries/{delivery_id}", response_model=WebhookDeliveryRead)
def read_webhook_delivery(session: DbSession, principal: Manager, delivery_id: uuid.UUID) -> WebhookDeliveryRead:
    return WebhookDeliveryRead.model_validate(service.get_delivery(session, delivery_id))


@router.post("/webhook-deliveries/{delivery_id}/redeliver", response_model=WebhookDeliveryRead, status_code=202)
def redeliver_webhook(session: DbSession, principal: Manager, delivery_id: uuid.UUID) -> WebhookDeliveryRead:
    """Send a delivery again on the next worker run, with a fresh set of retries (same `Webhook-Id`)."""
    return WebhookDeliveryRead.model_validate(service.redeliver(session, principal, delivery_id))
