"""rapid review meetings complete the report's sections: key practice episodes, the child's characteristics and
inequalities, issues of national importance

Revision ID: 20261203_rapid_review_report
Revises: 20261202_learning_reports
Create Date: 2026-12-03 09:00:00.000000

Meetings recorded before this read the three as empty; the rapid review report says they are still to be
completed, and the business office completes them by correcting the meeting record.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '20261203_rapid_review_report'
down_revision: str | Sequence[str] | None = '20261203_report_version_findings'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ('key_practice_episodes', 'characteristics_and_inequalities', 'issues_of_national_importance')


def upgrade() -> None:
    with op.batch_alter_table('rapid_review_meetings', schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('rapid_review_meetings', schema=None) as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
