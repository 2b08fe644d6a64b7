import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class AuditEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    occurred_at: datetime
    actor_type: str
    actor_id: uuid.UUID | None
    actor_name: str
    action: str
    entity_type: str
    entity_id: str | None
    summary: str
    changes: dict[str, Any]


class TimelineEntry(BaseModel):
    """One line of a record's timeline; identifying values are never shown here."""

    model_config = ConfigDict(from_attributes=True)

    occurred_at: datetime
    actor_name: str
    action: str
    summary: str
