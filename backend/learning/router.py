import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Response

from backend.core import clock
from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.auth import CurrentPrincipal, DbSession, Requires
from backend.core.errors import PROBLEM_RESPONSES, Invalid
from backend.core.pagination import Page, PageParams, page_params, paginate
from backend.core.responses import serialised
from backend.core.schemas import QueryDate
from backend.core.visibility import in_scope
from backend.learning import figures as figures_
from backend.learning import history, service, yearly_report
from backend.learning.models import Dissemination, DisseminationState
from backend.learning.schemas import (
    DisseminationConfirm,
    DisseminationCreate,
    DisseminationRead,
    Figures,
    HistoryUpload,
    ImportResult,
    RecurrentThemes,
    RepeatedRecommendation,
)

router = APIRouter(prefix="/api/v1/learning", tags=["learning reports"], responses=PROBLEM_RESPONSES)
figures_router = APIRouter(prefix="/api/v1/figures", tags=["learning reports"], responses=PROBLEM_RESPONSES)
DisseminationInScope = Annotated[Dissemination, in_scope(service.get_dissemination, "dissemination_id",
                                                         P.recommendations_read)]
MadeFrom = Annotated[QueryDate | None, Query(description="Recommendations made on or after this date")]
MadeTo = Annotated[QueryDate | None, Query(description="Recommendations made on or before this date")]


@router.get("/recurrent-themes", response_model=RecurrentThemes)
def recurrent_themes(session: DbSession, principal: Annotated[Principal, Requires(P.recommendations_read)],
                     made_from: MadeFrom = None, made_to: MadeTo = None) -> RecurrentThemes:
    """Themes counted across the reviews (and other sources) whose recommendations were made in the period, most
    recurrent first, each with the reviews it appears in."""
    return service.recurrent_themes(session, principal, made_from, made_to)


@router.get("/repeats", response_model=list[RepeatedRecommendation])
def repeated_recommendations(session: DbSession, principal: Annotated[Principal, Requires(P.recommendations_read)],
                             made_from: MadeFrom = None, made_to: MadeTo = None) -> list[RepeatedRecommendation]:
    """Recommendations made in the period that repeat earlier ones, each earlier one with whether its actions
    were completed ("improvements previously identified")."""
    return service.repeats_report(session, principal, made_from, made_to)


@router.get("/history/template.xlsx", response_class=Response,
            responses={200: {"content": {history.XLSX_MEDIA_TYPE: {}}, "description": "The import template"}})
def history_template_xlsx(_principal: Annotated[Principal, Requires(P.learning_import)]) -> Response:
    """The template for importing past reviews' learning, with two example rows and a sheet describing each
    column."""
    return Response(history.template_xlsx(), media_type=history.XLSX_MEDIA_TYPE,
                    headers={"Content-Disposition": 'attachment; filename="past-reviews-template.xlsx"'})


@router.get("/history/template.csv", response_class=Response,
            responses={200: {"content": {"text/csv": {}}, "description": "The import template"}})
