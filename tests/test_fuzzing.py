"""Schemathesis against the running service: every operation in the OpenAPI document, whenever it was added,
as the business office, as an agency lead and unauthenticated, with every check and every phase (stateful
through the document's links). No server error, no answer the schema does not describe.

The configuration (tests/schemathesis.toml) and hooks (tests/fuzz_hooks.py) say what is held to what. Runs once
(on SQLite, on a live server), however many databases the rest of the suite runs on. FUZZ_SECONDS is each
caller's time budget (40 by default: about two and a half minutes in all on a 2-core machine).

Locally every run draws new cases, to keep finding faults; under CI (`CI=true`) the seed is fixed (FUZZ_SEED, or
the one below), so a red run can be repeated exactly and a change is judged on the cases it was tried on.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from backend.core.config import ROOT
from tests.live_server import live_server

SECONDS = int(os.environ.get("FUZZ_SECONDS", "40"))
SEED = os.environ.get("FUZZ_SEED") or ("20261202" if os.environ.get("CI") == "true" else None)
CALLERS = {
    "unauthenticated": None,
    "agency lead": "trust.lead@harbourside-scp.org.uk",
    "business office": "business.office@harbourside-scp.org.uk",
}


def _st() -> str:
    found = shutil.which("st", path=str(Path(sys.executable).parent)) or shutil.which("st")
    if found is None:
        pytest.fail("schemathesis is not installed: pip install -e '.[test]'")
    return found


def test_schemathesis_finds_no_server_error_and_no_answer_the_schema_does_not_describe(tmp_path: Path):
    st = _st()
    figures, failures = {}, []
    with live_server(tmp_path) as server:
        # Every token first: the business office's run may change the other demo accounts.
        headers = {who: ["-H", f"Authorization: Bearer {server.token(email)}"] if email else []
                   for who, email in CALLERS.items()}
        for who in CALLERS:
            before = len(server.statuses())
            reports = tmp_path / who.replace(" ", "-")
            run = subprocess.run(
                [st, "--config-file", str(ROOT / "tests" / "schemathesis.toml"), "run",
                 f"{server.base_url}/api/openapi.json", "--max-time", str(SECONDS), *headers[who],
                 "--report", "json", "--report-dir", str(reports), *(["--seed", SEED] if SEED else [])],
                cwd=tmp_path, env=server.env, capture_output=True, text=True, timeout=SECONDS + 240,
            )
            report = json.loads(next(reports.glob("*.json")).read_text())
            statuses = server.statuses()[before:]
            figures[who] = {
                "operations": report["operations"]["tested"], "test_cases": report["test_cases"]["generated"],
                "requests": len(statuses), "server_errors": sum(s >= 500 for s in statuses),
                "failures": sum(f["count"] for f in report["failures"]), "errors": len(report["errors"]),
                "phases": {name: phase["status"] for name, phase in report["phases"].items()},
            }
            if run.returncode != 0 or figures[who]["server_errors"]:
                # The failures themselves come first; the warnings after them matter less.
                start = run.stdout.find("= FAILURES =")
                failures.append(f"--- as {who} ---\n" + run.stdout[start:start + 20000])
    print(f"\nFUZZ seed={SEED or 'random'} " + json.dumps(figures))
    assert failures == [], "\n".join(failures)
    for who, numbers in figures.items():
        assert numbers["operations"] >= 100 and numbers["requests"] > 500, (who, numbers)
        assert "skip" not in numbers["phases"].values(), (who, numbers)
