"""Stage 2 and the learning tracker, as rows for `make bench` (seeders listed in workload.SEEDERS).

- Every review's agencies submitted their chronologies (agency submissions of kind `chronology`, one revision
  each): 50,000 entries, 2,000 of them in one review (the one the load run reads), each entry twice as the app
  holds it (the agency's working copy and the submitted copy the integrated chronology reads).
- Each of those agencies' key event analysis report, signed off and submitted (4,000, five key events each).
- Each review's overview report as shared (the one the load run reads: two 30,000-word versions).
- 5,000 recommendations from the published reviews, tagged with the themes the migration seeded, four agency
  actions each (20,000), and five progress updates on each action (100,000 agency submissions of kind
  `action_update`), the latest of a complete action its completion request with the evidence of impact.
"""

import datetime as dt
from typing import Any

from sqlalchemy import select

from backend.actions.models import ActionStatus, UpdatePurpose
from backend.analysis_reports.models import ReportState
from backend.deadlines.models import CHILD, DeadlineKind, DeadlineStatus, SubjectType
from backend.overview_reports.models import ReportDocument, VersionSource
from backend.recommendations.models import LearningKind, SourceType
from backend.reviews.models import ReviewStage
from backend.submissions.models import SubmissionKind, SubmissionState
from benchmarks.seeding import Seeding, new_id

SOURCES = ("Children's social care case record", "GP record", "Police niche record", "School safeguarding log",
           "Health visiting record", "Emergency department notes")
HAPPENINGS = ("Home visit: the child was seen with the mother; the home was cluttered and cold.",
              "Strategy discussion held with police and health; a section 47 enquiry was agreed.",
              "The child missed a health appointment; the family were sent a letter.",
              "School recorded a bruise on the child's arm; the child said they fell in the park.",
              "Domestic abuse notification received after a call-out to the family home.",
              "Telephone call with the father about the child's attendance.")


def _stamp(s: Seeding, day: dt.date) -> dict[str, Any]:
    moment = s.at(day)
    return {"created_at": moment, "updated_at": moment}


def _submission(s: Seeding, kind: SubmissionKind, agency_id: Any, day: dt.date, content: dict[str, Any],
                submissions: list[dict[str, Any]], revisions: list[dict[str, Any]]) -> Any:
    """A submitted agency submission with its one revision; returns its id."""
    submission_id, moment = new_id(), s.at(day, 15)
    submissions.append({"id": submission_id, "kind": kind, "agency_id": agency_id, "state": SubmissionState.submitted,
                        "draft": None, "content": content, "revision": 1, "submitted_at": moment,
                        "submitted_by_id": None, "submitted_by_name": "Bench author", **_stamp(s, day)})
    revisions.append({"id": new_id(), "submission_id": submission_id, "number": 1, "content": content,
                      "submitted_at": moment, "submitted_by_id": None, "submitted_by_name": "Bench author"})
    return submission_id


