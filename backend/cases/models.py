"""The case: one record per child's case, which every stage hangs off; and who looked at it."""

import uuid
from datetime import datetime

from sqlalchemy import ColumnElement, ForeignKey, Index, String, select
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from backend.core import clock
from backend.core.concurrency import Versioned
from backend.core.db import Base, IdMixin, TimestampMixin
from backend.identity.models import Agency


class Case(IdMixin, TimestampMixin, Versioned, Base):
    """One child's case. The anonymised reference lives here and only here.

    Notifications and referrals start a case; its rapid review, review and (in stage 2) recommendations
    and actions join it by foreign key, so renaming the reference renames it everywhere at once.
    """

    __tablename__ = "cases"

    reference: Mapped[str] = mapped_column(String(100), unique=True)


class BelongsToCase:
    """Mixed into every record of a child's case: `case_id`, the `case` (loaded with the record) and a read-only
    `child_reference`, the case's. Filtering by `child_reference` reads the case's too; renaming is the case's."""

    @declared_attr
    def case_id(cls) -> Mapped[uuid.UUID]:  # noqa: N805 - declared_attr receives the class
        return mapped_column(ForeignKey("cases.id"), index=True)

    @declared_attr
    def case(cls) -> Mapped[Case]:  # noqa: N805
        return relationship(Case, lazy="joined", innerjoin=True)

    @hybrid_property
    def child_reference(self) -> str:
        return self.case.reference

    @child_reference.inplace.expression
    @classmethod
    def _child_reference_expression(cls) -> ColumnElement[str]:
        return select(Case.reference).where(Case.id == cls.case_id).scalar_subquery()


class MayBelongToCase:
    """`BelongsToCase` for the learning tracker's records, which hang off a child's case when they have one.

    A recommendation made by a case's rapid review or review (and the actions answering it) belongs to that case;
    one from another source (an audit, a national review, another area's review) belongs to no child's case at all,
    so `case_id` is nullable here, and each table using this mixin says in a CHECK constraint which of its rows
    may have none. `child_reference` is "" for those, as the deadline registry says it.
    """

    @declared_attr
    def case_id(cls) -> Mapped[uuid.UUID | None]:  # noqa: N805 - declared_attr receives the class
        return mapped_column(ForeignKey("cases.id"), index=True)

    @declared_attr
    def case(cls) -> Mapped[Case | None]:  # noqa: N805
        return relationship(Case, lazy="joined")

    @hybrid_property
    def child_reference(self) -> str:
        return self.case.reference if self.case is not None else ""

    @child_reference.inplace.expression
    @classmethod
    def _child_reference_expression(cls) -> ColumnElement[str]:
        return select(Case.reference).where(Case.id == cls.case_id).scalar_subquery()


class CaseAccess(IdMixin, Base):
    """One request that read a case's records: who, which record, how and when. Append-only, like the audit log."""

    __tablename__ = "case_access_log"
    __table_args__ = (Index("ix_case_access_log_case_occurred", "case_id", "occurred_at"),)

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"))
    occurred_at: Mapped[datetime] = mapped_column(default=clock.now)
    actor_type: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[uuid.UUID]
    actor_name: Mapped[str] = mapped_column(String(200))
    actor_role: Mapped[str | None] = mapped_column(String(40))
    actor_agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agencies.id"))
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[uuid.UUID]
    method: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(String(500))

    # One query for a page's agencies, not one per row.
    actor_agency: Mapped[Agency | None] = relationship(lazy="selectin")
