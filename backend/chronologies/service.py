"""Agency chronologies: asked of the review's agencies, written entry by entry (or uploaded), submitted, returned.

Each chronology is answered through an agency's submission (backend/submissions): this module asks for it, keeps
the entries (the agency's working copy, and the copy it last submitted), and publishes the chronology's events.
Every change to the entries is the submission's `save_draft` step, audited on the chronology's timeline without
the entries' text, which is the agency's own until it submits.
"""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, delete, func, insert, select
from sqlalchemy.orm import Session, joinedload

from backend.cases.access import note_read
from backend.chronologies.events import ChronologyRequested, ChronologyReturned, ChronologySubmitted
from backend.chronologies.models import AgencyChronology, ChronologyEntry
from backend.chronologies.policy import KIND, STEPS, visible_chronologies
from backend.chronologies.schemas import (
    MAX_ENTRIES,
    ChronologyEntryCreate,
    ChronologyEntryRead,
    ChronologyEntryUpdate,
    ChronologyRead,
    ChronologyRequest,
    ChronologyRevision,
    ChronologySummary,
)
from backend.core import clock
from backend.core.access import Principal
from backend.core.concurrency import check_version, touch
from backend.core.errors import Invalid, NotFound
from backend.core.visibility import sees_agency_draft
from backend.deadlines import service as deadlines
from backend.deadlines.models import Deadline, DeadlineKind, Due, SubjectType
from backend.deadlines.schemas import DueDate
from backend.identity.models import Agency
from backend.identity.schemas import AgencySummary
from backend.reviews.models import Review
from backend.submissions import reviews
from backend.submissions import service as submissions
from backend.submissions.models import AgencySubmission
from backend.submissions.policy import SubmissionStep
from backend.submissions.reviews import check_stage, is_open

DEADLINE = DeadlineKind.agency_chronology
ENTRY_FIELDS = ("occurred_on", "occurred_time", "source", "what_happened", "significance")


def _owner(chronology_id: uuid.UUID, review_id: uuid.UUID, case_id: uuid.UUID) -> submissions.Owner:
    return submissions.Owner(
        "chronology", chronology_id, case_id, DEADLINE, SubjectType.agency_chronology,
        title=f"Chronology for the review of {deadlines.CHILD}",
        link=f"/reviews/{review_id}/chronologies/{chronology_id}")


def owner_of(chronology: AgencyChronology) -> submissions.Owner:
    return _owner(chronology.id, chronology.review_id, chronology.case_id)


def request_chronologies(session: Session, actor: Principal, review: Review,
                         data: ChronologyRequest) -> list[AgencyChronology]:
    """One chronology per named agency of the review, due on `data.due_date` (a deadline, so reminders follow)."""
    return reviews.ask_agencies(
        session, actor, review, data.agency_ids, data.due_date, kind=KIND, things="Chronologies", noun="chronology",
        asked_before=select(AgencyChronology.agency_id).where(AgencyChronology.review_id == review.id),
        owner=lambda chronology_id: _owner(chronology_id, review.id, review.case_id),
        record=lambda chronology_id, agency, submission: AgencyChronology(
            id=chronology_id, review_id=review.id, agency_id=agency.id, agency=agency, submission_id=submission.id,
            submission=submission, case=review.case, requested_on=clock.today(), note=data.note),
        requested=lambda chronology: ChronologyRequested(**reviews.envelope(chronology), due_date=data.due_date))


# A list reads each submission's state, revision and dates, never its JSON: the submitted `content` and the `draft`
# hold a copy of every entry (2,000 in the benchmark's longest), decoded for nothing.
WITHOUT_CONTENT = (joinedload(AgencyChronology.submission)
                   .defer(AgencySubmission.content).defer(AgencySubmission.draft))


def list_chronologies(principal: Principal, review_id: uuid.UUID) -> Select[AgencyChronology]:
    return (select(AgencyChronology).options(WITHOUT_CONTENT).join(Agency, Agency.id == AgencyChronology.agency_id)
            .where(AgencyChronology.review_id == review_id, visible_chronologies(principal))
            .order_by(Agency.name, AgencyChronology.id))


def get_chronology(session: Session, principal: Principal, chronology_id: uuid.UUID) -> AgencyChronology:
    chronology = session.scalar(select(AgencyChronology).where(
        AgencyChronology.id == chronology_id, visible_chronologies(principal)))
    if chronology is None:
        raise NotFound("No such chronology.")
    note_read(session, principal, chronology.case_id, "chronology", chronology.id)
    return chronology


def _entries(session: Session, chronology_id: uuid.UUID, submitted: bool) -> list[ChronologyEntry]:
    return list(session.scalars(select(ChronologyEntry).where(
        ChronologyEntry.chronology_id == chronology_id, ChronologyEntry.submitted.is_(submitted))
        .order_by(ChronologyEntry.occurred_on, ChronologyEntry.occurred_time.nulls_first(),
                  ChronologyEntry.created_at, ChronologyEntry.id)))


