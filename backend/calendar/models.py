import datetime as dt
import uuid

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, IdMixin, TimestampMixin


class ClosureDay(IdMixin, TimestampMixin, Base):
    """A local partnership closure day, not worked on top of weekends and bank holidays."""

    __tablename__ = "closure_days"

    day: Mapped[dt.date] = mapped_column(unique=True)
    reason: Mapped[str] = mapped_column(String(200))
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
