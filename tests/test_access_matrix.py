"""The access matrix: every route in the app, called as each role, as an integration client and unauthenticated,
about a record of the caller's own agency and one of another agency. What each cell must answer is declared in
MATRIX below, one entry per route, and derived from core/access.py: a caller without the route's permission
(ROLE_PERMISSIONS, CLIENT_SCOPES) gets `refused`, a caller with it gets `allowed`, for a record of another
agency what a caller held to its own agency gets (404: it cannot tell the record from one that does not exist).

No cell leaks another agency's data: a hidden record answers exactly what a made-up id answers, and no answer to
a caller held to its agency (lists included) names another agency's record that caller may not see.

A NEW ROUTE joins by one entry in MATRIX: `"METHOD /path": Row(<permission it checks>, allowed=<what a caller
holding it gets>)`. Until it has one the test fails, naming the route and the statuses it observed for each
caller (check them against what the route should do before copying). When its path names a new kind of record
(a new `{thing_id}`), it also needs one finder in tests/access_matrix_records.py; the test says so.
MATRIX_OBSERVED=<file> writes every route's observed statuses to that file.

Requests are made as the matrix finds them: no body (or `{}`) and no If-Match, each in a savepoint rolled back
afterwards, so no cell changes what the next one sees and nothing is written. Runs on the demo partnership.
"""

import json
import os
import re
import uuid
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from backend.app import create_app
from backend.core.access import CLIENT_SCOPES, CROSS_AGENCY_ROLES, ROLE_PERMISSIONS, Permission, Role
from backend.core.db import session_scope, transaction
from backend.core.ratelimit import get_limiter
from backend.demo import seed_demo
from backend.identity import login
from backend.identity import service as identity
from backend.identity.models import Agency, User
from backend.identity.schemas import IntegrationClientCreate
from backend.information_requests import service as information_requests
from backend.information_requests.models import InformationRequest
from backend.information_requests.schemas import InformationRequestCreate
from backend.integrations import service as integrations
from backend.integrations.models import WebhookDelivery
from backend.integrations.schemas import WebhookSubscriptionCreate
from backend.rapid_reviews.models import RapidReview, RapidReviewState
from backend.reminders.mail import queue_email
from tests.access_matrix_records import RECORDS, Finder

P = Permission
Caller = str  # a Role's value, "client" or "anonymous"
CALLERS: tuple[Caller, ...] = (*(role.value for role in Role), "client", "anonymous")
Status = int | tuple[int, int]  # one answer, or (own agency's record, another agency's record)


@dataclass(frozen=True)
class Row:
    """What a route answers. `needs`: the permission it checks, "signed in" (any caller with a token) or "public".
    `allowed`: what a caller holding it gets, for the matrix's request (no body, no If-Match): one status, or
    (own agency's record, another agency's record) for callers held to their agency. `cross`: what roles that
    read across agencies get, when it is not `allowed`'s first. `refused`: a caller without the permission.
    `exceptions`: a caller whose answer departs from the rule, with the reason beside it."""

    needs: Permission | Literal["signed in", "public"]
    allowed: Status = 200
    cross: Status | None = None
    refused: int = 403
    exceptions: Mapping[Caller, Status] = field(default_factory=dict)


HIDDEN = (200, 404)  # the caller's own agency's record is read; another agency's is not there for it
# The demo has no record of this kind held by the caller's agency (a made-up one: 404) and one of another agency's.
NOT_OURS = (404, 404)
NOT_OURS_SEEN = (404, 200)  # ... which a caller reading across agencies sees
# The review's lead reviewer reads every agency's submission to it.
_REVIEWER_READS: Mapping[Caller, Status] = {"lead_reviewer": 200}
# An agency without the permission is refused its own record (403); another agency's is not there for it (404).
_AGENCY_CANNOT_SEE_OTHERS: Mapping[Caller, Status] = {"agency_lead": (403, 404), "agency_manager": (403, 404)}
_NO_REVIEW_FOR_CLIENTS: Mapping[Caller, Status] = {"client": 403}
# The family's details: agencies and the scrutineer find nothing there, before any permission is checked.
_FAMILY_HIDDEN: Mapping[Caller, Status] = {"agency_lead": 404, "agency_manager": 404, "scrutineer": 404}