def _counts(session: Session, chronology_ids: list[uuid.UUID]) -> dict[tuple[uuid.UUID, bool], int]:
    if not chronology_ids:
        return {}
    rows = session.execute(select(ChronologyEntry.chronology_id, ChronologyEntry.submitted, func.count())
                           .where(ChronologyEntry.chronology_id.in_(chronology_ids))
                           .group_by(ChronologyEntry.chronology_id, ChronologyEntry.submitted))
    return {(chronology_id, submitted): count for chronology_id, submitted, count in rows}


def allowed_actions(principal: Principal, chronology: AgencyChronology, review: Review) -> list[str]:
    """The submission's steps this caller may take, while the review is at a stage that takes them."""
    return STEPS.allowed_actions(principal, chronology.submission) if is_open(review) else []


def _summary_fields(principal: Principal, chronology: AgencyChronology, review: Review, deadline: Deadline | Due | None,
                    counts: dict[tuple[uuid.UUID, bool], int]) -> dict[str, Any]:
    submission = chronology.submission
    own = sees_agency_draft(principal, chronology.agency_id)
    return {
        "id": chronology.id, "review_id": chronology.review_id, "case_id": chronology.case_id,
        "child_reference": chronology.child_reference, "agency": AgencySummary.model_validate(chronology.agency),
        "requested_on": chronology.requested_on, "note": chronology.note, "due": DueDate.of(deadline, clock.today()),
        "submitted_entry_count": counts.get((chronology.id, True), 0),
        "draft_entry_count": counts.get((chronology.id, False), 0) if own else None,
        **submissions.status(principal, submission), "allowed_actions": allowed_actions(principal, chronology, review),
    }


def summaries(session: Session, principal: Principal, review: Review,
              chronologies: list[AgencyChronology]) -> list[ChronologySummary]:
    """A review's chronologies with their due dates and entry counts: three statements however many there are."""
    due = deadlines.for_subjects(session, DEADLINE, [c.id for c in chronologies])
    counts = _counts(session, [c.id for c in chronologies])
    return [ChronologySummary(**_summary_fields(principal, c, review, due.get(c.id), counts)) for c in chronologies]


def as_read(session: Session, principal: Principal, chronology: AgencyChronology) -> ChronologyRead:
    """The chronology with its submitted entries, and for its own agency the working copy too."""
    review = session.get_one(Review, chronology.review_id)
    own = sees_agency_draft(principal, chronology.agency_id)
    submitted = _entries(session, chronology.id, True)
    draft = _entries(session, chronology.id, False) if own else None
    counts = {(chronology.id, True): len(submitted)} | ({(chronology.id, False): len(draft)} if draft is not None
                                                        else {})
    fields = _summary_fields(principal, chronology, review, deadlines.find(session, DEADLINE, chronology.id), counts)
    return ChronologyRead(**fields, entries=[ChronologyEntryRead.model_validate(e) for e in submitted],
                          draft_entries=[ChronologyEntryRead.model_validate(e) for e in draft]
                          if draft is not None else None)


def _drafting(session: Session, actor: Principal, chronology: AgencyChronology) -> Review:
    """The checks before any change to the working copy: the review's stage, then the submission's step."""
    STEPS.check(actor, chronology.submission, SubmissionStep.save_draft)
    review = session.get_one(Review, chronology.review_id)
    check_stage(review, "write chronologies", SubmissionStep.save_draft)
    return review


def _drafted(session: Session, actor: Principal, chronology: AgencyChronology, summary: str,
             changes: dict[str, Any]) -> None:
    """The working copy changed: the submission is a draft, its version moves on (the chronology's ETag), audited
    without the entries' text."""
    touch(chronology.submission)
    STEPS.take(session, actor, chronology.submission, SubmissionStep.save_draft, checked=True,
               audited_as=("chronology", chronology.id), summary=f"{chronology.agency.name} {summary}",
               changes=changes)


def _check_room(session: Session, chronology: AgencyChronology, adding: int) -> None:
    count = _counts(session, [chronology.id]).get((chronology.id, False), 0)
    if count + adding > MAX_ENTRIES:
        raise Invalid(f"A chronology can hold at most {MAX_ENTRIES} entries.",
                      errors=[("body", f"This would make {count + adding} entries; the most is {MAX_ENTRIES}")])


def add_entries(session: Session, actor: Principal, chronology: AgencyChronology,
                rows: Sequence[ChronologyEntryCreate], *, replace: bool = False,
                summary: str | None = None) -> list[ChronologyEntry]:
    """Add entries to the agency's working copy (all of them or, if any check fails, none); `replace` first empties
    it, as an upload of the whole chronology does."""
    _drafting(session, actor, chronology)
    if replace:
        session.execute(delete(ChronologyEntry).where(ChronologyEntry.chronology_id == chronology.id,
                                                      ChronologyEntry.submitted.is_(False)))
    _check_room(session, chronology, len(rows))
    entries = [ChronologyEntry(chronology_id=chronology.id, review_id=chronology.review_id,
                               agency_id=chronology.agency_id, submitted=False, **row.model_dump())
               for row in rows]
    session.add_all(entries)
    session.flush()
    _drafted(session, actor, chronology,
             summary or ("added an entry to its chronology" if len(rows) == 1
                         else f"added {len(rows)} entries to its chronology"),
             {"entries_added": len(rows), "replaced": replace})
    return entries


