"""What the jobs of `make bench` share: the peak memory of this process, the ten-year database's handles, and an
in-process client of the app signed in as the business office the load run signs in as."""

import argparse
import os
import resource
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/cspr_bench"


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the parent)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def arguments(doc: str | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_URL))
    parser.add_argument("--json", action="store_true", help="print the result as one JSON line (benchmarks/jobs.py)")
    return parser.parse_args()


def handles(url: str) -> dict[str, Any]:
    import json

    from benchmarks.seed import handles_path

    return dict(json.loads(handles_path(url).read_text()))


def _app(url: str) -> Any:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("ENVIRONMENT", "test")
    from fastapi.testclient import TestClient

    from backend.app import create_app
    from backend.core.config import get_settings
    from backend.core.db import get_engine, get_sessionmaker

    get_settings.cache_clear()
    get_engine.cache_clear()
    get_sessionmaker.cache_clear()
    return TestClient(create_app())


def sign_in(url: str) -> str:
    """An access token of the business office (argon2 takes 64 MiB to check a password: done in a process of its
    own, so the job's peak memory is the job's)."""
    from benchmarks.seeding import BENCH_PASSWORD

    with _app(url) as client:
        answer = client.post("/api/v1/auth/token", data={"grant_type": "password", "password": BENCH_PASSWORD,
                                                         "username": handles(url)["logins"]["business_office"]})
        answer.raise_for_status()
        return str(answer.json()["access_token"])


@contextmanager
def office_client(url: str) -> Iterator[Any]:
    """The app in this process on `url`, its client signed in as the business office."""
    import subprocess
    import sys

    token = subprocess.run([sys.executable, "-c", f"from benchmarks.timed import sign_in; print(sign_in({url!r}))"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    with _app(url) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        yield client
    from backend.core.db import get_engine

    get_engine().dispose()
