"""Who may do what, declared once: roles, permissions and client scopes.

Routers check permissions at the edge with `requires(...)`; every query is narrowed by its record's
visibility rule (core/visibility.py), so a record the caller may not see answers 404.
"""

import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal


class Role(StrEnum):
    business_office = "business_office"
    agency_lead = "agency_lead"
    agency_manager = "agency_manager"
    lead_reviewer = "lead_reviewer"
    scrutineer = "scrutineer"
    strategic_lead = "strategic_lead"


class Permission(StrEnum):
    agencies_read = "agencies:read"
    agencies_manage = "agencies:manage"
    users_manage = "users:manage"
    clients_manage = "integration_clients:manage"
    audit_read = "audit:read"
    calendar_manage = "calendar:manage"
    deadlines_read = "deadlines:read"
    outbox_manage = "outbox:manage"
    reminder_policies_manage = "reminder_policies:manage"
    webhooks_manage = "webhooks:manage"
    referrals_read = "referrals:read"
    referrals_draft = "referrals:draft"
    referrals_submit = "referrals:submit"
    referrals_sign_off = "referrals:sign_off"
    referrals_consider = "referrals:consider"
    referrals_decide = "referrals:decide"
    notifications_read = "incident_notifications:read"
    notifications_write = "incident_notifications:write"
    rapid_reviews_read = "rapid_reviews:read"
    rapid_reviews_manage = "rapid_reviews:manage"
    rapid_reviews_comment = "rapid_reviews:comment"
    rapid_reviews_decide = "rapid_reviews:decide"
    # The rapid review report to the National Panel (preview and download): it holds every agency's response, so
    # only the roles that read across agencies.
    rapid_reviews_report = "rapid_reviews:report"
    immediate_actions_complete = "immediate_actions:complete"
    information_requests_read = "information_requests:read"
    information_requests_respond = "information_requests:respond"
    events_read = "events:read"
    events_manage = "events:manage"
    events_nominate = "events:nominate"
    identifying_details_read = "identifying_details:read"
    reviews_read = "reviews:read"
    reviews_manage = "reviews:manage"
    review_group_manage = "review_group:manage"
    terms_of_reference_write = "terms_of_reference:write"
    terms_of_reference_comment = "terms_of_reference:comment"
    terms_of_reference_agree = "terms_of_reference:agree"
    cases_read = "cases:read"
    cases_manage = "cases:manage"
    # A review's agency submissions (seed 003, Appendices 4b and 4c): asked for and returned by the business office
    # or the lead reviewer; written by the agency; a key event analysis report signed off by its manager.
    review_submissions_request = "review_submissions:request"
    review_submissions_return = "review_submissions:return"
    chronologies_read = "chronologies:read"
    chronologies_write = "chronologies:write"
    integrated_chronology_read = "chronologies:read_integrated"
    analysis_reports_read = "analysis_reports:read"
    analysis_reports_write = "analysis_reports:write"
    analysis_reports_sign_off = "analysis_reports:sign_off"
    family_read = "family_engagement:read"
    family_manage = "family_engagement:manage"
    parallel_processes_read = "parallel_processes:read"
    parallel_processes_manage = "parallel_processes:manage"
    reports_read = "overview_reports:read"
    reports_write = "overview_reports:write"
    reports_comment = "overview_reports:comment"
    reports_manage = "overview_reports:manage"
    reports_sign_off = "overview_reports:sign_off"
    themes_manage = "themes:manage"
    recommendations_read = "recommendations:read"
    recommendations_manage = "recommendations:manage"
    actions_read = "actions:read"
    actions_update = "actions:update"  # an agency's own actions: progress, evidence, asking for closure
    actions_manage = "actions:manage"  # set actions, approve or send back closure, cancel
    figures_read = "figures:read"  # the learning figures and reports, scoped (learning/policy.py)
    learning_import = "learning:import"  # import past reviews' learning from a spreadsheet
    learning_disseminate = "learning:disseminate"  # record who a briefing or response was sent to
    learning_confirm = "learning:confirm"  # an agency confirms it discussed what it was sent


P = Permission

_READ_STAGE_ONE = {P.referrals_read, P.notifications_read, P.rapid_reviews_read, P.information_requests_read,
                   P.reviews_read}
# Reading what the agencies submitted to a review, and the integrated chronology built from it.
_READ_AGENCY_SUBMISSIONS = {P.chronologies_read, P.integrated_chronology_read, P.analysis_reports_read}
# An agency writes its own chronology and key event analysis report (never reading another agency's).
_WRITE_AGENCY_SUBMISSIONS = {P.chronologies_read, P.chronologies_write, P.analysis_reports_read,
                             P.analysis_reports_write}
