"""Set-based inserts that skip rows whose unique key is already recorded (the sweep's write path).

On PostgreSQL the rows are COPYed into a temporary staging table and moved across with one
INSERT ... SELECT ... ON CONFLICT: tens of thousands of rows cost one round trip instead of a
million bound parameters. Small batches, and SQLite, use a plain INSERT ... ON CONFLICT.
"""

import enum
import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import JSON, Enum, Table, func
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

COPY_FROM = 200  # rows: below this a staging table costs more than it saves


def _converter(table: Table, column: str) -> Callable[[Any], Any] | None:
    """How a column's Python value goes into COPY (None: as it is)."""
    kind = table.c[column].type
    if isinstance(kind, JSON):
        # Many rows share one context dict (one per deadline, several recipients): serialise it once. A list of
        # text (an e-mail's recipients, its attachments: nearly always one address and none) is serialised once
        # per distinct value: 70,000 messages of a sweep have a few hundred.
        by_identity: dict[int, tuple[Any, str]] = {}
        by_value: dict[tuple[str, ...], str] = {}

        def to_json(value: Any) -> str | None:
            if value is None:
                return None
            if type(value) is list and all(type(item) is str for item in value):
                key = tuple(value)
                text = by_value.get(key)
                if text is None:
                    text = by_value[key] = json.dumps(value)
                return text
            hit = by_identity.get(id(value))
            if hit is None or hit[0] is not value:
                hit = by_identity[id(value)] = (value, json.dumps(value))
            return hit[1]

        return to_json
    if isinstance(kind, Enum):
        return lambda value: value.value if isinstance(value, enum.Enum) else value
    return None


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]], key: str,
                update: Sequence[str] = (), keep_if_null: Sequence[str] = (), count: bool = False) -> int:
    """Insert `rows`; on a clash on `key` do nothing, or, with `update`, overwrite those columns
    (`keep_if_null` ones only when the new value is not null). With `count`, returns how many rows
    were new (else -1)."""
    if not rows:
        return 0
    on_postgresql = session.get_bind().dialect.name == "postgresql"
    if not on_postgresql or len(rows) < COPY_FROM:
        return _insert(session, postgresql if on_postgresql else sqlite, table, rows, key, update, keep_if_null, count)
    columns = list(rows[0])
    converters = [(c, _converter(table, c)) for c in columns]
    names = ", ".join(columns)
    staging = f"staging_{table.name}"
    connection = session.connection()
    connection.exec_driver_sql(f"CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS "
                               f"SELECT {names} FROM {table.name} WITH NO DATA")
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor, cursor.copy(f"COPY {staging} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[c] if convert is None else convert(row[c]) for c, convert in converters])
    sql = f"INSERT INTO {table.name} ({names}) SELECT {names} FROM {staging} ON CONFLICT ({key}) "
    if update:
        sets = [f"{c} = COALESCE(EXCLUDED.{c}, {table.name}.{c})" if c in keep_if_null else f"{c} = EXCLUDED.{c}"
                for c in update]
        sql += "DO UPDATE SET " + ", ".join(sets)
    else:
        sql += "DO NOTHING"
    inserted = connection.exec_driver_sql(sql).rowcount
    connection.exec_driver_sql(f"DROP TABLE {staging}")
    return inserted if count else -1


def _insert(session: Session, dialect: Any, table: Table, rows: Sequence[dict[str, Any]], key: str,
            update: Sequence[str], keep_if_null: Sequence[str], count: bool) -> int:
    stmt = dialect.insert(table)
    if update:
        stmt = stmt.on_conflict_do_update(index_elements=[key], set_={
            c: func.coalesce(stmt.excluded[c], table.c[c]) if c in keep_if_null else stmt.excluded[c]
            for c in update})
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=[key])
    if count:
        return len(session.execute(stmt.returning(*table.primary_key.columns), list(rows)).all())
    session.execute(stmt, list(rows))
    return -1
