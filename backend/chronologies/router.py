import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Response, status

from backend.audit import service as audit
from backend.audit.schemas import TimelineEntry
from backend.chronologies import importing, integrated, service
from backend.chronologies.models import AgencyChronology
from backend.chronologies.policy import STEPS
from backend.chronologies.schemas import (
    DEFAULT_GAP_DAYS,
    MAX_AGENCIES,
    ChronologyEntryCreate,
    ChronologyEntryRead,
    ChronologyEntryUpdate,
    ChronologyImported,
    ChronologyRead,
    ChronologyRequest,
    ChronologyReturn,
    ChronologyRevision,
    ChronologySummary,
    ChronologyUpload,
    ExportFormat,
    IntegratedChronology,
)
from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.admission import LARGE_ANSWER
from backend.core.auth import DbSession, Requires
from backend.core.concurrency import VERSIONED_EDIT, VERSIONED_READ, VERSIONED_STEP, IfMatch, OptionalIfMatch, set_etag
from backend.core.documents import DOCX_MEDIA_TYPE, XLSX_MEDIA_TYPE
from backend.core.errors import PROBLEM_RESPONSES
from backend.core.responses import serialised
from backend.core.schemas import QueryDate
from backend.core.visibility import in_scope
from backend.reviews.router import ReviewInScope
from backend.submissions.policy import SubmissionStep

router = APIRouter(prefix="/api/v1", tags=["chronologies"], responses=PROBLEM_RESPONSES)
ChronologyInScope = Annotated[AgencyChronology, in_scope(service.get_chronology, "chronology_id", P.chronologies_read)]
# Who may take each step, as the submission's workflow table says.
Writer = Annotated[Principal, Requires(STEPS.steps[SubmissionStep.save_draft].permission)]
Returner = Annotated[Principal, Requires(STEPS.steps[SubmissionStep.return_for_more].permission)]
Reader = Annotated[Principal, Requires(P.chronologies_read)]


