"""cases: one record per child's case that every stage hangs off, and the case access log

Revision ID: 20261202_cases
Revises: 20261201_60
Create Date: 2026-12-02 09:00:00.000000

Existing data is moved onto cases:
- every notification and every referral starts a case named by its reference;
- a rapid review joins its notification's case, or its referral's (typed `referral_id` replaces
  `source_type`/`source_id`); a review joins its rapid review's or its referral's (`rapid_review_id`,
  `referral_id`); a record whose source cannot be found starts a case of its own;
- an information request joins its rapid review's case; a deadline its subject's case, and the reference in
  its title becomes `{child}`, filled from the case when shown.
Until now nothing kept two unrelated records from carrying the same reference (a provisional referral
reference can match a notification's). References are unique from here, so a later record whose reference an
earlier case already holds gets "(2)", "(3)", ... appended rather than being merged into another child's case.
The child_reference copies and the untyped source columns are then dropped.
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import backend.core.db

revision: str = '20261202_cases'
down_revision: str | Sequence[str] | None = '20261201_60'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAGES = ('incident_notifications', 'referrals', 'rapid_reviews', 'reviews', 'information_requests')
CHILD = '{child}'


def _table(name: str, *columns: str) -> sa.TableClause:
    """A lightweight table for the data moves; ids are UUIDs and timestamps the application's UTC type."""
    types = {'created_at': backend.core.db.UTCDateTime(timezone=True),
             'updated_at': backend.core.db.UTCDateTime(timezone=True)}
    return sa.table(name, *(sa.column(c, types.get(c, sa.Uuid() if c == 'id' or c.endswith('_id') else sa.String()))
                            for c in columns))


