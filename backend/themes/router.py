import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.auth import DbSession, Requires
from backend.core.errors import PROBLEM_RESPONSES
from backend.themes import service
from backend.themes.schemas import ThemeCreate, ThemeRead, ThemeUpdate

router = APIRouter(prefix="/api/v1/themes", tags=["themes"], responses=PROBLEM_RESPONSES)


@router.get("", response_model=list[ThemeRead])
def list_themes(
    session: DbSession, _principal: Annotated[Principal, Requires(P.recommendations_read)],
    include_retired: Annotated[bool, Query(description="Retired themes too (the business office's list)")] = False,
) -> list[ThemeRead]:
    """The partnership's themes, by name: the active ones that recommendations are tagged with."""
    return [ThemeRead.model_validate(t) for t in session.scalars(service.list_themes(include_retired=include_retired))]


@router.post("", response_model=ThemeRead, status_code=201)
def create_theme(session: DbSession, principal: Annotated[Principal, Requires(P.themes_manage)],
                 data: ThemeCreate) -> ThemeRead:
    """Add a theme (business office)."""
    return ThemeRead.model_validate(service.create_theme(session, principal, data))


@router.patch("/{theme_id}", response_model=ThemeRead)
def update_theme(session: DbSession, principal: Annotated[Principal, Requires(P.themes_manage)], theme_id: uuid.UUID,
                 data: ThemeUpdate) -> ThemeRead:
    """Rename, retire or restore a theme (business office). A renamed theme is renamed on everything it tags; a
    retired one stays on what it tags and is no longer offered."""
    return ThemeRead.model_validate(service.update_theme(session, principal, theme_id, data))
