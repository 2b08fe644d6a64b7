"""Ten years of a large partnership, as rows: the seeders `make bench` runs, in order.

Add a domain's records by writing one function `seed_<kind>(s: Seeding)` below (or in the domain's own module
imported here) and one `Seeder(...)` entry in `SEEDERS` before `deadlines` (see benchmarks/README.md).
"""

import datetime as dt
from itertools import cycle
from typing import Any

from sqlalchemy import bindparam, update

from backend.core.access import Role
from backend.deadlines.models import CHILD, DeadlineKind, DeadlineStatus, SubjectType
from backend.identity.models import AgencyKind, ReminderDelivery, SafeguardingPartner
from backend.incident_notifications.models import IncidentCategory
from backend.rapid_reviews.models import RapidReviewState, Recommendation
from backend.referrals.policy import ReferralState, ReviewType
from backend.reviews.models import ReviewKind, ReviewStage
from backend.submissions.models import SubmissionKind, SubmissionState
from benchmarks.seeding import Seeder, Seeding, new_id
from benchmarks.stage2 import seed_analysis_reports, seed_chronologies, seed_learning, seed_overview_reports

YEARS = 10
DAYS = 365 * YEARS
AGENCIES_PER_RAPID_REVIEW = 8
AGENCIES_PER_REVIEW = 8

# Who the load run signs in as: an agency lead of the first agency and a business office member.
AGENCY_LEAD_EMAIL = "lead0@bench.example.org"
BUSINESS_OFFICE_EMAIL = "office0@bench.example.org"


def _stamp(s: Seeding, day: dt.date) -> dict[str, Any]:
    moment = s.at(day)
    return {"created_at": moment, "updated_at": moment}


