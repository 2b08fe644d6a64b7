"""agency submissions: one mechanism for what an agency is asked to submit; information requests move onto it

Revision ID: 20261202_74
Revises: 20261202_cases
Create Date: 2026-12-02 09:00:00.000000

Each information request gets an `agency_submissions` row holding what the request held itself: its state, the
agency's draft, what it submitted (`content`), when and by whom, the latest return's reasons, and its version
(so an ETag read before the upgrade is still current after it). A request already answered gets one revision
holding that response, marked returned when it was sent back since. The old design overwrote a response
when it was resubmitted, so an earlier one cannot be restored: the revision is numbered by the submissions the
audit log counts, so a resubmitted response still reads as resubmitted. Who submitted and who returned are
taken from the audit log where it has them. Downgrading keeps only the latest submission of each request.
"""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

import backend.core.db

revision: str = '20261202_74'
down_revision: str | Sequence[str] | None = '20261202_cases'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_DATETIME = backend.core.db.UTCDateTime(timezone=True)
REQUEST_STATE = sa.Enum('requested', 'draft', 'submitted', 'returned', name='informationrequeststate',
                        native_enum=False, length=20)

# The tables as this migration reads and writes them (not the models, which move on).
information_requests = sa.table(
    'information_requests', sa.column('id', sa.Uuid()), sa.column('agency_id', sa.Uuid()),
    sa.column('submission_id', sa.Uuid()), sa.column('state', sa.String()), sa.column('draft', sa.JSON()),
    sa.column('submission', sa.JSON()), sa.column('submitted_at', UTC_DATETIME),
    sa.column('submitted_by_name', sa.String()), sa.column('return_reasons', sa.Text()),
    sa.column('version', sa.Integer()), sa.column('created_at', UTC_DATETIME), sa.column('updated_at', UTC_DATETIME),
)
agency_submissions = sa.table(
    'agency_submissions', sa.column('id', sa.Uuid()), sa.column('kind', sa.String()),
    sa.column('agency_id', sa.Uuid()), sa.column('state', sa.String()), sa.column('draft', sa.JSON()),
    sa.column('content', sa.JSON()), sa.column('revision', sa.Integer()), sa.column('submitted_at', UTC_DATETIME),
    sa.column('submitted_by_id', sa.Uuid()), sa.column('submitted_by_name', sa.String()),
    sa.column('return_reasons', sa.Text()), sa.column('version', sa.Integer()),
    sa.column('created_at', UTC_DATETIME), sa.column('updated_at', UTC_DATETIME),
)
agency_submission_revisions = sa.table(
    'agency_submission_revisions', sa.column('id', sa.Uuid()), sa.column('submission_id', sa.Uuid()),
    sa.column('number', sa.Integer()), sa.column('content', sa.JSON()), sa.column('submitted_at', UTC_DATETIME),
    sa.column('submitted_by_id', sa.Uuid()), sa.column('submitted_by_name', sa.String()),
    sa.column('returned_at', UTC_DATETIME), sa.column('returned_by_id', sa.Uuid()),
    sa.column('returned_by_name', sa.String()), sa.column('return_reasons', sa.Text()),
)
audit_events = sa.table(
    'audit_events', sa.column('entity_type', sa.String()), sa.column('entity_id', sa.String()),
    sa.column('action', sa.String()), sa.column('actor_id', sa.Uuid()), sa.column('actor_name', sa.String()),
    sa.column('occurred_at', UTC_DATETIME),
)


