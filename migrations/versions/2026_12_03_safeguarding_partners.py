"""the three safeguarding partners: which agency is each, and each partner's position on a decision

Revision ID: 20261203_safeguarding_partners
Revises: 20261202_learning_reports
Create Date: 2026-12-03 09:00:00.000000

`agencies.safeguarding_partner` (local_authority / integrated_care_board / police, one agency each) replaces the
`statutory_partner` flag. It is set from the flag and the agency's kind: a statutory children's social care agency is
the local authority, a statutory health agency the integrated care board, a statutory police force the police.
Where several agencies qualify for one partner the first by name is it and the others are left as partner
agencies (the business office can change that on the agency's page); a statutory agency of any other kind is left
unset. The flag is read from the new column from now on (the API's `statutory_partner` is derived from it).

Rapid reviews and referrals already decided keep their decision as recorded; those awaiting a decision now await
the three partners' positions (`partner_positions`).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import backend.core.db


revision: str = '20261203_safeguarding_partners'
down_revision: str | Sequence[str] | None = '20261203_rapid_review_report'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_PARTNER_OF_KIND = {'childrens_social_care': 'local_authority', 'health': 'integrated_care_board', 'police': 'police'}


def upgrade() -> None:
    op.create_table('partner_positions',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('subject_type', sa.Enum('rapid_review', 'referral', name='decisionsubject', native_enum=False, length=40), nullable=False),
    sa.Column('subject_id', sa.Uuid(), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('partner', sa.Enum('local_authority', 'integrated_care_board', 'police', name='safeguardingpartner', native_enum=False, length=40), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=False),
    sa.Column('for_review', sa.Boolean(), nullable=False),
    sa.Column('review_type', sa.String(length=20), nullable=True),
    sa.Column('agrees_with_recommendation', sa.Boolean(), nullable=False),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Uuid(), nullable=False),
    sa.Column('recorded_by_name', sa.String(length=200), nullable=False),
    sa.Column('recorded_by_job_title', sa.String(length=200), nullable=True),
    sa.Column('recorded_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.Column('created_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_partner_positions_agency_id_agencies')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_partner_positions_case_id_cases')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_partner_positions_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_positions')),
    sa.UniqueConstraint('subject_type', 'subject_id', 'partner', name=op.f('uq_partner_positions_subject_type_subject_id_partner'))
    )
    with op.batch_alter_table('partner_positions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_positions_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partner_positions_subject_id'), ['subject_id'], unique=False)

    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('safeguarding_partner', sa.Enum('local_authority', 'integrated_care_board', 'police', name='safeguardingpartner', native_enum=False, length=40), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_agencies_safeguarding_partner'), ['safeguarding_partner'])

    agencies = sa.table('agencies', sa.column('id', sa.Uuid()), sa.column('name', sa.String()),
                        sa.column('kind', sa.String()), sa.column('statutory_partner', sa.Boolean()),
                        sa.column('safeguarding_partner', sa.String()))
    connection = op.get_bind()
    for kind, partner in _PARTNER_OF_KIND.items():
        first = connection.execute(
            sa.select(agencies.c.id).where(agencies.c.statutory_partner.is_(True), agencies.c.kind == kind)
            .order_by(agencies.c.name, agencies.c.id).limit(1)).scalar()
        if first is not None:
            connection.execute(agencies.update().where(agencies.c.id == first).values(safeguarding_partner=partner))

    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.drop_column('statutory_partner')


def downgrade() -> None:
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('statutory_partner', sa.Boolean(), nullable=False, server_default=sa.false()))
    agencies = sa.table('agencies', sa.column('statutory_partner', sa.Boolean()),
                        sa.column('safeguarding_partner', sa.String()))
    op.get_bind().execute(agencies.update().where(agencies.c.safeguarding_partner.is_not(None))
                          .values(statutory_partner=True))
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.alter_column('statutory_partner', server_default=None)
        batch_op.drop_constraint(batch_op.f('uq_agencies_safeguarding_partner'), type_='unique')
        batch_op.drop_column('safeguarding_partner')

    with op.batch_alter_table('partner_positions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_positions_subject_id'))
        batch_op.drop_index(batch_op.f('ix_partner_positions_case_id'))

    op.drop_table('partner_positions')
