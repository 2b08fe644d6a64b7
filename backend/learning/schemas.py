import datetime as dt
import uuid
from typing import Annotated

from fastapi import UploadFile
from pydantic import BaseModel, Field, StringConstraints

from backend.core.schemas import FormBody, RequestBody
from backend.deadlines.models import DeadlineKind
from backend.identity.schemas import AgencySummary
from backend.learning.models import DisseminatedItem, DisseminationState

Teams = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]


class DisseminationCreate(RequestBody):
    """Record that a learning briefing (a rapid review's) or a response document (a review's or rapid review's) was
    sent to agencies: one record per agency. Give `rapid_review_id` or `review_id` (a briefing: the rapid review)."""

    item: DisseminatedItem
    rapid_review_id: uuid.UUID | None = None
    review_id: uuid.UUID | None = None
    agency_ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=50,
                                                 description="The agencies it was sent to (1 to 50)")]
    teams: Teams = Field("", description="Which of their teams received it (\"Locality social work teams; MASH\")")
    sent_on: dt.date


class DisseminationConfirm(RequestBody):
    """The receiving agency confirms it was discussed in a team meeting."""

    discussed_on: dt.date = Field(description="The date of the team meeting")
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = Field(
        "", description="Which team discussed it, what it decided")


class DisseminationRead(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    child_reference: str
    item: DisseminatedItem
    rapid_review_id: uuid.UUID | None
    review_id: uuid.UUID | None
    agency: AgencySummary
    teams: str
    sent_on: dt.date
    state: DisseminationState
    discussed_on: dt.date | None
    confirmation_note: str | None
    confirmed_at: dt.datetime | None
    confirmed_by_name: str | None
    allowed_actions: list[str] = Field(description="`confirm` (the receiving agency's lead), `withdraw`")


class SourceSummary(BaseModel):
    """A review, rapid review or other source, as the reports name it (anonymised reference only)."""

    key: str = Field(description="Stable key: `review:<id>`, `rapid_review:<id>` or `other:<title>`")
    label: str = Field(description="“Review – Child RM”, “Rapid review – Child KD”, or the source's title")
    review_id: uuid.UUID | None
    rapid_review_id: uuid.UUID | None
    made_on: dt.date = Field(description="When its earliest recommendation tagged with the theme was made")


class RecurrentTheme(BaseModel):
    theme_id: uuid.UUID
    name: str
    sources: int = Field(description="How many reviews (and other sources) raised it in the period")
    recommendations: int = Field(description="How many recommendations (or sub-parts) are tagged with it")
    appears_in: list[SourceSummary]


class RecurrentThemes(BaseModel):
    made_from: dt.date | None
    made_to: dt.date | None
    themes: list[RecurrentTheme] = Field(description="Most sources first; only themes raised at least once")


class EarlierRecommendation(BaseModel):
    id: uuid.UUID
    label: str
    text: str
    made_on: dt.date
    source: str
    actions: int
    actions_complete: int
    actions_open: int
    all_complete: bool = Field(description="Every action answering it was completed (false when it had none)")


class RepeatedRecommendation(BaseModel):
    id: uuid.UUID
    label: str
    text: str
    made_on: dt.date
    source: str
    repeats: list[EarlierRecommendation]


class ImportedSource(BaseModel):
    reference: str
    title: str
    made_on: dt.date
    recommendations: int
    actions: int


class ImportResult(BaseModel):
    """What an import created: everything in the file, or (on any bad row) nothing."""

    sources: list[ImportedSource]
    recommendations: int
    actions: int
    themes: list[str] = Field(description="The themes the imported recommendations are tagged with")


class AgencyFigures(BaseModel):
    agency: AgencySummary
    open: int
    overdue: int
    completed_on_time: int
    completed_late: int
    completed_with_evidence: int
    evidence_share: float | None = Field(description="Share (0–100) of completed actions with evidence of impact")


class SourceFigures(BaseModel):
    key: str
    label: str
    review_id: uuid.UUID | None
    rapid_review_id: uuid.UUID | None
    actions: int
    complete: int
    percent_complete: float


class Timeliness(BaseModel):
    kind: DeadlineKind
    label: str = Field(description="“Notifications (5 working days)”…")
    on_time: int
    late: int
    overdue_open: int = Field(description="Not yet met and already past due")
    percent_on_time: float | None


class ThemeYear(BaseModel):
    theme_id: uuid.UUID
    name: str
    year: int = Field(description="Reporting year starting 1 April of this year")
    sources: int


class Figures(BaseModel):
    """The learning tracker's figures for a period (actions completed, deadlines due and recommendations made in
    it); open and overdue are as of today."""

    period_from: dt.date | None
    period_to: dt.date | None
    agencies: list[AgencyFigures]
    sources: list[SourceFigures]
    timeliness: list[Timeliness]
    themes_over_time: list[ThemeYear]


class HistoryUpload(FormBody):
    """The filled-in template (multipart/form-data); a form field the API does not know is refused."""

    file: UploadFile = Field(description="The filled-in template, .xlsx or .csv (at most 5 MB and 10,000 rows)")
