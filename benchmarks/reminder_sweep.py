"""How long the reminder sweep takes over 100,000 open deadlines on PostgreSQL (a measurement, not a test).

    BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/cspr_bench python benchmarks/reminder_sweep.py

Creates the database if missing, migrates it, replaces its agencies, users and deadlines with
generated ones (due dates from three weeks ago to four months ahead, owned by users, agencies and
roles), runs the sweep once, then again, and prints the seconds each took and what was queued.
"""

import os
import random
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("ENVIRONMENT", "test")

from sqlalchemy import create_engine, func, insert, make_url, select, text  # noqa: E402
from sqlalchemy.orm import sessionmaker  # noqa: E402

import backend.models  # noqa: E402,F401
from backend.cases.models import Case  # noqa: E402
from backend.core import clock  # noqa: E402
from backend.core.access import Role  # noqa: E402
from backend.core.db import make_engine  # noqa: E402
from backend.core.migrations import upgrade  # noqa: E402
from backend.deadlines.models import CHILD, Deadline, DeadlineStatus  # noqa: E402
from backend.identity.models import Agency, AgencyKind, ReminderDelivery, User  # noqa: E402
from backend.reminders.models import DigestItem, OutboxMessage  # noqa: E402
from backend.reminders.policy import DEFAULT_POLICIES  # noqa: E402
from backend.reminders.sweep import sweep  # noqa: E402

URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/cspr_bench")
DEADLINES, AGENCIES = 100_000, 60


def create_database_if_missing(url: str) -> None:
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        if not connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": target.database}):
            connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()


def populate(engine) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(2026)
    now, today = clock.now(), clock.today()
    with engine.begin() as connection:
        connection.execute(text("TRUNCATE reminder_digest_items, outbox_messages, reminder_progress, deadlines, "
                                "reminder_policies, users, agencies, cases CASCADE"))
        agencies = [{"id": uuid.uuid4(), "name": f"Agency {n}", "kind": AgencyKind.other, "statutory_partner": False,
                     "active": True, "created_at": now, "updated_at": now} for n in range(AGENCIES)]
        connection.execute(insert(Agency), agencies)
        users = []
        for agency in agencies:
            for role, count in ((Role.agency_lead, 2), (Role.agency_manager, 1)):
                users += [{"agency_id": agency["id"], "role": role} for _ in range(count)]
        central = (Role.business_office,) * 3 + (Role.strategic_lead,) * 2
        users += [{"agency_id": None, "role": role} for role in central]
        for n, user in enumerate(users):
            user |= {"id": uuid.uuid4(), "name": f"User {n}", "email": f"user{n}@bench.example.org",
                     "password_hash": "x", "active": True, "failed_login_count": 0, "created_at": now,
                     "updated_at": now, "reminder_delivery": ReminderDelivery.daily_digest if n % 5 == 0
                     else ReminderDelivery.individual}
        connection.execute(insert(User), users)
        cases = [{"id": uuid.uuid4(), "reference": f"Child {n}", "created_at": now, "updated_at": now}
                 for n in range(997)]
        connection.execute(insert(Case), cases)
        kinds = [k for k in DEFAULT_POLICIES if k != "default"] + ["local_kind"]
        people = [u for u in users if u["role"] in (Role.agency_lead, Role.agency_manager)]
        rows = []
        for n in range(DEADLINES):
            owner = n % 3
            rows.append({
                "id": uuid.uuid4(), "kind": kinds[n % len(kinds)], "subject_type": "bench", "subject_id": uuid.uuid4(),
                "title": f"Benchmark deadline {n} for {CHILD}", "case_id": cases[n % 997]["id"], "link": f"/bench/{n}",
                "due_date": today + timedelta(days=rng.randint(-21, 120)), "status": DeadlineStatus.open,
                "owner_user_id": rng.choice(people)["id"] if owner == 0 else None,
                "owner_agency_id": rng.choice(agencies)["id"] if owner == 1 else None,
                "owner_role": Role.business_office if owner == 2 else None,
                "created_at": now, "updated_at": now})
        for start in range(0, len(rows), 10_000):
            connection.execute(insert(Deadline), rows[start:start + 10_000])
    with engine.connect() as connection:
        connection.execute(text("ANALYZE"))


def timed_sweep(sessions) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    with sessions() as session:
        recorded = sweep(session)
        session.commit()
    return time.perf_counter() - started, recorded


def main() -> None:
    create_database_if_missing(URL)
    upgrade(URL)
    engine = make_engine(URL)
    populate(engine)
    sessions = sessionmaker(bind=engine, expire_on_commit=False)
    first, recorded = timed_sweep(sessions)
    with sessions() as session:
        emails = session.scalar(select(func.count()).select_from(OutboxMessage))
        digest_items = session.scalar(select(func.count()).select_from(DigestItem))
    second, again = timed_sweep(sessions)
    print(f"open deadlines:        {DEADLINES:,}")
    print(f"first sweep:           {first:.2f} s, {recorded:,} recorded "
          f"({emails:,} e-mails queued in the outbox, {digest_items:,} reminders held for digests)")
    print(f"second sweep same day: {second:.2f} s, {again:,} recorded")
    engine.dispose()


if __name__ == "__main__":
    main()
