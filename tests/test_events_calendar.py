"""The calendar invitation: London local times that stay right across the clock changes."""

from datetime import UTC, datetime

import icalendar
import pytest

from backend.core.access import Role
from backend.core.config import get_settings
from tests.events_support import review_for, schedule, sign_up_body, token_of


@pytest.mark.parametrize(("day", "start", "utc_start"), [
    ("2026-03-27", "10:00", datetime(2026, 3, 27, 10, 0, tzinfo=UTC)),  # Friday before the clocks go forward
    ("2026-03-30", "10:00", datetime(2026, 3, 30, 9, 0, tzinfo=UTC)),  # Monday after: British Summer Time
    ("2026-10-23", "10:00", datetime(2026, 10, 23, 9, 0, tzinfo=UTC)),  # Friday before the clocks go back
    ("2026-10-26", "10:00", datetime(2026, 10, 26, 10, 0, tzinfo=UTC)),  # Monday after: GMT again
])
def test_calendar_invitation_keeps_london_local_time_across_clock_changes(client, db, make, frozen_now, day, start,
                                                                          utc_start):
    frozen_now[0] = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    office = make.user(Role.business_office)
    created = schedule(client, make, office, review_for(db), date=day, start_time=start, end_time="12:30")
    assert created["starts_at"] == utc_start.isoformat().replace("+00:00", "Z")
    manage = client.post(f"/api/v1/public/events/{token_of(created['open_link'])}",
                         json=sign_up_body(1)).json()["manage_token"]
    response = client.get(f"/api/v1/public/sign-ups/{manage}/calendar.ics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    [entry] = calendar.walk("VEVENT")
    assert entry["DTSTART"].params["TZID"] == "Europe/London"
    assert entry["DTSTART"].dt.strftime("%H:%M") == start and entry["DTSTART"].dt.astimezone(UTC) == utc_start
    assert b"DTSTART;TZID=Europe/London:" + day.replace("-", "").encode() + b"T100000" in response.content


def test_calendar_invitation_names_the_organiser_place_and_a_uid_stable_per_sign_up(client, db, make, frozen_now):
    office = make.user(Role.business_office)
    created = schedule(client, make, office, review_for(db))
    manage = client.post(f"/api/v1/public/events/{token_of(created['open_link'])}",
                         json=sign_up_body(1)).json()["manage_token"]
    first = icalendar.Calendar.from_ical(client.get(f"/api/v1/public/sign-ups/{manage}/calendar.ics").content)
    client.patch(f"/api/v1/public/sign-ups/{manage}", json={"attendance": "online"})
    second = icalendar.Calendar.from_ical(client.get(f"/api/v1/public/sign-ups/{manage}/calendar.ics").content)
    [before], [after] = first.walk("VEVENT"), second.walk("VEVENT")
    assert before["UID"] == after["UID"]
    assert str(before["LOCATION"]) == "Partnership Centre, Room 2"
    assert str(after["LOCATION"]) == "https://meet.example.org/learning"
    assert str(before["ORGANIZER"]).lower() == "mailto:no-reply@safeguarding-reviews.local"
    assert before["ORGANIZER"].params["CN"] == "Safeguarding Reviews"
    assert str(before["ATTENDEE"]) == "mailto:sam.1@trust.example.org"
    assert f"{get_settings().frontend_url}/sign-ups/{manage}" in str(before["DESCRIPTION"])
    assert "What got in the way?" in str(before["DESCRIPTION"])
    client.delete(f"/api/v1/public/sign-ups/{manage}")
    cancelled = icalendar.Calendar.from_ical(client.get(f"/api/v1/public/sign-ups/{manage}/calendar.ics").content)
    assert str(cancelled["METHOD"]) == "CANCEL" and str(cancelled.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"
