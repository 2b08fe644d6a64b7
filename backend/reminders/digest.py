"""The daily digest: one e-mail a day per user who chose it, listing every reminder held for them."""

import datetime as dt
from collections import defaultdict

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from backend.calendar.service import get_calendar
from backend.calendar.workdays import WorkingDayCalendar
from backend.core import clock
from backend.core.config import get_settings
from backend.deadlines.models import Deadline, DeadlineStatus
from backend.identity.models import User
from backend.reminders import service
from backend.reminders.mail import frontend_link, long_date, queue_email
from backend.reminders.models import DigestItem, DigestItemStatus


def send_digests(session: Session) -> int:
    """Record today's digest for every user with reminders held; returns how many digests it recorded.

    Runs from the configured hour (London time). A reminder held after today's digest went waits for
    tomorrow's; one whose deadline has since been met or waived is dropped.
    """
    now = clock.now()
    if now.astimezone(clock.LONDON).hour < get_settings().reminder_digest_hour:
        return 0
    today = clock.today()
    rows = session.execute(
        select(DigestItem, Deadline).join(Deadline, Deadline.id == DigestItem.deadline_id)
        .where(DigestItem.status == DigestItemStatus.pending).order_by(DigestItem.user_id, Deadline.due_date)
    ).all()
    by_user: dict = defaultdict(list)
    for item, deadline in rows:
        by_user[item.user_id].append((item, deadline))
    calendar, policies, recorded = get_calendar(session), service.effective_policies(session), 0
    for user_id, entries in by_user.items():
        user = session.get(User, user_id)
        live = [(i, d) for i, d in entries if d.status == DeadlineStatus.open and user is not None and user.active]
        dropped = [i.id for i, d in entries if (i, d) not in live]
        if dropped:
            session.execute(update(DigestItem).where(DigestItem.id.in_(dropped))
                            .values(status=DigestItemStatus.cancelled))
        if not live or user is None:
            continue
        items, seen = [], set()
        for _, deadline in live:
            if deadline.id in seen:  # two steps held for one deadline: list it once, as it stands today
                continue
            seen.add(deadline.id)
            items.append({"title": deadline.display_title, "child_reference": deadline.child_reference,
                          "due_date": deadline.due_date, "url": frontend_link(deadline.link),
                          "days_left": _days_left(calendar, today, deadline),
                          "what_is_needed": service.policy_for(policies, deadline.kind).what_is_needed})
        subject = f"Your deadlines for {long_date(today)}: {len(items)} need{'s' if len(items) == 1 else ''} attention"
        message = queue_email(session, to=[user.email], subject=subject, template="digest", category="digest",
                              context={"subject": subject, "name": user.name, "today": today, "items": items},
                              key=f"digest:{user.id}:{today.isoformat()}")
        if message is None:
            continue
        session.execute(update(DigestItem).where(DigestItem.id.in_([i.id for i, _ in live]))
                        .values(status=DigestItemStatus.included, message_id=message.id))
        recorded += 1
    return recorded


def _days_left(calendar: WorkingDayCalendar, today: dt.date, deadline: Deadline) -> int:
    if deadline.due_date > today:
        return calendar.working_days_between(today, deadline.due_date)
    return -calendar.working_days_between(deadline.due_date, today)
