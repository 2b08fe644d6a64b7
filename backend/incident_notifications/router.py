import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.audit.schemas import TimelineEntry
from backend.core import clock
from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.auth import CurrentPrincipal, DbSession, Requires
from backend.core.concurrency import VERSIONED_CREATE, VERSIONED_EDIT, VERSIONED_READ, IfMatch, set_etag
from backend.core.errors import PROBLEM_RESPONSES
from backend.core.pagination import Page, PageParams, page_params, paginate
from backend.core.visibility import in_scope
from backend.deadlines import service as deadlines
from backend.deadlines.schemas import DueDate
from backend.incident_notifications import service
from backend.incident_notifications.models import IncidentCategory, IncidentNotification
from backend.incident_notifications.policy import may_see_identifying_details
from backend.incident_notifications.schemas import (
    IncidentNotificationCreate,
    IncidentNotificationRead,
    IncidentNotificationSummary,
    IncidentNotificationUpdate,
    NotifiedChildCharacteristicsRead,
    NotifiedChildIdentity,
)
from backend.rapid_reviews import service as rapid_reviews

router = APIRouter(prefix="/api/v1/incident-notifications", tags=["incident notifications"],
                   responses=PROBLEM_RESPONSES)
# Every route under /{notification_id} reaches the notification through this: one the caller may not see is a 404.
NotificationInScope = Annotated[IncidentNotification, in_scope(service.get_notification, "notification_id",
                                                               P.notifications_read)]


def _read(session: Session, principal: Principal, notification: IncidentNotification,
          response: Response) -> IncidentNotificationRead:
    """The full record; identifying details only for those allowed, and every such read is audited.
    `ETag` is its version, for the next change's `If-Match`."""
    set_etag(response, notification)
    rapid_review = rapid_reviews.for_notification(session, notification.id)
    body = IncidentNotificationRead(
        **IncidentNotificationSummary.model_validate(notification).model_dump(),
        summary=notification.summary, children_count=len(notification.children),
        children_characteristics=[NotifiedChildCharacteristicsRead.model_validate(c) for c in notification.children],
        rapid_review_id=rapid_review.id if rapid_review else None,
        allowed_actions=service.allowed_actions(principal, notification),
    )
    body.due = DueDate.of(deadlines.find(session, service.DEADLINE, notification.id), clock.today())
    if may_see_identifying_details(principal, notification):
        body.children = [NotifiedChildIdentity.model_validate(c) for c in notification.children]
        service.record_identifying_read(session, principal, notification)
    return body


@router.post("", response_model=IncidentNotificationRead, status_code=status.HTTP_201_CREATED,
             responses=VERSIONED_CREATE)
def create_notification(
    session: DbSession, principal: Annotated[Principal, Requires(P.notifications_write)],
    data: IncidentNotificationCreate,
    response: Response,
) -> IncidentNotificationRead:
    """Record a serious incident notification (business office, or the local authority's system).

    The Panel must be notified within 5 working days of the local authority becoming aware. Every
    category except the death of a care leaver opens a rapid review in the same transaction.
    """
    return _read(session, principal, service.create_notification(session, principal, data), response)


@router.get("", response_model=Page[IncidentNotificationSummary])
def list_notifications(
    session: DbSession,
    principal: Annotated[Principal, Requires(P.notifications_read)],
    page: Annotated[PageParams, Depends(page_params)],
    agency_id: uuid.UUID | None = None,
    panel_notified: Annotated[bool | None, Query(description="Whether the National Panel has been notified")] = None,
    category: IncidentCategory | None = None,
    overdue: Annotated[bool | None, Query(description="Panel notification past its 5 working days")] = None,
) -> Page[IncidentNotificationSummary]:
    """Notifications the caller may see, most recent first; children are named only by the reference here."""
    stmt = service.list_notifications(principal, agency_id=agency_id, panel_notified=panel_notified,
                                      category=category, overdue=overdue)
    rows, total = paginate(session, stmt, page)
    due = deadlines.for_subjects(session, service.DEADLINE, [n.id for n in rows])
    today = clock.today()
    items = [IncidentNotificationSummary.model_validate(n).model_copy(update={"due": DueDate.of(due.get(n.id), today)})
             for n in rows]
    return Page(items=items, total=total, **page.model_dump())


@router.get("/{notification_id}", response_model=IncidentNotificationRead,
            responses=VERSIONED_READ)
def read_notification(
    session: DbSession, principal: Annotated[Principal, Requires(P.notifications_read)],
    notification_id: uuid.UUID, response: Response,
) -> IncidentNotificationRead:
    """One notification. The children's identifying details are included (and the read audited) only for
    the business office, safeguarding partners and the notifying agency."""
    return _read(session, principal, service.get_notification(session, principal, notification_id), response)


@router.patch("/{notification_id}", response_model=IncidentNotificationRead,
              responses=VERSIONED_EDIT)
def update_notification(
    session: DbSession, principal: Annotated[Principal, Requires(P.notifications_write)], notification_id: uuid.UUID,
    data: IncidentNotificationUpdate, if_match: IfMatch, response: Response,
) -> IncidentNotificationRead:
    """Record the day the National Panel was notified (meets the 5 working day deadline and starts the
    rapid review's 15 working days), or correct the notification. Send the `ETag` you read as `If-Match`:
    without it 428; if the notification has changed since, 412."""
    return _read(session, principal,
                 service.update_notification(session, principal, notification_id, data, if_match), response)


@router.get("/{notification_id}/timeline", response_model=list[TimelineEntry])
def notification_timeline(session: DbSession, principal: CurrentPrincipal,
                          notification: NotificationInScope) -> list[TimelineEntry]:
    """What happened to this notification, oldest first, from the audit log; who read the children's identifying
    details only for the business office."""
    return [TimelineEntry.model_validate(e)
            for e in audit.timeline(session, "incident_notification", notification.id, principal)]
