"""Serious incident notifications: the local authority tells the National Panel within 5 working days."""

import datetime as dt
import uuid
from collections.abc import Iterable

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.calendar.service import get_calendar
from backend.cases import service as cases
from backend.cases.access import note_read
from backend.cases.models import Case
from backend.core import clock
from backend.core.access import Principal, Role
from backend.core.concurrency import check_version, touch
from backend.core.domain_events import envelope, publish
from backend.core.errors import Forbidden, Invalid, NotFound
from backend.deadlines import service as deadlines
from backend.deadlines.models import DeadlineKind, SubjectType
from backend.identity.models import Agency, AgencyKind
from backend.incident_notifications.characteristics import ChildAnswers, age_on, check_children
from backend.incident_notifications.events import IncidentNotificationCreated
from backend.incident_notifications.models import (
    IncidentCategory,
    IncidentNotification,
    NotifiedChild,
    incident_notification_agencies,
)
from backend.incident_notifications.policy import NOTIFICATION, visible_notifications
from backend.incident_notifications.schemas import (
    IncidentNotificationCreate,
    IncidentNotificationUpdate,
    NotifiedChildCharacteristics,
)
from backend.rapid_reviews import service as rapid_reviews

DEADLINE = DeadlineKind.incident_notification
NOTIFY_WITHIN_WORKING_DAYS = 5
# Identifying details never go into the audit log's changes; the count of children does.
_FIELDS = ("child_reference", "incident_date", "became_aware_on", "category", "abuse_or_neglect_suspected",
           "notified_panel_on", "notifying_agency_id", "incident_council", "home_council")
# The Panel's characteristics of each child: not identifying, so a change to them is in the audit log's changes.
CHARACTERISTICS = tuple(NotifiedChildCharacteristics.model_fields)


def agencies_by_id(session: Session, ids: Iterable[uuid.UUID], field: str) -> list[Agency]:
    wanted = list(dict.fromkeys(ids))
    found = list(session.scalars(select(Agency).where(Agency.id.in_(wanted), Agency.active.is_(True))))
    missing = set(wanted) - {a.id for a in found}
    if missing:
        raise Invalid("Choose active agencies.",
                      errors=[(field, f"unknown agency {m}") for m in sorted(map(str, missing))])
    return found


def _notifying_agency(session: Session, actor: Principal, wanted: uuid.UUID | None) -> uuid.UUID | None:
    if actor.kind == "client":
        agency = session.get(Agency, actor.agency_id)
        if agency is None or agency.kind != AgencyKind.childrens_social_care:
            raise Forbidden("Only the local authority's systems notify the National Panel.")
        if wanted is not None and wanted != agency.id:
            raise Invalid("A client notifies for its own agency.",
                          errors=[("body.notifying_agency_id", "must be this client's agency")])
        return agency.id
    if wanted is not None:
        agencies_by_id(session, [wanted], "body.notifying_agency_id")
    return wanted


def _check_dates(today: dt.date, incident: dt.date, aware: dt.date, notified: dt.date | None,
                 births: Iterable[dt.date] = ()) -> None:
    named = (("incident_date", incident), ("became_aware_on", aware), ("notified_panel_on", notified))
    errors = [(f"body.{name}", "cannot be in the future") for name, day in named if day is not None and day > today]
    if aware < incident:
        errors.append(("body.became_aware_on", "cannot be before the incident"))
    if notified is not None and notified < aware:
        errors.append(("body.notified_panel_on", "cannot be before the local authority became aware"))
    errors += [(f"body.children.{i}.date_of_birth", "must be on or before the incident")
               for i, born in enumerate(births) if born > incident]
    if errors:
        raise Invalid("Check the dates.", errors=errors)


def _answers(child: NotifiedChildCharacteristics, born: dt.date | None) -> ChildAnswers:
    return ChildAnswers(
        age_at_incident=child.age_at_incident, date_of_birth=born, ethnicity=child.ethnicity,
        ethnicity_description=child.ethnicity_description, disability=child.disability,
        disability_description=child.disability_description, looked_after_status=child.looked_after_status,
        placement_type=child.placement_type, placement_description=child.placement_description,
        known_to_agencies=child.known_to_agencies, known_agencies=child.known_agencies)


def _check_characteristics(category: IncidentCategory, incident: dt.date, answers: list[ChildAnswers],
                           prefix: str) -> None:
    errors = check_children(answers, incident,
                            care_leaver_death=category == IncidentCategory.death_of_care_leaver_under_25,
                            looked_after_death=category == IncidentCategory.death_of_looked_after_child, prefix=prefix)
    if errors:
        raise Invalid("Check the children's details against the nature of the incident.", errors=errors)


