"""The yearly-report export: the learning tracker's figures for one reporting year (1 April to 31 March, as
partnerships' yearly reports run), as a Word document to paste into the partnership's annual report."""

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from backend.core.access import Principal
from backend.core.documents import DOCX_MEDIA_TYPE as DOCX_MEDIA_TYPE  # served by the router
from backend.core.documents import docx_bytes, word_document
from backend.core.documents import docx_table as _table
from backend.learning import figures as figures_
from backend.learning import service
from backend.learning.models import Dissemination, DisseminationState
from backend.learning.policy import visible_disseminations


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:g}%"


def yearly_report(session: Session, principal: Principal, year: int) -> bytes:
    start, end = figures_.reporting_year(year)
    figures = figures_.figures(session, principal, start, end)
    themes = service.recurrent_themes(session, principal, start, end)
    repeats = service.repeats_report(session, principal, start, end)
    sent, confirmed = session.execute(
        select(func.count(Dissemination.id),
               func.sum(case((Dissemination.state == DisseminationState.confirmed, 1), else_=0)))
        .where(visible_disseminations(principal), Dissemination.sent_on.between(start, end))).one()

    period = f"1 April {year} to 31 March {year + 1}"
    doc = word_document(f"Learning from reviews: {period}", font_size=10)
    doc.add_heading(f"Learning from reviews: {period}", level=0)
    doc.add_paragraph(f"Figures for the reporting year {period}, from the partnership's learning tracker. Actions "
                      "completed are those completed in the year; open and overdue actions are as at the date of "
                      "this report. Children are referred to only by their reviews' anonymised references.")

    doc.add_heading("Timeliness", level=1)
    _table(doc, ["Deadline", "Met on time", "Met late", "Still open and overdue", "On time"],
           [[t.label, str(t.on_time), str(t.late), str(t.overdue_open), _percent(t.percent_on_time)]
            for t in figures.timeliness])

    doc.add_heading("Agency actions", level=1)
    _table(doc, ["Agency", "Open", "Overdue", "Completed on time", "Completed late", "Completed with evidence of "
                 "impact"],
           [[a.agency.name, str(a.open), str(a.overdue), str(a.completed_on_time), str(a.completed_late),
             _percent(a.evidence_share)] for a in figures.agencies] or [["No actions", "", "", "", "", ""]])

    doc.add_heading("Progress on each review's actions", level=1)
    _table(doc, ["Review", "Actions", "Complete", "Percentage complete"],
           [[s.label, str(s.actions), str(s.complete), _percent(s.percent_complete)] for s in figures.sources]
           or [["No actions", "", "", ""]])

    doc.add_heading("Recurrent themes", level=1)
    doc.add_paragraph("Themes raised by the reviews (and other sources) whose recommendations were made in the year.")
    _table(doc, ["Theme", "Reviews", "Recommendations", "Raised by"],
           [[t.name, str(t.sources), str(t.recommendations), "; ".join(s.label for s in t.appears_in)]
            for t in themes.themes] or [["No themes recorded", "", "", ""]])

    doc.add_heading("Improvements previously identified", level=1)
    doc.add_paragraph(f"{len(repeats)} recommendation{'s' if len(repeats) != 1 else ''} made in the year repeat "
                      "earlier ones.")
    if repeats:
        _table(doc, ["Recommendation", "Repeats", "Earlier actions complete"],
               [[f"{r.source} {r.label}: {r.text}", f"{e.source} {e.label}",
                 f"{e.actions_complete} of {e.actions}" + (" (all complete)" if e.all_complete else "")]
                for r in repeats for e in r.repeats])

    doc.add_heading("Dissemination", level=1)
    doc.add_paragraph(f"Learning briefings and responses were sent to agencies {sent} time{'s' if sent != 1 else ''}; "
                      f"{int(confirmed or 0)} were confirmed as discussed in a team meeting.")
    return docx_bytes(doc)