def get_entry(session: Session, principal: Principal, chronology: AgencyChronology,
              entry_id: uuid.UUID) -> ChronologyEntry:
    """An entry of the agency's working copy: only that agency's callers find it."""
    entry = session.scalar(select(ChronologyEntry).where(
        ChronologyEntry.id == entry_id, ChronologyEntry.chronology_id == chronology.id,
        ChronologyEntry.submitted.is_(False)))
    if entry is None or not sees_agency_draft(principal, chronology.agency_id):
        raise NotFound("No such entry in your agency's chronology.")
    return entry


def update_entry(session: Session, actor: Principal, chronology: AgencyChronology, entry_id: uuid.UUID,
                 data: ChronologyEntryUpdate, if_match: str | None) -> ChronologyEntry:
    entry = get_entry(session, actor, chronology, entry_id)
    _drafting(session, actor, chronology)
    check_version(entry, if_match)
    changed = data.model_dump(exclude_unset=True)
    for name, value in changed.items():
        setattr(entry, name, value)
    session.flush()
    _drafted(session, actor, chronology, "changed an entry of its chronology",
             {"entry_id": entry.id, "fields": sorted(changed)})
    return entry


def delete_entry(session: Session, actor: Principal, chronology: AgencyChronology, entry_id: uuid.UUID,
                 if_match: str | None) -> None:
    entry = get_entry(session, actor, chronology, entry_id)
    _drafting(session, actor, chronology)
    check_version(entry, if_match)
    session.delete(entry)
    session.flush()
    _drafted(session, actor, chronology, "deleted an entry of its chronology", {"entry_id": entry_id})


def _snapshot(entries: list[ChronologyEntry]) -> dict[str, Any]:
    return {"entries": [{"occurred_on": e.occurred_on.isoformat(),
                         "occurred_time": e.occurred_time.isoformat() if e.occurred_time else None,
                         "source": e.source, "what_happened": e.what_happened, "significance": e.significance}
                        for e in entries]}


def _complete(content: dict[str, Any], where: str) -> dict[str, Any]:
    if not content.get("entries"):
        raise Invalid("Add at least one entry to the chronology before submitting it.",
                      errors=[("entries", "Add at least one entry before submitting the chronology")])
    return content


def submit(session: Session, actor: Principal, chronology: AgencyChronology,
           if_match: str | None = None) -> AgencyChronology:
    """Submit the working copy as the next revision: it becomes the submitted copy the integrated chronology reads,
    replacing the one submitted before; the deadline is met."""
    STEPS.check(actor, chronology.submission, SubmissionStep.submit)
    check_stage(session.get_one(Review, chronology.review_id), "submit chronologies", SubmissionStep.submit)
    working = _entries(session, chronology.id, False)
    submission = chronology.submission

    def submitted() -> ChronologySubmitted:
        return ChronologySubmitted(**reviews.envelope(chronology), revision=submission.revision, entries=len(working))

    submissions.submit(session, actor, submission, owner_of(chronology), _snapshot(working), complete=_complete,
                       if_match=if_match, event=submitted)
    session.execute(delete(ChronologyEntry).where(ChronologyEntry.chronology_id == chronology.id,
                                                  ChronologyEntry.submitted.is_(True)))
    session.execute(insert(ChronologyEntry), [
        {"id": uuid.uuid4(), "chronology_id": chronology.id, "review_id": chronology.review_id,
         "agency_id": chronology.agency_id, "submitted": True, "created_at": clock.now(),
         "updated_at": clock.now(), "version": 1, **{name: getattr(e, name) for name in ENTRY_FIELDS}}
        for e in working])
    return chronology


def return_for_more(session: Session, actor: Principal, chronology: AgencyChronology,
                    reasons: str) -> AgencyChronology:
    """Send the submitted chronology back to its agency with the reasons; its submitted entries stay in the
    integrated chronology until the agency submits again."""
    STEPS.check(actor, chronology.submission, SubmissionStep.return_for_more)
    check_stage(session.get_one(Review, chronology.review_id), "return chronologies",
                SubmissionStep.return_for_more)
    submissions.return_for_more(session, actor, chronology.submission, owner_of(chronology), reasons,
                                event=lambda: ChronologyReturned(**reviews.envelope(chronology), reasons=reasons))
    return chronology


def revisions(session: Session, chronology: AgencyChronology) -> list[ChronologyRevision]:
    return [ChronologyRevision(**submissions.revision_fields(r), entry_count=len(r.content.get("entries", [])))
            for r in submissions.revisions(session, chronology.submission)]
