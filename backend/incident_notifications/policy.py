"""Who sees which notifications, who sees the children's identifying details, and the steps a notification offers."""

from sqlalchemy import ColumnElement

from backend.core.access import Permission, Principal
from backend.core.visibility import either, involves, own_agency, visible
from backend.core.workflow import Step, Workflow
from backend.incident_notifications.models import (
    IncidentNotification,
    NotificationState,
    incident_notification_agencies,
)


def visible_notifications(principal: Principal) -> ColumnElement[bool]:
    """Cross-agency roles see all; an agency sees the notifications it sent or is named as involved in."""
    return visible(principal, agency=either(
        own_agency(IncidentNotification.notifying_agency_id),
        lambda agency_id: involves(incident_notification_agencies, IncidentNotification.id, agency_id),
    ))


def may_see_identifying_details(principal: Principal, notification: IncidentNotification) -> bool:
    """The business office and safeguarding partners hold the permission; the notifying agency knows the child."""
    return principal.can(Permission.identifying_details_read) or principal.in_agency(notification.notifying_agency_id)


def _business_office_or_notifying_agency(principal: Principal, notification: IncidentNotification) -> str | None:
    if principal.is_business_office or principal.in_agency(notification.notifying_agency_id):
        return None
    return "Only the business office or the notifying agency changes a notification."


def _step(name: str, label: str, sources: frozenset[NotificationState]) -> Step[IncidentNotification,
                                                                                NotificationState]:
    return Step(name, label, sources, None, Permission.notifications_write,
                refusal=_business_office_or_notifying_agency)


# Both are made by `PATCH /incident-notifications/{id}`; the state follows from the Panel date it records.
NOTIFICATION: Workflow[IncidentNotification, NotificationState] = Workflow(
    "incident_notification", "notification", (
        _step("record_panel_notification", "Record the day the National Panel was notified",
              frozenset({NotificationState.awaiting_panel_notification})),
        _step("correct", "Correct the notification", frozenset(NotificationState)),
    ),
)
