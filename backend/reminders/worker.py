"""A small job runner: reminder sweep, daily digests, outbox recovery and delivery, every interval.

`python -m backend worker` runs it as its own process; with `RUN_WORKER_IN_PROCESS` (on in
development) the API runs it in a background thread. Any number of runners may run at once: each
job is safe to run concurrently. Other domains add jobs by appending `(name, callable)` to `JOBS`;
a job takes a session factory, commits its own transactions and returns how many things it did.
"""

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from backend.core.config import get_settings
from backend.reminders import delivery
from backend.reminders.digest import send_digests
from backend.reminders.sweep import sweep

logger = logging.getLogger("backend.worker")
SessionFactory = Callable[[], Session]
Job = Callable[[SessionFactory], int]


def _in_transaction(work: Callable[[Session], int]) -> Job:
    def job(session_factory: SessionFactory) -> int:
        with session_factory() as session:
            try:
                done = work(session)
                session.commit()
            except Exception:
                session.rollback()
                raise
            return done

    job.__name__ = work.__name__
    return job


JOBS: list[tuple[str, Job]] = [
    ("reminder_sweep", _in_transaction(sweep)),
    ("daily_digests", _in_transaction(send_digests)),
    ("outbox_requeue_stuck", delivery.requeue_stuck),
    ("outbox_delivery", delivery.send_queued),
]


def _default_factory() -> SessionFactory:
    from backend.core.db import get_sessionmaker

    return get_sessionmaker()


def run_once(session_factory: SessionFactory | None = None) -> dict[str, int]:
    """Run every job once; a failing job is logged and the others still run."""
    factory = session_factory or _default_factory()
    results: dict[str, int] = {}
    for name, job in list(JOBS):
        try:
            results[name] = job(factory)
        except Exception:
            logger.exception("Worker job %s failed; it will run again next time", name)
            results[name] = -1
    return results


def run_forever(interval: float | None = None, session_factory: SessionFactory | None = None,
                stop: threading.Event | None = None) -> None:
    interval = interval or get_settings().worker_interval_seconds
    stop = stop or threading.Event()
    while not stop.is_set():
        results = run_once(session_factory)
        if any(results.values()):
            logger.info("Worker run: %s", ", ".join(f"{k}={v}" for k, v in results.items()))
        write_heartbeat()
        stop.wait(interval)


def write_heartbeat(path: Path | None = None) -> None:
    target = path or get_settings().worker_heartbeat_file
    try:
        target.write_text(f"{time.time():.0f}\n")
    except OSError:
        logger.warning("Could not write the worker heartbeat file %s", target)


def heartbeat_is_fresh(path: Path | None = None, max_age: float | None = None) -> bool:
    """The container health check: the worker finished a run recently (three intervals, at least 3 minutes)."""
    settings = get_settings()
    target = path or settings.worker_heartbeat_file
    limit = max_age or max(3 * settings.worker_interval_seconds, 180)
    try:
        return time.time() - target.stat().st_mtime <= limit
    except OSError:
        return False


class BackgroundWorker:
    """The worker in a daemon thread of the API process (`make run`)."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="cspr-worker", daemon=True)

    def _run(self) -> None:
        run_forever(self.interval, stop=self._stop)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)