def seed_chronologies(s: Seeding) -> None:
    reviews = s.ids["review_rows"]
    by_review: dict[Any, list[Any]] = {}
    for row in s.ids["review_agencies"]:
        by_review.setdefault(row["review_id"], []).append(row["agency_id"])
    big_id = s.handles["review_id"]  # the newest review the agency lead's agency is in: the one the load run reads
    big_total = s.count(2_000, minimum=40)
    others = [r for r in reviews if str(r["id"]) != big_id]
    per_other = max(1, (s.count(50_000, minimum=100) - big_total) // max(1, sum(len(by_review[r["id"]])
                                                                                 for r in others)))
    chronologies: list[dict[str, Any]] = []
    submissions: list[dict[str, Any]] = []
    revisions: list[dict[str, Any]] = []
    entries: list[dict[str, Any]] = []
    for review in reviews:
        agencies = by_review[review["id"]]
        big = str(review["id"]) == big_id
        count = big_total // len(agencies) if big else per_other
        requested = review["decided_on"] + dt.timedelta(days=30)
        for a, agency_id in enumerate(agencies):
            chronology_id = new_id()
            snapshot = []
            for n in range(count):
                occurred = review["decided_on"] - dt.timedelta(days=730 - (730 * n) // count + a)
                values = {"occurred_on": occurred, "occurred_time": dt.time(9 + n % 8, 15 * (n % 4)) if n % 3 else None,
                          "source": SOURCES[(n + a) % len(SOURCES)], "what_happened": HAPPENINGS[n % len(HAPPENINGS)],
                          "significance": "Missed chance to ask about the father's role." if n % 5 == 0 else ""}
                snapshot.append({**values, "occurred_on": occurred.isoformat(),
                                 "occurred_time": values["occurred_time"].isoformat() if values["occurred_time"]
                                 else None})
                for submitted in (False, True):
                    entries.append({"id": new_id(), "chronology_id": chronology_id, "review_id": review["id"],
                                    "agency_id": agency_id, "submitted": submitted, "version": 1, **values,
                                    **_stamp(s, requested + dt.timedelta(days=20))})
            submission_id = _submission(s, SubmissionKind.chronology, agency_id, requested + dt.timedelta(days=20),
                                        {"entries": snapshot}, submissions, revisions)
            chronologies.append({"id": chronology_id, "case_id": review["case_id"], "review_id": review["id"],
                                 "agency_id": agency_id, "submission_id": submission_id, "requested_on": requested,
                                 "note": "Please cover the two years before the incident.",
                                 **_stamp(s, requested)})
    s.copy("agency_submissions", submissions)
    s.copy("agency_submission_revisions", revisions)
    s.copy("agency_chronologies", chronologies)
    s.copy("chronology_entries", entries, large=True)
    s.handles["review_with_2000_entries"] = big_id
    # A filtered read of it: one agency's entries in its last year, with a word most entries hold.
    s.handles["chronology_agency_id"] = str(by_review[next(r["id"] for r in reviews if str(r["id"]) == big_id)][0])
    big_day = next(r["decided_on"] for r in reviews if str(r["id"]) == big_id)
    s.handles["chronology_from"] = (big_day - dt.timedelta(days=365)).isoformat()


def seed_overview_reports(s: Seeding) -> None:
    """Each review's overview report as shared with the review group: a short version for every review, and for
    the review the load run reads two versions of a 30,000-word report (about one paragraph in ten changed) and
    an executive summary, as the report pages, the anonymisation check and the diff read them."""
    from benchmarks.anonymisation_check import versions

    first, second = versions()
    short = "\n\n".join(first.split("\n\n")[:12])
    big_id = s.handles["review_id"]
    rows: list[dict[str, Any]] = []
    for review in s.ids["review_rows"]:
        shared = review["decided_on"] + dt.timedelta(days=150)
        texts = [(ReportDocument.overview_report, 1, first), (ReportDocument.overview_report, 2, second),
                 (ReportDocument.executive_summary, 1, short)] if str(review["id"]) == big_id \
            else [(ReportDocument.overview_report, 1, short)]
        for document, number, text in texts:
            rows.append({"id": new_id(), "case_id": review["case_id"], "review_id": review["id"], "document": document,
                         "number": number, "text": text, "words": len(text.split()), "source": VersionSource.typed,
                         "file_name": None,
                         "note": f"Version {number} for the review group.", "shared_by_id": None,
                         "shared_at": s.at(shared + dt.timedelta(days=14 * number)),
                         **_stamp(s, shared + dt.timedelta(days=14 * number))})
            if str(review["id"]) == big_id and document is ReportDocument.overview_report:
                s.handles[f"report_version_{number}"] = str(rows[-1]["id"])
    s.copy("report_versions", rows)


KEY_EVENTS = 5


def seed_analysis_reports(s: Seeding) -> None:
    """Each review's agencies' key event analysis reports, signed and submitted: five key events each (4,000)."""
    by_review: dict[Any, list[Any]] = {}
    for row in s.ids["review_agencies"]:
        by_review.setdefault(row["review_id"], []).append(row["agency_id"])
    reports: list[dict[str, Any]] = []
    submissions: list[dict[str, Any]] = []
    revisions: list[dict[str, Any]] = []
    for review in s.ids["review_rows"]:
        requested = review["decided_on"] + dt.timedelta(days=30)
        signed = requested + dt.timedelta(days=25)
        for agency_id in by_review[review["id"]]:
            boxes = {"author_name": "Bench author", "author_role": "Named nurse for safeguarding",
                     "manager_name": "Bench manager", "key_events": [
                         {"date": (review["decided_on"] - dt.timedelta(days=300 - 60 * k)).isoformat(),
                          "title": f"Key event {k + 1}", "analysis": HAPPENINGS[k % len(HAPPENINGS)] * 3,
                          "learning": "Practitioners should ask about every adult in the household.",
                          "learning_addressed": "Briefing to every team; supervision checklists updated.",
                          "outstanding_action": "None", "evidence_of_impact": "An audit shows fathers recorded."}
                         for k in range(KEY_EVENTS)]}
            signatures = {"author": {"name": "Bench author", "signed_on": signed.isoformat()},
                          "manager": {"name": "Bench manager", "signed_on": signed.isoformat()},
                          "revision_author": None, "revision_manager": None}
            submission_id = _submission(s, SubmissionKind.key_event_analysis, agency_id, signed,
                                        boxes | {"signatures": signatures}, submissions, revisions)
            submissions[-1]["draft"] = boxes
            reports.append({"id": new_id(), "case_id": review["case_id"], "review_id": review["id"],
                            "agency_id": agency_id, "submission_id": submission_id, "requested_on": requested,
                            "note": "Please focus on the last year.", "state": ReportState.submitted,
                            "author_signed_by_id": None, "author_signature": "Bench author",
                            "author_signed_on": signed, "manager_signed_by_id": None,
                            "manager_signature": "Bench manager", "manager_signed_on": signed,
                            "revision_author_signed_by_id": None, "revision_author_signature": None,
                            "revision_manager_signed_by_id": None, "revision_manager_signature": None,
                            "revision_signed_on": None, **_stamp(s, requested)})
    s.copy("agency_submissions", submissions)
    s.copy("agency_submission_revisions", revisions)
    s.copy("analysis_reports", reports)


ACTIONS_PER_RECOMMENDATION = 4
UPDATES_PER_ACTION = 5


def seed_learning(s: Seeding) -> None:
    """5,000 recommendations, 20,000 actions, 100,000 progress updates."""
    agencies = s.ids["agencies"]
    themes = list(s.connection.scalars(select(s.table("themes").c.id).order_by(s.table("themes").c.name)))
    reviews = [r for r in s.ids["review_rows"] if r["stage"] is ReviewStage.published] or s.ids["review_rows"]
    total = s.count(5_000, minimum=25)
    recommendations, addressed, tagged, actions = [], [], [], []
    submissions: list[dict[str, Any]] = []
    revisions: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for n in range(total):
        review = reviews[n % len(reviews)]
        made_on = review["decided_on"] + dt.timedelta(days=200)
        recommendation_id = new_id()
        recommendations.append({
            "id": recommendation_id, "case_id": review["case_id"], "kind": LearningKind.recommendation,
            "number": n // len(reviews) + 1, "part": None, "parent_id": None,
            "text": "Partners should make sure information about fathers is shared at every strategy discussion.",
            "made_on": made_on, "source_type": SourceType.review, "rapid_review_id": None, "review_id": review["id"],
            "source_kind": None, "source_title": None, "source_reference": None,
            "addressed_to_partnership": n % 3 == 0, "response": "The partnership will audit strategy discussions.",
            "response_updated_at": s.at(made_on + dt.timedelta(days=30)), "version": 1, **_stamp(s, made_on)})
        chosen = {agencies[(n + k) % len(agencies)] for k in range(ACTIONS_PER_RECOMMENDATION)}
        addressed += [{"recommendation_id": recommendation_id, "agency_id": a} for a in chosen]
        if themes:
            tagged += [{"recommendation_id": recommendation_id, "theme_id": t}
                       for t in {themes[n % len(themes)], themes[(n * 7 + 3) % len(themes)]}]
        for k in range(ACTIONS_PER_RECOMMENDATION):
            agency_id = agencies[(n + k) % len(agencies)]
            action_id, due = new_id(), made_on + dt.timedelta(days=180)
            age = (s.today - made_on).days
            roll = s.rng.random()
            status = (ActionStatus.complete if age > 900 and roll < 0.9 or roll < 0.3
                      else ActionStatus.cancelled if roll > 0.97 else ActionStatus.in_progress if roll < 0.8
                      else ActionStatus.not_started)
            complete = status is ActionStatus.complete
            completed_on = min(s.today, due + dt.timedelta(days=int(roll * 60) - 20)) if complete else None
            actions.append({
                "id": action_id, "case_id": review["case_id"], "recommendation_id": recommendation_id,
                "immediate_action_id": None, "agency_id": agency_id, "owner_id": None,
                "description": "Add fathers' details to every domestic abuse notification and audit it.",
                "intended_outcome": "Every notification names the father.", "due_date": due, "status": status,
                "evidence_of_impact": "An audit of 50 notifications found 48 named the father." if complete else None,
                "impact_known_by": "Quarterly audit of notifications." if complete else None,
                "completion_requested_at": s.at(completed_on) if completed_on else None,
                "completion_requested_by_id": None, "sent_back_reasons": None,
                "closed_at": s.at(completed_on, 16) if completed_on else None,
                "closed_by_name": "Bench office" if completed_on else None, "completed_on": completed_on,
                "cancelled_reason": "Superseded by a national change." if status is ActionStatus.cancelled else None,
                "version": 1, **_stamp(s, made_on)})
            s.deadlines.append({
                "id": new_id(), "kind": DeadlineKind.agency_action, "subject_type": SubjectType.action,
                "subject_id": action_id, "title": f"Agency action from the review of {CHILD}",
                "case_id": review["case_id"], "link": f"/actions/{action_id}", "due_date": due,
                "status": DeadlineStatus.met if complete else DeadlineStatus.waived if status is ActionStatus.cancelled
                else DeadlineStatus.open,
                "met_at": s.at(completed_on) if completed_on else None, "owner_agency_id": agency_id,
                "owner_user_id": None, "owner_role": None, **_stamp(s, made_on)})
            if status is ActionStatus.not_started:
                continue
            for u in range(UPDATES_PER_ACTION):
                last = u == UPDATES_PER_ACTION - 1 and complete
                day = min(s.today, made_on + dt.timedelta(days=30 * (u + 1)))
                content = {"progress": f"Update {u + 1}: the audit is under way.",
                           "evidence_of_impact": "An audit of 50 notifications found 48 named the father."
                           if last else None, "impact_known_by": "Quarterly audit." if last else None}
                submission_id = _submission(s, SubmissionKind.action_update, agency_id, day, content, submissions,
                                            revisions)
                updates.append({"id": new_id(), "action_id": action_id, "submission_id": submission_id,
                                "purpose": UpdatePurpose.completion_request if last else UpdatePurpose.progress,
                                "number": u + 1, **_stamp(s, day)})
    s.copy("recommendations", recommendations)
    s.copy("recommendation_agencies", addressed)
    s.copy("recommendation_themes", tagged)
    s.copy("agency_actions", actions)
    s.copy("agency_submissions", submissions, large=True)
    s.copy("agency_submission_revisions", revisions, large=True)
    s.copy("action_updates", updates, large=True)
    s.ids["recommendations"] = [r["id"] for r in recommendations]
    s.ids["actions"] = [r["id"] for r in actions]
