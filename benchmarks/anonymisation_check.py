"""How long the anonymisation check and the word-level diff take on a 30,000-word overview report (a measurement,
not a test). Pure Python, no database:

    python benchmarks/anonymisation_check.py

Prints the seconds and peak memory of checking one report, and of comparing it with a second version in which
about one paragraph in ten changed.
"""

import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from backend.anonymisation.check import CaseCheck, Known  # noqa: E402
from backend.overview_reports.diff import compare  # noqa: E402

WORDS = 30_000
DETAILS = [
    Known("name", "Rowan Ashby-Kerr", "the child"), Known("name", "Dana Ashby", "Mother"),
    Known("name", "Will Kerr", "Father"), Known("date_of_birth", "2015-06-04", "the child"),
    Known("date_of_birth", "1990-02-11", "Mother"), Known("date_of_incident", "2026-11-16", "the child"),
    Known("address", "7 Lantern Court, Harbourside HB2 9XY", "the child"),
    Known("school", "Saltmarsh Primary School", "the child's school"),
    Known("ethnicity", "Mixed White and Black Caribbean", "the child"),
    Known("disability", "Cerebral palsy", "the child"),
]
SENTENCES = [
    "The health visitor saw the family at home and noted that the baby was gaining weight.",
    "Children's social care held a strategy discussion with the police and health on 3 March 2025.",
    "Professional curiosity about the adults in the household was limited, and the child's voice was not heard.",
    "The school raised concerns about attendance in the autumn term, and the family claimed benefits.",
    "Child RM was aged 4 when the family moved to Marsh Lane, near Harbourside General Hospital.",
    "Information was shared at the child protection conference but actions were not followed up.",
    "The review group considered whether escalation procedures were understood by practitioners.",
    "Call the business office on 01632 960123 or write to reviews@example.org for a copy.",
]


def report(rng: random.Random) -> str:
    paragraphs, count = [], 0
    while count < WORDS:
        paragraph = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 7)))
        count += len(paragraph.split())
        paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def measure(label: str, work: Callable[[], str]) -> None:
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    tracemalloc.start()  # a second run for the memory: tracing slows the first's clock
    work()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label}: {seconds:.3f} s, peak {peak / 1_048_576:.1f} MiB ({result})")


def versions() -> tuple[str, str]:
    rng = random.Random(2026)
    first = report(rng)
    paragraphs = first.split("\n\n")
    second = "\n\n".join(p if rng.random() > 0.1 else p.replace("the", "a") + " Added." for p in paragraphs)
    return first, second


def as_job(part: str) -> None:
    """`--json --only check|diff`: one JSON line for benchmarks/jobs.py, the seconds of the one part and this fresh
    process's peak resident memory (VmHWM, with the import baseline), as the other jobs measure."""
    import json

    from benchmarks.timed import peak_rss_mb

    first, second = versions()
    started = time.perf_counter()
    found = len(CaseCheck(DETAILS).check(first)) if part == "check" else sum(1 for _ in compare(first, second).changes)
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": round(seconds, 3), "peak_rss_mb": peak_rss_mb(), "words": len(first.split()),
                      "found": found}))


def main() -> None:
    if "--json" in sys.argv:
        as_job("diff" if "diff" in sys.argv else "check")
        return
    first, second = versions()
    print(f"report: {len(first.split())} words, {len(first)} characters")
    measure("anonymisation check", lambda: f"{len(CaseCheck(DETAILS).check(first))} findings")
    measure("diff of two versions", lambda: f"{sum(1 for _ in compare(first, second).changes)} changed words")


if __name__ == "__main__":
    main()
