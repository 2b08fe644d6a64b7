"""The overview report's part of the review's task list (reviews/tasks.py): drafting and sharing the report,
its sign-off chain, and publication."""

from sqlalchemy.orm import Session

from backend.overview_reports import findings
from backend.overview_reports import publication as publishing
from backend.overview_reports import sign_off as chain
from backend.overview_reports.models import PublicationState, ReportDocument, SignOffState
from backend.reviews.models import Review, ReviewStage
from backend.reviews.tasks import ReviewTask, TaskStatus

_ORDER = list(ReviewStage)


def _reached(review: Review, stage: ReviewStage) -> bool:
    return _ORDER.index(review.stage) >= _ORDER.index(stage)


def overview_report_tasks(session: Session, review: Review) -> list[ReviewTask]:
    latest = findings.latest(session, review.id, ReportDocument.overview_report)
    if latest is not None:
        status, hint = TaskStatus.completed, f"Version {latest.number} shared on {latest.shared_at:%-d %B %Y}"
    elif _reached(review, ReviewStage.overview_report):
        status, hint = TaskStatus.not_started, "The lead reviewer drafts the report and shares a version"
    else:
        status, hint = TaskStatus.cannot_start_yet, None
    return [ReviewTask(stage=ReviewStage.overview_report, key="overview_report_shared",
                       label="Draft and share the overview report", status=status, hint=hint,
                       section="overview-report")]


def sign_off_tasks(session: Session, review: Review) -> list[ReviewTask]:
    sign_off = chain.find(session, review)
    if sign_off is not None and sign_off.state == SignOffState.sent_to_panel and sign_off.sent_to_panel_on:
        status, hint = TaskStatus.completed, f"Sent to the National Panel on {sign_off.sent_to_panel_on:%-d %B %Y}"
    elif sign_off is not None and chain.live_steps(sign_off):
        status, hint = TaskStatus.in_progress, chain.pending(session, review, sign_off)[0].label
    elif sign_off is not None:
        status, hint = TaskStatus.not_started, "The review group to agree the report"
    else:
        status, hint = TaskStatus.cannot_start_yet, "Share a version of the overview report first"
    return [ReviewTask(stage=ReviewStage.sign_off, key="report_signed_off",
                       label="Agree, sign off and send the report to the National Panel", status=status, hint=hint,
                       section="sign-off")]


def publication_tasks(session: Session, review: Review) -> list[ReviewTask]:
    publication = publishing.find(session, review)
    if publication is not None and publication.state == PublicationState.published and publication.published_at:
        status, done = TaskStatus.completed, f"Published on {publication.published_at:%-d %B %Y}"
        return [ReviewTask(stage=ReviewStage.publication, key="report_published", label="Publish the report",
                           status=status, hint=done, section="publication")]
    hint: str | None
    if publication is not None:
        outstanding = [item for item in publishing.checklist(session, review, publication) if not item.done]
        status = TaskStatus.in_progress
        hint = f"{len(outstanding)} things before publication" if outstanding else "Ready to publish"
    else:
        status = TaskStatus.not_started if _reached(review, ReviewStage.sign_off) else TaskStatus.cannot_start_yet
        hint = "Plan the publication date" if status == TaskStatus.not_started else None
    return [ReviewTask(stage=ReviewStage.publication, key="report_published", label="Publish the report",
                       status=status, hint=hint, section="publication")]
