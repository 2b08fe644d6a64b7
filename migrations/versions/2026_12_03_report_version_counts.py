"""a shared report version keeps its word count and how many of its kept findings name each key

Revision ID: 20261203_report_version_counts
Revises: 20261203_safeguarding_partners
Create Date: 2026-12-03 12:00:00.000000

The overview report's page and the diff show each version's word count and its unresolved anonymisation findings,
and read the whole text and every kept finding of each version to work them out: 200-300 KB per 30,000-word
version for an answer of a few hundred bytes (issue 13). A version's text never changes, so its word count is kept
beside it, and with its findings how many of them name each key (what an acceptance names). Existing versions are
counted here from the rows themselves; one whose findings were never kept gets its key counts with its findings.
"""

from collections import Counter
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '20261203_report_version_counts'
down_revision: str | Sequence[str] | None = '20261203_safeguarding_partners'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('report_versions', sa.Column('words', sa.Integer(), nullable=True))
    op.add_column('report_versions', sa.Column('finding_keys', sa.JSON(), nullable=True))
    versions = sa.table('report_versions', sa.column('id', sa.Uuid()), sa.column('text', sa.Text()),
                        sa.column('findings', sa.JSON()), sa.column('words', sa.Integer()),
                        sa.column('finding_keys', sa.JSON()))
    connection = op.get_bind()
    ids = connection.scalars(sa.select(versions.c.id)).all()
    for start in range(0, len(ids), 50):  # a 30,000-word version is 200-300 KB with its findings: a few at a time
        rows = connection.execute(sa.select(versions.c.id, versions.c.text, versions.c.findings)
                                  .where(versions.c.id.in_(ids[start:start + 50]))).all()
        for version_id, text, findings in rows:
            keys = None if findings is None else dict(Counter(finding['key'] for finding in findings))
            connection.execute(versions.update().where(versions.c.id == version_id)
                               .values(words=len(text.split()), finding_keys=keys))


def downgrade() -> None:
    with op.batch_alter_table('report_versions') as batch:
        batch.drop_column('finding_keys')
        batch.drop_column('words')
