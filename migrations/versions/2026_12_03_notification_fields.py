"""notification fields: what the National Panel's notification asks about each child, and the two councils

Revision ID: 20261203_notification_fields
Revises: 20261202_learning_reports
Create Date: 2026-12-03 09:00:00

Each notified child gains the Panel's characteristics: age at the incident (worked out here from the date of
birth and the incident date), disability, looked-after status and placement, child in need and child protection
plans, and whether known to any agency. Children recorded before this answer "not known" to each. Sex and
ethnicity were free text: they become the controlled answers; a value that matches none keeps its words as the
description of "any other ethnic group" (ethnicity) or becomes "not known" (sex). The notification gains the
council where the incident happened and the child's home council, empty on older notifications.
"""

import datetime as dt
import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '20261203_notification_fields'
down_revision: str | Sequence[str] | None = '20261202_learning_reports'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

def _words(text: str) -> str:
    return re.sub(r'[\W_]+', ' ', text.replace('&', ' and ')).strip().casefold()


# Frozen here: the migration must not change when the application's lists do.
_ETHNICITIES = {
    'white_british': ('white british', 'white english', 'white: english, welsh, scottish, northern irish or british',
                      'english, welsh, scottish, northern irish or british'),
    'white_irish': ('white irish', 'irish'),
    'white_gypsy_or_irish_traveller': ('gypsy or irish traveller', 'white gypsy or irish traveller',
                                       'traveller of irish heritage', 'gypsy/roma'),
    'white_roma': ('roma', 'white roma'),
    'white_other': ('white other', 'any other white background', 'other white', 'white'),
    'mixed_white_and_black_caribbean': ('mixed white and black caribbean', 'white and black caribbean'),
    'mixed_white_and_black_african': ('mixed white and black african', 'white and black african'),
    'mixed_white_and_asian': ('mixed white and asian', 'white and asian'),
    'mixed_other': ('mixed other', 'any other mixed background', 'mixed', 'mixed heritage', 'dual heritage'),
    'asian_indian': ('indian', 'asian indian', 'asian or asian british indian'),
    'asian_pakistani': ('pakistani', 'asian pakistani', 'asian or asian british pakistani'),
    'asian_bangladeshi': ('bangladeshi', 'asian bangladeshi', 'asian or asian british bangladeshi'),
    'asian_chinese': ('chinese', 'asian chinese'),
    'asian_other': ('asian other', 'any other asian background', 'asian'),
    'black_african': ('african', 'black african', 'black or black british african'),
    'black_caribbean': ('caribbean', 'black caribbean', 'black or black british caribbean'),
    'black_other': ('black other', 'any other black background', 'black', 'black british'),
    'arab': ('arab',),
    'not_known': ('not known', 'unknown', 'not stated', 'refused', 'information not yet obtained'),
}
_BY_WORDS = {_words(words): value for value, known in _ETHNICITIES.items() for words in known}
_SEXES = {'female': 'female', 'f': 'female', 'girl': 'female', 'male': 'male', 'm': 'male', 'boy': 'male',
          'indeterminate': 'indeterminate'}
_NOT_KNOWN_ANSWERS = ('disability', 'looked_after_status', 'child_in_need_plan', 'child_protection_plan',
                      'known_to_agencies')


def _ethnicity(text: str) -> tuple[str, str | None]:
    found = _BY_WORDS.get(_words(text))
    if found is not None:
        return found, None
    return 'other', (text.strip()[:200] or None)


def _age(born: dt.date, day: dt.date) -> int:
    return max(0, day.year - born.year - ((day.month, day.day) < (born.month, born.day)))


def upgrade() -> None:
    with op.batch_alter_table('incident_notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('incident_council', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('home_council', sa.String(length=120), nullable=True))

    with op.batch_alter_table('notified_children', schema=None) as batch_op:
        batch_op.add_column(sa.Column('age_at_incident', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('ethnicity_description', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('disability', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('disability_description', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('looked_after_status', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('placement_type', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('placement_description', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('child_in_need_plan', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('child_protection_plan', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('known_to_agencies', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('known_agencies', sa.Text(), nullable=True))

    bind = op.get_bind()
    children = sa.table('notified_children', sa.column('id', sa.Uuid()), sa.column('notification_id', sa.Uuid()),
                        sa.column('date_of_birth', sa.Date()), sa.column('sex', sa.String()),
                        sa.column('ethnicity', sa.String()), sa.column('ethnicity_description', sa.String()),
                        sa.column('age_at_incident', sa.Integer()),
                        *(sa.column(name, sa.String()) for name in _NOT_KNOWN_ANSWERS))
    notifications = sa.table('incident_notifications', sa.column('id', sa.Uuid()),
                             sa.column('incident_date', sa.Date()))
    rows = bind.execute(sa.select(children.c.id, children.c.date_of_birth, children.c.sex, children.c.ethnicity,
                                  notifications.c.incident_date)
                        .join(notifications, notifications.c.id == children.c.notification_id)).all()
    for child_id, born, sex, ethnicity, incident in rows:
        category, description = _ethnicity(ethnicity or '')
        bind.execute(children.update().where(children.c.id == child_id).values(
            age_at_incident=_age(born, incident), sex=_SEXES.get(_words(sex or ''), 'not_known'),
            ethnicity=category, ethnicity_description=description,
            **dict.fromkeys(_NOT_KNOWN_ANSWERS, 'not_known')))

    with op.batch_alter_table('notified_children', schema=None) as batch_op:
        batch_op.alter_column('age_at_incident', existing_type=sa.Integer(), nullable=False)
        for name in _NOT_KNOWN_ANSWERS:
            batch_op.alter_column(name, existing_type=sa.String(length=40), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('notified_children', schema=None) as batch_op:
        for name in ('known_agencies', 'known_to_agencies', 'child_protection_plan', 'child_in_need_plan',
                     'placement_description', 'placement_type', 'looked_after_status', 'disability_description',
                     'disability', 'ethnicity_description', 'age_at_incident'):
            batch_op.drop_column(name)

    with op.batch_alter_table('incident_notifications', schema=None) as batch_op:
        batch_op.drop_column('home_council')
        batch_op.drop_column('incident_council')
