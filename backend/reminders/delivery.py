"""Sending the outbox over SMTP: claim, send, record; retried with exponential backoff, never lost.

A message is claimed (queued → sending) in its own short transaction, so two workers never send the
same row: PostgreSQL hands each worker different rows with FOR UPDATE SKIP LOCKED, and the claim is
a conditional UPDATE (status must still be `queued`) on every database. Each message is recorded as sent in
its own transaction the moment the mail server accepts it, so a worker killed halfway through a batch has
recorded every message it sent; the rest stay `sending` and after ten minutes are queued again. (Only a kill in
the instant between the server's acceptance and that commit can send one again; it goes with the same
Message-ID, by which mail systems recognise it as the same message.)
"""

import base64
import datetime as dt
import logging
import smtplib
import ssl
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from backend.core import clock
from backend.core.config import Settings, get_settings
from backend.deadlines.models import Deadline, DeadlineStatus
from backend.reminders.mail import render
from backend.reminders.models import OutboxMessage, OutboxStatus

logger = logging.getLogger("backend.mail")
SessionFactory = Callable[[], Session]
STUCK_AFTER = dt.timedelta(minutes=10)
_DEADLINE_CATEGORIES = ("reminder", "escalation")


@dataclass(frozen=True)
class Outgoing:
    id: uuid.UUID
    recipients: list[str]
    subject: str
    text_body: str
    html_body: str
    attachments: list[dict[str, Any]]


def claim(session: Session, limit: int) -> list[Outgoing]:
    """Take up to `limit` due messages for this worker; reminders whose deadline was met are cancelled."""
    now = clock.now()
    due = (select(OutboxMessage.id).where(OutboxMessage.status == OutboxStatus.queued,
                                          OutboxMessage.next_attempt_at <= now)
           .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(limit))
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    ids = list(session.scalars(due))
    if not ids:
        return []
    claimed = list(session.execute(
        update(OutboxMessage).where(OutboxMessage.id.in_(ids), OutboxMessage.status == OutboxStatus.queued)
        .values(status=OutboxStatus.sending, claimed_at=now, attempts=OutboxMessage.attempts + 1, updated_at=now)
        .returning(OutboxMessage.id, OutboxMessage.recipients, OutboxMessage.subject, OutboxMessage.text_body,
                   OutboxMessage.html_body, OutboxMessage.attachments, OutboxMessage.category,
                   OutboxMessage.deadline_id, OutboxMessage.template, OutboxMessage.context)
    ))
    closed = set(session.scalars(select(Deadline.id).where(
        Deadline.id.in_({row.deadline_id for row in claimed if row.category in _DEADLINE_CATEGORIES}),
        Deadline.status != DeadlineStatus.open)))
    if closed:
        # Met or waived since the reminder was recorded: sending it now would only confuse.
        session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(
            [row.id for row in claimed if row.deadline_id in closed and row.category in _DEADLINE_CATEGORIES]))
            .values(status=OutboxStatus.cancelled, last_error="The deadline was met or waived before sending.",
                    updated_at=now))
    outgoing = []
    for row in claimed:
        if row.deadline_id in closed and row.category in _DEADLINE_CATEGORIES:
            continue
        text_body, html_body = row.text_body, row.html_body
        if text_body is None or html_body is None:
            # Rendered once, and kept, before the first attempt: what was sent is what the outbox shows.
            text_body, html_body = render(row.template, row.context or {})
            session.execute(update(OutboxMessage).where(OutboxMessage.id == row.id)
                            .values(text_body=text_body, html_body=html_body))
        outgoing.append(Outgoing(row.id, row.recipients, row.subject, text_body, html_body, row.attachments))
    return outgoing


def build_email(message: Outgoing, settings: Settings) -> EmailMessage:
    email = EmailMessage()
    email["From"] = settings.mail_from
    email["To"] = ", ".join(message.recipients)
    email["Subject"] = message.subject
    email["Date"] = format_datetime(clock.now())
    # The same on every attempt: a message sent again after a crash is recognisably the same message.
    email["Message-ID"] = f"<{message.id.hex}@safeguarding-reviews>"
    email.set_content(message.text_body)
    email.add_alternative(message.html_body, subtype="html")
    for attachment in message.attachments:
        maintype, _, subtype = attachment["content_type"].partition("/")
        email.add_attachment(base64.b64decode(attachment["content_base64"]), maintype=maintype,
                             subtype=subtype or "octet-stream", filename=attachment["filename"])
    return email