def _spread(s: Seeding, n: int, total: int) -> dt.date:
    """The n-th of `total` records, spread evenly over ten years, oldest first."""
    return s.days_ago(DAYS - (DAYS * n) // max(total, 1))


_PARTNER_OF_KIND = {AgencyKind.childrens_social_care: SafeguardingPartner.local_authority,
                    AgencyKind.health: SafeguardingPartner.integrated_care_board,
                    AgencyKind.police: SafeguardingPartner.police}


def seed_agencies(s: Seeding) -> None:
    kinds = list(AgencyKind)
    rows = [{"id": new_id(), "name": f"Bench agency {n:02d} ({kinds[n % len(kinds)].value.replace('_', ' ')})",
             "kind": kinds[n % len(kinds)], "active": True,
             # The first police force, children's social care and health agency are the three safeguarding partners.
             "safeguarding_partner": _PARTNER_OF_KIND.get(kinds[n % len(kinds)]) if n < len(kinds) else None,
             **_stamp(s, s.days_ago(DAYS))} for n in range(s.count(60, minimum=10))]
    s.copy("agencies", rows)
    s.ids["agencies"] = [r["id"] for r in rows]
    s.handles["agency_id"] = str(rows[0]["id"])


def seed_users(s: Seeding) -> None:
    agencies = s.ids["agencies"]
    total = s.count(2000, minimum=40)
    central = {Role.business_office: max(2, total // 50), Role.strategic_lead: max(2, total // 50),
               Role.lead_reviewer: max(2, total // 40), Role.scrutineer: max(1, total // 200)}
    per_agency = max(2, (total - sum(central.values())) // len(agencies))
    rows: list[dict[str, Any]] = []

    def user(email: str, role: Role, agency_id: Any) -> None:
        rows.append({"id": new_id(), "name": f"Bench {role.value.replace('_', ' ')} {len(rows)}", "email": email,
                     "job_title": None, "role": role, "agency_id": agency_id, "password_hash": s.password_hash,
                     "active": True, "failed_login_count": 0,
                     "reminder_delivery": ReminderDelivery.daily_digest if len(rows) % 5 == 0
                     else ReminderDelivery.individual, **_stamp(s, s.days_ago(DAYS))})

    for a, agency_id in enumerate(agencies):
        for n in range(per_agency):
            role = Role.agency_manager if n % 3 == 2 else Role.agency_lead
            user(f"lead{a}@bench.example.org" if n == 0 else f"{role.value}{a}.{n}@bench.example.org", role, agency_id)
    for role, count in central.items():
        for n in range(count):
            email = f"office{n}" if role is Role.business_office else f"{role.value}{n}"
            user(f"{email}@bench.example.org", role, None)
    s.copy("users", rows)
    s.ids["users"] = [r["id"] for r in rows]
    for role in Role:
        s.ids[f"users:{role.value}"] = [r["id"] for r in rows if r["role"] is role]
    s.ids["user_names"] = [r["name"] for r in rows]


def _new_cases(s: Seeding, prefix: str, days: list[dt.date]) -> list[Any]:
    rows = [{"id": new_id(), "reference": f"Child {prefix}{n:05d}", **_stamp(s, day)} for n, day in enumerate(days)]
    s.copy("cases", rows)
    s.ids.setdefault("cases", []).extend(r["id"] for r in rows)
    return [r["id"] for r in rows]


# The last referrals are still moving; every older one was decided.
ACTIVE_REFERRALS = [(ReferralState.draft, 0.012), (ReferralState.awaiting_sign_off, 0.008),
                    (ReferralState.returned, 0.006), (ReferralState.submitted, 0.012),
                    (ReferralState.under_consideration, 0.01), (ReferralState.recommendation_made, 0.008)]


def seed_referrals(s: Seeding) -> None:
    total = s.count(5000, minimum=60)
    agencies = s.ids["agencies"]
    days = [_spread(s, n, total) for n in range(total)]
    cases = _new_cases(s, "R", days)
    states = [ReferralState.decided] * total
    position = total
    for state, share in reversed(ACTIVE_REFERRALS):
        count = max(1, round(total * share))
        for n in range(position - count, position):
            states[n] = state
        position -= count
    rows = []
    for n in range(total):
        day, state = days[n], states[n]
        shared = state not in (ReferralState.draft, ReferralState.awaiting_sign_off, ReferralState.returned)
        decided = state is ReferralState.decided
        rows.append({
            "id": new_id(), "case_id": cases[n], "agency_id": agencies[n % len(agencies)], "state": state,
            "referrer_name": f"Referrer {n}", "referrer_designation": "Designated safeguarding lead",
            "senior_manager_agreed": shared, "senior_manager_signed_on": day if shared else None,
            "submitted_to_business_office_on": day if shared else None,
            "review_type_requested": ReviewType.cspr if n % 4 else ReviewType.case_mapping,
            "rationale": "Concerns about how agencies worked together before the incident.",
            "other_agencies": [], "chronology": [], "family_members": [],
            "background": "Background summary written for the benchmark.",
            "decision_agreed": (n % 10 < 3) if decided else None,
            "decision_review_type": ReviewType.cspr if decided and n % 10 < 3 else None,
            "decided_on": day + dt.timedelta(days=20) if decided else None,
            **_stamp(s, day)})
    s.copy("referrals", rows)
    s.ids["referrals"] = [r["id"] for r in rows]
    s.ids["referral_cases"] = cases
    s.ids["referrals_agreed"] = [n for n, r in enumerate(rows) if r["decision_agreed"]]
    for n, r in enumerate(rows):
        if r["state"] in (ReferralState.submitted, ReferralState.under_consideration,
                          ReferralState.recommendation_made, ReferralState.decided):
            met = r["state"] is ReferralState.decided
            s.deadlines.append(_deadline(
                s, DeadlineKind.referral_decision, SubjectType.referral, r["id"], r["case_id"],
                days[n] + dt.timedelta(days=20), f"Decide on the referral for {CHILD}", f"/referrals/{r['id']}",
                met=met, owner_role=Role.business_office))
        elif r["state"] is ReferralState.awaiting_sign_off:
            s.deadlines.append(_deadline(
                s, DeadlineKind.referral_sign_off, SubjectType.referral, r["id"], r["case_id"],
                days[n] + dt.timedelta(days=5), f"Sign off the referral for {CHILD}", f"/referrals/{r['id']}",
                met=False, owner_agency_id=r["agency_id"]))


def seed_notifications(s: Seeding) -> None:
    total = s.count(2000, minimum=20)
    agencies = s.ids["agencies"]
    days = [_spread(s, n, total) for n in range(total)]
    cases = _new_cases(s, "N", days)
    rows, children, involved = [], [], []
    categories = list(IncidentCategory)
    for n in range(total):
        day = days[n]
        notification_id = new_id()
        rows.append({"id": notification_id, "case_id": cases[n], "incident_date": day - dt.timedelta(days=3),
                     "became_aware_on": day - dt.timedelta(days=2), "category": categories[n % len(categories)],
                     "abuse_or_neglect_suspected": True, "summary": "What happened, in brief, for the benchmark.",
                     "notified_panel_on": day, "notifying_agency_id": agencies[n % len(agencies)], **_stamp(s, day)})
        children.append({"id": new_id(), "notification_id": notification_id, "position": 0, "name": f"Bench child {n}",
                         "date_of_birth": day - dt.timedelta(days=2000 + n % 3000), "address": "1 Bench Street",
                         "age_at_incident": (2000 + n % 3000) // 365, "sex": "not_known", "ethnicity": "not_known",
                         "disability": "not_known", "looked_after_status": "not_known",
                         "child_in_need_plan": "not_known", "child_protection_plan": "not_known",
                         "known_to_agencies": "not_known"})
        for k in range(3):
            involved.append({"notification_id": notification_id, "agency_id": agencies[(n + k) % len(agencies)]})
        s.deadlines.append(_deadline(
            s, DeadlineKind.incident_notification, SubjectType.incident_notification, notification_id, cases[n],
            day, f"Notify the National Panel about {CHILD}", f"/incident-notifications/{notification_id}", met=True,
            owner_role=Role.business_office))
    s.copy("incident_notifications", rows)
    s.copy("notified_children", children)
    s.copy("incident_notification_agencies", involved)
    s.ids["notifications"] = [r["id"] for r in rows]
    s.ids["notification_cases"] = cases
    s.ids["notification_days"] = days


def seed_rapid_reviews(s: Seeding) -> None:
    """One rapid review per notification, and one for each referral agreed as a review (most of the 2,000);
    each asks eight agencies for information, so 16,000 requests, each answered by its agency's submission."""
    agencies = s.ids["agencies"]
    sources: list[tuple[str, Any, Any, dt.date]] = []
    for n, notification_id in enumerate(s.ids["notifications"]):
        sources.append(("notification", notification_id, s.ids["notification_cases"][n], s.ids["notification_days"][n]))
    total = len(sources)
    rows, involved, requests, submissions, revisions = [], [], [], [], []
    active_from = total - max(1, total // 40)  # the last 2.5% are still gathering information
    office = s.ids["users:business_office"]
    for n, (_, source_id, case_id, day) in enumerate(sources):
        rapid_review_id = new_id()
        active = n >= active_from
        rows.append({"id": rapid_review_id, "case_id": case_id, "notification_id": source_id, "referral_id": None,
                     "state": RapidReviewState.gathering_information if active else RapidReviewState.panel_responded,
                     "opened_on": day, "learning_mechanisms": [],
                     "recommendation": None if active
                     else Recommendation.local_cspr if n % 4 == 0 else Recommendation.no_cspr,
                     "hold_cspr": None if active else n % 4 == 0,
                     "decided_on": None if active else day + dt.timedelta(days=14),
                     "sent_to_panel_on": None if active else day + dt.timedelta(days=15),
                     "panel_agrees": None if active else True,
                     "panel_responded_on": None if active else day + dt.timedelta(days=30), **_stamp(s, day)})
        s.deadlines.append(_deadline(
            s, DeadlineKind.rapid_review, SubjectType.rapid_review, rapid_review_id, case_id,
            day + dt.timedelta(days=21),
            f"Send the rapid review for {CHILD} to the National Panel", f"/rapid-reviews/{rapid_review_id}",
            met=not active, owner_role=Role.business_office))
        for k in range(min(AGENCIES_PER_RAPID_REVIEW, len(agencies))):
            # The first agency (the agency lead's the load run signs in as) is asked in every eighth review.
            agency_id = agencies[(n + k * 7) % len(agencies)]
            involved.append({"rapid_review_id": rapid_review_id, "agency_id": agency_id})
            request_id, submission_id = new_id(), new_id()
            state = SubmissionState.requested if active and k % 2 else SubmissionState.submitted
            submitted = state is SubmissionState.submitted
            moment = s.at(day + dt.timedelta(days=6))
            content = {"involvement": "Our involvement with the family.", "key_contacts": [
                {"date": (day - dt.timedelta(days=30)).isoformat(), "contact_type": "Home visit",
                 "summary": "Visited the family."}], "analysis": "What we found.",
                "immediate_learning": "What we learned at once.", "actions_taken": "What we did.",
                "good_practice": "What went well.", "author_name": "Bench author", "author_role": "Safeguarding lead"}
            submissions.append({"id": submission_id, "kind": SubmissionKind.information_request, "agency_id": agency_id,
                                "state": state, "draft": None, "content": content if submitted else None,
                                "revision": 1 if submitted else 0, "submitted_at": moment if submitted else None,
                                "submitted_by_id": None, "submitted_by_name": "Bench author" if submitted else None,
                                **_stamp(s, day)})
            if submitted:
                revisions.append({"id": new_id(), "submission_id": submission_id, "number": 1, "content": content,
                                  "submitted_at": moment, "submitted_by_id": None, "submitted_by_name": "Bench author"})
            requests.append({"id": request_id, "case_id": case_id, "rapid_review_id": rapid_review_id,
                             "agency_id": agency_id, "submission_id": submission_id, "requested_on": day,
                             "note": "Please focus on the last six months.", **_stamp(s, day)})
            s.deadlines.append(_deadline(
                s, DeadlineKind.information_request, SubjectType.information_request, request_id, case_id,
                day + dt.timedelta(days=9), f"Additional information for the rapid review of {CHILD}",
                f"/information-requests/{request_id}", met=submitted, owner_agency_id=agency_id))
    s.copy("rapid_reviews", rows)
    s.copy("rapid_review_agencies", involved)
    s.copy("agency_submissions", submissions)
    s.copy("agency_submission_revisions", revisions)
    s.copy("information_requests", requests)
    s.ids["rapid_reviews"] = [r["id"] for r in rows]
    s.ids["rapid_review_rows"] = rows
    s.ids["information_requests"] = [r["id"] for r in requests]
    del office


def seed_reviews(s: Seeding) -> None:
    """500 reviews from the rapid reviews that decided to hold one (the newest still in progress)."""
    agencies = s.ids["agencies"]
    reviewers = s.ids["users:lead_reviewer"]
    total = s.count(500, minimum=5)
    sources = [r for r in s.ids["rapid_review_rows"] if r["hold_cspr"]][:total]
    stages = list(ReviewStage)
    rows, involved, links = [], [], []
    for n, rapid_review in enumerate(sources):
        review_id, day = new_id(), rapid_review["decided_on"]
        stage = ReviewStage.published if n < len(sources) - 40 else stages[n % (len(stages) - 1)]
        rows.append({"id": review_id, "case_id": rapid_review["case_id"], "kind": ReviewKind.cspr, "decided_on": day,
                     "stage": stage, "rapid_review_id": rapid_review["id"], "referral_id": None,
                     "lead_reviewer_id": reviewers[n % len(reviewers)], **_stamp(s, day)})
        links.append((rapid_review["id"], review_id))
        for k in range(min(AGENCIES_PER_REVIEW, len(agencies))):
            involved.append({"review_id": review_id, "agency_id": agencies[(n + k * 7) % len(agencies)]})
    # The review the load run reads: the newest one the first agency (the agency lead's) is involved in, at its
    # overview report at every scale, so that its page costs the same statements in the full data and in a tenth.
    seen = {i["review_id"] for i in involved if i["agency_id"] == agencies[0]}
    read = next(r for r in reversed(rows) if r["id"] in seen)
    read["stage"] = ReviewStage.overview_report
    s.handles["review_id"] = str(read["id"])
    for row in rows:
        s.deadlines.append(_deadline(
            s, DeadlineKind.review_completion, SubjectType.review, row["id"], row["case_id"],
            row["decided_on"] + dt.timedelta(days=182), f"Complete the review for {CHILD}", f"/reviews/{row['id']}",
            met=row["stage"] is ReviewStage.published, owner_role=Role.business_office))
    s.copy("reviews", rows)
    s.copy("review_agencies", involved)
    if links:  # the rapid review points back at the review it decided
        rapid_reviews = s.table("rapid_reviews")
        s.connection.execute(update(rapid_reviews).where(rapid_reviews.c.id == bindparam("rapid_review"))
                             .values(review_id=bindparam("review")),
                             [{"rapid_review": a, "review": b} for a, b in links])
    s.ids["reviews"] = [r["id"] for r in rows]
    s.ids["review_rows"] = rows
    s.ids["review_agencies"] = involved


def _deadline(s: Seeding, kind: DeadlineKind, subject_type: SubjectType, subject_id: Any, case_id: Any,
              due: dt.date, title: str, link: str, *, met: bool, owner_agency_id: Any = None,
              owner_user_id: Any = None, owner_role: Role | None = None) -> dict[str, Any]:
    return {"id": new_id(), "kind": kind, "subject_type": subject_type, "subject_id": subject_id, "title": title,
            "case_id": case_id, "link": link, "due_date": due,
            "status": DeadlineStatus.met if met else DeadlineStatus.open,
            "met_at": s.at(due) if met else None, "owner_agency_id": owner_agency_id,
            "owner_user_id": owner_user_id, "owner_role": owner_role, **_stamp(s, due - dt.timedelta(days=10))}


def seed_deadlines(s: Seeding) -> None:
    """The deadlines the seeders opened on their records (the actions' among them), topped up to 100,000 with
    agency actions' deadlines of no action in the tracker (a registry's size, whatever the seeders opened)."""
    total = s.count(100_000, minimum=200)
    agencies, cases = cycle(s.ids["agencies"]), cycle(s.ids["cases"])
    filler = max(0, total - len(s.deadlines))
    for n in range(filler):
        due = _spread(s, n, filler) + dt.timedelta(days=120)
        subject_id = new_id()
        s.deadlines.append(_deadline(
            s, DeadlineKind.agency_action, SubjectType.action, subject_id, next(cases), due,
            f"Agency action from the review of {CHILD}", "/", met=due < s.today - dt.timedelta(days=30),
            owner_agency_id=next(agencies)))
    s.copy("deadlines", s.deadlines, large=True)


AUDITED = ("referral", "incident_notification", "rapid_review", "information_request", "review")


def seed_audit(s: Seeding) -> None:
    total = s.count(1_500_000, minimum=500)
    users, names = s.ids["users"], s.ids["user_names"]
    subjects = [("referral", i) for i in s.ids["referrals"]] + [("rapid_review", i) for i in s.ids["rapid_reviews"]] + \
        [("information_request", i) for i in s.ids["information_requests"]] + [("review", i) for i in s.ids["reviews"]]
    start = s.at(s.days_ago(DAYS))
    step = dt.timedelta(days=DAYS) / total
    actions = ("create", "update", "submit", "read_identifying")
    rows = ({"id": new_id(), "occurred_at": start + step * n, "actor_type": "user", "actor_id": users[n % len(users)],
             "actor_name": names[n % len(users)], "action": actions[n % 4],
             "entity_type": subjects[n % len(subjects)][0], "entity_id": str(subjects[n % len(subjects)][1]),
             "summary": "Changed by the benchmark.", "changes": {}}
            for n in range(total))
    s.copy("audit_events", rows, large=True)


def seed_access_log(s: Seeding) -> None:
    total = s.count(500_000, minimum=200)
    users, names, cases = s.ids["users"], s.ids["user_names"], s.ids["cases"]
    referrals = s.ids["referrals"]
    start = s.at(s.days_ago(DAYS))
    step = dt.timedelta(days=DAYS) / total
    rows = ({"id": new_id(), "case_id": s.ids["referral_cases"][n % len(referrals)], "occurred_at": start + step * n,
             "actor_type": "user", "actor_id": users[n % len(users)], "actor_name": names[n % len(users)],
             "actor_role": "business_office", "actor_agency_id": None, "record_type": "referral",
             "record_id": referrals[n % len(referrals)], "method": "GET",
             "path": f"/api/v1/referrals/{referrals[n % len(referrals)]}"}
            for n in range(total))
    del cases
    s.copy("case_access_log", rows, large=True)


# In order: a seeder may use what the ones before it wrote (s.ids). `deadlines` comes after every seeder that
# opens deadlines; `audit` and `access log` last, as they refer to everything.
SEEDERS: list[Seeder] = [
    Seeder("agencies", ("agencies",), 60, seed_agencies),
    Seeder("users", ("users",), 2_000, seed_users),
    Seeder("referrals", ("cases", "referrals"), 10_000, seed_referrals),
    Seeder("incident notifications", ("cases", "incident_notifications", "notified_children"), 10_000,
           seed_notifications),
    Seeder("rapid reviews and information requests",
           ("rapid_reviews", "information_requests", "agency_submissions", "agency_submission_revisions"),
           66_000, seed_rapid_reviews),
    Seeder("reviews", ("reviews", "review_agencies"), 4_500, seed_reviews),
    Seeder("chronologies (stage 2)",
           ("agency_chronologies", "chronology_entries", "agency_submissions", "agency_submission_revisions"),
           108_000, seed_chronologies),
    Seeder("key event analysis reports (stage 2)",
           ("analysis_reports", "agency_submissions", "agency_submission_revisions"), 12_000, seed_analysis_reports),
    Seeder("overview report versions (stage 2)", ("report_versions",), 500, seed_overview_reports),
    Seeder("recommendations, actions and their progress updates",
           ("recommendations", "recommendation_agencies", "recommendation_themes", "agency_actions",
            "action_updates", "agency_submissions", "agency_submission_revisions"), 330_000, seed_learning),
    Seeder("deadlines", ("deadlines",), 100_000, seed_deadlines),
    Seeder("audit log", ("audit_events",), 1_500_000, seed_audit),
    Seeder("case access log", ("case_access_log",), 500_000, seed_access_log),
]
