import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated

from fastapi import UploadFile
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from backend.core.schemas import FormBody, LocalTime, NotNull, RequestBody
from backend.core.text import OptionalLongText, ShortText
from backend.deadlines.schemas import DueDate
from backend.identity.schemas import AgencySummary
from backend.submissions.schemas import RevisionRead, SubmissionStatus

# What happened and its significance: a paragraph or two each, as the template's table holds.
EntryText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
Reasons = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]

MAX_AGENCIES = 50  # a review's agencies asked at once
MAX_ENTRIES = 5000  # entries in one agency's chronology (an upload included)
DEFAULT_GAP_DAYS = 30


class ChronologyRequest(RequestBody):
    """Ask agencies involved in the review for their chronologies, due on one date."""

    agency_ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=MAX_AGENCIES,
                                                 description="The review's agencies to ask (one chronology each)")]
    due_date: dt.date = Field(description="When the chronologies are due (after today)")
    note: OptionalLongText = Field(default="", description="What the agencies are asked to cover, e.g. the period")


class ChronologyEntryCreate(RequestBody):
    """One entry of the chronology template (seed 003, Appendix 4c)."""

    occurred_on: dt.date = Field(description="The date it happened")
    occurred_time: LocalTime | None = Field(None, description="The time, where known (HH:MM, local)")
    source: ShortText = Field(description="Where it is recorded: the record, system or person")
    what_happened: EntryText
    significance: EntryText = Field(description="Why it matters for the child")


class ChronologyEntryUpdate(RequestBody):
    occurred_on: NotNull[dt.date] = None
    occurred_time: LocalTime | None = Field(None, description="`null` when the time is not known")
    source: NotNull[ShortText] = None
    what_happened: NotNull[EntryText] = None
    significance: NotNull[EntryText] = None


class ChronologyEntryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    occurred_on: dt.date
    occurred_time: LocalTime | None
    source: str
    what_happened: str
    significance: str
    version: int = Field(description="Send it as `If-Match` to change or delete the entry")


class ChronologyReturn(RequestBody):
    reasons: Reasons


class ChronologySummary(SubmissionStatus):
    """An agency's chronology and its agency's submission (`state`, `revision`, `allowed_actions`, …)."""

    id: uuid.UUID
    review_id: uuid.UUID
    case_id: uuid.UUID
    child_reference: str
    agency: AgencySummary
    requested_on: dt.date
    note: str
    due: DueDate | None = None
    submitted_entry_count: int = Field(description="Entries in the chronology as last submitted")
    draft_entry_count: int | None = Field(
        None, description="Entries in the agency's working copy: only ever shown to that agency")


class ChronologyRead(ChronologySummary):
    entries: list[ChronologyEntryRead] = Field(description="The entries as last submitted, in date order")
    draft_entries: list[ChronologyEntryRead] | None = Field(
        None, description="The agency's working copy, in date order: only ever shown to that agency")


class ChronologyRevision(RevisionRead):
    """One chronology as the agency submitted it; returned and resubmitted chronologies keep every revision."""

    entry_count: int


class ChronologyUpload(FormBody):
    """A spreadsheet of entries (multipart/form-data); a form field the API does not know is refused."""

    file: UploadFile = Field(description="A CSV file or Excel workbook (.xlsx), at most 5 MB: a first row naming "
                                         "Date, Time, Source, What happened and Significance, then one entry a row")
    replace: bool = Field(False, description="Replace the working copy instead of adding to it")


class ChronologyImported(BaseModel):
    imported: int = Field(description="Entries added from the file")
    chronology: ChronologyRead


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    docx = "docx"


class IntegratedEntry(BaseModel):
    id: uuid.UUID
    agency: AgencySummary
    occurred_on: dt.date
    occurred_time: LocalTime | None
    source: str
    what_happened: str
    significance: str


class Gap(BaseModel):
    """A period in which no agency (of those shown) recorded contact with the child or family."""

    starts_on: dt.date = Field(description="The first day without a recorded contact")
    ends_on: dt.date = Field(description="The last day without a recorded contact")
    days: int


class DayGroup(BaseModel):
    """The entries of one day, every agency's together, in time order (entries without a time first)."""

    date: dt.date
    agencies: list[AgencySummary] = Field(description="The agencies with an entry that day")
    entries: list[IntegratedEntry]
    gap_before: Gap | None = Field(None, description="The gap that ends the day before, if there is one")


class Contribution(BaseModel):
    """Where one agency's chronology has got; only submitted entries are merged."""

    agency: AgencySummary
    chronology_id: uuid.UUID
    state: str
    revision: int
    submitted_at: dt.datetime | None
    entries: int = Field(description="Its submitted entries in the integrated chronology (before filters)")


class IntegratedChronology(BaseModel):
    """Every agency's submitted entries merged into one timeline, grouped by day, with the gaps between."""

    review_id: uuid.UUID
    child_reference: str
    gap_days: int = Field(description="A period without contact longer than this many days is a gap")
    total: int = Field(description="Entries shown (after the filters)")
    days: list[DayGroup]
    gaps: list[Gap]
    contributions: list[Contribution]
