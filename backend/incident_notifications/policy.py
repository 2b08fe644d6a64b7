"""Who sees which notifications, and who sees the children's identifying details."""

from sqlalchemy import ColumnElement, exists, false, or_, select, true

from backend.core.access import Permission, Principal
from backend.incident_notifications.models import IncidentNotification, incident_notification_agencies


def visible_notifications(principal: Principal) -> ColumnElement[bool]:
    """Cross-agency roles see all; an agency sees the notifications it sent or is named as involved in."""
    if principal.sees_all_agencies:
        return true()
    if principal.agency_id is None:
        return false()
    involved = exists(
        select(incident_notification_agencies.c.notification_id).where(
            incident_notification_agencies.c.notification_id == IncidentNotification.id,
            incident_notification_agencies.c.agency_id == principal.agency_id,
        )
    )
    return or_(IncidentNotification.notifying_agency_id == principal.agency_id, involved)


def may_see_identifying_details(principal: Principal, notification: IncidentNotification) -> bool:
    """The business office and strategic leads hold the permission; the notifying agency already knows the child."""
    return principal.can(Permission.identifying_details_read) or principal.in_agency(notification.notifying_agency_id)


def may_change(principal: Principal, notification: IncidentNotification) -> bool:
    return principal.is_business_office or principal.in_agency(notification.notifying_agency_id)
