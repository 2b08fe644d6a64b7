"""overview reports: drafts and shared versions, comments, accepted anonymisation findings, the sign-off chain
and publication

Revision ID: 20261202_overview_reports
Revises: 20261202_review_engagement
Create Date: 2026-12-02 07:23:53.332502
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import backend.core.db


revision: str = '20261202_overview_reports'
down_revision: str | Sequence[str] | None = '20261202_review_engagement'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('anonymisation_acceptances',
    sa.Column('review_id', sa.Uuid(), nullable=False),
    sa.Column('key', sa.String(length=400), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('text', sa.String(length=300), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('accepted_by_id', sa.Uuid(), nullable=False),
    sa.Column('accepted_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['accepted_by_id'], ['users.id'], name=op.f('fk_anonymisation_acceptances_accepted_by_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_anonymisation_acceptances_case_id_cases')),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_anonymisation_acceptances_review_id_reviews')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_anonymisation_acceptances')),
    sa.UniqueConstraint('review_id', 'key', name=op.f('uq_anonymisation_acceptances_review_id_key'))
    )
    with op.batch_alter_table('anonymisation_acceptances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_anonymisation_acceptances_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_anonymisation_acceptances_review_id'), ['review_id'], unique=False)

    op.create_table('report_drafts',
    sa.Column('review_id', sa.Uuid(), nullable=False),
    sa.Column('document', sa.Enum('overview_report', 'executive_summary', name='reportdocument', native_enum=False, length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('source', sa.Enum('typed', 'docx', name='versionsource', native_enum=False, length=20), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_report_drafts_case_id_cases')),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_report_drafts_review_id_reviews')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_report_drafts_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_drafts')),
    sa.UniqueConstraint('review_id', 'document', name=op.f('uq_report_drafts_review_id_document'))
    )
    with op.batch_alter_table('report_drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_drafts_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_drafts_review_id'), ['review_id'], unique=False)

    op.create_table('report_versions',
    sa.Column('review_id', sa.Uuid(), nullable=False),
    sa.Column('document', sa.Enum('overview_report', 'executive_summary', name='reportdocument', native_enum=False, length=40), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('source', sa.Enum('typed', 'docx', name='versionsource', native_enum=False, length=20), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('shared_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('shared_by_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_report_versions_case_id_cases')),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_report_versions_review_id_reviews')),
    sa.ForeignKeyConstraint(['shared_by_id'], ['users.id'], name=op.f('fk_report_versions_shared_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_versions')),
    sa.UniqueConstraint('review_id', 'document', 'number', name=op.f('uq_report_versions_review_id_document_number'))
    )
    with op.batch_alter_table('report_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_versions_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_versions_review_id'), ['review_id'], unique=False)

    op.create_table('report_comments',
    sa.Column('version_id', sa.Uuid(), nullable=False),
    sa.Column('parent_id', sa.Uuid(), nullable=True),
    sa.Column('paragraph', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('state', sa.Enum('open', 'answered', 'resolved', name='commentstate', native_enum=False, length=20), nullable=False),
    sa.Column('scrutineer_review', sa.Boolean(), nullable=False),
    sa.Column('author_id', sa.Uuid(), nullable=False),
    sa.Column('resolved_at', backend.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('resolved_by_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_report_comments_author_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_report_comments_case_id_cases')),
    sa.ForeignKeyConstraint(['parent_id'], ['report_comments.id'], name=op.f('fk_report_comments_parent_id_report_comments')),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_report_comments_resolved_by_id_users')),
    sa.ForeignKeyConstraint(['version_id'], ['report_versions.id'], name=op.f('fk_report_comments_version_id_report_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_comments'))
    )
    with op.batch_alter_table('report_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_comments_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_comments_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_comments_version_id'), ['version_id'], unique=False)

    op.create_table('report_publications',
    sa.Column('review_id', sa.Uuid(), nullable=False),
    sa.Column('state', sa.Enum('planning', 'published', name='publicationstate', native_enum=False, length=20), nullable=False),
    sa.Column('planned_at', backend.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('members_briefing_on', sa.Date(), nullable=True),
    sa.Column('press_statement_on', sa.Date(), nullable=True),
    sa.Column('published_at', backend.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('published_version_id', sa.Uuid(), nullable=True),
    sa.Column('published_summary_version_id', sa.Uuid(), nullable=True),
    sa.Column('panel_told_of_delay_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_report_publications_case_id_cases')),
    sa.ForeignKeyConstraint(['published_summary_version_id'], ['report_versions.id'], name=op.f('fk_report_publications_published_summary_version_id_report_versions')),
    sa.ForeignKeyConstraint(['published_version_id'], ['report_versions.id'], name=op.f('fk_report_publications_published_version_id_report_versions')),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_report_publications_review_id_reviews')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_publications')),
    sa.UniqueConstraint('review_id', name=op.f('uq_report_publications_review_id'))
    )
    with op.batch_alter_table('report_publications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_publications_case_id'), ['case_id'], unique=False)

    op.create_table('report_sign_offs',
    sa.Column('review_id', sa.Uuid(), nullable=False),
    sa.Column('state', sa.Enum('awaiting_review_group', 'awaiting_sub_group', 'awaiting_partners', 'awaiting_panel', 'sent_to_panel', name='signoffstate', native_enum=False, length=40), nullable=False),
    sa.Column('version_id', sa.Uuid(), nullable=True),
    sa.Column('summary_version_id', sa.Uuid(), nullable=True),
    sa.Column('sent_to_panel_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_report_sign_offs_case_id_cases')),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_report_sign_offs_review_id_reviews')),
    sa.ForeignKeyConstraint(['summary_version_id'], ['report_versions.id'], name=op.f('fk_report_sign_offs_summary_version_id_report_versions')),
    sa.ForeignKeyConstraint(['version_id'], ['report_versions.id'], name=op.f('fk_report_sign_offs_version_id_report_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_sign_offs')),
    sa.UniqueConstraint('review_id', name=op.f('uq_report_sign_offs_review_id'))
    )
    with op.batch_alter_table('report_sign_offs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_sign_offs_case_id'), ['case_id'], unique=False)

    op.create_table('report_sign_off_steps',
    sa.Column('sign_off_id', sa.Uuid(), nullable=False),
    sa.Column('step', sa.Enum('review_group', 'sub_group', 'local_authority', 'integrated_care_board', 'police', 'national_panel', name='signoffstepname', native_enum=False, length=40), nullable=False),
    sa.Column('version_id', sa.Uuid(), nullable=False),
    sa.Column('summary_version_id', sa.Uuid(), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('recorded_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('recorded_by_id', sa.Uuid(), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=True),
    sa.Column('invalidated_at', backend.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('invalidated_reason', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_report_sign_off_steps_agency_id_agencies')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_report_sign_off_steps_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['sign_off_id'], ['report_sign_offs.id'], name=op.f('fk_report_sign_off_steps_sign_off_id_report_sign_offs')),
    sa.ForeignKeyConstraint(['summary_version_id'], ['report_versions.id'], name=op.f('fk_report_sign_off_steps_summary_version_id_report_versions')),
    sa.ForeignKeyConstraint(['version_id'], ['report_versions.id'], name=op.f('fk_report_sign_off_steps_version_id_report_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_sign_off_steps'))
    )
    with op.batch_alter_table('report_sign_off_steps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_sign_off_steps_sign_off_id'), ['sign_off_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('report_sign_off_steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_sign_off_steps_sign_off_id'))

    op.drop_table('report_sign_off_steps')
    with op.batch_alter_table('report_sign_offs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_sign_offs_case_id'))

    op.drop_table('report_sign_offs')
    with op.batch_alter_table('report_publications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_publications_case_id'))

    op.drop_table('report_publications')
    with op.batch_alter_table('report_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_comments_version_id'))
        batch_op.drop_index(batch_op.f('ix_report_comments_parent_id'))
        batch_op.drop_index(batch_op.f('ix_report_comments_case_id'))

    op.drop_table('report_comments')
    with op.batch_alter_table('report_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_versions_review_id'))
        batch_op.drop_index(batch_op.f('ix_report_versions_case_id'))

    op.drop_table('report_versions')
    with op.batch_alter_table('report_drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_drafts_review_id'))
        batch_op.drop_index(batch_op.f('ix_report_drafts_case_id'))

    op.drop_table('report_drafts')
    with op.batch_alter_table('anonymisation_acceptances', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_anonymisation_acceptances_review_id'))
        batch_op.drop_index(batch_op.f('ix_anonymisation_acceptances_case_id'))

    op.drop_table('anonymisation_acceptances')
