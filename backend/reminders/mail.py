"""Rendering e-mails from templates and recording them in the outbox (never sending: the worker does)."""

import base64
import datetime as dt
import os
import uuid
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlalchemy.orm import Session

from backend.core import clock
from backend.core.config import get_settings
from backend.reminders.bulk import insert_rows
from backend.reminders.models import OutboxMessage, OutboxStatus

TEMPLATES = Path(__file__).parent / "templates"
Attachment = tuple[str, str, bytes]


def new_ids(count: int) -> list[uuid.UUID]:
    """Random (version 4) ids from one read of the system's randomness: uuid4() reads it once per id."""
    pool = os.urandom(16 * count)
    return [uuid.UUID(bytes=pool[i:i + 16], version=4) for i in range(0, 16 * count, 16)]


def long_date(value: dt.date | str) -> str:
    """"Friday 4 December 2026": how the guidance writes dates, with no zero padding."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value:%A} {value.day} {value:%B %Y}"


def working_days(n: int) -> str:
    return f"{n} working day" if n == 1 else f"{n} working days"


@lru_cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=lambda name: bool(name and name.endswith(".html.j2")),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["long_date"] = long_date
    env.filters["working_days"] = working_days
    return env


def render(template: str, context: Mapping[str, Any]) -> tuple[str, str]:
    """The plain-text and HTML bodies of one template (`<template>.txt.j2` and `<template>.html.j2`)."""
    env = environment()
    full = {"frontend_url": get_settings().frontend_url.rstrip("/"), **context}
    return env.get_template(f"{template}.txt.j2").render(full), env.get_template(f"{template}.html.j2").render(full)


def frontend_link(path: str) -> str:
    return get_settings().frontend_url.rstrip("/") + "/" + path.lstrip("/")


def outbox_row(*, key: str, category: str, to: Sequence[str], subject: str, text: str | None = None,
               html: str | None = None, template: str | None = None, context: dict[str, Any] | None = None,
               attachments: Sequence[Attachment] = (), deadline_id: uuid.UUID | None = None,
               now: dt.datetime, id: uuid.UUID | None = None) -> dict[str, Any]:
    """One outbox row: rendered bodies, or a template and a JSON-ready context to render when sending."""
    return {
        "id": id or uuid.uuid4(), "dedupe_key": key, "category": category, "recipients": list(to), "subject": subject,
        "template": template, "context": context, "text_body": text, "html_body": html,
        "deadline_id": deadline_id, "status": OutboxStatus.queued,
        "attachments": [{"filename": name, "content_type": ctype, "content_base64": base64.b64encode(data).decode()}
                        for name, ctype, data in attachments],
        "attempts": 0, "next_attempt_at": now, "created_at": now, "updated_at": now,
    }


def queue_email(
    session: Session,
    *,
    to: list[str],
    subject: str,
    template: str,
    context: Mapping[str, Any],
    attachments: Sequence[Attachment] = (),
    key: str | None = None,
    category: str = "notice",
) -> OutboxMessage | None:
    """Record one e-mail (to every address in `to`) for the worker to send; any domain may call this.

    `template` names a pair of files in backend/reminders/templates (`notice` is a general one:
    context `heading`, `paragraphs`, optional `link` and `link_label`). `key` makes the call
    idempotent: a second call with the same key records nothing and returns None. Runs inside the
    caller's transaction, so a rolled-back change sends nothing.
    """
    text, html = render(template, {"subject": subject, **context})
    return queue_rendered_email(session, to=to, subject=subject, text=text, html=html, attachments=attachments,
                                key=key, category=category)


def queue_rendered_email(
    session: Session,
    *,
    to: Sequence[str],
    subject: str,
    text: str,
    html: str,
    attachments: Sequence[Attachment] = (),
    key: str | None = None,
    category: str = "notice",
) -> OutboxMessage | None:
    """`queue_email` for a domain that composes its own message (e.g. an event confirmation with its .ics)."""
    recipients = sorted({address.strip().lower() for address in to if address and address.strip()})
    if not recipients:
        return None
    row = outbox_row(key=key or f"email:{uuid.uuid4()}", category=category, to=recipients, subject=subject,
                     text=text, html=html, attachments=attachments, now=clock.now())
    if not insert_rows(session, OutboxMessage.__table__, [row], "dedupe_key", count=True):
        return None
    return session.get(OutboxMessage, row["id"])
