"""Reminder policies (business office's overrides of the built-in ones) and the outbox they look after."""

import base64
import uuid
from dataclasses import replace

from sqlalchemy import Select, Text, cast, delete, select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.core import clock
from backend.core.access import Principal
from backend.core.errors import InvalidTransition, NotFound
from backend.deadlines.models import Deadline
from backend.reminders.mail import render
from backend.reminders.models import OutboxMessage, OutboxStatus, ReminderPolicyRow, ReminderProgress
from backend.reminders.policy import DEFAULT_KIND, DEFAULT_POLICIES, Policy, default_for
from backend.reminders.schemas import AttachmentRead, OutboxMessageDetail, OutboxMessageRead, ReminderPolicyUpdate

_POLICY_FIELDS = ("before_working_days", "on_the_day", "overdue_every_working_days", "escalate_after_working_days",
                  "escalate_to_agency_managers", "escalate_to_business_office", "what_is_needed")


def _from_row(row: ReminderPolicyRow) -> Policy:
    return Policy(row.kind, tuple(row.before_working_days), row.on_the_day, row.overdue_every_working_days,
                  row.escalate_after_working_days, row.escalate_to_agency_managers,
                  row.escalate_to_business_office, row.what_is_needed)


def effective_policies(session: Session) -> dict[str, Policy]:
    """Every kind's policy in force: built-in ones, overridden by business office's rows."""
    policies = dict(DEFAULT_POLICIES)
    policies |= {row.kind: _from_row(row) for row in session.scalars(select(ReminderPolicyRow))}
    return policies


def policy_for(policies: dict[str, Policy], kind: str) -> Policy:
    return policies.get(kind) or policies[DEFAULT_KIND]


def list_policies(session: Session) -> list[tuple[Policy, bool]]:
    rows = {row.kind: row for row in session.scalars(select(ReminderPolicyRow))}
    kinds = sorted(set(DEFAULT_POLICIES) | set(rows), key=lambda k: (k != DEFAULT_KIND, k))
    return [(_from_row(rows[k]) if k in rows else DEFAULT_POLICIES[k], k in rows) for k in kinds]


def get_policy(session: Session, kind: str) -> tuple[Policy, bool]:
    row = session.scalar(select(ReminderPolicyRow).where(ReminderPolicyRow.kind == kind))
    if row is not None:
        return _from_row(row), True
    if kind in DEFAULT_POLICIES:
        return DEFAULT_POLICIES[kind], False
    return replace(default_for(kind), kind=kind), False


def put_policy(session: Session, actor: Principal, kind: str, data: ReminderPolicyUpdate) -> Policy:
    row = session.scalar(select(ReminderPolicyRow).where(ReminderPolicyRow.kind == kind))
    before = audit.snapshot(row if row is not None else get_policy(session, kind)[0], _POLICY_FIELDS)
    if row is None:
        row = ReminderPolicyRow(kind=kind)
        session.add(row)
    for name, value in data.model_dump().items():
        setattr(row, name, value)
    session.flush()
    _replan(session, kind)
    audit.record(session, actor, "update", "reminder_policy", kind, f"Changed the reminder policy for {kind}",
                 audit.diff(before, audit.snapshot(row, _POLICY_FIELDS)))
    return _from_row(row)


def reset_policy(session: Session, actor: Principal, kind: str) -> None:
    row = session.scalar(select(ReminderPolicyRow).where(ReminderPolicyRow.kind == kind))
    if row is None:
        raise NotFound(f"The reminder policy for {kind} has not been changed, so there is nothing to reset.")
    audit.record(session, actor, "delete", "reminder_policy", kind,
                 f"Restored the built-in reminder policy for {kind}", audit.snapshot(row, _POLICY_FIELDS))
    session.delete(row)
    session.flush()
    _replan(session, kind)


def _replan(session: Session, kind: str) -> None:
    """Forget the sweep's progress for deadlines the policy governs, so the next sweep plans them afresh.

    Reminders already recorded keep their keys, so nothing is sent twice.
    """
    governed = select(Deadline.id)
    if kind == DEFAULT_KIND:
        governed = governed.where(Deadline.kind.not_in(select(ReminderPolicyRow.kind)),
                                  Deadline.kind.not_in(list(DEFAULT_POLICIES)))
    else:
        governed = governed.where(Deadline.kind == kind)
    session.execute(delete(ReminderProgress).where(ReminderProgress.deadline_id.in_(governed)))


def search_outbox(status: OutboxStatus | None = None, category: str | None = None,
                  recipient: str | None = None) -> Select[OutboxMessage]:
    stmt = select(OutboxMessage)
    if status:
        stmt = stmt.where(OutboxMessage.status == status)
    if category:
        stmt = stmt.where(OutboxMessage.category == category)
    if recipient:
        # JSON arrays are not indexable portably; a text match is enough for business office's look-ups.
        stmt = stmt.where(cast(OutboxMessage.recipients, Text).contains(recipient.strip().lower()))
    return stmt.order_by(OutboxMessage.created_at.desc(), OutboxMessage.id)


def get_message(session: Session, message_id: uuid.UUID) -> OutboxMessage:
    message = session.get(OutboxMessage, message_id)
    if message is None:
        raise NotFound("No such e-mail in the outbox.")
    return message


def retry(session: Session, actor: Principal, message_id: uuid.UUID) -> OutboxMessage:
    """Give a failed (or cancelled) e-mail a fresh set of attempts, starting now."""
    message = get_message(session, message_id)
    if message.status not in (OutboxStatus.failed, OutboxStatus.cancelled):
        raise InvalidTransition(f"Only failed or cancelled e-mails can be retried; this one is {message.status}.",
                                errors=[("status", f"is {message.status}")])
    before = {"status": message.status.value, "attempts": message.attempts}
    message.status, message.attempts, message.next_attempt_at = OutboxStatus.queued, 0, clock.now()
    session.flush()
    audit.record(session, actor, "retry", "outbox_message", message.id, f"Queued “{message.subject}” again",
                 audit.diff(before, {"status": message.status.value, "attempts": 0}))
    return message


def read(message: OutboxMessage, detail: bool = False) -> OutboxMessageRead:
    attachments = [AttachmentRead(filename=a["filename"], content_type=a["content_type"],
                                  size=len(base64.b64decode(a["content_base64"]))) for a in message.attachments]
    fields = {name: getattr(message, name) for name in OutboxMessageRead.model_fields if name != "attachments"}
    if detail:
        text_body, html_body = message.text_body, message.html_body
        if text_body is None or html_body is None:  # a reminder not yet claimed for sending
            text_body, html_body = render(message.template or "notice", message.context or {})
        return OutboxMessageDetail(**fields, attachments=attachments, text_body=text_body, html_body=html_body)
    return OutboxMessageRead(**fields, attachments=attachments)
