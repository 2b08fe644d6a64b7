"""How long the reminder sweep takes over 100,000 open deadlines on PostgreSQL, and its peak memory.

    python -m benchmarks.reminder_sweep [--url postgresql+psycopg://postgres@127.0.0.1:5432/cspr_bench_sweep]

A database of its own (the ten-year one has few open deadlines, as a real one would): recreated, migrated and
filled with 60 agencies, their people and 100,000 open deadlines (due from three weeks ago to four months
ahead, owned by users, agencies and roles). The sweep then runs in a fresh process, once and again the same
day; that process's peak resident memory is its import baseline plus what the sweep held at once.
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/cspr_bench_sweep"
DEADLINES, AGENCIES = 100_000, 60


def populate(url: str, deadlines: int = DEADLINES) -> None:
    os.environ.setdefault("ENVIRONMENT", "test")
    from sqlalchemy import text

    import backend.models  # noqa: F401
    from backend.core import clock
    from backend.core.access import Role
    from backend.core.db import make_engine
    from backend.core.migrations import upgrade
    from backend.deadlines.models import CHILD, DeadlineKind, DeadlineStatus, SubjectType
    from backend.identity.models import AgencyKind, ReminderDelivery
    from benchmarks.seed import recreate_database
    from benchmarks.seeding import Seeding

    recreate_database(url)
    upgrade(url)
    rng = random.Random(2026)
    now, today = clock.now(), clock.today()
    engine = make_engine(url)
    with engine.begin() as connection:
        s = Seeding(connection)
        agencies = [{"id": uuid.uuid4(), "name": f"Agency {n}", "kind": AgencyKind.other, "safeguarding_partner": None,
                     "active": True, "created_at": now, "updated_at": now} for n in range(AGENCIES)]
        s.copy("agencies", agencies)
        users: list[dict[str, Any]] = []
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
        s.copy("users", users)
        cases = [{"id": uuid.uuid4(), "reference": f"Child {n}", "created_at": now, "updated_at": now}
                 for n in range(997)]
        s.copy("cases", cases)
        kinds = list(DeadlineKind)
        people = [u for u in users if u["role"] in (Role.agency_lead, Role.agency_manager)]
        rows = []
        for n in range(deadlines):
            owner = n % 3
            rows.append({
                "id": uuid.uuid4(), "kind": kinds[n % len(kinds)], "subject_type": SubjectType.action,
                "subject_id": uuid.uuid4(), "title": f"Benchmark deadline {n} for {CHILD}",
                "case_id": cases[n % 997]["id"], "link": f"/bench/{n}",
                "due_date": today + timedelta(days=rng.randint(-21, 120)), "status": DeadlineStatus.open,
                "owner_user_id": rng.choice(people)["id"] if owner == 0 else None,
                "owner_agency_id": rng.choice(agencies)["id"] if owner == 1 else None,
                "owner_role": Role.business_office if owner == 2 else None,
                "created_at": now, "updated_at": now})
        s.copy("deadlines", rows, large=True)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))
    engine.dispose()


def _rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the parent)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sweep_once(url: str) -> dict[str, Any]:
    """In this process: the sweep, then again the same day; seconds, what was queued and peak memory."""
    os.environ.setdefault("ENVIRONMENT", "test")
    from sqlalchemy import func, select
    from sqlalchemy.orm import sessionmaker

    import backend.models  # noqa: F401
    from backend.core.db import make_engine
    from backend.reminders.models import DigestItem, OutboxMessage
    from backend.reminders.sweep import sweep

    engine = make_engine(url)
    sessions = sessionmaker(bind=engine, expire_on_commit=False)
    with sessions() as session:  # connect and warm the mappers before measuring
        session.scalar(select(func.count()).select_from(OutboxMessage))
    baseline = _rss_mb()
    times, recorded = [], []
    for _ in range(2):
        started = time.perf_counter()
        with sessions() as session:
            recorded.append(sweep(session))
            session.commit()
        times.append(time.perf_counter() - started)
    with sessions() as session:
        emails = session.scalar(select(func.count()).select_from(OutboxMessage))
        digest_items = session.scalar(select(func.count()).select_from(DigestItem))
    engine.dispose()
    return {"deadlines": DEADLINES, "seconds": round(times[0], 2), "again_seconds": round(times[1], 2),
            "recorded": recorded[0], "again_recorded": recorded[1], "emails": emails, "digest_items": digest_items,
            "peak_rss_mb": round(_rss_mb(), 1), "baseline_rss_mb": round(baseline, 1)}


def measure(url: str = DEFAULT_URL) -> dict[str, Any]:
    populate(url)
    out = subprocess.run([sys.executable, "-m", "benchmarks.reminder_sweep", "--url", url, "--sweep-only"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default=os.environ.get("BENCH_SWEEP_URL", DEFAULT_URL))
    parser.add_argument("--sweep-only", action="store_true", help="(internal) sweep the populated database")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON line (benchmarks/jobs.py)")
    args = parser.parse_args()
    if args.sweep_only:
        print(json.dumps(sweep_once(args.url)))
        return
    result = measure(args.url)
    if args.json:
        print(json.dumps(result))
        return
    print(f"open deadlines:        {result['deadlines']:,}")
    print(f"first sweep:           {result['seconds']:.2f} s, {result['recorded']:,} recorded "
          f"({result['emails']:,} e-mails queued in the outbox, {result['digest_items']:,} reminders held for digests)")
    print(f"second sweep same day: {result['again_seconds']:.2f} s, {result['again_recorded']:,} recorded")
    print(f"peak memory:           {result['peak_rss_mb']:.0f} MB resident ({result['baseline_rss_mb']:.0f} MB before)")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