MATRIX: dict[str, Row] = {
    # What a caller holding the permission gets for the matrix's bare request: 200 for a read, 422 where the
    # body is needed, 428 where If-Match is, 409 where the record's state does not allow the step, 404 where
    # the record named is not there (the demo has none of that kind, or it is another agency's: HIDDEN).
    "GET /healthz": Row("public"),
    "GET /readyz": Row("public", allowed=503),
    "POST /api/v1/auth/token": Row("public", allowed=422),
    "POST /api/v1/auth/revoke": Row("public", allowed=422),
    "GET /api/v1/me": Row("signed in"),
    "PATCH /api/v1/me": Row("signed in", allowed=422),
    "GET /api/v1/agencies": Row(P.agencies_read),
    "GET /api/v1/safeguarding-partners": Row(P.agencies_read),
    "POST /api/v1/agencies": Row(P.agencies_manage, allowed=422),
    "GET /api/v1/agencies/{agency_id}": Row(P.agencies_read),
    "PATCH /api/v1/agencies/{agency_id}": Row(P.agencies_manage, allowed=428),
    "GET /api/v1/users": Row(P.users_manage),
    "POST /api/v1/users": Row(P.users_manage, allowed=422),
    "GET /api/v1/users/{user_id}": Row(P.users_manage),
    "PATCH /api/v1/users/{user_id}": Row(P.users_manage),
    "GET /api/v1/integration-clients": Row(P.clients_manage),
    "POST /api/v1/integration-clients": Row(P.clients_manage, allowed=422),
    "GET /api/v1/integration-clients/{client_id}": Row(P.clients_manage),
    "PATCH /api/v1/integration-clients/{client_id}": Row(P.clients_manage),
    "GET /api/v1/audit": Row(P.audit_read),
    "GET /api/v1/calendar/closure-days": Row("signed in"),
    "POST /api/v1/calendar/closure-days": Row(P.calendar_manage, allowed=422),
    "DELETE /api/v1/calendar/closure-days/{closure_id}": Row(P.calendar_manage, allowed=204),
    "GET /api/v1/calendar/working-days": Row("signed in", allowed=422),
    "GET /api/v1/deadlines": Row(P.deadlines_read),
    "POST /api/v1/referrals": Row(P.referrals_draft, allowed=201),
    "GET /api/v1/referrals": Row(P.referrals_read),
    "GET /api/v1/referrals/{referral_id}": Row(P.referrals_read, allowed=HIDDEN),
    "PATCH /api/v1/referrals/{referral_id}": Row(P.referrals_draft, allowed=(409, 404)),
    "POST /api/v1/referrals/{referral_id}/submit": Row(P.referrals_submit, allowed=(409, 404)),
    "POST /api/v1/referrals/{referral_id}/sign-off": Row(P.referrals_sign_off, allowed=422),
    "POST /api/v1/referrals/{referral_id}/decline-sign-off": Row(P.referrals_sign_off, allowed=422),
    "POST /api/v1/referrals/{referral_id}/start-consideration": Row(P.referrals_consider, allowed=409),
    "POST /api/v1/referrals/{referral_id}/return": Row(P.referrals_consider, allowed=422),
    "POST /api/v1/referrals/{referral_id}/recommendation": Row(P.referrals_consider, allowed=422),
    "POST /api/v1/referrals/{referral_id}/partner-positions": Row(P.referrals_decide, allowed=422),
    "GET /api/v1/referrals/{referral_id}/timeline": Row(P.referrals_read, allowed=HIDDEN),
    "POST /api/v1/incident-notifications": Row(P.notifications_write, allowed=422),
    "GET /api/v1/incident-notifications": Row(P.notifications_read),
    "GET /api/v1/incident-notifications/{notification_id}": Row(P.notifications_read),
    "PATCH /api/v1/incident-notifications/{notification_id}": Row(P.notifications_write, allowed=428),
    "GET /api/v1/incident-notifications/{notification_id}/timeline": Row(P.notifications_read),
    "GET /api/v1/rapid-reviews": Row(P.rapid_reviews_read),
    "GET /api/v1/rapid-reviews/{rapid_review_id}": Row(P.rapid_reviews_read),
    "GET /api/v1/rapid-reviews/{rapid_review_id}/timeline": Row(P.rapid_reviews_read),
    "POST /api/v1/rapid-reviews/{rapid_review_id}/meeting": Row(P.rapid_reviews_manage, allowed=422),
    "PATCH /api/v1/rapid-reviews/{rapid_review_id}/meeting": Row(P.rapid_reviews_manage, allowed=409),
    "POST /api/v1/rapid-reviews/{rapid_review_id}/immediate-actions": Row(P.rapid_reviews_manage, allowed=422),
    "POST /api/v1/rapid-reviews/{rapid_review_id}/immediate-actions/{action_id}/complete":
        Row(P.immediate_actions_complete, allowed=422),
    "POST /api/v1/rapid-reviews/{rapid_review_id}/recommendation": Row(P.rapid_reviews_manage, allowed=422),
    "POST /api/v1/rapid-reviews/{rapid_review_id}/partner-positions": Row(P.rapid_reviews_decide, allowed=422),
    "POST /api/v1/rapid-reviews/{rapid_review_id}/panel-submission": Row(P.rapid_reviews_manage, allowed=422),
    "POST /api/v1/rapid-reviews/{rapid_review_id}/panel-response": Row(P.rapid_reviews_manage, allowed=422),
    "POST /api/v1/rapid-reviews/{rapid_review_id}/comments": Row(P.rapid_reviews_comment, allowed=422),
    "GET /api/v1/rapid-reviews/{rapid_review_id}/learning-briefing": Row(P.rapid_reviews_read),
    "PUT /api/v1/rapid-reviews/{rapid_review_id}/learning-briefing": Row(P.rapid_reviews_manage, allowed=428),
    "GET /api/v1/rapid-reviews/{rapid_review_id}/learning-briefing.md": Row(P.rapid_reviews_read),
    "GET /api/v1/rapid-reviews/{rapid_review_id}/learning-briefing.docx": Row(P.rapid_reviews_read),
    "GET /api/v1/rapid-reviews/{rapid_review_id}/report": Row(P.rapid_reviews_report),
    "GET /api/v1/rapid-reviews/{rapid_review_id}/report.docx": Row(P.rapid_reviews_report),
    "GET /api/v1/rapid-reviews/{rapid_review_id}/report.pdf": Row(P.rapid_reviews_report),
    "POST /api/v1/rapid-reviews/{rapid_review_id}/information-requests": Row(P.rapid_reviews_manage, allowed=422),
    "GET /api/v1/rapid-reviews/{rapid_review_id}/information-requests": Row(P.information_requests_read),
    "GET /api/v1/information-requests": Row(P.information_requests_read),
    "GET /api/v1/information-requests/{request_id}": Row(P.information_requests_read, allowed=HIDDEN),
    "PUT /api/v1/information-requests/{request_id}/draft": Row(P.information_requests_respond, allowed=(428, 404)),
    "POST /api/v1/information-requests/{request_id}/submit": Row(P.information_requests_respond, allowed=(422, 404)),
    "POST /api/v1/information-requests/{request_id}/return": Row(P.rapid_reviews_manage, allowed=422),
    "GET /api/v1/information-requests/{request_id}/revisions": Row(P.information_requests_read, allowed=HIDDEN),
    "GET /api/v1/information-requests/{request_id}/timeline": Row(P.information_requests_read, allowed=HIDDEN),
    "GET /api/v1/reviews": Row(P.reviews_read),
    "GET /api/v1/reviews/{review_id}": Row(P.reviews_read),
    "PATCH /api/v1/reviews/{review_id}": Row(P.reviews_manage, allowed=428),
    "POST /api/v1/reviews/{review_id}/stage": Row(P.reviews_manage, allowed=422),
    "GET /api/v1/reviews/{review_id}/timeline": Row(P.reviews_read),
    "GET /api/v1/cases": Row(P.cases_read),
    # A case is read by whoever may see one of its records (cases/policy.py); a lead reviewer sees the review only.
    "GET /api/v1/cases/{case_id}": Row("signed in", allowed=HIDDEN, exceptions={"lead_reviewer": 404}),
    "PATCH /api/v1/cases/{case_id}": Row(P.cases_manage, allowed=422),
    # Special category data: the business office, strategic leads, and the agency that referred the child;
    # a scrutineer sees the case but not who the child is, a lead reviewer not the case at all.
    "GET /api/v1/cases/{case_id}/identifying-details": Row("signed in", allowed=HIDDEN,
                                                            exceptions={"scrutineer": 403, "lead_reviewer": 404}),
    "GET /api/v1/cases/{case_id}/access-log": Row(P.cases_read),
    "GET /api/v1/events": Row("signed in"),
    "POST /api/v1/events": Row(P.events_manage, allowed=422),
    "GET /api/v1/events/{event_id}": Row("signed in"),
    "PATCH /api/v1/events/{event_id}": Row(P.events_manage, allowed=428),
    "POST /api/v1/events/{event_id}/cancel": Row(P.events_manage),
    "POST /api/v1/events/{event_id}/open-link": Row(P.events_manage, allowed=201),
    "DELETE /api/v1/events/{event_id}/open-link": Row(P.events_manage),
    "GET /api/v1/events/{event_id}/invitations": Row("signed in"),
    "POST /api/v1/events/{event_id}/invitations": Row(P.events_nominate, allowed=422),
    # The demo's one invitation is the police's (records: _held), still open: revoking it (rolled back) answers 200
    # to who may see it; for another agency it is not there, like the made-up one of the caller's agency.
    "POST /api/v1/events/{event_id}/invitations/{invitation_id}/revoke":
        Row(P.events_nominate, allowed=NOT_OURS, cross=NOT_OURS_SEEN, exceptions={"lead_reviewer": NOT_OURS_SEEN}),
    "GET /api/v1/events/{event_id}/attendees": Row("signed in"),
    "POST /api/v1/events/{event_id}/sign-ups/{sign_up_id}/cancel": Row(P.events_manage, allowed=404),
    "POST /api/v1/events/{event_id}/attendance": Row(P.events_manage, allowed=422),
    "GET /api/v1/events/{event_id}/summary": Row("signed in"),
    "GET /api/v1/public/agencies": Row("public"),
    "GET /api/v1/public/events/{token}": Row("public", allowed=404),
    "POST /api/v1/public/events/{token}": Row("public", allowed=422),
    "GET /api/v1/public/sign-ups/{token}": Row("public", allowed=404),
    "PATCH /api/v1/public/sign-ups/{token}": Row("public", allowed=404),
    "DELETE /api/v1/public/sign-ups/{token}": Row("public", allowed=404),
    "GET /api/v1/public/sign-ups/{token}/calendar.ics": Row("public", allowed=404),
    "GET /api/v1/reminder-policies": Row(P.deadlines_read),
    "GET /api/v1/reminder-policies/{kind}": Row(P.deadlines_read),
    "PUT /api/v1/reminder-policies/{kind}": Row(P.reminder_policies_manage, allowed=422),
    "DELETE /api/v1/reminder-policies/{kind}": Row(P.reminder_policies_manage, allowed=404),
    "GET /api/v1/outbox": Row(P.outbox_manage),
    "GET /api/v1/outbox/{message_id}": Row(P.outbox_manage),
    "POST /api/v1/outbox/{message_id}/retry": Row(P.outbox_manage, allowed=409),
    "GET /api/v1/webhooks": Row(P.webhooks_manage),
    "POST /api/v1/webhooks": Row(P.webhooks_manage, allowed=422),
    "GET /api/v1/webhooks/{subscription_id}": Row(P.webhooks_manage),
    "PATCH /api/v1/webhooks/{subscription_id}": Row(P.webhooks_manage, allowed=428),
    "GET /api/v1/webhooks/{subscription_id}/deliveries": Row(P.webhooks_manage),
    "GET /api/v1/webhook-deliveries/{delivery_id}": Row(P.webhooks_manage),
    "POST /api/v1/webhook-deliveries/{delivery_id}/redeliver": Row(P.webhooks_manage, allowed=202),

    # Stage 1 additions.
    # Only a draft is deleted, and only by a person of its agency (the workflow's step is people_only).
    "DELETE /api/v1/referrals/{referral_id}":
        Row(P.referrals_draft, allowed=(409, 404), exceptions={"client": (403, 404)}),
    # The trust's request is awaiting its answer (chased); the police's is already answered (409).
    "POST /api/v1/information-requests/{request_id}/chase": Row(P.rapid_reviews_manage, cross=(200, 409)),
    "POST /api/v1/information-requests/{request_id}/due-date": Row(P.rapid_reviews_manage, allowed=422),
    # Stage 2: the review's process. A review is read by whoever may see it (reviews/policy.py): the matrix's review
    # (Child LW's) involves the caller's agency and is the lead reviewer's.
    "GET /api/v1/reviews/{review_id}/commissioning": Row(P.reviews_read),
    "POST /api/v1/reviews/{review_id}/commissioning/notices": Row(P.reviews_manage, allowed=409),
    "GET /api/v1/reviews/{review_id}/timescales": Row(P.reviews_read),
    "POST /api/v1/reviews/{review_id}/delays": Row(P.reviews_manage, allowed=422),
    "POST /api/v1/reviews/{review_id}/delays/{delay_id}/panel-told": Row(P.reviews_manage, allowed=404),
    "GET /api/v1/reviews/{review_id}/review-group": Row(P.reviews_read),
    "POST /api/v1/reviews/{review_id}/review-group/members": Row(P.review_group_manage, allowed=422),
    "DELETE /api/v1/reviews/{review_id}/review-group/members/{member_id}": Row(P.review_group_manage, allowed=409),
    "POST /api/v1/reviews/{review_id}/review-group/meetings": Row(P.review_group_manage, allowed=422),
    "GET /api/v1/reviews/{review_id}/review-group/meetings/{meeting_id}": Row(P.reviews_read),
    "PATCH /api/v1/reviews/{review_id}/review-group/meetings/{meeting_id}": Row(P.review_group_manage, allowed=428),
    "GET /api/v1/reviews/{review_id}/terms-of-reference": Row(P.reviews_read),
    "POST /api/v1/reviews/{review_id}/terms-of-reference/versions": Row(P.terms_of_reference_write, allowed=201),
    "GET /api/v1/reviews/{review_id}/terms-of-reference/versions/{version_id}": Row(P.reviews_read),
    "PATCH /api/v1/reviews/{review_id}/terms-of-reference/versions/{version_id}":
        Row(P.terms_of_reference_write, allowed=409),
    "POST /api/v1/reviews/{review_id}/terms-of-reference/versions/{version_id}/observations":
        Row(P.terms_of_reference_comment, allowed=422),
    "POST /api/v1/reviews/{review_id}/terms-of-reference/versions/{version_id}/agree":
        Row(P.terms_of_reference_agree, allowed=409),
    "POST /api/v1/reviews/{review_id}/terms-of-reference/author-briefings": Row(P.events_manage, allowed=422),
    # The agencies' submissions: an agency writes and reads its own, never another agency's (404); the review's lead
    # reviewer reads and returns every agency's.
    "POST /api/v1/reviews/{review_id}/chronologies": Row(P.review_submissions_request, allowed=422),
    "GET /api/v1/reviews/{review_id}/chronologies": Row(P.chronologies_read),
    "GET /api/v1/reviews/{review_id}/integrated-chronology": Row(P.integrated_chronology_read),
    "GET /api/v1/reviews/{review_id}/integrated-chronology/export": Row(P.integrated_chronology_read),
    "GET /api/v1/chronologies/{chronology_id}": Row(P.chronologies_read, allowed=HIDDEN, exceptions=_REVIEWER_READS),
    "POST /api/v1/chronologies/{chronology_id}/entries": Row(P.chronologies_write, allowed=(422, 404)),
    "PATCH /api/v1/chronologies/{chronology_id}/entries/{entry_id}": Row(P.chronologies_write, allowed=(409, 404)),
    "DELETE /api/v1/chronologies/{chronology_id}/entries/{entry_id}": Row(P.chronologies_write, allowed=(409, 404)),
    "POST /api/v1/chronologies/{chronology_id}/entries/import": Row(P.chronologies_write, allowed=(422, 404)),
    "POST /api/v1/chronologies/{chronology_id}/submit": Row(P.chronologies_write, allowed=(409, 404)),
    "POST /api/v1/chronologies/{chronology_id}/return": Row(P.review_submissions_return, allowed=422,
                                                            exceptions=_AGENCY_CANNOT_SEE_OTHERS),
    "GET /api/v1/chronologies/{chronology_id}/revisions":
        Row(P.chronologies_read, allowed=HIDDEN, exceptions=_REVIEWER_READS),
    "GET /api/v1/chronologies/{chronology_id}/timeline":
        Row(P.chronologies_read, allowed=HIDDEN, exceptions=_REVIEWER_READS),
    "POST /api/v1/reviews/{review_id}/analysis-reports": Row(P.review_submissions_request, allowed=422),
    "GET /api/v1/reviews/{review_id}/analysis-reports": Row(P.analysis_reports_read),
    "GET /api/v1/analysis-reports/{report_id}":
        Row(P.analysis_reports_read, allowed=HIDDEN, exceptions=_REVIEWER_READS),
    "PUT /api/v1/analysis-reports/{report_id}/draft": Row(P.analysis_reports_write, allowed=(428, 404)),
    "POST /api/v1/analysis-reports/{report_id}/send-for-sign-off": Row(P.analysis_reports_write, allowed=(422, 404)),
    "POST /api/v1/analysis-reports/{report_id}/reopen": Row(P.analysis_reports_write, allowed=(409, 404)),
    "POST /api/v1/analysis-reports/{report_id}/sign-off": Row(P.analysis_reports_sign_off, allowed=(409, 404),
                                                              exceptions={"agency_lead": (403, 404)}),
    "POST /api/v1/analysis-reports/{report_id}/return": Row(P.review_submissions_return, allowed=422,
                                                            exceptions=_AGENCY_CANNOT_SEE_OTHERS),
    "GET /api/v1/analysis-reports/{report_id}/revisions":
        Row(P.analysis_reports_read, allowed=HIDDEN, exceptions=_REVIEWER_READS),
    "GET /api/v1/analysis-reports/{report_id}/timeline":
        Row(P.analysis_reports_read, allowed=HIDDEN, exceptions=_REVIEWER_READS),
    # Practitioner engagement: the review's lead reviewer and the business office arrange the one-to-ones.
    # A machine client holds events:read but reads no review (reviews:read is no scope of it), so none of its
    # one-to-ones.
    "GET /api/v1/reviews/{review_id}/one-to-ones": Row(P.events_read, exceptions=_NO_REVIEW_FOR_CLIENTS),
    "POST /api/v1/reviews/{review_id}/one-to-ones": Row(P.events_manage, allowed=422),
    "GET /api/v1/reviews/{review_id}/one-to-ones/{one_to_one_id}":
        Row(P.events_read, exceptions=_NO_REVIEW_FOR_CLIENTS),
    "PATCH /api/v1/reviews/{review_id}/one-to-ones/{one_to_one_id}": Row(P.events_manage, allowed=428),
    "POST /api/v1/reviews/{review_id}/one-to-ones/{one_to_one_id}/held": Row(P.events_manage, allowed=422),
    "POST /api/v1/reviews/{review_id}/one-to-ones/{one_to_one_id}/declined": Row(P.events_manage, allowed=422),
    # The family (family_engagement/router.py): agencies and the scrutineer get 404 before any permission is checked.
    "GET /api/v1/reviews/{review_id}/family": Row(P.family_read, exceptions=_FAMILY_HIDDEN),
    "POST /api/v1/reviews/{review_id}/family/contacts": Row(P.family_manage, allowed=422, exceptions=_FAMILY_HIDDEN),
    "GET /api/v1/reviews/{review_id}/family/contacts/{contact_id}": Row(P.family_read, exceptions=_FAMILY_HIDDEN),
    "PATCH /api/v1/reviews/{review_id}/family/contacts/{contact_id}":
        Row(P.family_manage, allowed=428, exceptions=_FAMILY_HIDDEN),
    "GET /api/v1/reviews/{review_id}/family/genogram": Row(P.family_read, exceptions=_FAMILY_HIDDEN),
    "POST /api/v1/reviews/{review_id}/family/members": Row(P.family_manage, allowed=422, exceptions=_FAMILY_HIDDEN),
    "GET /api/v1/reviews/{review_id}/family/members/{member_id}": Row(P.family_read, exceptions=_FAMILY_HIDDEN),
    "PATCH /api/v1/reviews/{review_id}/family/members/{member_id}":
        Row(P.family_manage, allowed=428, exceptions=_FAMILY_HIDDEN),
    "DELETE /api/v1/reviews/{review_id}/family/members/{member_id}":
        Row(P.family_manage, allowed=204, exceptions=_FAMILY_HIDDEN),
    "POST /api/v1/reviews/{review_id}/family/relationships":
        Row(P.family_manage, allowed=422, exceptions=_FAMILY_HIDDEN),
    "DELETE /api/v1/reviews/{review_id}/family/relationships/{relationship_id}":
        Row(P.family_manage, allowed=204, exceptions=_FAMILY_HIDDEN),
    # Parallel processes: the business office records them; the cross-agency roles and the review's lead reviewer
    # read every one, an agency only those it runs (parallel_processes/policy.py). The demo's is the police's
    # investigation (records: _held): the caller's agency's is a made-up one.
    "GET /api/v1/reviews/{review_id}/parallel-processes": Row(P.parallel_processes_read),
    "POST /api/v1/reviews/{review_id}/parallel-processes": Row(P.parallel_processes_manage, allowed=422),
    "GET /api/v1/reviews/{review_id}/parallel-processes/{process_id}":
        Row(P.parallel_processes_read, allowed=NOT_OURS, cross=NOT_OURS_SEEN,
            exceptions={"lead_reviewer": NOT_OURS_SEEN}),
    "PATCH /api/v1/reviews/{review_id}/parallel-processes/{process_id}":
        Row(P.parallel_processes_manage, cross=(404, 428)),
    "POST /api/v1/reviews/{review_id}/parallel-processes/{process_id}/begin":
        Row(P.parallel_processes_manage, allowed=422),
    "POST /api/v1/reviews/{review_id}/parallel-processes/{process_id}/conclude":
        Row(P.parallel_processes_manage, allowed=422),
    "POST /api/v1/reviews/{review_id}/parallel-processes/{process_id}/invite-officer":
        Row(P.parallel_processes_manage, allowed=422),
    # The overview report: the lead reviewer drafts it (no draft yet on Child LW's review: 404); everyone reading it
    # comments; the business office manages publication.
    "GET /api/v1/reviews/{review_id}/overview-report": Row(P.reports_read),
    "GET /api/v1/reviews/{review_id}/overview-report/drafts/{document}": Row(P.reports_write, allowed=404),
    "PUT /api/v1/reviews/{review_id}/overview-report/drafts/{document}": Row(P.reports_write, allowed=422),
    "POST /api/v1/reviews/{review_id}/overview-report/drafts/{document}/upload": Row(P.reports_write, allowed=422),
    "POST /api/v1/reviews/{review_id}/overview-report/versions": Row(P.reports_write, allowed=422),
    "GET /api/v1/reviews/{review_id}/overview-report/versions/{version_id}": Row(P.reports_read),
    "GET /api/v1/reviews/{review_id}/overview-report/diff": Row(P.reports_read, allowed=422),
    "POST /api/v1/reviews/{review_id}/overview-report/findings/accept": Row(P.reports_manage, allowed=422),
    "GET /api/v1/reviews/{review_id}/overview-report/versions/{version_id}/comments": Row(P.reports_read),
    "POST /api/v1/reviews/{review_id}/overview-report/versions/{version_id}/comments":
        Row(P.reports_comment, allowed=422),
    "POST /api/v1/reviews/{review_id}/overview-report/comments/{comment_id}/answers":
        Row(P.reports_comment, allowed=422),
    # Resolving a comment is the report's author's (the lead reviewer's) or the business office's.
    "POST /api/v1/reviews/{review_id}/overview-report/comments/{comment_id}/resolve": Row(
        P.reports_comment, exceptions={"agency_lead": 403, "agency_manager": 403, "scrutineer": 403,
                                       "strategic_lead": 403}),
    "GET /api/v1/reviews/{review_id}/sign-off": Row(P.reports_read),
    # Who takes which step is the chain's own rule (overview_reports/sign_off), checked once the step is named.
    "POST /api/v1/reviews/{review_id}/sign-off/steps": Row(P.reports_read, allowed=422),
    "GET /api/v1/reviews/{review_id}/publication": Row(P.reports_read),
    "PATCH /api/v1/reviews/{review_id}/publication": Row(P.reports_manage, allowed=422),
    "POST /api/v1/reviews/{review_id}/publication/delay-notice": Row(P.reports_manage, allowed=422),
    "POST /api/v1/reviews/{review_id}/publication/publish": Row(P.reports_manage, allowed=422),
    "GET /api/v1/reviews/{review_id}/publication/documents/{document}.pdf": Row(P.reports_read, allowed=409),
    # The learning tracker (issue 18). Recommendations: an agency reads those of the reviews it is involved in,
    # whichever agency they name. Actions: an agency sees only its own.
    "GET /api/v1/themes": Row(P.recommendations_read),
    "POST /api/v1/themes": Row(P.themes_manage, allowed=422),
    "PATCH /api/v1/themes/{theme_id}": Row(P.themes_manage),
    "GET /api/v1/recommendations": Row(P.recommendations_read),
    "POST /api/v1/recommendations": Row(P.recommendations_manage, allowed=422),
    "GET /api/v1/recommendations/{recommendation_id}": Row(P.recommendations_read),
    "PATCH /api/v1/recommendations/{recommendation_id}": Row(P.recommendations_manage, allowed=428),
    "POST /api/v1/recommendations/{recommendation_id}/parts": Row(P.recommendations_manage, allowed=422),
    "GET /api/v1/recommendations/{recommendation_id}/timeline": Row(P.recommendations_read),
    # The learning reports (backend/learning): themes and repeats for whoever reads learning, scoped by its rule;
    # the history import is the business office's; a dissemination is its receiving agency's to confirm.
    "GET /api/v1/learning/recurrent-themes": Row(P.recommendations_read),
    "GET /api/v1/learning/repeats": Row(P.recommendations_read),
    "GET /api/v1/learning/history/template.xlsx": Row(P.learning_import),
    "GET /api/v1/learning/history/template.csv": Row(P.learning_import),
    "POST /api/v1/learning/history": Row(P.learning_import, allowed=422),
    "GET /api/v1/learning/disseminations": Row(P.recommendations_read),
    "POST /api/v1/learning/disseminations": Row(P.learning_disseminate, allowed=422),
    # A lead reviewer reads a review's learning, not the record of whom it was sent to.
    "GET /api/v1/learning/disseminations/{dissemination_id}": Row(P.recommendations_read, allowed=HIDDEN,
                                                                  exceptions={"lead_reviewer": (404, 404)}),
    # The trust's record is still to be confirmed (withdrawn: 204); the police's was confirmed (409).
    "DELETE /api/v1/learning/disseminations/{dissemination_id}": Row(P.learning_disseminate, allowed=(204, 409),
                                                                     cross=(204, 409)),
    # Another agency's record answers 404 before the caller's permission is weighed or the body read.
    "POST /api/v1/learning/disseminations/{dissemination_id}/confirm": Row(
        P.learning_confirm, allowed=(422, 404),
        exceptions={"agency_manager": (403, 404), "client": (403, 404), "lead_reviewer": (404, 404)}),
    "GET /api/v1/figures": Row(P.figures_read),
    "GET /api/v1/figures/yearly-report.docx": Row(P.figures_read, allowed=422),
    "GET /api/v1/recommendations/similar": Row(P.recommendations_read, allowed=422),
    "GET /api/v1/recommendations/response-document.docx": Row(P.recommendations_read, allowed=422),
    "GET /api/v1/recommendations/response-document.pdf": Row(P.recommendations_read, allowed=422),
    "GET /api/v1/actions": Row(P.actions_read),
    "POST /api/v1/actions": Row(P.actions_manage, allowed=422),
    "GET /api/v1/actions/export.xlsx": Row(P.actions_read),
    "GET /api/v1/actions/export.csv": Row(P.actions_read),
    "GET /api/v1/actions/{action_id}": Row(P.actions_read, allowed=HIDDEN),
    "PATCH /api/v1/actions/{action_id}": Row(P.actions_manage, allowed=428),
    "POST /api/v1/actions/{action_id}/start": Row(P.actions_update, allowed=(409, 404)),
    "POST /api/v1/actions/{action_id}/updates": Row(P.actions_update, allowed=(422, 404)),
    "POST /api/v1/actions/{action_id}/request-completion": Row(P.actions_update, allowed=(422, 404)),
    # The trust's action is in progress (409); the police's awaits closure, and an empty approval closes it.
    "POST /api/v1/actions/{action_id}/approve-closure": Row(P.actions_manage, cross=(409, 200)),
    "POST /api/v1/actions/{action_id}/send-back": Row(P.actions_manage, allowed=422),
    "POST /api/v1/actions/{action_id}/cancel": Row(P.actions_manage, allowed=422),
    "GET /api/v1/actions/{action_id}/timeline": Row(P.actions_read, allowed=HIDDEN),
}