def _connect(settings: Settings) -> smtplib.SMTP:
    assert settings.smtp_host
    if settings.smtp_security == "tls":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(settings.smtp_host, settings.smtp_port, timeout=30,
                                              context=ssl.create_default_context())
    else:
        smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30)
        if settings.smtp_security == "starttls":
            smtp.starttls(context=ssl.create_default_context())
    if settings.smtp_username:
        smtp.login(settings.smtp_username, settings.smtp_password or "")
    return smtp


def deliver(messages: list[Outgoing], settings: Settings,
            each: Callable[[dict[uuid.UUID, str | None]], None] | None = None) -> dict[uuid.UUID, str | None]:
    """Send over one SMTP connection; returns each message's error (None when the server accepted it).
    `each` is told every outcome as soon as it is known (to record it before the next message is sent)."""
    outcome: dict[uuid.UUID, str | None] = {}

    def known(results: dict[uuid.UUID, str | None]) -> None:
        outcome.update(results)
        if each is not None:
            each(results)

    try:
        smtp = _connect(settings)
    except (OSError, smtplib.SMTPException) as exc:
        known({m.id: f"Could not connect to the mail server: {exc}" for m in messages})
        return outcome
    try:
        for message in messages:
            try:
                smtp.send_message(build_email(message, settings))
                known({message.id: None})
            except smtplib.SMTPServerDisconnected as exc:
                known({m.id: f"The mail server disconnected: {exc}" for m in messages if m.id not in outcome})
                break
            except (OSError, smtplib.SMTPException) as exc:
                known({message.id: f"{type(exc).__name__}: {exc}"})
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    return outcome


def record(session: Session, outcome: dict[uuid.UUID, str | None], settings: Settings) -> int:
    now, sent = clock.now(), 0
    for message_id, error in outcome.items():
        sending = (OutboxMessage.id == message_id, OutboxMessage.status == OutboxStatus.sending)
        if error is None:
            session.execute(update(OutboxMessage).where(*sending).values(
                status=OutboxStatus.sent, sent_at=now, last_error=None, updated_at=now))
            sent += 1
            continue
        attempts = session.scalar(select(OutboxMessage.attempts).where(OutboxMessage.id == message_id)) or 1
        if attempts >= settings.mail_max_attempts:
            values: dict[str, Any] = {"status": OutboxStatus.failed}
            logger.error("E-mail %s failed for good after %s attempts: %s", message_id, attempts, error)
        else:
            delay = dt.timedelta(seconds=settings.mail_retry_base_seconds * 2 ** (attempts - 1))
            values = {"status": OutboxStatus.queued, "next_attempt_at": now + delay}
        session.execute(update(OutboxMessage).where(*sending).values(last_error=error[:2000], updated_at=now,
                                                                      **values))
    return sent


def send_queued(session_factory: SessionFactory, batch: int = 50) -> int:
    """Send every message that is due; with no SMTP host configured, leave them queued."""
    settings = get_settings()
    if not settings.smtp_host:
        return 0
    sent = 0
    while True:
        with session_factory() as session:
            messages = claim(session, batch)
            session.commit()
        if not messages:
            return sent
        def record_now(results: dict[uuid.UUID, str | None]) -> None:
            nonlocal sent
            with session_factory() as session:
                sent += record(session, results, settings)
                session.commit()

        deliver(messages, settings, each=record_now)
        if len(messages) < batch:
            return sent


def requeue_stuck(session_factory: SessionFactory) -> int:
    """Messages left `sending` by a worker that stopped for more than ten minutes go back to the queue."""
    now = clock.now()
    with session_factory() as session:
        # An UPDATE answers a cursor result (with `rowcount`); Session.execute is typed for any statement.
        result = cast(CursorResult[Any], session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.sending, OutboxMessage.claimed_at < now - STUCK_AFTER)
            .values(status=OutboxStatus.queued, next_attempt_at=now, updated_at=now,
                    last_error="The worker stopped while sending; queued again.")
        ))
        session.commit()
        return result.rowcount or 0
