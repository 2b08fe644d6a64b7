"""The iCalendar invitation a practitioner's phone adds to their calendar.

Times are written as local times with TZID=Europe/London and a VTIMEZONE, so calendars place
the event correctly whichever side of a clock change it falls.
"""

import datetime as dt
from email.utils import parseaddr
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar

from backend.core import clock
from backend.core.config import get_settings
from backend.events.models import Attendance, Event, EventStatus, SignUp, SignUpStatus

PRODID = "-//Safeguarding Children Partnership//Practitioner events//EN"


def uid_for(sign_up: SignUp) -> str:
    """Stable per sign-up, so an update or cancellation replaces the same calendar entry."""
    host = urlsplit(get_settings().frontend_url).hostname or "safeguarding-reviews.local"
    return f"sign-up-{sign_up.id}@{host}"


def _where(event: Event, sign_up: SignUp) -> str:
    if sign_up.attendance == Attendance.online:
        return event.virtual_link or event.location or ""
    return event.location or event.virtual_link or ""


def _description(event: Event, manage_link: str | None) -> str:
    parts: list[str] = []
    if event.questions:
        parts.append("Questions to think about before the event:\n" + "\n".join(f"- {q}" for q in event.questions))
    if event.support_note:
        parts.append(f"Support: {event.support_note}")
    if event.virtual_link:
        parts.append(f"Join online: {event.virtual_link}")
    if manage_link:
        parts.append(f"Change or cancel your place: {manage_link}")
    return "\n\n".join(parts)


def calendar_for(event: Event, sign_up: SignUp, manage_link: str | None = None) -> bytes:
    """METHOD:REQUEST for a place (TENTATIVE while on the waiting list); METHOD:CANCEL once it is gone."""
    settings = get_settings()
    cancelled = event.status == EventStatus.cancelled or sign_up.status == SignUpStatus.cancelled
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")

    zone = ZoneInfo(event.timezone)
    entry = icalendar.Event()
    entry.add("uid", uid_for(sign_up))
    entry.add("sequence", event.sequence)
    entry.add("dtstamp", clock.now())
    entry.add("dtstart", dt.datetime.combine(event.date, event.start_time, tzinfo=zone))
    entry.add("dtend", dt.datetime.combine(event.date, event.end_time, tzinfo=zone))
    entry.add("summary", event.title)
    entry.add("description", _description(event, manage_link))
    where = _where(event, sign_up)
    if where:
        entry.add("location", where)
    url = event.virtual_link or manage_link
    if url:
        entry.add("url", url)
    if cancelled:
        entry.add("status", "CANCELLED")
    else:
        entry.add("status", "CONFIRMED" if sign_up.status == SignUpStatus.confirmed else "TENTATIVE")

    organizer_name, organizer_address = parseaddr(settings.mail_from)
    organizer = icalendar.vCalAddress(f"mailto:{organizer_address}")
    if organizer_name:
        organizer.params["cn"] = icalendar.vText(organizer_name)
    entry.add("organizer", organizer)
    attendee = icalendar.vCalAddress(f"mailto:{sign_up.email}")
    attendee.params["cn"] = icalendar.vText(sign_up.name)
    attendee.params["role"] = icalendar.vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = icalendar.vText(
        "DECLINED" if cancelled else "ACCEPTED" if sign_up.status == SignUpStatus.confirmed else "TENTATIVE")
    attendee.params["rsvp"] = icalendar.vText("FALSE")
    entry.add("attendee", attendee)

    calendar.add_component(entry)
    # Only the years around the event, to keep the VTIMEZONE short.
    calendar.add_missing_timezones(first_date=dt.date(event.date.year - 1, 1, 1),
                                   last_date=dt.date(event.date.year + 2, 1, 1))
    return calendar.to_ical()
