"""Timed jobs: batch work measured for seconds and peak memory, each in a process of its own.

A job is a module run as `python -m <module> --url <the ten-year database> --sweep-only`-style entry point that
prints one JSON line with at least `seconds` and `peak_rss_mb` (see reminder_sweep.py). Add a domain's job (an
XLSX export, a chronology export, an anonymisation check, an import) as one `Job(...)` entry in `JOBS`.
"""

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Job:
    name: str
    module: str
    args: tuple[str, ...] = ()
    seconds: float | None = None  # target, if the issue sets one
    peak_rss_mb: float | None = None
    # Whether the job needs the ten-year database (`--url` is passed) or builds its own.
    uses_bench_database: bool = True


JOBS: list[Job] = [
    Job("reminder sweep over 100,000 open deadlines", "benchmarks.reminder_sweep", ("--json",), seconds=10,
        uses_bench_database=False),
    Job("XLSX export of 20,000 actions", "benchmarks.actions_export", ("--json",), seconds=15, peak_rss_mb=300),
    Job("integrated chronology export (2,000 entries, XLSX)", "benchmarks.chronology_export", ("--json",)),
    Job("anonymisation check of a 30,000-word report", "benchmarks.anonymisation_check", ("--json", "--only", "check"),
        seconds=2, uses_bench_database=False),
    Job("diff of two 30,000-word versions", "benchmarks.anonymisation_check", ("--json", "--only", "diff"),
        uses_bench_database=False),
    Job("history import of 1,000 recommendations", "benchmarks.history_import", ("--json",)),
]


def run_job(job: Job, url: str) -> dict[str, Any]:
    command = [sys.executable, "-m", job.module, *job.args] + (["--url", url] if job.uses_bench_database else [])
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))
