import uuid
from typing import Annotated

from fastapi import APIRouter, Depends

from backend.audit import service
from backend.audit.schemas import AuditEventRead
from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.auth import DbSession, Requires
from backend.core.errors import PROBLEM_RESPONSES
from backend.core.pagination import Page, PageParams, page_params, paginate
from backend.core.schemas import QueryDateTime, SearchText

router = APIRouter(prefix="/api/v1/audit", tags=["audit"], responses=PROBLEM_RESPONSES)


@router.get("", response_model=Page[AuditEventRead])
def list_audit_events(
    session: DbSession,
    principal: Annotated[Principal, Requires(P.audit_read)],
    page: Annotated[PageParams, Depends(page_params)],
    entity_type: SearchText = None,
    entity_id: SearchText = None,
    user_id: uuid.UUID | None = None,
    action: SearchText = None,
    since: QueryDateTime | None = None,
    until: QueryDateTime | None = None,
) -> Page[AuditEventRead]:
    """The append-only audit log, newest first (business office)."""
    stmt = service.query(entity_type=entity_type, entity_id=entity_id, actor_id=user_id, action=action,
                         since=since, until=until)
    rows, total = paginate(session, stmt, page)
    return Page(items=[AuditEventRead.model_validate(e) for e in rows], total=total, **page.model_dump())