def _holds(caller: Caller, needs: Permission) -> bool:
    if caller == "client":
        return any(needs in permissions for permissions in CLIENT_SCOPES.values())
    return caller != "anonymous" and needs in ROLE_PERMISSIONS[Role(caller)]


def expected(row: Row, caller: Caller, side: Literal["own", "other"]) -> int:
    status: Status
    if caller in row.exceptions:
        status = row.exceptions[caller]
    elif row.needs == "public":
        status = row.allowed
    elif caller == "anonymous":
        return 401
    elif row.needs != "signed in" and not _holds(caller, row.needs):
        return row.refused
    elif caller != "client" and Role(caller) in CROSS_AGENCY_ROLES:
        status = row.cross if row.cross is not None else (row.allowed if isinstance(row.allowed, int)
                                                           else row.allowed[0])
    else:
        status = row.allowed
    if isinstance(status, int):
        return status
    return status[0] if side == "own" else status[1]


def _routes() -> list[tuple[str, str]]:
    document = create_app().openapi()
    return [(method.upper(), path) for path, operations in document["paths"].items()
            for method in operations if method in ("get", "post", "put", "patch", "delete")]


@dataclass
class Partnership:
    client: TestClient
    headers: dict[Caller, dict[str, str]]
    own: Agency
    other: Agency
    session: Session