def _characteristics(child: NotifiedChildCharacteristics, born: dt.date, incident: dt.date) -> dict[str, object]:
    """The columns of one child's characteristics, the age worked out from the date of birth; empty text is none."""
    values = child.model_dump(include=set(CHARACTERISTICS))
    values = {k: (None if v == "" else v) for k, v in values.items()}
    return values | {"age_at_incident": age_on(born, incident)}


def _open_deadline(session: Session, notification: IncidentNotification) -> None:
    due = get_calendar(session).add_working_days(notification.became_aware_on, NOTIFY_WITHIN_WORKING_DAYS)
    deadlines.open_deadline(
        session, kind=DEADLINE, subject_type=SubjectType.incident_notification, subject_id=notification.id,
        due_date=due, title=f"Notify the National Panel about {deadlines.CHILD}",
        case_id=notification.case_id, link=f"/incident-notifications/{notification.id}",
        owner_role=Role.business_office,
    )
    if notification.notified_panel_on is not None:
        deadlines.meet(session, DEADLINE, notification.id)


def _case_of(session: Session, actor: Principal, data: IncidentNotificationCreate) -> Case:
    """A notification starts a child's case, or joins the one named; its rapid review joins the same case."""
    if data.case_id is None:
        return cases.open_case(session, actor, data.child_reference or "")
    try:
        case = cases.get_case(session, actor, data.case_id)
    except NotFound as exc:
        raise Invalid("No such case.", errors=[("body.case_id", "no such case")]) from exc
    if data.child_reference is not None and data.child_reference != case.reference:
        raise Invalid(f"The case is known as {case.reference}.",
                      errors=[("body.child_reference", "is not the reference of the case named by case_id")])
    return case


def create_notification(session: Session, actor: Principal, data: IncidentNotificationCreate) -> IncidentNotification:
    notifying_agency_id = _notifying_agency(session, actor, data.notifying_agency_id)
    _check_dates(clock.today(), data.incident_date, data.became_aware_on, data.notified_panel_on,
                 [c.date_of_birth for c in data.children])
    _check_characteristics(data.category, data.incident_date,
                           [_answers(c, c.date_of_birth) for c in data.children], "body.children")
    agencies = agencies_by_id(session, data.agency_ids, "body.agency_ids")
    case = _case_of(session, actor, data)
    notification = IncidentNotification(
        case=case, incident_date=data.incident_date,
        became_aware_on=data.became_aware_on, category=data.category,
        abuse_or_neglect_suspected=data.abuse_or_neglect_suspected, summary=data.summary,
        notified_panel_on=data.notified_panel_on, notifying_agency_id=notifying_agency_id,
        incident_council=data.incident_council, home_council=data.home_council, agencies=agencies,
        children=[NotifiedChild(position=i, name=child.name, date_of_birth=child.date_of_birth, address=child.address,
                                **_characteristics(child, child.date_of_birth, data.incident_date))
                  for i, child in enumerate(data.children)],
    )
    session.add(notification)
    session.flush()
    _open_deadline(session, notification)
    audit.record(session, actor, "create", "incident_notification", notification.id,
                 f"Serious incident notification for {notification.child_reference}",
                 audit.snapshot(notification, _FIELDS) | {"children": len(data.children),
                                                          "agencies": [str(a) for a in data.agency_ids],
                                                          "children_characteristics": _snapshot(notification)})
    rapid_review = None
    # Care leavers' deaths are notified for the Panel's information; they need no rapid review.
    if notification.category != IncidentCategory.death_of_care_leaver_under_25:
        rapid_review = rapid_reviews.open_rapid_review(
            session, actor, case=case, notification=notification, agency_ids=[a.id for a in notification.agencies],
        )
    notifying = (notifying_agency_id,) if notifying_agency_id else ()
    publish(session, IncidentNotificationCreated(
        **envelope(notification, *notifying), category=notification.category,
        rapid_review_id=rapid_review.id if rapid_review else None,
    ))
    return notification


def list_notifications(
    principal: Principal, *, agency_id: uuid.UUID | None = None, panel_notified: bool | None = None,
    overdue: bool | None = None, category: IncidentCategory | None = None,
) -> Select[IncidentNotification]:
    stmt = select(IncidentNotification).where(visible_notifications(principal))
    if agency_id is not None:
        stmt = stmt.where((IncidentNotification.notifying_agency_id == agency_id) | exists(
            select(incident_notification_agencies.c.notification_id).where(
                incident_notification_agencies.c.notification_id == IncidentNotification.id,
                incident_notification_agencies.c.agency_id == agency_id)))
    if panel_notified is not None:
        column = IncidentNotification.notified_panel_on
        stmt = stmt.where(column.is_not(None) if panel_notified else column.is_(None))
    if category is not None:
        stmt = stmt.where(IncidentNotification.category == category)
    if overdue is not None:
        stmt = stmt.where(deadlines.overdue_filter(DEADLINE, IncidentNotification.id, overdue))
    return stmt.order_by(IncidentNotification.became_aware_on.desc(), IncidentNotification.id)