def history_template_csv(_principal: Annotated[Principal, Requires(P.learning_import)]) -> Response:
    """The same template as CSV (UTF-8)."""
    return Response(history.template_csv(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="past-reviews-template.csv"'})


@router.post("/history", response_model=ImportResult, status_code=201)
def import_history(session: DbSession, principal: Annotated[Principal, Requires(P.learning_import)],
                   upload: Annotated[HistoryUpload, Form(media_type="multipart/form-data")]) -> ImportResult:
    """Import past reviews with their recommendations, sub-parts, themes and actions (business office). Every bad
    row is reported by its row and column and nothing is imported; a good file is imported whole."""
    # A sync route, like the database session it writes through.
    content = upload.file.file.read(history.MAX_BYTES + 1)
    return history.import_history(session, principal, content, upload.file.filename or "")


@router.get("/disseminations", response_model=Page[DisseminationRead])
def list_disseminations(
    session: DbSession, principal: Annotated[Principal, Requires(P.recommendations_read)],
    page: Annotated[PageParams, Depends(page_params)],
    rapid_review_id: uuid.UUID | None = None, review_id: uuid.UUID | None = None,
    agency_id: uuid.UUID | None = None, state: DisseminationState | None = None,
) -> Page[DisseminationRead]:
    """Which agencies and teams each learning briefing and response document went to, when, and whether they
    confirmed it was discussed; an agency sees what it was sent."""
    rows, total = paginate(session, service.search_disseminations(
        principal, rapid_review_id=rapid_review_id, review_id=review_id, agency_id=agency_id, state=state), page)
    return Page(items=[service.as_read(principal, r) for r in rows], total=total, **page.model_dump())


@router.post("/disseminations", response_model=list[DisseminationRead], status_code=201)
def record_dissemination(session: DbSession, principal: Annotated[Principal, Requires(P.learning_disseminate)],
                         data: DisseminationCreate) -> list[DisseminationRead]:
    """Record that a learning briefing or response document was sent to agencies (one record each)."""
    return [service.as_read(principal, r) for r in service.record_dissemination(session, principal, data)]


@router.get("/disseminations/{dissemination_id}", response_model=DisseminationRead)
def read_dissemination(principal: Annotated[Principal, Requires(P.recommendations_read)],
                       record: DisseminationInScope) -> DisseminationRead:
    return service.as_read(principal, record)


def _visible_dissemination(session: DbSession, principal: CurrentPrincipal, dissemination_id: uuid.UUID) -> None:
    # Another agency's record answers 404 before the body is read (never a 422 that shows it exists).
    service.get_dissemination(session, principal, dissemination_id)


@router.post("/disseminations/{dissemination_id}/confirm", response_model=DisseminationRead,
             dependencies=[Depends(_visible_dissemination)])
def confirm_dissemination(session: DbSession, principal: Annotated[Principal, Requires(P.learning_confirm)],
                          dissemination_id: uuid.UUID, data: DisseminationConfirm) -> DisseminationRead:
    """The receiving agency's lead confirms it was discussed in a team meeting (another agency: 404)."""
    return service.as_read(principal, service.confirm(session, principal, dissemination_id, data))


@router.delete("/disseminations/{dissemination_id}", status_code=204)
def withdraw_dissemination(session: DbSession, principal: Annotated[Principal, Requires(P.learning_disseminate)],
                           dissemination_id: uuid.UUID) -> Response:
    """Remove a record of sending made in error, before the agency confirmed it."""
    service.withdraw(session, principal, dissemination_id)
    return Response(status_code=204)


PeriodFrom = Annotated[QueryDate | None, Query(description="Start of the period (actions completed, deadlines due, "
                                                         "recommendations made)")]
PeriodTo = Annotated[QueryDate | None, Query(description="End of the period")]


@figures_router.get("", response_model=Figures)
def read_figures(session: DbSession, principal: Annotated[Principal, Requires(P.figures_read)],
                 period_from: PeriodFrom = None, period_to: PeriodTo = None) -> Response:
    """Per agency: actions open, overdue, completed on time and late, and the share completed with evidence of
    impact; per review: the percentage of actions complete; the timeliness of notifications, rapid reviews and
    reviews; recurrent themes by reporting year. Scoped: an agency sees its own actions, a lead reviewer their
    reviews'."""
    return serialised(figures_.figures(session, principal, period_from, period_to))


@figures_router.get("/yearly-report.docx", response_class=Response,
                    responses={200: {"content": {yearly_report.DOCX_MEDIA_TYPE: {}},
                                     "description": "The year's figures as Word"}})
def yearly_report_docx(session: DbSession, principal: Annotated[Principal, Requires(P.figures_read)],
                       year: Annotated[int, Query(ge=2000, le=2100, description="The reporting year starting 1 April "
                                                                                "of this year")]) -> Response:
    """The figures, recurrent themes, repeated recommendations and dissemination of one reporting year (April to
    March), for the partnership's annual report."""
    if figures_.reporting_year(year)[0] > clock.today():
        raise Invalid("Choose a reporting year that has started.",
                      errors=[("query.year", "Reporting year must have started")])
    return Response(yearly_report.yearly_report(session, principal, year), media_type=yearly_report.DOCX_MEDIA_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="learning-{year}-{year + 1}.docx"'})
