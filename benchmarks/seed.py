"""Fill a fresh PostgreSQL database with ten years of a large partnership (benchmarks/workload.py).

    python -m benchmarks.seed --url postgresql+psycopg://postgres@127.0.0.1:5432/cspr_bench [--scale 0.1]

Drops and recreates the database, migrates it, runs every seeder whose tables exist, ANALYZEs, and writes
the ids the load run asks for to data/bench/<database>.json.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("ENVIRONMENT", "test")

from sqlalchemy import create_engine, make_url, text  # noqa: E402

import backend.models  # noqa: E402,F401  (every mapper)
from backend.core.db import make_engine  # noqa: E402
from backend.core.migrations import upgrade  # noqa: E402
from benchmarks.seeding import Seeding, run_seeders  # noqa: E402
from benchmarks.workload import AGENCY_LEAD_EMAIL, BUSINESS_OFFICE_EMAIL, SEEDERS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/cspr_bench"
# Rows per second this machine's seeding reaches (2 shared cores), for the estimate printed before starting.
ROWS_PER_SECOND = 40_000


def handles_path(url: str) -> Path:
    return ROOT / "data" / "bench" / f"{make_url(url).database}.json"


def recreate_database(url: str) -> None:
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()


def estimate_seconds(scale: float) -> float:
    return 15 + sum(s.rows for s in SEEDERS) * scale / ROWS_PER_SECOND


def seed(url: str, scale: float, progress: Any = print) -> dict[str, Any]:
    started = time.perf_counter()
    recreate_database(url)
    upgrade(url)
    progress(f"  database {make_url(url).database} created and migrated ({time.perf_counter() - started:.0f} s)")
    engine = make_engine(url)
    with engine.begin() as connection:
        # Foreign keys are checked once the rows are in, by the guard test on a small scale: not row by row here.
        connection.execute(text("SET session_replication_role = replica"))
        seeding = Seeding(connection, scale=scale, progress=progress)
        took = run_seeders(seeding, SEEDERS)
        connection.execute(text("SET session_replication_role = DEFAULT"))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))
    engine.dispose()
    info = {"url": url, "scale": scale, "rows": seeding.written, "seconds": round(time.perf_counter() - started, 1),
            "seeders": {k: round(v, 1) for k, v in took.items()},
            "skipped": [s.name for s in SEEDERS if s.name not in took],
            "logins": {"agency_lead": AGENCY_LEAD_EMAIL, "business_office": BUSINESS_OFFICE_EMAIL},
            "handles": seeding.handles}
    path = handles_path(url)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(info, indent=2))
    return info


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_URL))
    parser.add_argument("--scale", type=float, default=1.0, help="1 is ten years of a large partnership")
    args = parser.parse_args(argv)
    print(f"Seeding {make_url(args.url).database} at scale {args.scale}: about {estimate_seconds(args.scale):.0f} s.",
          flush=True)
    info = seed(args.url, args.scale, progress=lambda line: print(line, flush=True))
    print(f"Seeded {info['rows']:,} rows in {info['seconds']} s.")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
