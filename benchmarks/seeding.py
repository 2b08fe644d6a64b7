"""The machinery of the benchmark's seeding: a list of seeders, each writing one kind of record in bulk.

A seeder is a function `(Seeding) -> None` that builds plain rows (dicts of Python values, as the models
hold them: enum members, aware datetimes, dicts for JSON) and hands them to `Seeding.copy`, which writes them
with PostgreSQL's COPY (or executemany elsewhere, for the test that guards the seeder). Seeders run in the
order of `workload.SEEDERS`; what a later seeder needs from an earlier one (ids of agencies, users, cases,
rapid reviews, reviews...) is in `Seeding.ids`, and the few records the load run asks for by id are put in
`Seeding.handles`. A seeder whose tables are missing (a domain not merged yet) is skipped, saying so.
"""

import datetime as dt
import json
import random
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from sqlalchemy import Table, inspect, text
from sqlalchemy.engine import Connection

from backend.core.db import Base

BENCH_PASSWORD = "bench-password-not-secret"


@dataclass(frozen=True)
class Seeder:
    """One kind of record: its name, the tables it writes (all must exist), the rows it makes at full scale
    (for the progress line and the time estimate) and the function that writes them."""

    name: str
    tables: tuple[str, ...]
    rows: int
    run: Callable[["Seeding"], None]


@dataclass
class Seeding:
    connection: Connection
    scale: float = 1.0
    today: dt.date = field(default_factory=dt.date.today)
    rng: random.Random = field(default_factory=lambda: random.Random(2026))
    ids: dict[str, list[Any]] = field(default_factory=dict)
    handles: dict[str, str] = field(default_factory=dict)
    # Deadlines every seeder opens on its records, written by the last seeder together with the filler
    # that brings the registry to its ten-year size.
    deadlines: list[dict[str, Any]] = field(default_factory=list)
    progress: Callable[[str], None] = print
    written: int = 0
    password_hash: str = ""

    def count(self, full: int, minimum: int = 1) -> int:
        """`full` at this scale (the tenth-size database has a tenth of each kind of record)."""
        return max(minimum, round(full * self.scale))

    def table(self, name: str) -> Table:
        return Base.metadata.tables[name]

    @property
    def is_postgres(self) -> bool:
        return self.connection.dialect.name == "postgresql"

    def days_ago(self, days: int) -> dt.date:
        return self.today - dt.timedelta(days=days)

    def at(self, day: dt.date, hour: int = 10) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)

    def copy(self, table_name: str, rows: Iterable[dict[str, Any]], large: bool = False) -> None:
        """Write `rows` (a list, or a generator for millions) into `table_name` in one bulk operation. Every row
        has the same keys; columns left out take their server default (or NULL). `large` (over ~50,000 rows)
        drops the table's secondary indexes for the copy and builds them again after it."""
        iterator = iter(rows)
        first = next(iterator, None)
        if first is None:
            return
        table = self.table(table_name)
        columns = list(first)
        if self.is_postgres:
            self.written += _copy_postgres(self.connection, table, columns, chain([first], iterator), large)
        else:
            batch = [first, *iterator]
            self.connection.execute(table.insert(), batch)
            self.written += len(batch)


def _copy_postgres(connection: Connection, table: Table, columns: list[str], rows: Iterable[dict[str, Any]],
                   large: bool) -> int:
    """COPY FROM STDIN, each value passed through its column type's bind processing (enums stored as the app
    stores them, JSON serialised, timestamps checked to be aware UTC). Large tables lose their secondary
    indexes during the copy and get them back after: building an index once is far quicker than keeping it."""
    dialect = connection.dialect
    processors = [(i, p) for i, name in enumerate(columns)
                  if (p := table.c[name].type._cached_bind_processor(dialect)) is not None]
    raw = connection.connection.driver_connection
    assert raw is not None
    indexes: list[tuple[str, str]] = []
    if large:
        indexes = [(r[0], r[1]) for r in connection.execute(text(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = :t AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"), {"t": table.name})]
        for name, _ in indexes:
            connection.execute(text(f'DROP INDEX "{name}"'))
    names = ", ".join(f'"{c}"' for c in columns)
    written = 0
    with raw.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            written += 1
            values = [row[c] for c in columns]
            for i, process in processors:
                values[i] = process(values[i])
            copy.write_row(values)
    for _, definition in indexes:
        connection.execute(text(definition))
    return written


def missing_tables(connection: Connection, seeder: Seeder) -> list[str]:
    present = set(inspect(connection).get_table_names())
    return [t for t in seeder.tables if t not in present or t not in Base.metadata.tables]


def run_seeders(seeding: Seeding, seeders: Iterable[Seeder]) -> dict[str, float]:
    """Run each seeder whose tables exist, printing progress; returns the seconds each took."""
    from backend.core import passwords

    seeding.password_hash = passwords.hash_password(BENCH_PASSWORD)
    seeders = list(seeders)
    total_rows = sum(round(s.rows * seeding.scale) for s in seeders)
    done, took = 0, {}
    started = time.perf_counter()
    for number, seeder in enumerate(seeders, 1):
        missing = missing_tables(seeding.connection, seeder)
        if missing:
            seeding.progress(f"  [{number}/{len(seeders)}] {seeder.name}: skipped, no table {', '.join(missing)} "
                             "(that domain is not merged yet)")
            continue
        before = time.perf_counter()
        seeder.run(seeding)
        took[seeder.name] = time.perf_counter() - before
        done += round(seeder.rows * seeding.scale)
        seeding.progress(f"  [{number}/{len(seeders)}] {seeder.name}: {took[seeder.name]:.1f} s "
                         f"({100 * done / max(total_rows, 1):.0f}% of rows, {time.perf_counter() - started:.0f} s "
                         f"so far, {seeding.written:,} rows written)")
    return took


def new_id() -> uuid.UUID:
    return uuid.uuid4()


def as_json(value: Any) -> str:
    return json.dumps(value)
