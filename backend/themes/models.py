"""The partnership's managed list of themes that recommendations (and through them actions) are tagged with."""

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, IdMixin, TimestampMixin

# Seeded by the migration that made the table; the business office adds, renames and retires from here on.
SEEDED_THEMES: tuple[str, ...] = (
    "Neglect", "Child sexual abuse", "Child sexual exploitation", "Online abuse", "Criminal exploitation",
    "Harmful sexual behaviour", "Domestic abuse", "Suicide and self-harm", "Physical abuse",
    "Sudden unexpected death in infancy", "Parental mental health", "Substance misuse", "Information sharing",
    "Escalation", "Strategy discussions", "The child's voice", "Professional curiosity",
    "School transition and record transfer", "Fathers and significant males", "Threshold decisions",
    "Disability", "Racism and inequality",
)


class Theme(IdMixin, TimestampMixin, Base):
    """One theme ("Neglect", "Escalation"). Retired themes stay on what was tagged with them (so counts over
    past years still hold) but are no longer offered for new tags. Renaming renames it everywhere at once."""

    __tablename__ = "themes"

    name: Mapped[str] = mapped_column(String(100), unique=True)
    retired_at: Mapped[dt.datetime | None]

    @property
    def retired(self) -> bool:
        return self.retired_at is not None
