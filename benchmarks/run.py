"""`make bench`: seed, load, count SQL, time the jobs, print PASS/FAIL, write docs/benchmarks.md and its plot.

    python -m benchmarks.run [--levels 1,10,50] [--duration 5] [--reuse] [--skip-load] ...

Not a test: the figures depend on the machine. Ratios to the app's own constant endpoint, measured in the same
run, are what the targets are set on, so they hold on a shared or slow machine where absolute times do not.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import make_url

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("ENVIRONMENT", "test")

from benchmarks import report  # noqa: E402
from benchmarks.endpoints import ENDPOINTS  # noqa: E402
from benchmarks.jobs import JOBS, run_job  # noqa: E402
from benchmarks.seed import DEFAULT_URL, estimate_seconds, handles_path, seed  # noqa: E402
from benchmarks.seeding import BENCH_PASSWORD  # noqa: E402

RESULTS = ROOT / "data" / "bench" / "results.json"


def tenth_url(url: str) -> str:
    target = make_url(url)
    return target.set(database=f"{target.database}_tenth").render_as_string(hide_password=False)


def _seed_or_reuse(url: str, scale: float, reuse: bool, log: Any) -> dict[str, Any]:
    path = handles_path(url)
    if reuse and path.exists():
        info = dict(json.loads(path.read_text()))
        if info.get("scale") == scale:
            log(f"Reusing {make_url(url).database} (seeded at scale {scale} in {info['seconds']} s).")
            return info
    log(f"Seeding {make_url(url).database} at scale {scale} (about {estimate_seconds(scale):.0f} s):")
    info = seed(url, scale, progress=log)
    log(f"  {info['rows']:,} rows in {info['seconds']} s.")
    return info


def _count_sql(url: str, log: Any) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-m", "benchmarks.sqlcount", "--url", url, "--info", str(handles_path(url)),
                          "--password", BENCH_PASSWORD], cwd=ROOT, capture_output=True, text=True)
    if out.returncode:
        log(out.stderr[-3000:])
        out.check_returncode()
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_URL))
    parser.add_argument("--levels", default=os.environ.get("BENCH_LEVELS", "1,10,50"),
                        help="concurrent clients, comma-separated (default 1,10,50)")
    parser.add_argument("--duration", type=float, default=float(os.environ.get("BENCH_DURATION", "5")),
                        help="seconds per endpoint and level (default 5)")
    parser.add_argument("--reuse", action="store_true", help="keep an already seeded database of the same scale")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-jobs", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    parser.add_argument("--report-only", action="store_true",
                        help="judge and write docs/benchmarks.md again from the last run's data/bench/results.json")
    args = parser.parse_args(argv)
    if args.report_only:
        return _report(report.Results.read(RESULTS), write=not args.no_write)
    levels = [int(n) for n in args.levels.split(",") if n.strip()]

    def log(line: str) -> None:
        print(line, flush=True)

    calls = 2 * len(levels) * (len(ENDPOINTS) + 1)
    estimate = (estimate_seconds(1.0) + estimate_seconds(0.1) + 30
                + (0 if args.skip_load else calls * (args.duration + 3) + 2 * len(levels) * 20 + 30)
                + (0 if args.skip_jobs else 30 * len(JOBS)))
    log(f"make bench: about {estimate / 60:.0f} minutes ({calls} load runs of {args.duration:g} s at "
        f"{', '.join(map(str, levels))} clients, seeding about {estimate_seconds(1.0):.0f} s).")
    started = time.perf_counter()

    full = _seed_or_reuse(args.url, 1.0, args.reuse, log)
    tenth = _seed_or_reuse(tenth_url(args.url), 0.1, args.reuse, log)

    log("SQL statements per request (full and a tenth of the data, page sizes 10 and 100)...")
    sql = {"full": _count_sql(args.url, log), "tenth": _count_sql(tenth_url(args.url), log)}

    measures: list[Any] = []
    load_info: dict[str, Any] = {}
    if not args.skip_load:
        from benchmarks.load import generator, run_load

        log(f"Load ({generator()}): {args.duration:g} s per endpoint at {', '.join(map(str, levels))} clients...")
        measures, load_info = run_load(args.url, full, levels, args.duration, BENCH_PASSWORD, progress=log)

    jobs: dict[str, Any] = {}
    if not args.skip_jobs:
        for job in JOBS:
            log(f"{job.name}...")
            jobs[job.name] = run_job(job, args.url)
            log(f"  {jobs[job.name]['seconds']} s, peak {jobs[job.name]['peak_rss_mb']} MB resident")

    results = report.Results(full=full, tenth=tenth, sql=sql, measures=measures, load=load_info, jobs=jobs,
                             levels=levels, duration=args.duration, wall_seconds=time.perf_counter() - started)
    results.save(RESULTS)
    return _report(results, write=not args.no_write)


def _report(results: "report.Results", write: bool) -> int:
    verdicts = report.verdicts(results)
    print("")
    for verdict in verdicts:
        print(f"{'PASS' if verdict.passed else 'FAIL'}  {verdict.target}: {verdict.figure}")
    if write:
        written = report.write(results, verdicts)
        print(f"\nWrote {', '.join(str(p.relative_to(ROOT)) for p in written)}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
