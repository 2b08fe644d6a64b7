"""review process: commissioning notices, delays, the review group (members, meetings) and the terms of reference
(versions, the scrutineer's observations)

Revision ID: 20261202_review_process
Revises: 20261202_chronologies
Create Date: 2026-12-02 07:23:25.848917

New tables only; the new deadline kind (`delay_panel_notice`) and subject type (`review_delay`) are values of
VARCHAR columns, so no existing row changes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import backend.core.db

revision: str = '20261202_review_process'
down_revision: str | Sequence[str] | None = '20261202_chronologies'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('review_commissioning_notices',
    sa.Column('review_id', sa.Uuid(), nullable=False),
    sa.Column('recipient', sa.Enum('national_panel', 'ofsted', 'dfe', name='noticerecipient', native_enum=False, length=20), nullable=False),
    sa.Column('address', sa.String(length=320), nullable=False),
    sa.Column('lead_reviewer_id', sa.Uuid(), nullable=True),
    sa.Column('lead_reviewer_name', sa.String(length=200), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.Column('sent_by_name', sa.String(length=200), nullable=False),
    sa.Column('outbox_message_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['lead_reviewer_id'], ['users.id'], name=op.f('fk_review_commissioning_notices_lead_reviewer_id_users')),
    sa.ForeignKeyConstraint(['outbox_message_id'], ['outbox_messages.id'], name=op.f('fk_review_commissioning_notices_outbox_message_id_outbox_messages'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_review_commissioning_notices_review_id_reviews'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_commissioning_notices'))
    )
    with op.batch_alter_table('review_commissioning_notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_commissioning_notices_review_id'), ['review_id'], unique=False)

    op.create_table('review_delays',
    sa.Column('review_id', sa.Uuid(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('expected_completion', sa.Date(), nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.Column('recorded_by_name', sa.String(length=200), nullable=False),
    sa.Column('panel_told_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_review_delays_review_id_reviews'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_delays'))
    )
    with op.batch_alter_table('review_delays', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_delays_review_id'), ['review_id'], unique=False)

    op.create_table('review_group_meetings',
    sa.Column('review_id', sa.Uuid(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('minutes', sa.Text(), nullable=False),
    sa.Column('decisions', sa.Text(), nullable=False),
    sa.Column('family_engagement', sa.Text(), nullable=False),
    sa.Column('recorded_by_name', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_review_group_meetings_review_id_reviews'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_group_meetings'))
    )
    with op.batch_alter_table('review_group_meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_group_meetings_review_id'), ['review_id'], unique=False)

    op.create_table('review_group_members',
    sa.Column('review_id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=True),
    sa.Column('role', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_review_group_members_agency_id_agencies')),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_review_group_members_review_id_reviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_review_group_members_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_group_members'))
    )
    with op.batch_alter_table('review_group_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_group_members_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_group_members_review_id'), ['review_id'], unique=False)

    op.create_table('review_group_meeting_attendees',
    sa.Column('meeting_id', sa.Uuid(), nullable=False),
    sa.Column('member_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['review_group_meetings.id'], name=op.f('fk_review_group_meeting_attendees_meeting_id_review_group_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['review_group_members.id'], name=op.f('fk_review_group_meeting_attendees_member_id_review_group_members')),
    sa.PrimaryKeyConstraint('meeting_id', 'member_id', name=op.f('pk_review_group_meeting_attendees'))
    )
    op.create_table('terms_of_reference_versions',
    sa.Column('review_id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('draft', 'agreed', 'superseded', name='termsstate', native_enum=False, length=20), nullable=False),
    sa.Column('terms', sa.Text(), nullable=False),
    sa.Column('key_lines_of_enquiry', sa.JSON(), nullable=False),
    sa.Column('drafted_by_name', sa.String(length=200), nullable=False),
    sa.Column('agreed_on', sa.Date(), nullable=True),
    sa.Column('agreed_by_name', sa.String(length=200), nullable=True),
    sa.Column('agreed_at_meeting_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['agreed_at_meeting_id'], ['review_group_meetings.id'], name=op.f('fk_terms_of_reference_versions_agreed_at_meeting_id_review_group_meetings')),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_terms_of_reference_versions_review_id_reviews'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_terms_of_reference_versions')),
    sa.UniqueConstraint('review_id', 'number', name=op.f('uq_terms_of_reference_versions_review_id_number'))
    )
    with op.batch_alter_table('terms_of_reference_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_terms_of_reference_versions_review_id'), ['review_id'], unique=False)

    op.create_table('terms_of_reference_observations',
    sa.Column('version_id', sa.Uuid(), nullable=False),
    sa.Column('author_id', sa.Uuid(), nullable=True),
    sa.Column('author_name', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_terms_of_reference_observations_author_id_users')),
    sa.ForeignKeyConstraint(['version_id'], ['terms_of_reference_versions.id'], name=op.f('fk_terms_of_reference_observations_version_id_terms_of_reference_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_terms_of_reference_observations'))
    )
    with op.batch_alter_table('terms_of_reference_observations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_terms_of_reference_observations_version_id'), ['version_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('terms_of_reference_observations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_terms_of_reference_observations_version_id'))

    op.drop_table('terms_of_reference_observations')
    with op.batch_alter_table('terms_of_reference_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_terms_of_reference_versions_review_id'))

    op.drop_table('terms_of_reference_versions')
    op.drop_table('review_group_meeting_attendees')
    with op.batch_alter_table('review_group_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_group_members_review_id'))
        batch_op.drop_index(batch_op.f('ix_review_group_members_agency_id'))

    op.drop_table('review_group_members')
    with op.batch_alter_table('review_group_meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_group_meetings_review_id'))

    op.drop_table('review_group_meetings')
    with op.batch_alter_table('review_delays', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_delays_review_id'))

    op.drop_table('review_delays')
    with op.batch_alter_table('review_commissioning_notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_commissioning_notices_review_id'))

    op.drop_table('review_commissioning_notices')
