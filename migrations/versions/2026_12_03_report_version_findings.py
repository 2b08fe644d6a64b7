"""a shared report version keeps its anonymisation findings, and the identifying details they were checked against

Revision ID: 20261203_report_version_findings
Revises: 20261202_learning_reports
Create Date: 2026-12-03 09:00:00.000000

The overview report's page ran the whole anonymisation check on every shared version on every read (about 100 ms
and a few statements per 30,000-word version, issue 13). A version's text never changes, so its findings are now
worked out when it is shared and kept. Versions shared before this have none yet: the app works theirs out on
their first read and keeps them (this migration cannot run the check, which is app code that may change).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '20261203_report_version_findings'
down_revision: str | Sequence[str] | None = '20261203_notification_fields'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('report_versions', sa.Column('findings', sa.JSON(), nullable=True))
    op.add_column('report_versions', sa.Column('findings_checked_against', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('report_versions') as batch:
        batch.drop_column('findings_checked_against')
        batch.drop_column('findings')
