"""Writing and reading the audit log. Rows go into the caller's transaction: no change without its record."""

import threading
import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from backend.audit.models import AuditEvent
from backend.core import clock
from backend.core.access import Permission, Principal
from backend.core.db import REQUEST


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def snapshot(obj: object, fields: Iterable[str]) -> dict[str, Any]:
    return {name: _plain(getattr(obj, name)) for name in fields}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """Only what changed, as {field: {"from": old, "to": new}}."""
    return {
        key: {"from": before.get(key), "to": after.get(key)}
        for key in after
        if before.get(key) != after.get(key)
    }


_last_stamp = datetime.min.replace(tzinfo=UTC)
_stamp_lock = threading.Lock()


def _next_stamp() -> datetime:
    """Strictly increasing within the process, so a timeline keeps the order things happened in
    even when several rows are written in the same microsecond (or under a frozen test clock)."""
    global _last_stamp
    with _stamp_lock:
        now = clock.now()
        _last_stamp = now if now > _last_stamp else _last_stamp + timedelta(microseconds=1)
        return _last_stamp


def record(
    session: Session,
    actor: Principal | None,
    action: str,
    entity_type: str,
    entity_id: uuid.UUID | str | None,
    summary: str = "",
    changes: Mapping[str, Any] | None = None,
    actor_name: str | None = None,
) -> AuditEvent:
    event = AuditEvent(
        occurred_at=_next_stamp(),
        actor_type=actor.kind if actor else "system",
        actor_id=actor.id if actor else None,
        actor_name=actor.name if actor else (actor_name or "system"),
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id) if entity_id is not None else None,
        summary=summary,
        changes=_plain(dict(changes or {})),
    )
    session.add(event)
    return event


READ_IDENTIFYING = "read_identifying"


def record_identifying_read(session: Session, actor: Principal, entity_type: str, entity_id: uuid.UUID,
                            summary: str, changes: Mapping[str, Any] | None = None) -> None:
    """One row per page view for a read of a child's identifying details.

    A change's answer (the record as changed) adds no row: the change is audited itself, under the same person,
    and the case's access log has the request, so the screen's read that follows is the one row of that view.
    """
    request = session.info.get(REQUEST)  # put there by current_principal; None outside a request
    if request is not None:
        if request.method != "GET":
            return
        noted: set[tuple[str, uuid.UUID]] | None = getattr(request.state, "identifying_reads", None)
        if noted is None:
            noted = request.state.identifying_reads = set()
        if (entity_type, entity_id) in noted:
            return
        noted.add((entity_type, entity_id))
    record(session, actor, READ_IDENTIFYING, entity_type, entity_id, summary, changes)


def query(
    *,
    entity_type: str | None = None,
    entity_id: str | None = None,
    actor_id: uuid.UUID | None = None,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Select[AuditEvent]:
    stmt = select(AuditEvent)
    if entity_type:
        stmt = stmt.where(AuditEvent.entity_type == entity_type)
    if entity_id:
        stmt = stmt.where(AuditEvent.entity_id == entity_id)
    if actor_id:
        stmt = stmt.where(AuditEvent.actor_id == actor_id)
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    if since:
        stmt = stmt.where(AuditEvent.occurred_at >= since)
    if until:
        stmt = stmt.where(AuditEvent.occurred_at < until)
    return stmt.order_by(AuditEvent.occurred_at.desc(), AuditEvent.id)


def timeline(session: Session, entity_type: str, entity_id: uuid.UUID,
             viewer: Principal | None = None) -> list[AuditEvent]:
    """What happened to one record, oldest first (callers check the record is visible first).

    Who read the child's identifying details is shown only to a `viewer` who reads the audit log (the business
    office); everyone else sees what was done, and the case's access log keeps every read.
    """
    stmt = (
        select(AuditEvent)
        .where(AuditEvent.entity_type == entity_type, AuditEvent.entity_id == str(entity_id))
        .order_by(AuditEvent.occurred_at, AuditEvent.id)
    )
    if viewer is None or not viewer.can(Permission.audit_read):
        stmt = stmt.where(AuditEvent.action != READ_IDENTIFYING)
    return list(session.scalars(stmt))