def _filters(
    agency_id: Annotated[list[uuid.UUID] | None, Query(max_length=MAX_AGENCIES,
                                                       description="Only these agencies (repeat for several)")] = None,
    date_from: Annotated[QueryDate | None, Query(alias="from", description="From this date (YYYY-MM-DD)")] = None,
    date_to: Annotated[QueryDate | None, Query(alias="to", description="To this date (YYYY-MM-DD)")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Entries whose text contains this")] = None,
    gap_days: Annotated[int, Query(ge=1, le=3650, description="Show periods with no contact longer than this many "
                                                              "days as gaps")] = DEFAULT_GAP_DAYS,
) -> integrated.Filters:
    return integrated.Filters(agency_ids=tuple(agency_id or ()), date_from=date_from, date_to=date_to,
                              text=q.strip() if q and q.strip() else None, gap_days=gap_days)


Filtered = Annotated[integrated.Filters, Depends(_filters)]


def _read(session: DbSession, principal: Principal, chronology: AgencyChronology,
          response: Response | None = None) -> ChronologyRead:
    if response is not None:
        set_etag(response, chronology.submission)  # every change to a chronology is a step of its submission
    return service.as_read(session, principal, chronology)


@router.post("/reviews/{review_id}/chronologies", response_model=list[ChronologySummary],
             status_code=status.HTTP_201_CREATED)
def request_chronologies(session: DbSession, review: ReviewInScope,
                         principal: Annotated[Principal, Requires(P.review_submissions_request)],
                         data: ChronologyRequest) -> list[ChronologySummary]:
    """Ask agencies involved in the review for their chronologies (Appendix 4c), due on one date (business office
    or the review's lead reviewer), at the agencies' submissions stage; each is a deadline with reminders."""
    created = service.request_chronologies(session, principal, review, data)
    return service.summaries(session, principal, review, created)


@router.get("/reviews/{review_id}/chronologies", response_model=list[ChronologySummary])
def list_review_chronologies(session: DbSession, review: ReviewInScope, principal: Reader) -> list[ChronologySummary]:
    """The review's chronologies the caller may see (an agency: its own), by agency, with their state and counts."""
    chronologies = list(session.scalars(service.list_chronologies(principal, review.id)))
    return service.summaries(session, principal, review, chronologies)


@router.get("/reviews/{review_id}/integrated-chronology", response_model=IntegratedChronology,
            dependencies=[LARGE_ANSWER])
def read_integrated_chronology(
    session: DbSession, review: ReviewInScope,
    principal: Annotated[Principal, Requires(P.integrated_chronology_read)], filters: Filtered,
) -> Response:
    """Every agency's submitted entries merged into one timeline in date and time order, grouped by day, with the
    periods in which no agency recorded contact as gaps. Filter by agency, dates and text. Drafts are never here."""
    return serialised(integrated.integrated(session, principal, review, filters))


@router.get("/reviews/{review_id}/integrated-chronology/export", response_class=Response, responses={200: {
    "content": {"text/csv": {}, XLSX_MEDIA_TYPE: {}, DOCX_MEDIA_TYPE: {}},
    "description": "The filtered integrated chronology as a file"}}, dependencies=[LARGE_ANSWER])
def export_integrated_chronology(
    session: DbSession, review: ReviewInScope,
    principal: Annotated[Principal, Requires(P.integrated_chronology_read)], filters: Filtered,
    format: Annotated[ExportFormat, Query(description="csv, xlsx or docx")] = ExportFormat.xlsx,
) -> Response:
    """Download the integrated chronology, with the same filters, as CSV, Excel or Word. Spreadsheet cells that would
    start a formula are written as text."""
    content, media_type = integrated.export(integrated.integrated(session, principal, review, filters), format)
    return Response(content, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="{integrated.file_name(review, format)}"'})


@router.get("/chronologies/{chronology_id}", response_model=ChronologyRead, responses=VERSIONED_READ)
def read_chronology(session: DbSession, chronology: ChronologyInScope, principal: Reader,
                    response: Response) -> ChronologyRead:
    """One agency's chronology: its submitted entries, and for that agency its working copy (`draft_entries`).
    `allowed_actions` lists the steps you may take now; the `ETag` is for submitting what you read."""
    return _read(session, principal, chronology, response)


@router.post("/chronologies/{chronology_id}/entries", response_model=ChronologyEntryRead,
             status_code=status.HTTP_201_CREATED)
def add_chronology_entry(session: DbSession, chronology: ChronologyInScope, principal: Writer,
                         data: ChronologyEntryCreate) -> ChronologyEntryRead:
    """Add an entry to your agency's working copy (the agency's own until it submits)."""
    entry, = service.add_entries(session, principal, chronology, [data])
    return ChronologyEntryRead.model_validate(entry)


@router.patch("/chronologies/{chronology_id}/entries/{entry_id}", response_model=ChronologyEntryRead,
              responses=VERSIONED_EDIT)
def update_chronology_entry(session: DbSession, chronology: ChronologyInScope, principal: Writer,
                            entry_id: uuid.UUID, data: ChronologyEntryUpdate, if_match: IfMatch,
                            response: Response) -> ChronologyEntryRead:
    """Change an entry of your agency's working copy. Send the entry's `version` as `If-Match`."""
    entry = service.update_entry(session, principal, chronology, entry_id, data, if_match)
    set_etag(response, entry)
    return ChronologyEntryRead.model_validate(entry)


@router.delete("/chronologies/{chronology_id}/entries/{entry_id}", status_code=status.HTTP_204_NO_CONTENT,
               responses=VERSIONED_EDIT)
def delete_chronology_entry(session: DbSession, chronology: ChronologyInScope, principal: Writer,
                            entry_id: uuid.UUID, if_match: IfMatch) -> Response:
    """Delete an entry of your agency's working copy. Send the entry's `version` as `If-Match`."""
    service.delete_entry(session, principal, chronology, entry_id, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/chronologies/{chronology_id}/entries/import", response_model=ChronologyImported)
def import_chronology_entries(session: DbSession, chronology: ChronologyInScope, principal: Writer,
                              upload: Annotated[ChronologyUpload, Form(media_type="multipart/form-data")],
                              ) -> ChronologyImported:
    """Add the entries of a spreadsheet to your agency's working copy (or, with `replace`, put them in its place).
    Every row is checked first: if any cell is wrong, nothing is imported and each problem is named by its row and
    column."""
    data = upload.file.file.read(importing.MAX_BYTES + 1)  # a sync route: the database session is too
    rows = importing.read_entries(upload.file.filename or "", data)
    service.add_entries(session, principal, chronology, rows, replace=upload.replace,
                        summary=f"imported {len(rows)} entries into its chronology from a file")
    return ChronologyImported(imported=len(rows), chronology=service.as_read(session, principal, chronology))


@router.post("/chronologies/{chronology_id}/submit", response_model=ChronologyRead, responses=VERSIONED_STEP)
def submit_chronology(session: DbSession, chronology: ChronologyInScope, principal: Writer,
                      if_match: OptionalIfMatch, response: Response) -> ChronologyRead:
    """Submit your agency's working copy: it replaces the chronology submitted before in the integrated chronology
    and meets the deadline. With `If-Match`, only the version you read is submitted (412 if it has changed)."""
    return _read(session, principal, service.submit(session, principal, chronology, if_match), response)


@router.post("/chronologies/{chronology_id}/return", response_model=ChronologyRead, responses=VERSIONED_READ)
def return_chronology(session: DbSession, chronology: ChronologyInScope, principal: Returner,
                      data: ChronologyReturn, response: Response) -> ChronologyRead:
    """Return a submitted chronology to its agency for more work, with the reasons (lead reviewer or business
    office)."""
    return _read(session, principal, service.return_for_more(session, principal, chronology, data.reasons), response)


@router.get("/chronologies/{chronology_id}/revisions", response_model=list[ChronologyRevision])
def chronology_revisions(session: DbSession, chronology: ChronologyInScope) -> list[ChronologyRevision]:
    """Every chronology the agency submitted, oldest first, each with its return and the reasons if returned."""
    return service.revisions(session, chronology)


@router.get("/chronologies/{chronology_id}/timeline", response_model=list[TimelineEntry])
def chronology_timeline(session: DbSession, chronology: ChronologyInScope) -> list[TimelineEntry]:
    """What happened to this chronology, oldest first, from the audit log."""
    return [TimelineEntry.model_validate(e) for e in audit.timeline(session, "chronology", chronology.id)]