@pytest.fixture
def partnership(engine: Engine) -> Iterator[Partnership]:
    connection = engine.connect()
    outer = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    seed_demo(session, only_if_empty=False)
    session.flush()
    own = session.scalars(select(Agency).where(Agency.name == "Harbourside Children's Trust")).one()
    other = session.scalars(select(Agency).where(Agency.name == "Harbourside Police")).one()
    office = session.scalars(select(User).where(User.role == Role.business_office)).first()
    assert office is not None
    secrets = {}
    for agency in (own, other):
        made, secret = identity.create_client(session, office.as_principal(), IntegrationClientCreate(
            name=f"{agency.name} case system", agency_id=agency.id, scopes=sorted(CLIENT_SCOPES)))
        secrets[agency.id] = (made.client_id, secret)
        integrations.create_subscription(session, office.as_principal(), WebhookSubscriptionCreate.model_validate(
            {"url": "https://hooks.example.org/cspr", "event_types": ["referral.submitted"],
             "agency_id": str(agency.id)}))
    session.flush()
    if session.scalars(select(WebhookDelivery).limit(1)).first() is None:
        from backend.integrations.models import WebhookSubscription
        subscription = session.scalars(select(WebhookSubscription).limit(1)).one()
        session.add(WebhookDelivery(subscription_id=subscription.id, event_id=uuid.uuid4(),
                                    event_type="referral.submitted", body="{}", max_attempts=3))
    # Information requests to the caller's agency and another, on a rapid review the demo has.
    gathering = RapidReview.state == RapidReviewState.gathering_information
    rapid_review = session.scalars(select(RapidReview).where(gathering).order_by(RapidReview.created_at)).first()
    assert rapid_review is not None
    requested = {r.agency_id for r in session.scalars(select(InformationRequest))}
    missing = [a.id for a in (own, other) if a.id not in requested]
    if missing:
        information_requests.create_requests(session, office.as_principal(), rapid_review,
                                             InformationRequestCreate(agency_ids=missing))
    queue_email(session, to=["someone@example.org"], subject="Matrix", template="notice",
                context={"heading": "Matrix", "paragraphs": ["A message for the matrix."]})
    import datetime as dt

    from backend.calendar import service as calendar
    calendar.add_closure(session, office.as_principal(), dt.date(2027, 12, 29), "Matrix closure")
    session.commit()

    app = create_app()

    async def _session() -> AsyncIterator[Session]:
        request_session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
        try:
            async with transaction(request_session) as session:
                yield session
        finally:
            request_session.close()

    app.dependency_overrides[session_scope] = _session
    headers: dict[Caller, dict[str, str]] = {"anonymous": {}}
    for role in Role:
        user = session.scalars(select(User).where(User.role == role, (User.agency_id == own.id)
                                                  | User.agency_id.is_(None)).order_by(User.email)).first()
        assert user is not None, role
        headers[role.value] = {"Authorization": f"Bearer {login.sign_in(session, user).access_token}"}
    session.commit()
    with TestClient(app, raise_server_exceptions=False) as client:
        client_id, secret = secrets[own.id]
        token = client.post("/api/v1/auth/token", data={
            "grant_type": "client_credentials", "client_id": client_id, "client_secret": secret})
        assert token.status_code == 200, token.text
        headers["client"] = {"Authorization": f"Bearer {token.json()['access_token']}"}
        yield Partnership(client, headers, own, other, session)
    session.close()
    outer.rollback()
    connection.close()


