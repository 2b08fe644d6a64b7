"""record versions: optimistic concurrency (ETag / If-Match) on the records several people edit

Revision ID: 20261201_60
Revises: 20261123_50
Create Date: 2026-12-01 09:00:00.000000

Existing rows start at version 1, as a new row does.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '20261201_60'
down_revision: str | Sequence[str] | None = '20261123_50'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ('referrals', 'information_requests', 'rapid_reviews', 'learning_briefings', 'incident_notifications',
          'reviews', 'events')


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('version')
