"""The targets of issue 13, judged; and docs/benchmarks.md (between its markers) with docs/benchmarks.png."""

import datetime as dt
import json
import os
import platform
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.endpoints import CONSTANT, ENDPOINTS
from benchmarks.jobs import JOBS

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
PLOT = ROOT / "docs" / "benchmarks.png"
BEGIN, END = "<!-- bench:begin (written by `make bench`; edit outside these markers) -->", "<!-- bench:end -->"

MIN_RATIO, MAX_P99_FACTOR, MAX_STATEMENTS, MAX_WORKER_MB, MAX_SEED_SECONDS = 0.35, 3.0, 6, 250, 300
TARGET_LEVEL = 50


@dataclass
class Results:
    full: dict[str, Any]
    tenth: dict[str, Any]
    sql: dict[str, Any]
    measures: list[Any]
    load: dict[str, Any]
    jobs: dict[str, Any]
    levels: list[int]
    duration: float
    wall_seconds: float
    when: str = field(default_factory=lambda: f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    commit: str = field(default_factory=lambda: _commit())

    def save(self, path: Path) -> None:
        data = {k: v for k, v in vars(self).items() if k != "measures"}
        data["measures"] = [vars(m) for m in self.measures]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=1))

    @classmethod
    def read(cls, path: Path) -> "Results":
        from benchmarks.load import Measure

        data = json.loads(path.read_text())
        data["measures"] = [Measure(**m) for m in data["measures"]]
        return cls(**data)


@dataclass
class Verdict:
    target: str
    figure: str
    passed: bool


@dataclass
class Row:
    role: str
    endpoint: str
    level: int
    rps: float
    p50: float
    p95: float
    p99: float
    ratio: float
    p99_factor: float
    failed: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def rows(results: Results) -> list[Row]:
    """Each measure beside the constant endpoint's at the same role and level (measured just before it)."""
    ceiling = {(m.role, m.concurrency): m for m in results.measures if m.endpoint == CONSTANT.name}
    out = []
    for m in results.measures:
        c = ceiling[(m.role, m.concurrency)]
        # No request finished within the run (sign-ins queued behind the password hashing): p99 is unbounded.
        p99_factor = m.p99 / c.p99 if c.p99 and m.requests else float("inf")
        out.append(Row(m.role, m.endpoint, m.concurrency, m.rps, m.p50, m.p95, m.p99,
                       m.rps / c.rps if c.rps else 0.0, p99_factor, m.errors + m.non_2xx))
    return out


def verdicts(results: Results) -> list[Verdict]:
    out = [Verdict("seeding ten years under 5 minutes", f"{results.full['seconds']:.0f} s",
                   results.full["seconds"] < MAX_SEED_SECONDS)]
    level = TARGET_LEVEL if TARGET_LEVEL in results.levels else max(results.levels, default=0)
    for row in rows(results):
        if row.level != level or row.endpoint == CONSTANT.name:
            continue
        out.append(Verdict(f"{row.endpoint} as {row.role} at {level} clients: throughput >= {MIN_RATIO:.0%} of "
                           "the constant endpoint's", f"{row.ratio:.0%} ({row.rps:.0f}/s)", row.ratio >= MIN_RATIO))
        p99 = (f"{row.p99_factor:.1f} x ({row.p99:.0f} ms)" if row.rps else
               f"none finished within {results.duration:g} s")
        out.append(Verdict(f"{row.endpoint} as {row.role} at {level} clients: p99 <= {MAX_P99_FACTOR:g} x the "
                           "constant endpoint's", p99,
                           row.p99_factor <= MAX_P99_FACTOR))
    for endpoint in ENDPOINTS:
        # Growth is judged per role: a role may cost a statement more than another (the business office's scope
        # reads no agency), but neither may grow with the page or the data.
        by_role: dict[str, list[int]] = {}
        for size in ("full", "tenth"):
            for role, by_page in results.sql[size].get(endpoint.name, {}).items():
                by_role.setdefault(role, []).extend(c[0] for c in by_page.values())
        if not by_role:
            continue
        counts = [c for role_counts in by_role.values() for c in role_counts]
        figure = ", ".join(f"{min(c)}-{max(c)} as {role}" if min(c) != max(c) else f"{c[0]} as {role}"
                           for role, c in by_role.items())
        out.append(Verdict(f"{endpoint.name}: at most {MAX_STATEMENTS} SQL statements, not growing with page or "
                           "data size", f"{figure} statements",
                           max(counts) <= MAX_STATEMENTS and all(min(c) == max(c) for c in by_role.values())))
    for job in JOBS:
        result = results.jobs.get(job.name)
        if result is None:
            continue
        if job.seconds is not None:
            out.append(Verdict(f"{job.name} under {job.seconds:g} s", f"{result['seconds']:.1f} s",
                               result["seconds"] < job.seconds))
        if job.peak_rss_mb is not None:
            out.append(Verdict(f"{job.name} under {job.peak_rss_mb:g} MB", f"{result['peak_rss_mb']:.0f} MB",
                               result["peak_rss_mb"] < job.peak_rss_mb))
    if results.load:
        peak = results.load["peak_rss_mb"]
        out.append(Verdict(f"API worker under {MAX_WORKER_MB} MB resident under the load", f"{peak:.0f} MB peak",
                           peak < MAX_WORKER_MB))
    return out


