"""The reminder sweep: one pass over the open deadlines that may have a reminder due, set-based.

Per batch of deadlines it plans each one in Python with the working-day calendar, then writes all
the batch's e-mails (and digest items) with one INSERT ... ON CONFLICT DO NOTHING on their dedupe
keys and records how far each deadline has got, so the next sweep skips it until its next step.
"""

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session

from backend.calendar.service import get_calendar
from backend.cases.models import Case
from backend.core import clock
from backend.core.access import Role
from backend.deadlines.models import SHARED_KINDS, Deadline, DeadlineStatus, fill_title
from backend.reminders import service
from backend.reminders.bulk import insert_rows
from backend.reminders.mail import frontend_link, new_ids, outbox_row, working_days
from backend.reminders.models import DigestItem, DigestItemStatus, OutboxMessage, ReminderProgress
from backend.reminders.policy import Plan, Policy, plan
from backend.reminders.recipients import Directory, Recipient

BATCH = 5000
_SWEEP_LOCK = 0x5EED_0001  # pg advisory lock id: one sweep at a time; the dedupe keys are the real guarantee


def label(title: str, child_reference: str) -> str:
    return title if not child_reference or child_reference in title else f"{title} ({child_reference})"


def reminder_subject(title: str, child_reference: str, days_left: int) -> str:
    what = label(title, child_reference)
    if days_left > 0:
        return f"Due in {working_days(days_left)}: {what}"
    if days_left == 0:
        return f"Due today: {what}"
    return f"Overdue by {working_days(-days_left)}: {what}"


def _reason(row: Any, directory: Directory) -> str:
    if row.owner_user_id is not None:
        return "it is assigned to you"
    agency = directory.agency_names.get(row.owner_agency_id, "your agency")
    if row.owner_role is not None:
        role = Role(row.owner_role).value.replace("_", " ")
        return f"it is for the {role}s of {agency}" if row.owner_agency_id else f"it is for every {role}"
    if row.owner_agency_id is not None:
        return f"you are a safeguarding lead for {agency}, which it is assigned to"
    return "nobody else is assigned to it, so it comes to the business office"


def sweep(session: Session) -> int:
    """Queue every reminder and escalation due today; returns how many e-mails and digest items it recorded."""
    if session.get_bind().dialect.name == "postgresql" and not session.scalar(
            text("SELECT pg_try_advisory_xact_lock(:id)"), {"id": _SWEEP_LOCK}):
        return 0
    today, now = clock.today(), clock.now()
    calendar, policies, directory = get_calendar(session), service.effective_policies(session), Directory.load(session)
    # The child's reference is read from the case as it is today: a renamed case is reminded under its new name.
    columns = (Deadline.id, Deadline.kind, Deadline.due_date, Deadline.title,
               func.coalesce(Case.reference, "").label("child_reference"), Deadline.link,
               Deadline.owner_user_id, Deadline.owner_agency_id, Deadline.owner_role)
    due_for_a_look = or_(ReminderProgress.deadline_id.is_(None), ReminderProgress.due_date != Deadline.due_date,
                         ReminderProgress.next_step_on <= today)
    query = (select(*columns).outerjoin(ReminderProgress, ReminderProgress.deadline_id == Deadline.id)
             .outerjoin(Case, Case.id == Deadline.case_id)
             .where(Deadline.status == DeadlineStatus.open, due_for_a_look).order_by(Deadline.id).limit(BATCH))
    recorded, after = 0, None
    plans: dict[tuple[Policy, dt.date], Plan] = {}
    while True:
        rows = session.execute(query if after is None else query.where(Deadline.id > after)).all()
        if not rows:
            return recorded
        batch = _Batch(today, now, directory)
        for row in rows:
            policy = service.policy_for(policies, row.kind)
            # Deadlines share due dates: plan each (policy, due date) once per sweep.
            planned = plans.get((policy, row.due_date))
            if planned is None:
                planned = plans[(policy, row.due_date)] = plan(policy, row.due_date, today, calendar)
            batch.add(row, policy, planned)
        recorded += batch.write(session)
        after = rows[-1].id