def _call(p: Partnership, method: str, path: str, params: Mapping[str, str], caller: Caller) -> tuple[int, str]:
    url = path.format(**params)
    connection = p.session.connection()
    cell = connection.begin_nested()
    get_limiter().reset()  # the public endpoints' per-address limit is tested in tests/test_client_address.py
    try:
        kwargs: dict[str, object] = {}
        if method in ("POST", "PUT", "PATCH"):
            kwargs = {"data": {}} if path.startswith("/api/v1/auth/") else {"json": {}}
        response = p.client.request(method, url, headers=p.headers[caller], **kwargs)  # type: ignore[arg-type]
        return response.status_code, response.text
    finally:
        cell.rollback()


def _finder(path: str, names: list[str]) -> Finder | None:
    """The finder for a route: the longest tail of its path, ending at its last parameter, that RECORDS names, or
    the last parameter's bare name."""
    if not names:
        return None
    segments = path[:path.rindex("}") + 1].split("/")
    for start in range(len(segments)):
        if "/".join(segments[start:]) in RECORDS:
            return RECORDS["/".join(segments[start:])]
    return RECORDS.get(names[-1])


def _without_ids(text: str) -> str:
    return re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>", text)


def test_every_route_answers_each_caller_as_the_matrix_declares_and_leaks_nothing(partnership: Partnership):
    p = partnership
    routes = _routes()
    missing = [f"{m} {path}" for m, path in routes if f"{m} {path}" not in MATRIX]
    observed: dict[str, dict[Caller, list[int]]] = {}
    wrong, leaks, no_finder, cells = [], [], [], 0
    hidden_from: dict[Caller, set[str]] = {c: set() for c in CALLERS}
    answers: list[tuple[Caller, str, str]] = []
    for method, path in routes:
        name = f"{method} {path}"
        names = re.findall(r"\{([^}]+)\}", path)
        finder = _finder(path, names)
        if names and finder is None:
            no_finder.append(f"{name}: add a finder for {{{names[-1]}}} to RECORDS in tests/access_matrix_records.py")
            continue
        own_params, other_params = finder(p.session, p.own, p.other) if finder else ({}, None)
        sides = [("own", own_params)] + ([("other", other_params)] if other_params is not None else [])
        row = MATRIX.get(name)
        for caller in CALLERS:
            for side, params in sides:
                status, body = _call(p, method, path, params, caller)
                cells += 1
                observed.setdefault(name, {}).setdefault(caller, []).append(status)
                # (A problem's `instance` repeats the path the caller sent: that names nothing it did not know.)
                answers.append((caller, name, body.replace(path.format(**params), "")))
                if row is not None and status != expected(row, caller, side):  # type: ignore[arg-type]
                    wrong.append(f"{name} as {caller} ({side} agency's record): {status}, "
                                 f"declared {expected(row, caller, side)}: {body[:200]}")  # type: ignore[arg-type]
                if side == "other" and status == 404:
                    # Hidden: exactly what a record that does not exist answers.
                    made_up = {**params, names[-1]: str(uuid.uuid4())}
                    nothing_status, nothing_body = _call(p, method, path, made_up, caller)
                    if (nothing_status, _without_ids(nothing_body)) != (status, _without_ids(body)):
                        leaks.append(f"{name} as {caller}: another agency's record answers {status} {body[:200]}, "
                                     f"a made-up one {nothing_status} {nothing_body[:200]}")
                    hidden_from[caller].update(v for v in params.values() if v not in own_params.values())
    for caller, name, body in answers:
        named = [marker for marker in hidden_from[caller] if marker in body]
        if named:
            leaks.append(f"{name} as {caller} names another agency's record it may not see: {named}")
    if os.environ.get("MATRIX_OBSERVED"):
        Path(os.environ["MATRIX_OBSERVED"]).write_text(json.dumps({"observed": observed, "leaks": leaks}))
    print(f"\nMATRIX routes={len(routes)} callers={len(CALLERS)} cells={cells} wrong={len(wrong)} "
          f"leaks={len(leaks)} missing={len(missing)}")
    assert no_finder == [], "\n".join(no_finder)
    assert missing == [], "Each route needs one entry in MATRIX (tests/test_access_matrix.py); add, once checked:\n" + \
        "\n".join(f'    "{name}": Row(...),  # observed {json.dumps(observed[name])}' for name in missing)
    assert leaks == [], "\n".join(leaks)
    assert wrong == [], "\n".join(wrong)