def _machine() -> str:
    cores = os.cpu_count()
    memory = next((int(line.split()[1]) / 1024 / 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal:")), 0.0)
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    return f"{cores} cores ({model}), {memory:.0f} GiB memory, {platform.system()} {platform.release()}"


def _commit() -> str:
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "backend", "migrations"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return sha + (" (with uncommitted changes to backend/migrations)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _held_under_load(r: list[Row]) -> list[str]:
    """Each endpoint's throughput at the most clients as a share of its own at one client (not a target): near 100%,
    the API loses nothing to concurrency and what sets its throughput is each request's own cost."""
    levels = sorted({row.level for row in r})
    if len(levels) < 2:
        return []
    low, high = levels[0], levels[-1]
    by_key = {(row.role, row.endpoint, row.level): row for row in r}
    lines = ["", f"Throughput at {high} clients as a share of the same endpoint's at {low} (not a target: near 100%, "
             "the API keeps each request's own pace under the load, and what sets its throughput is what each request "
             "costs).", "", f"| as | endpoint | req/s at {low} | req/s at {high} | kept |",
             "| --- | --- | ---: | ---: | ---: |"]
    for row in r:
        single = by_key.get((row.role, row.endpoint, low))
        if row.level != high or row.endpoint == CONSTANT.name or single is None or not single.rps:
            continue
        lines.append(f"| {row.role} | {row.endpoint} | {single.rps:.0f} | {row.rps:.0f} | {row.rps / single.rps:.0%} |")
    return lines


def _markdown(results: Results, verdicts_: list[Verdict]) -> str:
    r = rows(results)
    lines = [
        f"Run {results.when} at commit {results.commit} on {_machine()}; "
        f"load generator `{results.load.get('generator', 'none')}`, {results.duration:g} s per endpoint and level, "
        f"whole run {results.wall_seconds / 60:.1f} minutes. Other work shared the machine: absolute figures are "
        "noisy, the ratios to the constant endpoint (measured just before each endpoint) are what the targets use.",
        "",
        "### Targets",
        "",
        "| | target | figure |",
        "| --- | --- | --- |",
        *[f"| {'PASS' if v.passed else '**FAIL**'} | {v.target} | {v.figure} |" for v in verdicts_],
        "",
        "### Seeding",
        "",
        f"{results.full['rows']:,} rows in {results.full['seconds']} s (a tenth: {results.tenth['rows']:,} rows in "
        f"{results.tenth['seconds']} s). Seconds per seeder: "
        + ", ".join(f"{k} {v}" for k, v in results.full["seeders"].items()) + "."
        + (f" Skipped (table missing): {', '.join(results.full['skipped'])}." if results.full["skipped"] else ""),
        "",
    ]
    if r:
        lines += ["### Load", "", "Requests per second, latency in milliseconds, throughput as a share of the constant "
                  "endpoint's and p99 as a multiple of its p99.", ""]
        lines += ["| as | clients | endpoint | req/s | share | p50 | p95 | p99 | p99 multiple |",
                  "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for row in r:
            lines.append(f"| {row.role} | {row.level} | {row.endpoint} | {row.rps:.0f} | {row.ratio:.0%} "
                         f"| {row.p50:.1f} | {row.p95:.1f} | {row.p99:.1f} | {row.p99_factor:.1f}"
                         + (f" ({row.failed} failed)" if row.failed else "") + " |")
        lines += _held_under_load(r)
        lines += ["", f"Peak resident memory of the API worker: {results.load['peak_rss_mb']:.0f} MB.", ""]
        if results.load.get("refused"):
            lines += ["Not measured (the role may not call it): " + "; ".join(results.load["refused"]) + ".", ""]
        lines += ["![Throughput as a share of the constant endpoint](benchmarks.png)", ""]
    lines += ["### SQL per request", "", "Statements (in brackets, round trips: with BEGIN and COMMIT, and a "
              "pre-ping if the pool had one) "
              "for the second of two identical requests.", "",
              "| endpoint | as | page size | full data | a tenth |", "| --- | --- | ---: | ---: | ---: |"]
    for endpoint in ENDPOINTS:
        for role, by_size in results.sql["full"].get(endpoint.name, {}).items():
            for size, (statements, trips, _status) in by_size.items():
                small = results.sql["tenth"].get(endpoint.name, {}).get(role, {}).get(size, ["-", "-", 0])
                lines.append(f"| {endpoint.name} | {role} | {size if endpoint.paged else '-'} | "
                             f"{statements} ({trips}) | {small[0]} ({small[1]}) |")
    if results.jobs:
        lines += ["", "### Jobs", "", "| job | seconds | peak resident memory | detail |",
                  "| --- | ---: | ---: | --- |"]
        for name, job in results.jobs.items():
            detail = ", ".join(f"{k} {v}" for k, v in job.items() if k not in ("seconds", "peak_rss_mb"))
            lines.append(f"| {name} | {job['seconds']} | {job['peak_rss_mb']:.0f} MB | {detail} |")
    return "\n".join(lines) + "\n"


def _plot(results: Results) -> Path | None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    r = [row for row in rows(results) if row.endpoint != CONSTANT.name]
    if not r:
        return None
    names = list(dict.fromkeys(row.endpoint for row in r))
    roles = list(dict.fromkeys(row.role for row in r))
    figure, axes = plt.subplots(1, len(results.levels), figsize=(5 * len(results.levels), 5), sharey=True,
                                squeeze=False)
    width = 0.8 / max(len(roles), 1)
    for ax, level in zip(axes[0], results.levels, strict=True):
        for k, role in enumerate(roles):
            values = {row.endpoint: row.ratio for row in r if row.level == level and row.role == role}
            ax.barh([i + k * width for i in range(len(names))], [values.get(n, 0) for n in names], height=width,
                    label=role.replace("_", " "))
        ax.axvline(MIN_RATIO, color="black", linestyle="--", linewidth=1)
        ax.set_title(f"{level} concurrent clients")
        ax.set_xlabel("throughput / constant endpoint's")
        ax.set_yticks([i + width * (len(roles) - 1) / 2 for i in range(len(names))], names)
        ax.invert_yaxis()
    axes[0][0].legend(loc="lower right")
    figure.suptitle("Throughput as a share of the app's constant endpoint (dashed: the 35% target)")
    figure.tight_layout()
    figure.savefig(PLOT, dpi=90)
    plt.close(figure)
    return PLOT


def write(results: Results, verdicts_: list[Verdict]) -> list[Path]:
    text = DOC.read_text() if DOC.exists() else f"# Benchmarks\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text or END not in text:
        text += f"\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{BEGIN}\n{_markdown(results, verdicts_)}{END}{tail}")
    plot = _plot(results)
    return [DOC] + ([plot] if plot else [])
