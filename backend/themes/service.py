"""The managed theme list: the business office adds, renames and retires; everyone tags from the active ones."""

import uuid
from collections.abc import Sequence

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.core import clock
from backend.core.access import Principal
from backend.core.errors import Conflict, Invalid, NotFound
from backend.themes.models import SEEDED_THEMES, Theme
from backend.themes.schemas import ThemeCreate, ThemeUpdate


def list_themes(*, include_retired: bool = False) -> Select[Theme]:
    stmt = select(Theme)
    if not include_retired:
        stmt = stmt.where(Theme.retired_at.is_(None))
    return stmt.order_by(Theme.name)


def get_theme(session: Session, theme_id: uuid.UUID) -> Theme:
    theme = session.get(Theme, theme_id)
    if theme is None:
        raise NotFound("No such theme.")
    return theme


def _name_taken(session: Session, name: str, other_than: uuid.UUID | None = None) -> bool:
    # The exact name too: SQLite's lower() folds ASCII letters only, so "Ô" would otherwise slip past.
    stmt = select(Theme.id).where(or_(Theme.name == name, func.lower(Theme.name) == name.lower()))
    if other_than is not None:
        stmt = stmt.where(Theme.id != other_than)
    return session.scalar(stmt.limit(1)) is not None


def create_theme(session: Session, actor: Principal, data: ThemeCreate) -> Theme:
    if _name_taken(session, data.name):
        raise Conflict("There is already a theme with that name.", errors=[("body.name", "is already a theme")])
    theme = Theme(name=data.name)
    session.add(theme)
    session.flush()
    audit.record(session, actor, "create", "theme", theme.id, f"Added the theme {theme.name}", {"name": theme.name})
    return theme


def update_theme(session: Session, actor: Principal, theme_id: uuid.UUID, data: ThemeUpdate) -> Theme:
    theme = get_theme(session, theme_id)
    before = {"name": theme.name, "retired": theme.retired}
    if data.name is not None and data.name != theme.name:
        if _name_taken(session, data.name, other_than=theme.id):
            raise Conflict("There is already a theme with that name.", errors=[("body.name", "is already a theme")])
        theme.name = data.name
    if data.retired is not None and data.retired != theme.retired:
        theme.retired_at = clock.now() if data.retired else None
    session.flush()
    after = {"name": theme.name, "retired": theme.retired}
    audit.record(session, actor, "update", "theme", theme.id, f"Changed the theme {theme.name}",
                 audit.diff(before, after))
    return theme


def themes_by_id(session: Session, ids: Sequence[uuid.UUID], path: str, *,
                 keep: Sequence[Theme] = ()) -> list[Theme]:
    """The active themes named, refusing unknown or retired ones by their place in the list. Themes in `keep` (a
    record's tags already) may be retired: a record keeps a tag its theme lost since."""
    wanted = list(dict.fromkeys(ids))
    found = {t.id: t for t in session.scalars(select(Theme).where(Theme.id.in_(wanted)))} if wanted else {}
    kept = {t.id for t in keep}
    errors = [(f"{path}.{i}", "is not a theme" if theme_id not in found else "is retired")
              for i, theme_id in enumerate(ids)
              if theme_id not in found or (found[theme_id].retired and theme_id not in kept)]
    if errors:
        raise Invalid("Choose themes from the partnership's list.", errors=errors)
    return [found[theme_id] for theme_id in wanted]


def ensure_seeded(session: Session) -> None:
    """Add any of the starting themes missing (the migration seeds them; a database emptied since, as tests and
    the demo may find it, gets them back). Renamed or retired themes are left as the business office left them."""
    existing = {name.lower() for name in session.scalars(select(Theme.name))}
    for name in SEEDED_THEMES:
        if name.lower() not in existing:
            session.add(Theme(name=name))
    session.flush()
