import json
import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, UrlConstraints, computed_field

from backend.core.schemas import NotNull, RequestBody
from backend.integrations.models import DeliveryStatus


class WebhookEventType(StrEnum):
    """The events a partnership system may subscribe to (the fixed list; others are never sent).

    Each is a model in its domain's `events.py`; a test holds this list to the models and their publishers.
    """

    referral_submitted = "referral.submitted"
    referral_decided = "referral.decided"
    incident_notification_created = "incident_notification.created"
    rapid_review_decided = "rapid_review.decided"
    information_request_created = "information_request.created"
    information_request_submitted = "information_request.submitted"
    review_opened = "review.opened"
    review_stage_changed = "review.stage_changed"
    review_published = "review.published"
    action_created = "action.created"
    action_status_changed = "action.status_changed"
    action_completed = "action.completed"


WebhookUrl = Annotated[AnyHttpUrl, UrlConstraints(max_length=2000),
                       Field(description="HTTPS (plain http only to a loopback host outside production)")]
EventTypes = Annotated[list[WebhookEventType], Field(min_length=1, max_length=50)]
Description = Annotated[str, Field(max_length=500)]


class WebhookSubscriptionCreate(RequestBody):
    url: WebhookUrl
    description: Description = ""
    event_types: EventTypes
    agency_id: uuid.UUID | None = Field(None, description="Only events about this agency's records, when set")
    active: bool = True


class WebhookSubscriptionUpdate(RequestBody):
    url: NotNull[WebhookUrl] = None
    description: NotNull[Description] = None
    event_types: NotNull[EventTypes] = None
    agency_id: uuid.UUID | None = None
    active: NotNull[bool] = None


class WebhookSubscriptionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    url: str
    description: str
    event_types: list[WebhookEventType]
    agency_id: uuid.UUID | None
    active: bool
    created_at: datetime
    updated_at: datetime
    version: int


class WebhookSubscriptionCreated(WebhookSubscriptionRead):
    secret: str = Field(description="Signs every delivery (`Webhook-Signature`). Shown once, now.")


class WebhookAttemptRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    number: int
    attempted_at: datetime
    status_code: int | None
    response_ms: int | None
    error: str | None


class WebhookDeliveryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="Sent as `Webhook-Id`; the same on every attempt and redelivery")
    subscription_id: uuid.UUID
    event_id: uuid.UUID
    event_type: str
    status: DeliveryStatus
    created_at: datetime
    attempts: int
    max_attempts: int
    next_attempt_at: datetime | None
    last_attempt_at: datetime | None
    last_status_code: int | None
    last_response_ms: int | None
    last_error: str | None
    delivered_at: datetime | None
    attempt_log: list[WebhookAttemptRead] = Field(description="Every attempt, oldest first")
    body: str = Field(exclude=True)

    @computed_field(description="Exactly what was (or will be) sent")  # type: ignore[prop-decorator]
    @property
    def payload(self) -> dict[str, Any]:
        return json.loads(self.body)


class WebhookEventData(BaseModel):
    """Identifiers only: the anonymised child reference, never a name or any other identifying detail, and the
    states, outcomes and dates each event type declares (e.g. `agreed`, `review_type` and `decided_on` on
    `referral.decided`)."""

    model_config = ConfigDict(extra="allow")

    subject_type: str = Field(description="e.g. referral, information_request, review, action")
    subject_id: uuid.UUID
    case_id: uuid.UUID | None = Field(None, description="The case every stage of this child's process hangs off")
    child_reference: str = Field(description='The anonymised reference, e.g. "Child BM"')
    agency_ids: list[uuid.UUID] = Field(description="The agencies the event concerns")
    agency_id: uuid.UUID | None = Field(description="The first of `agency_ids` (kept for older subscribers)")


class WebhookEvent(BaseModel):
    """The JSON body of every webhook delivery."""

    id: uuid.UUID = Field(description="The event's id; the same for every subscription it is sent to")
    type: WebhookEventType
    occurred_at: datetime
    data: WebhookEventData
