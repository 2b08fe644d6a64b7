"""The overview report's part of the review's task list (reviews/tasks.py): drafting and sharing the report,
its sign-off chain, and publication."""

from collections.abc import Mapping
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from backend.overview_reports import publication as publishing
from backend.overview_reports import sign_off
from backend.overview_reports.models import (
    Publication,
    PublicationState,
    ReportDocument,
    ReportVersion,
    SignOff,
    SignOffRecord,
    SignOffState,
)
from backend.overview_reports.policy import PARTNERS
from backend.reviews.models import Review, ReviewStage
from backend.reviews.tasks import Found, ReviewTask, Summary, TaskSource, TaskStatus

_ORDER = list(ReviewStage)
S = SignOffState


def _reached(review: Review, stage: ReviewStage) -> bool:
    return _ORDER.index(review.stage) >= _ORDER.index(stage)


def _report_summary(_review: Review) -> Summary:
    latest = (select(ReportVersion).where(ReportVersion.review_id == Review.id,
                                          ReportVersion.document == ReportDocument.overview_report)
              .order_by(ReportVersion.number.desc()).limit(1))
    return {"number": latest.with_only_columns(ReportVersion.number).scalar_subquery(),
            "shared_at": latest.with_only_columns(ReportVersion.shared_at).scalar_subquery()}


def _report_build(review: Review, found: Found) -> list[ReviewTask]:
    number, shared_at = found.values["number"], found.values["shared_at"]
    if number is not None:
        status, hint = TaskStatus.completed, f"Version {number} shared on {shared_at:%-d %B %Y}"
    elif _reached(review, ReviewStage.overview_report):
        status, hint = TaskStatus.not_started, "The lead reviewer drafts the report and shares a version"
    else:
        status, hint = TaskStatus.cannot_start_yet, None
    return [ReviewTask(stage=ReviewStage.overview_report, key="overview_report_shared",
                       label="Draft and share the overview report", status=status, hint=hint,
                       section="overview-report")]


def _sign_off_summary(_review: Review) -> Summary:
    ours = SignOff.review_id == Review.id
    live = (SignOffRecord.sign_off_id == SignOff.id, ours, SignOffRecord.invalidated_at.is_(None))
    return {"state": select(SignOff.state).where(ours).scalar_subquery(),
            "sent_to_panel_on": select(SignOff.sent_to_panel_on).where(ours).scalar_subquery(),
            "live_steps": select(func.count()).select_from(SignOffRecord).where(*live).scalar_subquery(),
            **{f"signed.{step.value}": exists().where(*live, SignOffRecord.step == step) for step in PARTNERS}}


def _awaited(state: SignOffState, values: Mapping[str, Any]) -> str:
    """The first step the chain awaits, as sign_off.pending names it."""
    signed = {step for step in PARTNERS if values[f"signed.{step.value}"]}
    return next((label for _step, label in sign_off.awaited(state, signed)), "The review group to agree the report")


def _sign_off_build(_review: Review, found: Found) -> list[ReviewTask]:
    state, sent_on, live = (found.values[name] for name in ("state", "sent_to_panel_on", "live_steps"))
    if state == S.sent_to_panel and sent_on:
        status, hint = TaskStatus.completed, f"Sent to the National Panel on {sent_on:%-d %B %Y}"
    elif state is not None and live:
        status, hint = TaskStatus.in_progress, _awaited(state, found.values)
    elif state is not None:
        status, hint = TaskStatus.not_started, "The review group to agree the report"
    else:
        status, hint = TaskStatus.cannot_start_yet, "Share a version of the overview report first"
    return [ReviewTask(stage=ReviewStage.sign_off, key="report_signed_off",
                       label="Agree, sign off and send the report to the National Panel", status=status, hint=hint,
                       section="sign-off")]


def _publication_summary(_review: Review) -> Summary:
    ours = Publication.review_id == Review.id
    return {"planned": exists().where(ours),
            "state": select(Publication.state).where(ours).scalar_subquery(),
            "published_at": select(Publication.published_at).where(ours).scalar_subquery()}


def _outstanding(session: Session, review: Review, found: Found) -> Mapping[str, Any]:
    """A publication planned and not yet out: how many things its checklist still waits for."""
    if not found.values["planned"] or (found.values["state"] == PublicationState.published
                                       and found.values["published_at"]):
        return {}
    publication = publishing.find(session, review)
    return {"outstanding": sum(1 for item in publishing.checklist(session, review, publication) if not item.done)}


def _publication_build(review: Review, found: Found) -> list[ReviewTask]:
    values = found.values
    hint: str | None
    if values["planned"] and values["state"] == PublicationState.published and values["published_at"]:
        status, hint = TaskStatus.completed, f"Published on {values['published_at']:%-d %B %Y}"
    elif values["planned"]:
        status = TaskStatus.in_progress
        hint = f"{values['outstanding']} things before publication" if values["outstanding"] else "Ready to publish"
    else:
        status = TaskStatus.not_started if _reached(review, ReviewStage.sign_off) else TaskStatus.cannot_start_yet
        hint = "Plan the publication date" if status == TaskStatus.not_started else None
    return [ReviewTask(stage=ReviewStage.publication, key="report_published", label="Publish the report",
                       status=status, hint=hint, section="publication")]


OVERVIEW_REPORT_TASKS = TaskSource("overview_report", _report_build, _report_summary)
SIGN_OFF_TASKS = TaskSource("sign_off", _sign_off_build, _sign_off_summary)
PUBLICATION_TASKS = TaskSource("publication", _publication_build, _publication_summary, further=_outstanding)