_READ_LEARNING = {P.recommendations_read, P.actions_read}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    # The business office runs the process and sees everything, but drafting and signing off a
    # referral, the safeguarding partners' decisions, the scrutineer's comments and an agency's own
    # response belong to the people the guidance names.
    Role.business_office: frozenset(Permission) - {
        P.referrals_draft, P.referrals_submit, P.referrals_sign_off, P.referrals_decide,
        P.rapid_reviews_decide, P.rapid_reviews_comment, P.information_requests_respond, P.actions_update,
        P.chronologies_write, P.analysis_reports_write, P.analysis_reports_sign_off,
        P.terms_of_reference_comment,
        P.reports_write, P.reports_sign_off,
        P.learning_confirm,
    },
    Role.agency_lead: frozenset(
        _READ_STAGE_ONE
        | {P.agencies_read, P.deadlines_read, P.referrals_draft, P.referrals_submit,
           P.information_requests_respond, P.immediate_actions_complete, P.events_read, P.events_nominate,
           P.parallel_processes_read, P.reports_read, P.reports_comment, P.actions_update, P.figures_read,
           P.learning_confirm}
        | _WRITE_AGENCY_SUBMISSIONS | _READ_LEARNING
    ),
    Role.agency_manager: frozenset(
        _READ_STAGE_ONE
        | {P.agencies_read, P.deadlines_read, P.referrals_draft, P.referrals_submit, P.referrals_sign_off,
           P.information_requests_respond, P.immediate_actions_complete, P.events_read, P.events_nominate,
           P.parallel_processes_read, P.reports_read, P.reports_comment, P.actions_update,
           P.figures_read}
        | _WRITE_AGENCY_SUBMISSIONS | {P.analysis_reports_sign_off} | _READ_LEARNING
    ),
    # The lead reviewer of a review (their visibility rules hold them to the reviews they are assigned) chairs its
    # review group, writes the terms of reference it agrees, asks for, reads and returns the agencies' submissions,
    # runs the practitioner and family engagement (they schedule and manage that review's events), writes the
    # overview report and reads the review's learning (recommendations/policy.py).
    Role.lead_reviewer: frozenset({P.agencies_read, P.deadlines_read, P.events_read, P.events_manage, P.events_nominate,
                                   P.reviews_read, P.review_group_manage, P.terms_of_reference_write,
                                   P.terms_of_reference_agree, P.family_read, P.family_manage,
                                   P.parallel_processes_read, P.reports_read, P.reports_write, P.reports_comment,
                                   P.recommendations_read, P.figures_read}
                                  | _READ_AGENCY_SUBMISSIONS
                                  | {P.review_submissions_request, P.review_submissions_return}),
    Role.scrutineer: frozenset(
        _READ_STAGE_ONE | _READ_LEARNING
        | {P.agencies_read, P.deadlines_read, P.rapid_reviews_comment, P.rapid_reviews_report, P.events_read,
           P.terms_of_reference_comment, P.parallel_processes_read, P.reports_read, P.reports_comment,
           P.figures_read}
        | _READ_AGENCY_SUBMISSIONS
    ),
    Role.strategic_lead: frozenset(
        _READ_STAGE_ONE
        | {P.agencies_read, P.deadlines_read, P.referrals_decide, P.rapid_reviews_decide, P.rapid_reviews_report,
           P.identifying_details_read, P.events_read, P.family_read, P.parallel_processes_read,
           P.reports_read, P.reports_comment, P.reports_sign_off, P.figures_read}
        | _READ_AGENCY_SUBMISSIONS | _READ_LEARNING
    ),
}

# What each integration-client scope lets a machine client do, always within its own agency.
CLIENT_SCOPES: dict[str, frozenset[Permission]] = {
    "referrals:write": frozenset({P.referrals_read, P.referrals_draft}),
    "incident_notifications:write": frozenset({P.notifications_read, P.notifications_write}),
    "information_requests:read": frozenset({P.information_requests_read}),
    "information_requests:write": frozenset({P.information_requests_read, P.information_requests_respond}),
    # An agency's own actions (and the recommendations they answer): read, and report progress and evidence.
    "actions:read": frozenset({P.actions_read, P.recommendations_read}),
    "actions:write": frozenset({P.actions_read, P.recommendations_read, P.actions_update}),
    "events:read": frozenset({P.events_read}),
}

# Roles that read across every agency; all other callers are held to their own agency.
CROSS_AGENCY_ROLES = frozenset({Role.business_office, Role.strategic_lead, Role.scrutineer})


@dataclass(frozen=True)
class Principal:
    """The caller: a signed-in user or an integration client acting for one agency."""

    kind: Literal["user", "client"]
    id: uuid.UUID
    name: str
    role: Role | None
    agency_id: uuid.UUID | None
    scopes: frozenset[str] = field(default_factory=frozenset)

    @property
    def permissions(self) -> frozenset[Permission]:
        if self.kind == "user" and self.role is not None:
            return ROLE_PERMISSIONS[self.role]
        granted: set[Permission] = set()
        for scope in self.scopes:
            granted |= CLIENT_SCOPES.get(scope, frozenset())
        return frozenset(granted)

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    @property
    def sees_all_agencies(self) -> bool:
        return self.kind == "user" and self.role in CROSS_AGENCY_ROLES

    @property
    def is_business_office(self) -> bool:
        return self.kind == "user" and self.role == Role.business_office

    def in_agency(self, agency_id: uuid.UUID | None) -> bool:
        return agency_id is not None and agency_id == self.agency_id


def scope_for(permission: Permission) -> str | None:
    """The client scope that grants a permission, named in a 403 so integrators know what to ask for."""
    for scope, permissions in CLIENT_SCOPES.items():
        if permission in permissions:
            return scope
    return None
