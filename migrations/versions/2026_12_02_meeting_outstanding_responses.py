"""rapid review meetings record the information requests still outstanding when they were held

Revision ID: 20261202_meeting_outstanding
Revises: 20261202_74
Create Date: 2026-12-02 07:45:00.000000

Meetings recorded before this had no such record; they read as having had every response (an empty list),
which is what the screens showed then.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '20261202_meeting_outstanding'
down_revision: str | Sequence[str] | None = '20261202_74'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('rapid_review_meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('responses_outstanding', sa.JSON(), nullable=False,
                                      server_default=sa.text("'[]'")))


def downgrade() -> None:
    with op.batch_alter_table('rapid_review_meetings', schema=None) as batch_op:
        batch_op.drop_column('responses_outstanding')