def upgrade() -> None:
    op.create_table('agency_submissions',
    sa.Column('kind', sa.Enum('information_request', 'chronology', 'key_event_analysis', 'action_update', name='submissionkind', native_enum=False, length=30), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=False),
    sa.Column('state', sa.Enum('requested', 'draft', 'submitted', 'returned', name='submissionstate', native_enum=False, length=20), nullable=False),
    sa.Column('draft', sa.JSON(), nullable=True),
    sa.Column('content', sa.JSON(), nullable=True),
    sa.Column('revision', sa.Integer(), server_default='0', nullable=False),
    sa.Column('submitted_at', backend.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('submitted_by_id', sa.Uuid(), nullable=True),
    sa.Column('submitted_by_name', sa.String(length=200), nullable=True),
    sa.Column('return_reasons', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_agency_submissions_agency_id_agencies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agency_submissions'))
    )
    with op.batch_alter_table('agency_submissions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agency_submissions_agency_id'), ['agency_id'], unique=False)

    op.create_table('agency_submission_revisions',
    sa.Column('submission_id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('submitted_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('submitted_by_id', sa.Uuid(), nullable=True),
    sa.Column('submitted_by_name', sa.String(length=200), nullable=False),
    sa.Column('returned_at', backend.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('returned_by_id', sa.Uuid(), nullable=True),
    sa.Column('returned_by_name', sa.String(length=200), nullable=True),
    sa.Column('return_reasons', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['submission_id'], ['agency_submissions.id'], name=op.f('fk_agency_submission_revisions_submission_id_agency_submissions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agency_submission_revisions')),
    sa.UniqueConstraint('submission_id', 'number', name=op.f('uq_agency_submission_revisions_submission_id_number'))
    )
    with op.batch_alter_table('agency_submission_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agency_submission_revisions_submission_id'), ['submission_id'], unique=False)

    with op.batch_alter_table('information_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submission_id', sa.Uuid(), nullable=True))

    _move_requests_onto_submissions(op.get_bind())

    with op.batch_alter_table('information_requests', schema=None) as batch_op:
        batch_op.alter_column('submission_id', existing_type=sa.Uuid(), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_information_requests_submission_id'), ['submission_id'])
        batch_op.create_foreign_key(batch_op.f('fk_information_requests_submission_id_agency_submissions'), 'agency_submissions', ['submission_id'], ['id'])
        batch_op.drop_column('version')
        batch_op.drop_column('submitted_at')
        batch_op.drop_column('state')
        batch_op.drop_column('draft')
        batch_op.drop_column('submitted_by_name')
        batch_op.drop_column('return_reasons')
        batch_op.drop_column('submission')


def _steps_in_the_audit_log(connection: sa.Connection) -> dict[tuple[str, str], list[Any]]:
    """(request id, action) → its audit entries, oldest first: who submitted and returned, and how often."""
    rows = connection.execute(
        sa.select(audit_events.c.entity_id, audit_events.c.action, audit_events.c.actor_id,
                  audit_events.c.actor_name, audit_events.c.occurred_at)
        .where(audit_events.c.entity_type == 'information_request',
               audit_events.c.action.in_(['submit', 'return_for_more']))
        .order_by(audit_events.c.occurred_at))
    steps: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for row in rows:
        steps[(row.entity_id, row.action)].append(row)
    return steps


def _move_requests_onto_submissions(connection: sa.Connection) -> None:
    steps = _steps_in_the_audit_log(connection)
    for request in connection.execute(sa.select(information_requests)).all():
        submits, returns = steps[(str(request.id), 'submit')], steps[(str(request.id), 'return_for_more')]
        submission_id = uuid.uuid4()
        answered = request.submission is not None
        number = max(1, len(submits)) if answered else 0
        connection.execute(sa.insert(agency_submissions).values(
            id=submission_id, kind='information_request', agency_id=request.agency_id, state=request.state,
            draft=request.draft, content=request.submission, revision=number, submitted_at=request.submitted_at,
            submitted_by_id=submits[-1].actor_id if answered and submits else None,
            submitted_by_name=request.submitted_by_name, return_reasons=request.return_reasons,
            version=request.version, created_at=request.created_at, updated_at=request.updated_at))
        if answered:
            # A response is only ever drafted again after it was returned, so `draft` with a response means returned.
            returned = request.state in ('returned', 'draft')
            last_return = returns[-1] if returned and returns else None
            connection.execute(sa.insert(agency_submission_revisions).values(
                id=uuid.uuid4(), submission_id=submission_id, number=number, content=request.submission,
                submitted_at=request.submitted_at or request.updated_at,
                submitted_by_id=submits[-1].actor_id if submits else None,
                submitted_by_name=request.submitted_by_name or (submits[-1].actor_name if submits else 'Unknown'),
                returned_at=(last_return.occurred_at if last_return else request.updated_at) if returned else None,
                returned_by_id=last_return.actor_id if last_return else None,
                returned_by_name=last_return.actor_name if last_return else None,
                return_reasons=request.return_reasons if returned else None))
        connection.execute(sa.update(information_requests).where(information_requests.c.id == request.id)
                           .values(submission_id=submission_id))


def downgrade() -> None:
    with op.batch_alter_table('information_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submission', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('return_reasons', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('submitted_by_name', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('draft', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('state', REQUEST_STATE, nullable=True))
        batch_op.add_column(sa.Column('submitted_at', UTC_DATETIME, nullable=True))
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    connection = op.get_bind()
    for submission in connection.execute(sa.select(agency_submissions)
                                         .where(agency_submissions.c.kind == 'information_request')).all():
        connection.execute(sa.update(information_requests)
                           .where(information_requests.c.submission_id == submission.id)
                           .values(state=submission.state, draft=submission.draft, submission=submission.content,
                                   submitted_at=submission.submitted_at,
                                   submitted_by_name=submission.submitted_by_name,
                                   return_reasons=submission.return_reasons, version=submission.version))

    with op.batch_alter_table('information_requests', schema=None) as batch_op:
        batch_op.alter_column('state', existing_type=REQUEST_STATE, nullable=False)
        batch_op.drop_constraint(batch_op.f('fk_information_requests_submission_id_agency_submissions'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_information_requests_submission_id'), type_='unique')
        batch_op.drop_column('submission_id')

    with op.batch_alter_table('agency_submission_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agency_submission_revisions_submission_id'))

    op.drop_table('agency_submission_revisions')
    with op.batch_alter_table('agency_submissions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agency_submissions_agency_id'))

    op.drop_table('agency_submissions')
