"""Wiring the integration mechanisms into the app: middleware, the domain-event listener, OpenAPI notes."""

from copy import deepcopy
from typing import Annotated, Any

from fastapi import FastAPI, Header

from backend.core.domain_events import subscribe_all
from backend.integrations import service
from backend.integrations.api_calls import ClientCallAuditMiddleware
from backend.integrations.delivery import MAX_ATTEMPTS, TIMEOUT_SECONDS
from backend.integrations.idempotency import HEADER, REPLAYED_HEADER, RETENTION, IdempotencyMiddleware, applies_to
from backend.integrations.schemas import WebhookEvent, WebhookEventType

IDEMPOTENCY_PARAMETER: dict[str, Any] = {
    "name": HEADER,
    "in": "header",
    "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": r"^[\x21-\x7e]{1,255}$"},
    "description": (
        "Makes a retry safe: a repeat of this request (same method, path and body) with the same key, from the "
        f"same caller, within {int(RETENTION.total_seconds() // 3600)} hours, returns the first response (with "
        f"`{REPLAYED_HEADER}: true`) instead of doing it again. The same key with a different request is a 422; "
        "while the first request with the key is still running, a retry waits for it, then may get a 409. "
        "A request that failed stored nothing, so its key may be retried. A UUID per operation is a good key."
    ),
}
REPLAYED_RESPONSE_HEADER: dict[str, Any] = {
    "description": "`true` when this is the stored response to an earlier request with the same Idempotency-Key",
    "schema": {"type": "string", "enum": ["true"]},
}

SIGNATURE_DESCRIPTION = " ".join((
    "Sent as an HTTPS POST with a JSON body to each active subscription for the event's type.",
    "\n\n**Verify before trusting.** `Webhook-Signature` is `t=<unix timestamp>,v1=<hex>`, where `<hex>` is the",
    "HMAC-SHA256, keyed with the subscription's secret, of the timestamp, a full stop and the raw request body",
    '(`f"{t}.{body}"`). Compare in constant time and reject timestamps more than five minutes old.',
    f"\n\n**Acknowledge with any 2xx** within {TIMEOUT_SECONDS:.0f} seconds; anything else (or no answer) is",
    f"retried with exponential backoff (30 s, 2 min, 8 min, ... up to {MAX_ATTEMPTS} attempts). Deliveries may",
    "arrive more than once and out of order: de-duplicate on `Webhook-Id`. The body carries identifiers and the",
    "anonymised child reference only; fetch the record through the API (with your own client's access) for",
    "anything more.",
))


def install_integrations(app: FastAPI) -> None:
    """Called by `create_app` before CORS is added, so CORS stays outermost and also covers replayed responses."""
    app.add_middleware(IdempotencyMiddleware)
    # Outside the idempotency layer, so the call is logged once its transaction has committed or rolled back.
    app.add_middleware(ClientCallAuditMiddleware)
    subscribe_all(service.on_domain_event)
    _document_webhooks(app)
    _document_idempotency(app)


def _document_webhooks(app: FastAPI) -> None:
    for event_type in WebhookEventType:

        def event(
            body: WebhookEvent,
            webhook_id: Annotated[str, Header(alias="Webhook-Id", description="The delivery's id: stable across "
                                                                             "retries; de-duplicate on it")],
            webhook_event: Annotated[str, Header(alias="Webhook-Event", description="The event type")],
            webhook_signature: Annotated[str, Header(alias="Webhook-Signature",
                                                     description="`t=<unix timestamp>,v1=<hex HMAC-SHA256>`")],
        ) -> None:
            """Documentation of what a subscriber receives; nothing serves this route."""

        app.webhooks.add_api_route(
            event_type.value, event, methods=["POST"], status_code=200, summary=f"{event_type.value} happened",
            description=SIGNATURE_DESCRIPTION, operation_id=f"webhook_{event_type.name}",
            responses={200: {"description": "Received (any 2xx)"}},
        )


def _document_idempotency(app: FastAPI) -> None:
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = build()
        for operations in schema.get("webhooks", {}).values():
            # FastAPI's generic 422 means nothing for a request we send.
            operations["post"]["responses"].pop("422", None)
        for path, operations in schema.get("paths", {}).items():
            post = operations.get("post")
            if post is None or not applies_to({"type": "http", "method": "POST", "path": path}):
                continue
            # Copies, so the YAML document spells each one out instead of using anchors.
            post.setdefault("parameters", []).append(deepcopy(IDEMPOTENCY_PARAMETER))
            for code, response in post.get("responses", {}).items():
                if code.startswith("2"):
                    response.setdefault("headers", {})[REPLAYED_HEADER] = deepcopy(REPLAYED_RESPONSE_HEADER)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