def upgrade() -> None:
    op.create_table('cases',
    sa.Column('reference', sa.String(length=100), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
    sa.UniqueConstraint('reference', name=op.f('uq_cases_reference'))
    )
    op.create_table('case_access_log',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('occurred_at', backend.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor_type', sa.String(length=20), nullable=False),
    sa.Column('actor_id', sa.Uuid(), nullable=False),
    sa.Column('actor_name', sa.String(length=200), nullable=False),
    sa.Column('actor_role', sa.String(length=40), nullable=True),
    sa.Column('actor_agency_id', sa.Uuid(), nullable=True),
    sa.Column('record_type', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.Uuid(), nullable=False),
    sa.Column('method', sa.String(length=10), nullable=False),
    sa.Column('path', sa.String(length=500), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['actor_agency_id'], ['agencies.id'], name=op.f('fk_case_access_log_actor_agency_id_agencies')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_access_log_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_access_log'))
    )
    with op.batch_alter_table('case_access_log', schema=None) as batch_op:
        batch_op.create_index('ix_case_access_log_case_occurred', ['case_id', 'occurred_at'], unique=False)

    for table in (*STAGES, 'deadlines'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('case_id', sa.Uuid(), nullable=True))
    with op.batch_alter_table('rapid_reviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('referral_id', sa.Uuid(), nullable=True))
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rapid_review_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('referral_id', sa.Uuid(), nullable=True))

    _move_onto_cases(op.get_bind())

    for table in ('incident_notifications', 'referrals', 'information_requests'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('case_id', existing_type=sa.Uuid(), nullable=False)
            batch_op.create_foreign_key(batch_op.f(f'fk_{table}_case_id_cases'), 'cases', ['case_id'], ['id'])
            batch_op.create_index(batch_op.f(f'ix_{table}_case_id'), ['case_id'], unique=False)
            if table == 'referrals':
                batch_op.drop_index(batch_op.f('ix_referrals_child_reference'))
            batch_op.drop_column('child_reference')
    with op.batch_alter_table('rapid_reviews', schema=None) as batch_op:
        batch_op.alter_column('case_id', existing_type=sa.Uuid(), nullable=False)
        batch_op.create_foreign_key(batch_op.f('fk_rapid_reviews_case_id_cases'), 'cases', ['case_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_rapid_reviews_referral_id_referrals'), 'referrals',
                                    ['referral_id'], ['id'])
        batch_op.create_index(batch_op.f('ix_rapid_reviews_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rapid_reviews_referral_id'), ['referral_id'], unique=False)
        batch_op.drop_index(batch_op.f('ix_rapid_reviews_source_id'))
        batch_op.drop_column('child_reference')
        batch_op.drop_column('source_type')
        batch_op.drop_column('source_id')
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.alter_column('case_id', existing_type=sa.Uuid(), nullable=False)
        batch_op.create_foreign_key(batch_op.f('fk_reviews_case_id_cases'), 'cases', ['case_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_reviews_rapid_review_id_rapid_reviews'), 'rapid_reviews',
                                    ['rapid_review_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_reviews_referral_id_referrals'), 'referrals', ['referral_id'], ['id'])
        batch_op.create_index(batch_op.f('ix_reviews_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reviews_rapid_review_id'), ['rapid_review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reviews_referral_id'), ['referral_id'], unique=False)
        batch_op.drop_column('child_reference')
        batch_op.drop_column('source_type')
        batch_op.drop_column('source_id')
    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f('fk_deadlines_case_id_cases'), 'cases', ['case_id'], ['id'])
        batch_op.create_index(batch_op.f('ix_deadlines_case_id'), ['case_id'], unique=False)
        batch_op.drop_column('child_reference')


class _Cases:
    """The cases being made, one per starting record, with unique references in the order the records came."""

    def __init__(self) -> None:
        self.rows: list[dict[str, object]] = []
        self.taken: set[str] = set()

    def open(self, reference: str | None, created_at: datetime | None) -> uuid.UUID:
        base = (reference or '').strip() or 'Child (no reference)'
        candidate, number = base[:100], 1
        while candidate in self.taken:
            number += 1
            suffix = f' ({number})'
            candidate = base[:100 - len(suffix)] + suffix
        self.taken.add(candidate)
        moment = created_at or datetime.now(UTC)
        case_id = uuid.uuid4()
        self.rows.append({'id': case_id, 'reference': candidate, 'created_at': moment, 'updated_at': moment})
        return case_id


def _move_onto_cases(bind: sa.engine.Connection) -> None:
    notifications = _table('incident_notifications', 'id', 'child_reference', 'created_at', 'case_id')
    referrals = _table('referrals', 'id', 'child_reference', 'created_at', 'case_id')
    rapid_reviews = _table('rapid_reviews', 'id', 'child_reference', 'created_at', 'case_id', 'source_type',
                           'source_id', 'notification_id', 'referral_id')
    reviews = _table('reviews', 'id', 'child_reference', 'created_at', 'case_id', 'source_type', 'source_id',
                     'rapid_review_id', 'referral_id')
    requests = _table('information_requests', 'id', 'rapid_review_id', 'case_id')
    actions = _table('immediate_actions', 'id', 'rapid_review_id')
    events = _table('events', 'id', 'review_id')
    deadlines = _table('deadlines', 'id', 'subject_type', 'subject_id', 'title', 'child_reference', 'case_id')
    cases = _table('cases', 'id', 'reference', 'created_at', 'updated_at')

    made = _Cases()
    starts: list[tuple[datetime, str, sa.TableClause, uuid.UUID, str]] = []
    for table in (notifications, referrals):
        for row in bind.execute(sa.select(table.c.id, table.c.child_reference, table.c.created_at)):
            starts.append((row.created_at, table.name, table, row.id, row.child_reference))
    case_of: dict[uuid.UUID, uuid.UUID] = {}
    updates: dict[str, list[dict[str, object]]] = {t: [] for t in (*STAGES, 'deadlines')}
    for created_at, name, _, record_id, reference in sorted(starts, key=lambda s: (s[0], s[1], str(s[3]))):
        case_of[record_id] = made.open(reference, created_at)
        updates[name].append({'_id': record_id, 'case_id': case_of[record_id]})

    referral_ids = {record_id for _, name, _, record_id, _ in starts if name == 'referrals'}
    for row in bind.execute(sa.select(rapid_reviews).order_by(rapid_reviews.c.created_at)):
        source = row.notification_id or row.source_id
        referral_id = row.source_id if row.source_type == 'referral' and row.source_id in referral_ids else None
        case_id = case_of.get(source) or made.open(row.child_reference, row.created_at)
        case_of[row.id] = case_id
        updates['rapid_reviews'].append({'_id': row.id, 'case_id': case_id, 'referral_id': referral_id})
    for row in bind.execute(sa.select(reviews).order_by(reviews.c.created_at)):
        known = row.source_id if row.source_type in ('rapid_review', 'referral') and row.source_id in case_of else None
        case_id = case_of[known] if known else made.open(row.child_reference, row.created_at)
        case_of[row.id] = case_id
        updates['reviews'].append({
            '_id': row.id, 'case_id': case_id,
            'rapid_review_id': known if row.source_type == 'rapid_review' else None,
            'referral_id': known if row.source_type == 'referral' else None,
        })
    for row in bind.execute(sa.select(requests.c.id, requests.c.rapid_review_id)):
        case_of[row.id] = case_of[row.rapid_review_id]
        updates['information_requests'].append({'_id': row.id, 'case_id': case_of[row.id]})
    for row in bind.execute(sa.select(actions.c.id, actions.c.rapid_review_id)):
        if row.rapid_review_id in case_of:
            case_of[row.id] = case_of[row.rapid_review_id]
    for row in bind.execute(sa.select(events.c.id, events.c.review_id)):
        if row.review_id in case_of:
            case_of[row.id] = case_of[row.review_id]

    for row in bind.execute(sa.select(deadlines.c.id, deadlines.c.subject_id, deadlines.c.title,
                                      deadlines.c.child_reference)):
        case_id = case_of.get(row.subject_id)
        if case_id is None:
            continue
        title = row.title.replace(row.child_reference, CHILD) if row.child_reference else row.title
        updates['deadlines'].append({'_id': row.id, 'case_id': case_id, 'title': title})

    if made.rows:
        bind.execute(cases.insert(), made.rows)
    tables = {t.name: t for t in (notifications, referrals, rapid_reviews, reviews, requests, deadlines)}
    for name, rows in updates.items():
        if not rows:
            continue
        table = tables[name]
        values = {column: sa.bindparam(column) for column in rows[0] if column != '_id'}
        bind.execute(table.update().where(table.c.id == sa.bindparam('_id')).values(values), rows)


def downgrade() -> None:
    for table in (*STAGES, 'deadlines'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('child_reference', sa.String(length=100), nullable=True))
    for table in ('rapid_reviews', 'reviews'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('source_type', sa.String(length=40), nullable=True))
            batch_op.add_column(sa.Column('source_id', sa.Uuid(), nullable=True))

    bind = op.get_bind()
    cases = _table('cases', 'id', 'reference')
    references = dict(bind.execute(sa.select(cases.c.id, cases.c.reference)).tuples().all())
    for name in (*STAGES, 'deadlines'):
        extra = {'rapid_reviews': ('notification_id', 'referral_id'), 'reviews': ('rapid_review_id', 'referral_id'),
                 'deadlines': ('title',)}.get(name, ())
        table = _table(name, 'id', 'case_id', 'child_reference', 'source_type', 'source_id', *extra)
        rows = []
        for row in bind.execute(sa.select(table.c.id, table.c.case_id, *(table.c[c] for c in extra))):
            reference = references.get(row.case_id, '')
            values: dict[str, object] = {'_id': row.id, 'child_reference': reference}
            if name == 'rapid_reviews':
                values['source_type'] = 'referral' if row.referral_id else 'incident_notification'
                values['source_id'] = row.referral_id or row.notification_id
            elif name == 'reviews':
                values['source_type'] = 'rapid_review' if row.rapid_review_id else (
                    'referral' if row.referral_id else None)
                values['source_id'] = row.rapid_review_id or row.referral_id
            elif name == 'deadlines':
                values['title'] = row.title.replace(CHILD, reference)
            rows.append(values)
        if rows:
            columns = {column: sa.bindparam(column) for column in rows[0] if column != '_id'}
            bind.execute(table.update().where(table.c.id == sa.bindparam('_id')).values(columns), rows)

    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.alter_column('child_reference', existing_type=sa.String(length=100), nullable=False,
                              server_default='')
        batch_op.drop_index(batch_op.f('ix_deadlines_case_id'))
        batch_op.drop_constraint(batch_op.f('fk_deadlines_case_id_cases'), type_='foreignkey')
        batch_op.drop_column('case_id')
    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.alter_column('child_reference', existing_type=sa.String(length=100), server_default=None)
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.alter_column('child_reference', existing_type=sa.String(length=100), nullable=False)
        for index in ('ix_reviews_referral_id', 'ix_reviews_rapid_review_id', 'ix_reviews_case_id'):
            batch_op.drop_index(batch_op.f(index))
        for fk in ('fk_reviews_referral_id_referrals', 'fk_reviews_rapid_review_id_rapid_reviews',
                   'fk_reviews_case_id_cases'):
            batch_op.drop_constraint(batch_op.f(fk), type_='foreignkey')
        batch_op.drop_column('referral_id')
        batch_op.drop_column('rapid_review_id')
        batch_op.drop_column('case_id')
    with op.batch_alter_table('rapid_reviews', schema=None) as batch_op:
        batch_op.alter_column('child_reference', existing_type=sa.String(length=100), nullable=False)
        batch_op.alter_column('source_type', existing_type=sa.String(length=40), nullable=False)
        batch_op.alter_column('source_id', existing_type=sa.Uuid(), nullable=False)
        batch_op.create_index(batch_op.f('ix_rapid_reviews_source_id'), ['source_id'], unique=False)
        for index in ('ix_rapid_reviews_referral_id', 'ix_rapid_reviews_case_id'):
            batch_op.drop_index(batch_op.f(index))
        for fk in ('fk_rapid_reviews_referral_id_referrals', 'fk_rapid_reviews_case_id_cases'):
            batch_op.drop_constraint(batch_op.f(fk), type_='foreignkey')
        batch_op.drop_column('referral_id')
        batch_op.drop_column('case_id')
    for table in ('information_requests', 'referrals', 'incident_notifications'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('child_reference', existing_type=sa.String(length=100), nullable=False)
            if table == 'referrals':
                batch_op.create_index(batch_op.f('ix_referrals_child_reference'), ['child_reference'], unique=False)
            batch_op.drop_index(batch_op.f(f'ix_{table}_case_id'))
            batch_op.drop_constraint(batch_op.f(f'fk_{table}_case_id_cases'), type_='foreignkey')
            batch_op.drop_column('case_id')
    with op.batch_alter_table('case_access_log', schema=None) as batch_op:
        batch_op.drop_index('ix_case_access_log_case_occurred')
    op.drop_table('case_access_log')
    op.drop_table('cases')