class _Batch:
    def __init__(self, today: dt.date, now: dt.datetime, directory: Directory) -> None:
        self.today, self.now, self.directory = today, now, directory
        self.messages: list[dict[str, Any]] = []
        self.digest_items: list[dict[str, Any]] = []
        self.progress: list[dict[str, Any]] = []

    def add(self, row: Any, policy: Policy, planned: Plan) -> None:
        self.progress.append({"deadline_id": row.id, "due_date": row.due_date, "last_step": planned.step,
                              "next_step_on": planned.next_step_on, "updated_at": self.now})
        if planned.step is None and not planned.escalate:
            return
        title = fill_title(row.title, row.child_reference)
        context = {"title": title, "child_reference": row.child_reference, "due_date": row.due_date.isoformat(),
                   "days_left": planned.working_days_left, "what_is_needed": policy.what_is_needed,
                   "url": frontend_link(row.link)}
        cycle = f"{row.id}:{row.due_date.isoformat()}"
        if planned.step is not None:
            self._reminders(row, cycle, planned.step, context)
        if planned.escalate:
            self._escalation(row, cycle, policy, context)

    def _reminders(self, row: Any, cycle: str, step: str, context: dict[str, Any]) -> None:
        owners = self.directory.owners(row.owner_user_id, row.owner_agency_id, row.owner_role)
        # A deadline nobody can be reminded of (its owner has left) still reaches someone, unless it is on an
        # agency's own draft, which the business office does not know of.
        if not owners and row.kind in SHARED_KINDS:
            owners = self.directory.by_role[Role.business_office]
        individual = [person for person in owners if not person.digest]
        for person in owners:
            if person.digest:
                self.digest_items.append({"id": new_ids(1)[0], "dedupe_key": f"reminder:{cycle}:{step}:{person.id}",
                                          "user_id": person.id, "deadline_id": row.id, "step": step,
                                          "status": DigestItemStatus.pending, "created_at": self.now})
        if not individual:
            return
        subject = reminder_subject(context["title"], row.child_reference, context["days_left"])
        context = context | {"subject": subject, "reason": _reason(row, self.directory)}
        self._queue(individual, f"reminder:{cycle}:{step}", "reminder", subject, context, row.id)

    def _escalation(self, row: Any, cycle: str, policy: Policy, context: dict[str, Any]) -> None:
        agency_id = self.directory.owning_agency(row.owner_user_id, row.owner_agency_id)
        people = self.directory.escalation(agency_id, policy.escalate_to_agency_managers,
                                           policy.escalate_to_business_office and row.kind in SHARED_KINDS)
        if not people:
            return
        agency = self.directory.agency_names.get(agency_id) if agency_id else None
        owner = self.directory.users.get(row.owner_user_id) if row.owner_user_id else None
        owner_description = owner.name if owner else (f"{agency}'s safeguarding leads" if agency else "")
        what = label(context["title"], row.child_reference)
        subject = f"Escalated: {what} is {working_days(-context['days_left'])} overdue"
        reason = (f"a senior manager for safeguarding at {agency} or in the business office" if agency
                  else "in the business office")
        context = context | {"subject": subject, "reason": reason, "owner_description": owner_description}
        # Escalations are statutory chasers: always individual e-mails, never held for a digest.
        self._queue(people, f"escalation:{cycle}", "escalation", subject, context, row.id)

    def _queue(self, people: list[Recipient], key: str, template: str, subject: str, context: dict[str, Any],
               deadline_id: uuid.UUID) -> None:
        for person, message_id in zip(people, new_ids(len(people)), strict=True):
            self.messages.append(outbox_row(key=f"{key}:{person.id}", category=template, to=[person.email],
                                            subject=subject, template=template, context=context,
                                            deadline_id=deadline_id, now=self.now, id=message_id))

    def write(self, session: Session) -> int:
        recorded = insert_rows(session, OutboxMessage.__table__, self.messages, "dedupe_key", count=True)
        recorded += insert_rows(session, DigestItem.__table__, self.digest_items, "dedupe_key", count=True)
        insert_rows(session, ReminderProgress.__table__, self.progress, "deadline_id",
                    update=("due_date", "last_step", "next_step_on", "updated_at"), keep_if_null=("last_step",))
        return recorded
