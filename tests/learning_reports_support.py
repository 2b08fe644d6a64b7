"""Shared by the learning reports' tests."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.themes.models import SEEDED_THEMES, Theme


def ensure_seeded_themes(db: Session) -> None:
    """The migration seeds the theme list; a test on `live_app` empties every table afterwards, themes included, so
    tests that run after one put the list back (inside their own rolled-back transaction)."""
    have = set(db.scalars(select(Theme.name)))
    db.add_all([Theme(name=name) for name in SEEDED_THEMES if name not in have])
    db.flush()
