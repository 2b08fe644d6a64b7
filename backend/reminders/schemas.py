import datetime as dt
import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints, field_validator

from backend.core.schemas import RequestBody
from backend.reminders.models import OutboxStatus
from backend.reminders.policy import Policy

WorkingDays = Annotated[int, Field(ge=1, le=130)]


class ReminderPolicyUpdate(RequestBody):
    """A whole policy for one deadline kind (PUT replaces it)."""

    before_working_days: Annotated[list[WorkingDays], Field(max_length=10, description=(
        "Remind this many working days before the due date, e.g. [3, 1]"))]
    on_the_day: bool = True
    overdue_every_working_days: Annotated[int, Field(ge=0, le=60, description=(
        "Once overdue, remind on the first overdue working day and then every N working days; 0 for never"))]
    escalate_after_working_days: Annotated[int | None, Field(ge=0, le=130, description=(
        "Escalate once the deadline is this many working days overdue; null for never"))]
    escalate_to_agency_managers: bool = True
    escalate_to_business_office: bool = True
    what_is_needed: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]

    @field_validator("before_working_days")
    @classmethod
    def _distinct_descending(cls, value: list[int]) -> list[int]:
        if len(set(value)) != len(value):
            raise ValueError("each number of working days may appear only once")
        return sorted(value, reverse=True)


class ReminderPolicyRead(BaseModel):
    kind: str
    source: Literal["built_in", "business_office"] = Field(
        description="`built_in` until business office changes it; deleting the change restores the built-in policy")
    before_working_days: list[int]
    on_the_day: bool
    overdue_every_working_days: int
    escalate_after_working_days: int | None
    escalate_to_agency_managers: bool
    escalate_to_business_office: bool
    what_is_needed: str

    @classmethod
    def build(cls, policy: Policy, customised: bool) -> "ReminderPolicyRead":
        return cls(kind=policy.kind, source="business_office" if customised else "built_in",
                   before_working_days=list(policy.before_working_days), on_the_day=policy.on_the_day,
                   overdue_every_working_days=policy.overdue_every_working_days,
                   escalate_after_working_days=policy.escalate_after_working_days,
                   escalate_to_agency_managers=policy.escalate_to_agency_managers,
                   escalate_to_business_office=policy.escalate_to_business_office,
                   what_is_needed=policy.what_is_needed)


class AttachmentRead(BaseModel):
    filename: str
    content_type: str
    size: int


class OutboxMessageRead(BaseModel):
    id: uuid.UUID
    dedupe_key: str
    category: str
    recipients: list[str]
    subject: str
    status: OutboxStatus
    attempts: int
    next_attempt_at: dt.datetime
    last_error: str | None
    sent_at: dt.datetime | None
    created_at: dt.datetime
    deadline_id: uuid.UUID | None
    attachments: list[AttachmentRead]


class OutboxMessageDetail(OutboxMessageRead):
    text_body: str
    html_body: str
