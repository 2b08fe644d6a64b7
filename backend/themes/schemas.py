import datetime as dt
import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from backend.core.schemas import NotNull, RequestBody

ThemeName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class ThemeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    retired: bool
    retired_at: dt.datetime | None


class ThemeSummary(BaseModel):
    """A theme as a recommendation or an action shows it."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str


class ThemeCreate(RequestBody):
    name: ThemeName


class ThemeUpdate(RequestBody):
    """Rename a theme (everything tagged with it shows the new name), retire it (kept on what it tags, no longer
    offered), or bring a retired theme back."""

    name: NotNull[ThemeName] = None
    retired: NotNull[bool] = Field(None, description="true retires the theme; false brings it back")
