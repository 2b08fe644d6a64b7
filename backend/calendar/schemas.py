import datetime as dt
import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from backend.core.schemas import RequestBody


class ClosureDayCreate(RequestBody):
    day: dt.date
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class ClosureDayRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    day: dt.date
    reason: str


class WorkingDayAnswer(BaseModel):
    start: dt.date
    working_days: int
    due_date: dt.date