def get_notification(session: Session, principal: Principal, notification_id: uuid.UUID) -> IncidentNotification:
    notification = session.scalar(select(IncidentNotification).where(
        IncidentNotification.id == notification_id, visible_notifications(principal)))
    if notification is None:
        raise NotFound("No such incident notification.")
    note_read(session, principal, notification.case_id, "incident_notification", notification.id)
    return notification


def record_identifying_read(session: Session, principal: Principal, notification: IncidentNotification) -> None:
    audit.record_identifying_read(session, principal, "incident_notification", notification.id,
                 f"Read the identifying details of {notification.child_reference}")


def _snapshot(notification: IncidentNotification) -> list[dict[str, object]]:
    return [audit.snapshot(child, CHARACTERISTICS) for child in notification.children]


def _correct_children(notification: IncidentNotification, corrected: list[NotifiedChildCharacteristics]) -> None:
    """Every child's characteristics at once, in the order the children were named."""
    if len(corrected) != len(notification.children):
        raise Invalid("Give the characteristics of every child.", errors=[(
            "body.children_characteristics",
            f"Give the characteristics of all {len(notification.children)} children named in the notification, in "
            f"the order they were named" if len(notification.children) > 1 else
            "Give the characteristics of the one child named in the notification")])
    _check_characteristics(notification.category, notification.incident_date,
                           [_answers(c, child.date_of_birth) for c, child in zip(corrected, notification.children,
                                                                                 strict=True)],
                           "body.children_characteristics")
    for child, values in zip(notification.children, corrected, strict=True):
        for key, value in _characteristics(values, child.date_of_birth, notification.incident_date).items():
            setattr(child, key, value)
    touch(notification)  # the children are part of the notification: a new version


def update_notification(
    session: Session, actor: Principal, notification_id: uuid.UUID, data: IncidentNotificationUpdate,
    if_match: str | None,
) -> IncidentNotification:
    notification = get_notification(session, actor, notification_id)
    # Only the Panel date may be cleared (sent in error); the schema refuses null anywhere else.
    changes = data.model_dump(exclude_unset=True)
    records_panel_date = set(changes) == {"notified_panel_on"} and changes["notified_panel_on"] is not None
    NOTIFICATION.check(actor, notification, "record_panel_notification"
                       if records_panel_date and notification.notified_panel_on is None else "correct")
    check_version(notification, if_match)
    before = audit.snapshot(notification, _FIELDS) | {"agencies": sorted(str(a.id) for a in notification.agencies),
                                                      "children_characteristics": _snapshot(notification)}
    aware = changes.get("became_aware_on", notification.became_aware_on)
    notified = changes.get("notified_panel_on", notification.notified_panel_on)
    _check_dates(clock.today(), notification.incident_date, aware, notified)
    if (agency_ids := changes.pop("agency_ids", None)) is not None:
        notification.agencies = agencies_by_id(session, agency_ids, "body.agency_ids")
        touch(notification)  # the agencies are part of the notification: a new version
    if changes.pop("children_characteristics", None) is not None:
        _correct_children(notification, data.children_characteristics or [])
    for key, value in changes.items():
        setattr(notification, key, value)
    session.flush()
    if "became_aware_on" in changes or ("notified_panel_on" in changes and notified is None):
        _open_deadline(session, notification)
    elif notified is not None:
        deadlines.meet(session, DEADLINE, notification.id)
    rapid_review = rapid_reviews.for_notification(session, notification.id)
    if rapid_review is not None:
        rapid_reviews.schedule_panel_deadline(session, rapid_review, notification)
    after = audit.snapshot(notification, _FIELDS) | {"agencies": sorted(str(a.id) for a in notification.agencies),
                                                     "children_characteristics": _snapshot(notification)}
    audit.record(session, actor, "update", "incident_notification", notification.id,
                 "Recorded the National Panel notification" if "notified_panel_on" in changes and notified
                 else f"Changed the notification for {notification.child_reference}", audit.diff(before, after))
    return notification


def allowed_actions(principal: Principal, notification: IncidentNotification) -> list[str]:
    return NOTIFICATION.allowed_actions(principal, notification)
